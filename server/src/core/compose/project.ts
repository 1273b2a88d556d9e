/**
 * The Compose project the analysed file belongs to, read as `docker compose`
 * reads it:
 *
 * - its files: COMPOSE_FILE from the `.env` beside it when that lists the
 *   file, else the default file and the default override file of its
 *   folder (`compose.yaml` + `compose.override.yml`...), else the file alone;
 * - in each file, `extends` (same file, or `file:`) resolved per file, as
 *   compose-go does, relative paths of an extended file resolving from its
 *   own folder;
 * - each service, network and volume merged across the files in order;
 * - top-level `include`s: other projects whose services join this one, each
 *   with its own folder and `.env` (this project's variables win).
 *
 * What the analysed file writes is used as is; what other files contribute
 * is copied in with its origin (see origins.ts).
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { quote } from '../knowledge/secrets';
import { DEFAULT_MAX_LENGTH, type FileReader, type Range } from '../types';
import type { VariableLookup } from '../variables';
import { withLineFeeds } from '../text';
import { inEveryLanguage, type Localized } from '../l10n';
import { COMPOSE_PROBLEM_TEXTS, type ComposeProblemTexts } from './problem-messages';

/** How a problem is said, given the texts of one language. */
type ProblemText = (texts: ComposeProblemTexts) => string;
import { dotEnvValues } from './dotenv';
import { mergePairs, RESET_TAG, tagOf, type MergeContext } from './merge';
import type { ForeignContent, Origin, Pull } from './origins';
import { basename, dirname, joinPath } from './paths';
import { ComposeSource, mappingPairs, type AliasBudget, type MappingPair, type Resolver } from './source';

/** `docker compose`'s default file names, in the order it tries them. */
export const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
export const DEFAULT_OVERRIDE_FILES = [
  'compose.override.yml',
  'compose.override.yaml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];

/** Include levels followed before giving up (includes may nest and loop). */
const MAX_INCLUDE_DEPTH = 8;

/**
 * `extends` levels merged into one service. Compose has no limit; real
 * projects use two or three levels. Beyond this the deeper services are
 * checked with their own settings and the chain is reported once.
 */
export const MAX_EXTENDS_DEPTH = 64;

/** The files `docker compose` merges, in order, for a project containing `path`. */
export function projectFiles(path: string, dotEnv: Map<string, string>, exists: (path: string) => boolean): string[] {
  const dir = dirname(path);
  const name = basename(path);
  const own = joinPath(dir, name);
  const listed = dotEnv.get('COMPOSE_FILE');
  if (listed) {
    const files = listed
      .split(dotEnv.get('COMPOSE_PATH_SEPARATOR') || ':')
      .filter((f) => f.trim() !== '')
      .map((f) => joinPath(dir, f.trim()));
    return files.includes(own) ? files : [own];
  }
  const first = (names: string[]): string | undefined => names.map((n) => joinPath(dir, n)).find(exists);
  if (DEFAULT_FILES.includes(name)) {
    const override = first(DEFAULT_OVERRIDE_FILES);
    return override ? [own, override] : [own];
  }
  if (DEFAULT_OVERRIDE_FILES.includes(name)) {
    const base = first(DEFAULT_FILES);
    return base ? [base, own] : [own];
  }
  return [own];
}

/** A service (network, volume) as the project defines it: merged top-level pairs and where it is declared. */
export interface EffectiveDefinition {
  name: string;
  /** The key of its first definition (a copy when another file defines it first). */
  keyNode: Node;
  pairs: MappingPair[];
  /** The analysed document's own mapping for it, when it writes one. */
  localNode: Node | null;
}

export interface ProjectOptions {
  local: ComposeSource;
  resolveLocal: Resolver;
  files: FileReader | undefined;
  foreign: ForeignContent;
  budget: AliasBudget;
  merge: MergeContext;
  /** Interpolation values of this project (its `.env`). */
  variables: VariableLookup;
  dotEnv: Map<string, string>;
  /** Other files' parsed sources, kept while their text is unchanged. */
  sourceCache: Map<string, ComposeSource>;
  problem(message: Localized<string>, range: Range | null): void;
}

interface ProjectFile {
  source: ComposeSource;
  resolve: Resolver;
}

interface Layer {
  keyNode: Node;
  pairs: MappingPair[];
}

/** A definition's own layer, and its `extends` when it has one. */
interface OwnLayer extends Layer {
  extendsPair?: MappingPair;
}

/** A service with `extends` resolved, and how many `extends` links lie below it (Infinity: into a cycle). */
interface ResolvedLayer {
  layer: Layer;
  depth: number;
}

/** A service as an `extends` names it: the file that defines it, the origin its content is copied with. */
interface ExtendsTarget {
  file: ProjectFile;
  origin: Origin | null;
  name: string;
  /** The `file:` the `extends` names, for messages. */
  fileName?: string | null;
}

interface ExtendsStep {
  target: ExtendsTarget;
  own: OwnLayer;
  /** The service its `extends` names, once found. */
  next: ExtendsTarget | null;
}

const OVERRIDE_HOW = 'Compose merges it into this service';
const EXTENDS_HOW = 'this service extends it';
const INCLUDE_HOW = 'included here';

export class ComposeProject {
  readonly files: ProjectFile[];
  /** Index of the analysed document in `files`. */
  private readonly localIndex: number;
  /** The folder of the project's first file: relative paths of the project's own files resolve against it. */
  readonly projectDir: string;
  private readonly effective = new Map<string, EffectiveDefinition | null>();
  /** Services with `extends` resolved, per origin of their content (the analysed document's source for its own). */
  private readonly layerMemo = new Map<object, Map<string, ResolvedLayer>>();
  /** Services that `include`s bring in, by name, with the pull that reports them here (null: not reported here). */
  readonly included = new Map<string, { definition: EffectiveDefinition; pull: Pull | null }>();

  constructor(private readonly options: ProjectOptions) {
    const { local } = options;
    const paths =
      local.path && options.files ? projectFiles(local.path, options.dotEnv, (p) => this.read(p) !== undefined) : [];
    const own = local.path ? joinPath(dirname(local.path), basename(local.path)) : '';
    this.files = [];
    for (const path of paths) {
      const source = path === own ? local : this.load(path, null, null, basename(path));
      if (source)
        this.files.push({ source, resolve: source === local ? options.resolveLocal : source.resolver(options.budget) });
    }
    this.localIndex = this.files.findIndex((f) => f.source === local);
    if (this.localIndex === -1) {
      this.files = [{ source: local, resolve: options.resolveLocal }];
      this.localIndex = 0;
    }
    this.projectDir = this.files[0].source.dir;
    if (options.files)
      this.files.forEach((file, i) =>
        this.readIncludes(
          file,
          i === this.localIndex ? null : this.origin(file.source, null, this.projectDir),
          0,
          new Set([file.source.path ?? '']),
        ),
      );
  }

  /** The definitions the analysed document writes itself, in its order, merged with the rest of the project. */
  localDefinitions(section: string): EffectiveDefinition[] {
    const names = [...this.options.local.definitions(section, this.options.resolveLocal).keys()];
    return names.map((name) => this.definition(section, name)).filter((d): d is EffectiveDefinition => d !== null);
  }

  /** Any service, network or volume of the project (services from `include`s too). */
  definition(section: string, name: string): EffectiveDefinition | null {
    const key = `${section}\u0000${name}`;
    if (this.effective.has(key)) return this.effective.get(key)!;
    this.effective.set(key, null); // a reference back to itself while it is built reads nothing
    const localKey = this.options.local.definitions(section, this.options.resolveLocal).get(name)?.keyNode;
    const layers: Layer[] = [];
    let reset = false;
    this.files.forEach((file, i) => {
      const own = file.source.definitions(section, file.resolve).get(name);
      if (!own) return;
      // `name: !reset` in a later file deletes the definition so far; a later file may define it anew.
      if (tagOf(own.value) === RESET_TAG) {
        layers.length = 0;
        reset = true;
        return;
      }
      // Earlier files report their own content; later ones are merged into the analysed document's definition.
      const pull =
        i > this.localIndex && localKey ? { range: this.options.local.rangeOf(localKey)!, how: OVERRIDE_HOW } : null;
      const origin = i === this.localIndex ? null : this.origin(file.source, pull, this.projectDir);
      const layer = this.layer(section, file, origin, name);
      if (layer) layers.push(layer);
    });
    let result: EffectiveDefinition | null = null;
    if (layers.length > 0) {
      const pairs = this.mergeLayers(layers, section === 'services' ? [] : [section]);
      const localValue = this.options.local.definitions(section, this.options.resolveLocal).get(name)?.value ?? null;
      result = { name, keyNode: layers[0].keyNode, pairs, localNode: this.options.resolveLocal(localValue) };
    } else if (section === 'services' && !reset) {
      result = this.included.get(name)?.definition ?? null;
    }
    this.effective.set(key, result);
    return result;
  }

  /** Services `include`d by the analysed document itself: reported here, at the include. */
  reportedIncludes(): EffectiveDefinition[] {
    return [...this.included.values()].filter((i) => i.pull !== null).map((i) => i.definition);
  }

  /**
   * One file's definition of `name`, with `extends` resolved: the extended
   * service's pairs, then this one's merged over them.
   *
   * The chain is walked with a loop, not recursion, and every service met on
   * the way is remembered (per file and origin), so a chain of n services
   * costs n merges however many services extend into it, and a chain or
   * cycle of thousands of services cannot overflow the stack. A cycle is
   * reported once, at the `extends` that closes it; its services and those
   * that extend into it keep their own settings. Compose sets no depth limit;
   * docker-harden merges at most MAX_EXTENDS_DEPTH levels (a merged
   * definition is as large as its whole chain, so deeper chains would cost
   * time and memory in the square of their length) and reports the first
   * `extends` beyond it, once per chain.
   */
  private layer(section: string, file: ProjectFile, origin: Origin | null, name: string): Layer | null {
    if (section !== 'services') {
      const own = this.ownLayer(section, file, origin, name);
      return own ? { keyNode: own.keyNode, pairs: own.pairs } : null;
    }
    const known = this.resolvedLayers(origin).get(name);
    if (known) return known.layer;
    const path: ExtendsStep[] = [];
    const onPath = new Map<string, number>();
    let target: ExtendsTarget | null = { file, origin, name };
    // What lies below the last step of the path: a resolved service, a cycle back into the path, or nothing.
    let below: ResolvedLayer | 'cycle' | null = null;
    while (target) {
      const memo = this.resolvedLayers(target.origin).get(target.name);
      if (memo) {
        below = memo;
        break;
      }
      const link = `${target.file.source.path ?? ''}#${target.name}`;
      const cycleStart = onPath.get(link);
      if (cycleStart !== undefined) {
        this.reportCycle(path.slice(cycleStart), path[path.length - 1]);
        below = 'cycle';
        break;
      }
      const own = this.ownLayer(section, target.file, target.origin, target.name);
      if (!own) {
        // Only the first service can be missing here: a missing extends target is reported by the step naming it.
        break;
      }
      onPath.set(link, path.length);
      const step: ExtendsStep = { target, own, next: null };
      path.push(step);
      if (!own.extendsPair) break;
      step.next = this.extendsTarget(target, own.extendsPair);
      if (!step.next) break;
      const next: ExtendsTarget = step.next;
      if (!next.file.source.definitions('services', next.file.resolve).has(next.name)) {
        const file = next.fileName ? quote(next.fileName) : null;
        this.reportAt(target.origin, own.extendsPair, (t) => t.noSuchService({ service: quote(next.name), file }));
        step.next = null;
        break;
      }
      target = next;
    }
    // Unwind from the deepest step: each service's layer is its base's merged with its own pairs.
    for (let i = path.length - 1; i >= 0; i--) {
      const step = path[i];
      const own: Layer = { keyNode: step.own.keyNode, pairs: step.own.pairs };
      let resolved: ResolvedLayer;
      if (!step.next) resolved = { layer: own, depth: 0 };
      else if (below === 'cycle') resolved = { layer: own, depth: Infinity };
      else if (below === null) resolved = { layer: own, depth: 0 };
      else {
        const depth = below.depth + 1;
        if (depth > MAX_EXTENDS_DEPTH) {
          if (depth === MAX_EXTENDS_DEPTH + 1) {
            const top = step.target.name;
            const next = quote(step.next.name);
            this.reportAt(step.target.origin, step.own.extendsPair!, (t) =>
              t.extendsTooDeep({ top: quote(top), next, limit: MAX_EXTENDS_DEPTH }),
            );
          }
          resolved = { layer: own, depth };
        } else {
          const pairs = mergePairs(below.layer.pairs, own.pairs, this.options.merge);
          resolved = { layer: { keyNode: own.keyNode, pairs }, depth };
        }
      }
      this.resolvedLayers(step.target.origin).set(step.target.name, resolved);
      below = resolved;
    }
    return path.length > 0 ? this.resolvedLayers(origin).get(name)!.layer : null;
  }

  /** Resolved layers of one file's services, by origin (null: the analysed document's; else one per pull). */
  private resolvedLayers(origin: Origin | null): Map<string, ResolvedLayer> {
    const key = origin ?? this.options.local;
    let layers = this.layerMemo.get(key);
    if (!layers) this.layerMemo.set(key, (layers = new Map()));
    return layers;
  }

  /** A definition's own pairs (copied in when another file writes it), without its `extends`. */
  private ownLayer(section: string, file: ProjectFile, origin: Origin | null, name: string): OwnLayer | null {
    const definition = file.source.definitions(section, file.resolve).get(name);
    if (!definition) return null;
    const { foreign, resolveLocal } = this.options;
    const value = origin ? foreign.copy(definition.value, origin, file.resolve) : definition.value;
    const keyNode = origin
      ? (foreign.copy(definition.keyNode, origin, file.resolve) ?? definition.keyNode)
      : definition.keyNode;
    const pairs = mappingPairs(value, resolveLocal);
    const extendsPair = section === 'services' ? pairs.find((p) => p.key === 'extends') : undefined;
    return extendsPair ? { keyNode, pairs: pairs.filter((p) => p !== extendsPair), extendsPair } : { keyNode, pairs };
  }

  /** The service an `extends` names, in its file (loaded when `file:` names another); null if unreadable or empty. */
  private extendsTarget(from: ExtendsTarget, extendsPair: MappingPair): ExtendsTarget | null {
    const { local, resolveLocal, merge } = this.options;
    const { file, origin } = from;
    const target = resolveLocal(extendsPair.pair.value);
    let service: string | null = null;
    let fileName: string | null = null;
    if (isScalar(target)) service = merge.text(target);
    else if (isMap(target)) {
      for (const p of mappingPairs(target, resolveLocal)) {
        if (p.key === 'service') service = merge.text(p.pair.value);
        if (p.key === 'file') fileName = merge.text(p.pair.value);
      }
    }
    if (!service) return null;
    if (!fileName) return { file, origin, name: service, fileName };
    let baseFile: ProjectFile;
    const path = joinPath(origin?.dir ?? this.projectDir, fileName);
    if (path === local.path) baseFile = this.files[this.localIndex];
    else {
      const source = this.load(path, origin ? null : local.rangeOf(extendsPair.pair.key), 'extends', fileName);
      if (!source) return null;
      baseFile = { source, resolve: source.resolver(this.options.budget) };
    }
    const pull = origin ? origin.pull : { range: local.rangeOf(extendsPair.pair.key)!, how: EXTENDS_HOW };
    const baseOrigin =
      baseFile.source === local ? null : this.origin(baseFile.source, pull, baseFile.source.dir, origin?.variables);
    return { file: baseFile, origin: baseOrigin, name: service, fileName };
  }

  /** A cycle of `extends`, reported once at the `extends` that closes it (when the analysed document writes it). */
  private reportCycle(cycle: ExtendsStep[], closing: ExtendsStep): void {
    // Read from the service whose `extends` closes the cycle, round to it again.
    const names = [closing, ...cycle].map((step) => quote(step.target.name));
    this.reportAt(closing.target.origin, closing.own.extendsPair!, (t) =>
      t.extendsCycle({ service: quote(closing.target.name), names, count: cycle.length }),
    );
  }

  private reportAt(origin: Origin | null, extendsPair: MappingPair, text: ProblemText): void {
    const message = inEveryLanguage(COMPOSE_PROBLEM_TEXTS, text);
    this.options.problem(message, origin ? null : this.options.local.rangeOf(extendsPair.pair.key));
  }

  /** Follows the `include`s of one project file; services they bring in are reported at the include when the analysed document declares it. */
  private readIncludes(file: ProjectFile, origin: Origin | null, depth: number, seen: Set<string>): void {
    const { local, merge } = this.options;
    // Read with the file's own anchors: only the listed paths matter here, so nothing is copied.
    const resolve = file.resolve;
    const includes = resolve(file.source.topLevel.get('include')?.value);
    if (!isSeq(includes)) return;
    const baseDir = origin?.dir ?? this.projectDir;
    for (const raw of includes.items as Node[]) {
      const item = resolve(raw);
      // Findings point at the path (`- db/compose.yaml`, or the long form's `path:` value).
      const pathNode = isMap(item)
        ? (mappingPairs(item, resolve).find((p) => p.key === 'path')?.pair.value ?? item)
        : item;
      // Only an include the analysed document declares has a place here; another file's reports there.
      const at = origin ? null : (local.rangeOf(pathNode) ?? local.rangeOf(item));
      const pull = origin ? origin.pull : at ? { range: at, how: INCLUDE_HOW, aggregate: true } : null;
      const reportHere = (text: ProblemText): void =>
        this.options.problem(inEveryLanguage(COMPOSE_PROBLEM_TEXTS, text), at);
      let paths: string[] = [];
      let projectDirectory: string | null = null;
      let envFiles: string[] | null = null;
      const texts = (node: Node | null): string[] =>
        (isSeq(node) ? (node.items as Node[]).map((n) => merge.text(n)) : [merge.text(node)]).filter((t): t is string =>
          Boolean(t),
        );
      if (isScalar(item)) paths = texts(item);
      else if (isMap(item)) {
        for (const p of mappingPairs(item, resolve)) {
          const value = resolve(p.pair.value);
          if (p.key === 'path') paths = texts(value);
          if (p.key === 'project_directory') projectDirectory = merge.text(value);
          if (p.key === 'env_file') envFiles = texts(value);
        }
      }
      if (paths.length === 0) continue;
      const absolute = paths.map((p) => joinPath(baseDir, p));
      const dir = projectDirectory ? joinPath(baseDir, projectDirectory) : dirname(absolute[0]);
      const includedEnv = new Map<string, string>();
      for (const envFile of envFiles?.map((f) => joinPath(baseDir, f)) ?? [joinPath(dir, '.env')])
        for (const [k, v] of dotEnvValues(this.read(envFile))) includedEnv.set(k, v);
      const variables: VariableLookup = (n) => this.options.variables(n) ?? includedEnv.get(n);
      const sources: ComposeSource[] = [];
      for (const [i, path] of absolute.entries()) {
        if (seen.has(path) || depth >= MAX_INCLUDE_DEPTH) {
          reportHere((t) => t.includesItself({ path: quote(paths[i]) }));
          continue;
        }
        const source = this.load(path, at, 'include', paths[i]);
        if (source) sources.push(source);
      }
      const project = sources.map((source) => ({
        file: { source, resolve: source.resolver(this.options.budget) },
        origin: this.origin(source, pull, dir, variables),
      }));
      const names = new Set(
        project.flatMap(({ file }) => [...file.source.definitions('services', file.resolve).keys()]),
      );
      for (const name of names) {
        const layers = project
          .map(({ file, origin: o }) => this.layer('services', file, o, name))
          .filter((l): l is Layer => l !== null);
        if (layers.length === 0) continue;
        const definition = { name, keyNode: layers[0].keyNode, pairs: this.mergeLayers(layers, []), localNode: null };
        if (this.files.some((f) => f.source.definitions('services', f.resolve).has(name)) || this.included.has(name)) {
          reportHere((t) => t.includeConflict({ service: quote(name), paths: quote(paths.join(', ')) }));
          continue;
        }
        this.included.set(name, { definition, pull });
      }
      for (const { file, origin: o } of project)
        this.readIncludes(file, o, depth + 1, new Set([...seen, file.source.path ?? '']));
    }
  }

  /** One definition's layers (file by file), merged in order. */
  private mergeLayers(layers: Layer[], path: string[]): MappingPair[] {
    return layers.length === 1
      ? layers[0].pairs
      : layers.reduce<MappingPair[]>((merged, layer) => mergePairs(merged, layer.pairs, this.options.merge, path), []);
  }

  private origin(source: ComposeSource, pull: Pull | null, dir: string, variables?: VariableLookup): Origin {
    return { source, pull, dir, variables: variables ?? this.options.variables };
  }

  private read(path: string): string | undefined {
    return this.options.files?.read(path);
  }

  /**
   * Another file's source, parsed once per text; null, reported at `at` (the
   * place that names it, or the document's start), when it cannot be read, is
   * too large to read or nests too deeply to parse.
   */
  private load(path: string, at: Range | null, via: 'extends' | 'include' | null, name: string): ComposeSource | null {
    const text = this.read(path);
    const here = at ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const report = (make: ProblemText): void =>
      this.options.problem(inEveryLanguage(COMPOSE_PROBLEM_TEXTS, make), here);
    const shown = quote(name);
    if (text === undefined) {
      report((t) => t.cannotRead({ via, name: shown }));
      return null;
    }
    if (text.length > DEFAULT_MAX_LENGTH) {
      const size = (text.length / 1048576).toFixed(1);
      report((t) => t.fileTooLarge({ via, name: shown, size, limit: DEFAULT_MAX_LENGTH / 1048576 }));
      return null;
    }
    const cached = this.options.sourceCache.get(path);
    const source = cached && cached.text === withLineFeeds(text) ? cached : new ComposeSource(text, path);
    this.options.sourceCache.set(path, source);
    if (source.parsed.tooDeep) {
      report((t) => t.fileNestsTooDeeply({ via, name: shown }));
      return null;
    }
    return source;
  }
}
