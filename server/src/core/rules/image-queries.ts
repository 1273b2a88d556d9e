/**
 * Which images a document runs or builds on, as registry queries (the
 * resolved reference and the platform asked for), and the facts the adapter
 * passed for them. The analysis lists a document's queries in its result,
 * so an adapter knows what to look up without parsing anything itself.
 */
import type { From } from 'dockerfile-ast';
import type { ComposeModel, ComposeService } from '../compose/model';
import type { DockerfileModel, Stage } from '../dockerfile/model';
import { platformOf, queryKey, type ImageFacts, type ImageFactsLookup, type ImageQuery } from '../image-facts';
import type { Position, TextEdit } from '../types';
import { setting } from './compose/helpers';
import { serviceImage } from './compose/image-reference';

/** The query for the image a stage's FROM names (not a stage, not scratch, resolved). */
export function stageQuery(stage: Stage): ImageQuery | null {
  const image = stage.base?.image;
  if (!image) return null;
  const platform = (stage.from.node as From).getPlatformFlag?.()?.getValue() ?? null;
  return { reference: image.text, platform: platformOf(platform) };
}

/** The stage whose FROM names the image a stage is ultimately built on (following FROM <stage>). */
function rootStage(stage: Stage): Stage {
  const seen = new Set<Stage>();
  let current = stage;
  while (current.parent && !seen.has(current)) {
    seen.add(current);
    current = current.parent;
  }
  return current;
}

/** The registry's facts about the image a stage is ultimately built on, when the adapter passed them. */
export function rootImageFacts(images: ImageFactsLookup | undefined, stage: Stage): ImageFacts | undefined {
  const query = images && stageQuery(rootStage(stage));
  return query ? images.factsFor(query) : undefined;
}

/** The query for the image a Compose service runs (its `image:`, with its `platform:`). */
export function serviceQuery(model: ComposeModel, service: ComposeService): ImageQuery | null {
  const image = serviceImage(model, service);
  if (!image) return null;
  const platform = setting(model, service, 'platform');
  return { reference: image.text, platform: platform?.unknown ? null : platformOf(platform?.text) };
}

/** The facts of the image a service runs: its `image:`'s, or those of the base of the Dockerfile it builds. */
export function serviceImageFacts(
  images: ImageFactsLookup | undefined,
  model: ComposeModel,
  service: ComposeService,
): ImageFacts | undefined {
  if (!images) return undefined;
  if (service.entries.has('build')) {
    const stage = model.builtDockerfile(service)?.model.finalStage;
    return stage ? rootImageFacts(images, stage) : undefined;
  }
  const query = serviceQuery(model, service);
  return query ? images.factsFor(query) : undefined;
}

/** Every image the Dockerfile's stages are built on, each once. */
export function dockerfileImageQueries(model: DockerfileModel): ImageQuery[] {
  return unique(model.stages.map(stageQuery));
}

/** Every image the Compose file's services run, and those the Dockerfiles they build start from. */
export function composeImageQueries(model: ComposeModel): ImageQuery[] {
  const queries: (ImageQuery | null)[] = [];
  for (const service of model.allServices) {
    if (!service.entries.has('build')) queries.push(serviceQuery(model, service));
    else queries.push(...(model.builtDockerfile(service)?.model.stages.map(stageQuery) ?? []));
  }
  return unique(queries);
}

/** The insertion of `@<digest>` after a reference that ends at `end` (its tag is kept: `nginx:1.27@sha256:…`). */
export function pinEdit(end: Position, digest: string): TextEdit {
  return { range: { start: end, end }, newText: `@${digest}` };
}

function unique(queries: readonly (ImageQuery | null)[]): ImageQuery[] {
  const byKey = new Map<string, ImageQuery>();
  for (const query of queries) if (query && !byKey.has(queryKey(query))) byKey.set(queryKey(query), query);
  return [...byKey.values()];
}
