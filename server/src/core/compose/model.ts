/**
 * The Compose model the rules read: the services, networks and volumes of
 * the analysed document as `docker compose` would run them — anchors and
 * `<<` merge keys, override files, `extends` and `include`s applied (see
 * project.ts), `${VAR}` interpolated from the project's `.env`, and the
 * Dockerfile a service builds. Built once per document version.
 *
 * A setting keeps the node it was written in: the analysed document's own
 * node (an anchor's, for a setting that comes from an anchor: that is where
 * the user changes it), or a copy of another file's node that knows the
 * place here that pulls that file in (origins.ts).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, YAMLMap, type Document, type Node, type Pair } from 'yaml';
import type { FileReader, Range } from '../types';
import { inEveryLanguage, type Localized } from '../l10n';
import { COMPOSE_PROBLEM_TEXTS } from './problem-messages';
import { substitute, type VariableLookup } from '../variables';
import { buildDockerfileModel, type DockerfileModel } from '../dockerfile/model';
import { wholeCodePoints, type LineIndex } from '../text';
import { dotEnvValues } from './dotenv';
import { RESET_TAG, tagOf, type MergeContext } from './merge';
import { ForeignContent, MAX_COPIED_NODES, type ForeignPlace } from './origins';
import { joinPath, relativePath } from './paths';
import { indentUnit } from './yaml-text';
import { ComposeProject, type EffectiveDefinition } from './project';
import {
  ALIAS_BUDGET,
  AliasBudget,
  ComposeSource,
  mappingPairs,
  type MappingPair,
  type ServiceSegment,
} from './source';
import type { ComposeParseCache } from './parse-cache';

export interface ComposeEntry {
  key: string;
  keyRange: Range;
  value: Node | null;
  valueRange: Range;
  /** Set when the entry was merged in from an anchor (`<<: *common`). */
  anchor?: string;
}

export interface ComposeValue {
  /** The scalar after interpolation, or null for maps, sequences and nulls. */
  text: string | null;
  /** True when interpolation left a variable without a value: neither safe nor unsafe. */
  unknown: boolean;
  range: Range;
  node: Node | null;
}

export interface ComposeService {
  name: string;
  keyRange: Range;
  /** The analysed document's own mapping for the service; null when another file defines it (an `include`). */
  node: YAMLMap | null;
  /** Its settings after merge keys, `extends` and override files. */
  readonly entries: Map<string, ComposeEntry>;
  /** Block-style child indentation, for fixes that add a key; null when the service is written in flow style. */
  childIndent: string | null;
  /** The segment the service was parsed from, when the document was parsed in segments. */
  segment?: ServiceSegment;
}

/**
 * A service with neither `image` nor `build` once merged: a fragment that
 * another file completes (or a `provider` service, which runs no container).
 * It cannot run as it is, so what it does not set is no finding.
 */
export function isFragment(service: ComposeService): boolean {
  return !service.entries.has('image') && !service.entries.has('build');
}

export interface BuiltDockerfile {
  path: string;
  /** The path for messages: relative to the analysed document's folder (no absolute path of this machine). */
  shownPath: string;
  model: DockerfileModel;
}

export interface ComposeProblem {
  /** In every language: the model is built once for all of them. */
  message: Localized<string>;
  range: Range;
  /** What kind of problem: YAML syntax and limits, or a reference Compose cannot follow. */
  kind: 'syntax' | 'reference';
}

export interface ComposeModel {
  kind: 'compose';
  text: string;
  lines: LineIndex;
  path?: string;
  /** The services a run of the rules checks: every service of the document, or one when the others' findings are reused. */
  services: readonly ComposeService[];
  /** Every service this document defines or `include`s, in its order. */
  allServices: readonly ComposeService[];
  /** True when this file alone makes up the project: no override file, include or extends from another file. */
  standalone: boolean;
  /** Every parsed segment (top-level blocks and services) with its start offset, in document order; empty when parsed whole. */
  segments: readonly { document: Document; start: number }[];
  /**
   * What the services' findings read outside their own text, besides files
   * and the anchors, `extends` and `service:` references they name: the
   * top-level named volumes (a volume may bind a host path) and networks,
   * the file format's version (the form a limit fix writes), the top-level
   * secrets and configs (which a secret fix adds to), and the file's
   * indentation step (which every fix that nests a level writes).
   * The findings of an unchanged service are reused only while it reads the same.
   */
  serviceContext: string;
  /** Any service of the project by name (for `network_mode: service:db`), or null. */
  service(name: string): ComposeService | null;
  /**
   * The top-level networks a run of the rules checks, as `services` are the
   * services it checks: all the document's networks in the run over its own
   * top-level sections, none in a service's run (see service-runs.ts). To
   * read a network a service uses, look it up with `network`.
   */
  networks: ReadonlyMap<string, ComposeEntry>;
  /** A top-level network of the project by name, merged across its files, or null; in every run. */
  network(name: string): ComposeEntry | null;
  /** A top-level named volume of the project, merged across its files, or null. */
  volume(name: string): ComposeEntry | null;
  /** YAML errors, limits and broken references, already phrased for the user; complete once the rules have run. */
  problems(): ComposeProblem[];
  /** Adds a broken reference a rule met following references between services (once per place and message). */
  reportReference(message: Localized<string>, range: Range): void;
  /** Reads a setting's value with aliases resolved and variables substituted. */
  value(node: Node | null, fallbackRange: Range): ComposeValue;
  entriesOf(node: Node | null): Map<string, ComposeEntry>;
  itemsOf(node: Node | null): Node[];
  rangeOf(node: Node | null | undefined): Range | null;
  /** True when the node is written in the analysed document, so its offsets index `text`. */
  isLocal(node: Node | null | undefined): boolean;
  /** A relative path as Compose resolves it for the file the node is written in. */
  resolvePath(node: Node | null, relative: string): string;
  builtDockerfile(service: ComposeService): BuiltDockerfile | null;
  /** Another file's text through the reader the caller passed in (env files); undefined when unavailable. */
  fileText(path: string): string | undefined;
  /** For a range on another file's content: where that content is and how this document pulls it in. */
  placeOf(range: Range): ForeignPlace | undefined;
  /** The analysed document's own top-level pair of `key` (its first), for edits at the top level; null when absent. */
  topLevel(key: string): Pair<Node, Node | null> | null;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function buildComposeModel(
  written: string,
  options: { path?: string; files?: FileReader; cache?: ComposeParseCache } = {},
): ComposeModel {
  const budget = new AliasBudget();
  const local = new ComposeSource(written, options.path, options.cache?.segments);
  const { text, lines } = local;
  const resolve = local.resolver(budget);
  const foreign = new ForeignContent();
  const problems: ComposeProblem[] = local.parsed.errors.map((error) => ({
    kind: 'syntax',
    message: error.message,
    // `yaml` points at one UTF-16 unit, which may be half of an emoji.
    range: lines.rangeOf(...wholeCodePoints(text, error.start, Math.max(error.end, error.start))),
  }));
  const crossFile = options.path !== undefined && options.files !== undefined;
  const dotEnv = crossFile ? dotEnvValues(options.files!.read(joinPath(local.dir, '.env'))) : new Map<string, string>();
  const variables: VariableLookup = (name) => dotEnv.get(name);

  const rangeOf = (node: Node | null | undefined): Range | null => {
    const origin = foreign.originOf(node);
    return origin ? foreign.rangeOf(node!, origin) : local.rangeOf(node);
  };

  const value = (raw: Node | null, fallbackRange: Range): ComposeValue => {
    const node = resolve(raw);
    const range = rangeOf(node) ?? fallbackRange;
    if (!isScalar(node) || node.value === null || node.value === undefined)
      return { text: null, unknown: false, range, node };
    const result = substitute(String(node.value), foreign.originOf(node)?.variables ?? variables, {
      dialect: 'compose',
    });
    return { text: result.value, unknown: result.unresolved.length > 0, range, node };
  };

  /** Pairs as entries; a `!reset` value means the attribute is not set. */
  const entriesFromPairs = (pairs: MappingPair[]): Map<string, ComposeEntry> => {
    const entries = new Map<string, ComposeEntry>();
    for (const { key, pair, anchor } of pairs) {
      if (tagOf(pair.value) === RESET_TAG) {
        entries.delete(key);
        continue;
      }
      const keyRange = rangeOf(pair.key) ?? ZERO;
      entries.set(key, {
        key,
        keyRange,
        value: pair.value ?? null,
        valueRange: rangeOf(resolve(pair.value)) ?? rangeOf(pair.value) ?? keyRange,
        ...(anchor ? { anchor } : {}),
      });
    }
    return entries;
  };

  const entriesOf = (raw: Node | null): Map<string, ComposeEntry> => entriesFromPairs(mappingPairs(raw, resolve));

  const itemsOf = (raw: Node | null): Node[] => {
    const node = resolve(raw);
    return isSeq(node)
      ? (node.items as Node[])
          .map((item) => resolve(item))
          .filter((item): item is Node => item !== null && tagOf(item) !== RESET_TAG)
      : [];
  };

  const merge: MergeContext = {
    resolve,
    text: (node) => value(node ?? null, ZERO).text,
    adopt: (made, from) => foreign.adopt(made, from),
    preferKey: (earlier, later) => (foreign.originOf(earlier) && !foreign.originOf(later) ? later : earlier),
  };
  const project = new ComposeProject({
    local,
    resolveLocal: resolve,
    files: crossFile ? options.files : undefined,
    foreign,
    budget,
    merge,
    variables,
    dotEnv,
    sourceCache: options.cache?.sources ?? new Map(),
    problem: (message, range) => {
      if (range) problems.push({ kind: 'reference', message, range });
    },
  });

  const localServices = local.definitions('services', resolve);
  const toService = (definition: EffectiveDefinition): ComposeService => {
    let entries: Map<string, ComposeEntry> | undefined;
    const segment = localServices.get(definition.name)?.segment;
    return {
      name: definition.name,
      keyRange: rangeOf(definition.keyNode) ?? ZERO,
      node: isMap(definition.localNode) ? definition.localNode : null,
      // Read only by the rules: a service whose findings are reused never needs them.
      get entries() {
        return (entries ??= entriesFromPairs(definition.pairs));
      },
      childIndent: childIndentation(local, definition.localNode),
      ...(segment ? { segment } : {}),
    };
  };
  const byName = new Map<string, ComposeService | null>();
  const services = [...project.localDefinitions('services'), ...project.reportedIncludes()].map((definition) => {
    const service = toService(definition);
    byName.set(service.name, service);
    return service;
  });
  const service = (name: string): ComposeService | null => {
    if (!byName.has(name)) {
      const definition = project.definition('services', name);
      byName.set(name, definition ? toService(definition) : null);
    }
    return byName.get(name)!;
  };

  const sectionEntry = (definition: EffectiveDefinition): ComposeEntry => {
    const merged = new YAMLMap<Node, Node | null>();
    merged.items = definition.pairs.map((p) => p.pair as Pair<Node, Node | null>);
    const keyRange = rangeOf(definition.keyNode) ?? ZERO;
    return { key: definition.name, keyRange, value: merged, valueRange: rangeOf(definition.localNode) ?? keyRange };
  };
  const networks = new Map(
    project.localDefinitions('networks').map((definition) => [definition.name, sectionEntry(definition)]),
  );
  /** A lookup of a top-level section's entries by name, each built once (`known`: those built already). */
  const sectionLookup = (section: string, known: ReadonlyMap<string, ComposeEntry> = new Map()) => {
    const entries = new Map<string, ComposeEntry | null>(known);
    return (name: string): ComposeEntry | null => {
      if (!entries.has(name)) {
        const definition = project.definition(section, name);
        entries.set(name, definition ? sectionEntry(definition) : null);
      }
      return entries.get(name)!;
    };
  };
  const network = sectionLookup('networks', networks);
  const volume = sectionLookup('volumes');

  /** The directory a node's relative paths resolve against: its file's, or the project's. */
  const dirOf = (node: Node | null): string => foreign.originOf(node)?.dir ?? project.projectDir;
  const resolvePath = (node: Node | null, relative: string): string => joinPath(dirOf(resolve(node)), relative);

  const dockerfiles = new Map<string, BuiltDockerfile | null>();
  const builtDockerfile = (composeService: ComposeService): BuiltDockerfile | null => {
    const build = composeService.entries.get('build');
    if (!build || !crossFile) return null;
    const buildNode = resolve(build.value);
    let contextNode: Node | null = buildNode;
    let dockerfile: string | null = 'Dockerfile';
    if (isMap(buildNode)) {
      const fields = entriesOf(buildNode);
      const inline = fields.get('dockerfile_inline');
      if (inline) {
        const source = value(inline.value, build.valueRange).text;
        return source === null
          ? null
          : {
              path: `${composeService.name} (dockerfile_inline)`,
              shownPath: `${composeService.name} (dockerfile_inline)`,
              model: buildDockerfileModel(source),
            };
      }
      contextNode = fields.get('context')?.value ?? null;
      const named = fields.get('dockerfile');
      if (named) dockerfile = value(named.value, build.valueRange).text;
    }
    const context = contextNode ? value(contextNode, build.valueRange).text : '.';
    if (context === null || dockerfile === null || /^[a-z]+:\/\//i.test(context)) return null;
    const path = joinPath(resolvePath(contextNode ?? buildNode, context), dockerfile);
    if (!dockerfiles.has(path)) {
      const source = options.files!.read(path);
      const shownPath = relativePath(local.dir, path);
      dockerfiles.set(path, source === undefined ? null : { path, shownPath, model: buildDockerfileModel(source) });
    }
    return dockerfiles.get(path) ?? null;
  };

  /** Limits are known only once the rules have read what they read. */
  const limitProblems = (): ComposeProblem[] => [
    ...(budget.exceeded
      ? [
          {
            kind: 'syntax' as const,
            message: inEveryLanguage(COMPOSE_PROBLEM_TEXTS, (t) => t.aliasBomb({ limit: ALIAS_BUDGET })),
            range: ZERO,
          },
        ]
      : []),
    ...(foreign.exceeded
      ? [
          {
            kind: 'syntax' as const,
            message: inEveryLanguage(COMPOSE_PROBLEM_TEXTS, (t) => t.tooManyNodes({ limit: MAX_COPIED_NODES })),
            range: ZERO,
          },
        ]
      : []),
  ];

  return {
    kind: 'compose',
    text,
    lines,
    path: options.path,
    services,
    allServices: services,
    service,
    standalone: project.files.length === 1 && project.included.size === 0 && !foreign.any,
    segments: segmentsOf(local),
    serviceContext: [
      // Secrets and configs: a fix that moves a value into a secret adds to the top-level definitions, or makes them.
      ...['volumes', 'networks', 'version', 'secrets', 'configs'].map((section) =>
        signature(local.topLevel.get(section)?.value ?? null),
      ),
      // The indentation new nested levels get, read from the file's first indented line.
      JSON.stringify(indentUnit({ lines })),
      // Whom services wait on until healthy tells whether a service without a healthcheck has one from its image.
      [...localServices.values()]
        .map((definition) => signature(ownPair(resolve(definition.value), 'depends_on')))
        .join(','),
    ].join('\n'),
    networks,
    network,
    volume,
    problems: () => [...problems, ...limitProblems()],
    reportReference: (message, range) => {
      const { line, character } = range.start;
      const known = problems.some(
        (p) =>
          p.kind === 'reference' &&
          p.message.en === message.en &&
          p.range.start.line === line &&
          p.range.start.character === character,
      );
      if (!known) problems.push({ kind: 'reference', message, range });
    },
    value,
    entriesOf,
    itemsOf,
    rangeOf,
    isLocal: (node) =>
      node !== null && node !== undefined && foreign.originOf(node) === undefined && node.range !== undefined,
    resolvePath,
    builtDockerfile,
    fileText: (path) => options.files?.read(path),
    placeOf: (range) => foreign.placeOf(range),
    topLevel: (key) => local.topLevel.get(key) ?? null,
  };
}

function segmentsOf(source: ComposeSource): { document: Document; start: number }[] {
  const { roots, rootSpans, services, serviceSpans } = source.parsed;
  if (!services || !serviceSpans || !rootSpans) return [];
  const all = [
    ...roots.map((document, i) => ({ document, start: rootSpans[i][0] })),
    ...services.map((document, i) => ({ document, start: serviceSpans[i][0] })),
  ];
  return all.sort((a, b) => a.start - b.start);
}

/** What a node says, without comments or layout: keys, values, tags and alias names. */
function signature(node: unknown): string {
  if (isMap(node) || isSeq(node))
    return `${isMap(node) ? '{' : '['}${(node.items as unknown[]).map(signature).join(',')}${isMap(node) ? '}' : ']'}`;
  if (isPair(node)) return `${signature(node.key)}:${signature(node.value)}`;
  if (isScalar(node)) return `${node.tag ?? ''}${JSON.stringify(node.value)}`;
  if (isAlias(node)) return `*${node.source}`;
  return '';
}

/** A mapping's own pair of `key` (not through merge keys), or null. */
function ownPair(node: Node | null, key: string): Pair | null {
  if (!isMap(node)) return null;
  return (node.items as Pair[]).find((pair) => isScalar(pair.key) && pair.key.value === key) ?? null;
}

/** Indentation of the service's first key when written in block style. */
function childIndentation(source: ComposeSource, node: Node | null): string | null {
  if (!isMap(node) || node.flow || !node.range) return null;
  const first = (node.items[0] as Pair<Node, Node> | undefined)?.key as Node | undefined;
  if (!first?.range) return null;
  const position = source.lines.positionAt(first.range[0]);
  const prefix = source.lines.lineText(position.line).slice(0, position.character);
  return /^[ ]*$/.test(prefix) ? prefix : null;
}
