/**
 * The Compose model, built once per document version with `yaml` (node
 * ranges kept): services with their settings after `<<` merge keys and
 * aliases, top-level networks, `${VAR}` interpolation from the `.env`
 * beside the file, and the Dockerfile a service builds. A setting that comes
 * from an anchor keeps the anchor's range: that is where the user changes it.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Alias, type Node, type Pair, type YAMLMap } from 'yaml';
import { parseCompose, type ComposeParseCache } from './segments';
import { LineIndex } from '../text';
import type { FileReader, Range } from '../types';
import { substitute, type VariableLookup } from '../variables';
import { buildDockerfileModel, type DockerfileModel } from '../dockerfile/model';
import { dirname, joinPath } from './paths';

/** Alias resolutions allowed per document: an alias bomb stops here with a clear message. */
export const ALIAS_BUDGET = 10000;

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
  node: YAMLMap | null;
  entries: Map<string, ComposeEntry>;
  /** Block-style child indentation, for fixes that add a key; null when the service is written in flow style. */
  childIndent: string | null;
}

export interface BuiltDockerfile {
  path: string;
  model: DockerfileModel;
}

export interface ComposeModel {
  kind: 'compose';
  text: string;
  lines: LineIndex;
  path?: string;
  services: ComposeService[];
  networks: Map<string, ComposeEntry>;
  variables: VariableLookup;
  /** YAML errors and limits, already phrased for the user. */
  problems: { message: string; range: Range }[];
  /** Reads a setting's value with aliases resolved and variables substituted. */
  value(node: Node | null, fallbackRange: Range): ComposeValue;
  entriesOf(node: Node | null): Map<string, ComposeEntry>;
  itemsOf(node: Node | null): Node[];
  rangeOf(node: Node | null | undefined): Range | null;
  builtDockerfile(service: ComposeService): BuiltDockerfile | null;
  /** Another file's text through the reader the caller passed in (env files); undefined when unavailable. */
  fileText(path: string): string | undefined;
}

export function buildComposeModel(text: string, options: { path?: string; files?: FileReader; cache?: ComposeParseCache } = {}): ComposeModel {
  const lines = new LineIndex(text);
  const parsed = parseCompose(text, options.cache);
  const problems: ComposeModel['problems'] = [];
  const zero: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  for (const error of parsed.errors) {
    problems.push({ message: `YAML: ${error.message}`, range: lines.rangeOf(error.start, Math.max(error.end, error.start)) });
  }
  const anchors = indexAnchors([...parsed.roots, ...(parsed.services ?? [])].map((d) => d.contents as Node | null));
  let aliasesLeft = ALIAS_BUDGET;
  let budgetReported = false;
  const resolve = (node: Node | null | undefined): Node | null => {
    let current: unknown = node ?? null;
    let hops = 0;
    while (isAlias(current)) {
      if (aliasesLeft-- <= 0 || hops++ > 50) {
        if (!budgetReported) problems.push({ message: `More than ${ALIAS_BUDGET} alias expansions: this looks like an alias bomb, so the rest is not analysed.`, range: zero });
        budgetReported = true;
        return null;
      }
      current = anchorTarget(anchors, current);
    }
    return (current as Node | null) ?? null;
  };
  /** A node's text range; block collections end at the next line in `yaml`, so trailing blanks are trimmed. */
  const rangeOf = (node: Node | null | undefined): Range | null => {
    if (!node?.range) return null;
    let end = node.range[1];
    while (end > node.range[0] && /\s/.test(text[end - 1])) end -= 1;
    return lines.rangeOf(node.range[0], end);
  };

  const entriesOf = (raw: Node | null, depth = 0): Map<string, ComposeEntry> => {
    const node = resolve(raw);
    const entries = new Map<string, ComposeEntry>();
    if (!isMap(node) || depth > 20) return entries;
    const merged: Map<string, ComposeEntry>[] = [];
    for (const pair of node.items as Pair<Node, Node>[]) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : null;
      if (key === null) continue;
      if (key === '<<') {
        // Merge keys: an alias or a list of aliases; explicit keys win, earlier sources win over later ones.
        const sources = isSeq(resolve(pair.value)) ? (resolve(pair.value) as { items: Node[] }).items : [pair.value];
        for (const source of sources) {
          const anchorName = isAlias(source) ? source.source : undefined;
          const sourceEntries = entriesOf(source, depth + 1);
          for (const entry of sourceEntries.values()) entry.anchor ??= anchorName;
          merged.push(sourceEntries);
        }
        continue;
      }
      const keyRange = rangeOf(pair.key) ?? zero;
      entries.set(key, { key, keyRange, value: pair.value ?? null, valueRange: rangeOf(resolve(pair.value)) ?? rangeOf(pair.value) ?? keyRange });
    }
    for (const source of merged) for (const [key, entry] of source) if (!entries.has(key)) entries.set(key, entry);
    return entries;
  };

  const itemsOf = (raw: Node | null): Node[] => {
    const node = resolve(raw);
    return isSeq(node) ? (node.items as Node[]).map((item) => resolve(item)).filter((item): item is Node => item !== null) : [];
  };

  const environment = loadDotEnv(options.path, options.files);
  const variables: VariableLookup = (name) => environment.get(name);

  const value = (raw: Node | null, fallbackRange: Range): ComposeValue => {
    const node = resolve(raw);
    const range = rangeOf(node) ?? fallbackRange;
    if (!isScalar(node) || node.value === null || node.value === undefined) return { text: null, unknown: false, range, node };
    const written = String(node.value);
    const result = substitute(written, variables, { dialect: 'compose' });
    return { text: result.value, unknown: result.unresolved.length > 0, range, node };
  };

  const top = new Map<string, ComposeEntry>();
  for (const root of parsed.roots) for (const [key, entry] of entriesOf(root.contents as Node | null)) if (!top.has(key)) top.set(key, entry);
  const services: ComposeService[] = [];
  const servicesEntry = top.get('services');
  // Segmented parsing gives one small map per service; a whole parse gives the `services:` map.
  const serviceMaps = parsed.services ? parsed.services.map((d) => d.contents as Node | null) : servicesEntry ? [resolve(servicesEntry.value)] : [];
  for (const servicesNode of serviceMaps) {
    if (isMap(servicesNode)) {
      for (const pair of servicesNode.items as Pair<Node, Node>[]) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        const node = resolve(pair.value);
        services.push({
          name,
          keyRange: rangeOf(pair.key) ?? zero,
          node: isMap(node) ? node : null,
          entries: entriesOf(pair.value),
          childIndent: childIndentation(lines, node),
        });
      }
    }
  }
  const networks = new Map<string, ComposeEntry>();
  for (const [name, entry] of entriesOf(top.get('networks')?.value ?? null)) networks.set(name, entry);

  const dockerfiles = new Map<string, BuiltDockerfile | null>();
  const builtDockerfile = (service: ComposeService): BuiltDockerfile | null => {
    const build = service.entries.get('build');
    if (!build || !options.files || !options.path) return null;
    let context: string | null = null;
    let dockerfile = 'Dockerfile';
    const buildNode = resolve(build.value);
    if (isScalar(buildNode)) context = value(buildNode, build.valueRange).text;
    else if (isMap(buildNode)) {
      const buildEntries = entriesOf(buildNode);
      if (buildEntries.has('dockerfile_inline')) {
        const inline = value(buildEntries.get('dockerfile_inline')!.value, build.valueRange).text;
        return inline === null ? null : { path: `${service.name} (dockerfile_inline)`, model: buildDockerfileModel(inline) };
      }
      context = buildEntries.has('context') ? value(buildEntries.get('context')!.value, build.valueRange).text : '.';
      const named = buildEntries.get('dockerfile');
      if (named) dockerfile = value(named.value, build.valueRange).text ?? dockerfile;
    }
    if (context === null || /^[a-z]+:\/\//i.test(context)) return null;
    const path = joinPath(joinPath(dirname(options.path), context), dockerfile);
    if (!dockerfiles.has(path)) {
      const source = options.files.read(path);
      dockerfiles.set(path, source === undefined ? null : { path, model: buildDockerfileModel(source) });
    }
    return dockerfiles.get(path) ?? null;
  };

  const fileText = (path: string): string | undefined => options.files?.read(path);
  return { kind: 'compose', text, lines, path: options.path, services, networks, variables, problems, value, entriesOf, itemsOf, rangeOf, builtDockerfile, fileText };
}

interface AnchorDefinition {
  offset: number;
  node: Node;
}

/**
 * Every anchor in the document, by name, in document order. `Alias.resolve`
 * in `yaml` searches the whole document on every call, which made a file with
 * one alias per service quadratic; one pass here makes each lookup cheap.
 */
function indexAnchors(roots: (Node | null)[]): Map<string, AnchorDefinition[]> {
  const anchors = new Map<string, AnchorDefinition[]>();
  const stack: unknown[] = [...roots];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (!node || isAlias(node)) continue;
    const anchored = node as Node & { anchor?: string };
    if (anchored.anchor && anchored.range) {
      const list = anchors.get(anchored.anchor) ?? [];
      list.push({ offset: anchored.range[0], node: anchored });
      anchors.set(anchored.anchor, list);
    }
    if (isCollection(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
  }
  for (const list of anchors.values()) list.sort((a, b) => a.offset - b.offset);
  return anchors;
}

/** The node an alias refers to: the last anchor of that name defined before it. */
function anchorTarget(anchors: Map<string, AnchorDefinition[]>, alias: Alias): Node | null {
  const list = anchors.get(alias.source);
  if (!list) return null;
  const at = alias.range?.[0] ?? Infinity;
  let found: Node | null = null;
  for (const definition of list) {
    if (definition.offset >= at) break;
    found = definition.node;
  }
  return found;
}

/** Indentation of the service's first key when written in block style. */
function childIndentation(lines: LineIndex, node: Node | null): string | null {
  if (!isMap(node) || node.flow || !node.range) return null;
  const first = (node.items[0] as Pair<Node, Node> | undefined)?.key as Node | undefined;
  if (!first?.range) return null;
  const position = lines.positionAt(first.range[0]);
  const prefix = lines.lineText(position.line).slice(0, position.character);
  return /^[ ]*$/.test(prefix) ? prefix : null;
}

/** `.env` beside the Compose file: KEY=VALUE lines, quotes removed, comments ignored. */
function loadDotEnv(path: string | undefined, files: FileReader | undefined): Map<string, string> {
  const values = new Map<string, string>();
  if (!path || !files) return values;
  const text = files.read(joinPath(dirname(path), '.env'));
  if (!text) return values;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2];
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    values.set(match[1], value);
  }
  return values;
}
