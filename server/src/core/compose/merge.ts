/**
 * Compose's merge rules, applied to `yaml` nodes so every merged value keeps
 * the node (and so the file and range) it was written in. The same rules
 * serve override files (`compose.yaml` + `compose.override.yaml`, or
 * COMPOSE_FILE) and `extends`, as in compose-go:
 *
 * - mappings merge key by key, a later scalar replaces an earlier one;
 * - sequences append, then entries that share a unique key (a volume's or
 *   secret's target, a port's address/published/target/protocol, a
 *   variable's name, a capability) collapse to the later one, in place;
 * - `environment`, `labels`, `sysctls`... may be written as a mapping or a
 *   list; they merge by name whatever the form;
 * - `build: ./dir` is `build: {context: ./dir}`; `command`, `entrypoint`
 *   and `healthcheck.test` are replaced, never appended;
 * - `!reset` removes the attribute, `!override` replaces it without merging;
 *   `x-*` extension keys are replaced.
 */
import { isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { parseShortVolume } from './normalize';
import type { MappingPair, Resolver } from './source';

export interface MergeContext {
  /** Resolves the analysed file's aliases (content copied in from other files has none). */
  resolve: Resolver;
  /** A scalar's interpolated text, for unique keys. */
  text(node: Node | null | undefined): string | null;
  /** Gives a node made here (a `K=V` item read as a pair) the file and place of the node it was made from. */
  adopt(made: Node, from: Node): void;
  /** Of two keys naming the same attribute, the one findings should point at (the analysed file's own, when it has one). */
  preferKey(earlier: Node, later: Node): Node;
}

export const RESET_TAG = '!reset';
export const OVERRIDE_TAG = '!override';

/** Replaced by the later file, never merged. */
const REPLACED = new Set(['command', 'entrypoint', 'healthcheck.test']);

/** Written as a mapping or as `KEY=VALUE` items; merged by name. */
const NAMED = new Set([
  'environment',
  'labels',
  'annotations',
  'sysctls',
  'extra_hosts',
  'build.args',
  'build.labels',
  'build.extra_hosts',
  'build.additional_contexts',
  'deploy.labels',
]);

type UniqueKey = (node: Node, ctx: MergeContext) => string | null;

const nameBeforeEquals: UniqueKey = (node, ctx) => ctx.text(node)?.split('=')[0].trim() ?? null;
const field = (node: Node, name: string, ctx: MergeContext): string | null => {
  const pair = (node as YAMLMap<Node, Node>).items.find((p) => isScalar(p.key) && p.key.value === name);
  return pair ? ctx.text(pair.value) : null;
};
const mountTarget =
  (defaultDir: string): UniqueKey =>
  (node, ctx) => {
    if (isMap(node)) return field(node, 'target', ctx) ?? `${defaultDir}/${field(node, 'source', ctx) ?? ''}`;
    return `${defaultDir}/${ctx.text(node) ?? ''}`;
  };

/** Sequences whose entries are unique by a key; a later entry replaces an earlier one with the same key. */
const UNIQUE: Record<string, UniqueKey> = {
  ...Object.fromEntries(
    [...NAMED, 'cap_add', 'cap_drop', 'dns', 'dns_opt', 'dns_search', 'tmpfs', 'profiles', 'links'].map((key) => [
      key,
      nameBeforeEquals,
    ]),
  ),
  volumes: (node, ctx) => (isMap(node) ? field(node, 'target', ctx) : parseShortVolume(ctx.text(node) ?? '').target),
  devices: (node, ctx) => {
    if (isMap(node)) return field(node, 'target', ctx) ?? field(node, 'source', ctx);
    const parts = (ctx.text(node) ?? '').split(':');
    return parts[1] ?? parts[0];
  },
  ports: (node, ctx) =>
    isMap(node)
      ? `${field(node, 'host_ip', ctx) ?? '0.0.0.0'}:${field(node, 'published', ctx) ?? ''}:${field(node, 'target', ctx)}/${field(node, 'protocol', ctx) ?? 'tcp'}`
      : ctx.text(node),
  expose: (node, ctx) => ctx.text(node),
  env_file: (node, ctx) => (isMap(node) ? field(node, 'path', ctx) : ctx.text(node)),
  secrets: mountTarget('/run/secrets'),
  configs: mountTarget(''),
};

export function tagOf(node: Node | null | undefined): string | undefined {
  return (node as { tag?: string } | null | undefined)?.tag;
}

/** Merges one definition of a service (or a mapping inside it) over an earlier one. */
export function mergePairs(
  earlier: MappingPair[],
  later: MappingPair[],
  ctx: MergeContext,
  path: string[] = [],
): MappingPair[] {
  const result = new Map(earlier.map((p) => [p.key, p]));
  for (const next of later) {
    const tag = tagOf(next.pair.value);
    if (tag === RESET_TAG) {
      result.delete(next.key);
      continue;
    }
    const previous = result.get(next.key);
    if (!previous || tag === OVERRIDE_TAG || (path.length === 0 && next.key.startsWith('x-'))) {
      result.set(next.key, next);
      continue;
    }
    const value = mergeValues(previous.pair.value, next.pair.value, [...path, next.key], ctx);
    if (value === undefined) result.delete(next.key);
    else
      result.set(next.key, {
        key: next.key,
        pair: new Pair(ctx.preferKey(previous.pair.key, next.pair.key), value),
        anchor: next.anchor ?? previous.anchor,
      });
  }
  return [...result.values()];
}

/** The merged value of an attribute; undefined when it is reset. */
function mergeValues(
  earlierRaw: Node | null,
  laterRaw: Node | null,
  path: string[],
  ctx: MergeContext,
): Node | null | undefined {
  const later = ctx.resolve(laterRaw);
  const tag = tagOf(later);
  if (tag === RESET_TAG) return undefined;
  const key = path.join('.');
  if (tag === OVERRIDE_TAG || REPLACED.has(key)) return later;
  let earlier = ctx.resolve(earlierRaw);
  let next = later;
  if (key === 'build') {
    earlier = buildAsMapping(earlier, ctx);
    next = buildAsMapping(next, ctx);
  }
  if (NAMED.has(key) && isMap(earlier) !== isMap(next) && (isMap(earlier) || isMap(next))) {
    // One file lists KEY=VALUE, the other maps: read the list as a mapping.
    earlier = namedAsMapping(earlier, ctx);
    next = namedAsMapping(next, ctx);
  }
  if (isMap(earlier) && isMap(next)) {
    const merged = new YAMLMap<Node, Node | null>();
    merged.items = mergePairs(pairsOf(earlier), pairsOf(next), ctx, path).map((p) => p.pair);
    return merged;
  }
  if (isSeq(earlier) && isSeq(next))
    return appendUnique(earlier.items as Node[], next.items as Node[], UNIQUE[key], ctx);
  return next;
}

function pairsOf(map: YAMLMap): MappingPair[] {
  return (map.items as Pair<Node, Node | null>[])
    .filter((p) => isScalar(p.key))
    .map((pair) => ({ key: String((pair.key as Scalar).value), pair }));
}

function appendUnique(earlier: Node[], later: Node[], uniqueKey: UniqueKey | undefined, ctx: MergeContext): YAMLSeq {
  const merged = new YAMLSeq<Node>();
  if (!uniqueKey) {
    merged.items = [...earlier, ...later];
    return merged;
  }
  const positions = new Map<string, number>();
  for (const raw of [...earlier, ...later]) {
    const item = ctx.resolve(raw);
    if (!item) continue;
    const key = uniqueKey(item, ctx);
    const at = key === null ? undefined : positions.get(key);
    if (at !== undefined) merged.items[at] = item;
    else {
      if (key !== null) positions.set(key, merged.items.length);
      merged.items.push(item);
    }
  }
  return merged;
}

/** `build: ./dir` as `build: {context: ./dir}`. */
function buildAsMapping(node: Node | null, ctx: MergeContext): Node | null {
  if (!isScalar(node)) return node;
  const map = new YAMLMap<Node, Node>();
  const key = new Scalar('context');
  key.range = node.range;
  ctx.adopt(key, node);
  map.items.push(new Pair(key, node));
  return map;
}

/** `[KEY=VALUE, NAME]` as `{KEY: VALUE, NAME: null}`, each pair placed where its item is written. */
function namedAsMapping(node: Node | null, ctx: MergeContext): Node | null {
  if (!isSeq(node)) return node;
  const map = new YAMLMap<Node, Node>();
  for (const raw of node.items as Node[]) {
    const item = ctx.resolve(raw);
    if (!isScalar(item)) continue;
    const written = String(item.value ?? '');
    const eq = written.indexOf('=');
    const key = new Scalar(eq === -1 ? written : written.slice(0, eq));
    const value = new Scalar(eq === -1 ? null : written.slice(eq + 1));
    for (const made of [key, value]) {
      made.range = item.range;
      ctx.adopt(made, item);
    }
    map.items.push(new Pair(key, value));
  }
  return map;
}
