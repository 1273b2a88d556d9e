/**
 * One Compose file as `yaml` parsed it: its text and line index, its
 * documents (segmented for the analysed file so an edit re-parses one
 * service, whole for the other files of a project), an index of its anchors,
 * and the services and top-level sections it declares. The analysed document
 * and every file it pulls in (override files, `extends` targets, `include`s)
 * are each one source; other files' sources are kept between analyses while
 * their text is unchanged.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node, type Pair } from 'yaml';
import { LineIndex, lineBreakOf, withLineFeeds } from '../text';
import type { Range } from '../types';
import { documentReferences } from './document-references';
import { dirname } from './paths';
import { parseCompose, type ParsedCompose, type SegmentCache } from './segments';

/** Alias resolutions allowed per analysis, over every file: an alias bomb stops here with a clear message. */
export const ALIAS_BUDGET = 10000;

/** How many alias resolutions an analysis has left; shared by every file it reads. */
export class AliasBudget {
  exceeded = false;

  constructor(private left = ALIAS_BUDGET) {}

  take(): boolean {
    if (this.left <= 0) {
      this.exceeded = true;
      return false;
    }
    this.left -= 1;
    return true;
  }
}

/** A named entry of a top-level section: a service, a network, a volume. */
export interface Definition {
  name: string;
  keyNode: Node;
  /** The definition's mapping as written (may be an alias). */
  value: Node | null;
  /** The segment a service was parsed from, when the file was parsed in segments. */
  segment?: ServiceSegment;
}

/** A service's own parsed segment: the same object across versions while its text is unchanged. */
export interface ServiceSegment {
  document: Document;
  start: number;
  end: number;
}

/** A mapping's key/value pair after `<<` merge keys are expanded. */
export interface MappingPair {
  key: string;
  pair: Pair<Node, Node | null>;
  /** The anchor a merged-in pair came from (`<<: *common`). */
  anchor?: string;
}

export type Resolver = (node: Node | null | undefined) => Node | null;

const MAX_MERGE_DEPTH = 20;

/**
 * The pairs of a mapping with `<<` merge keys expanded as YAML 1.1 and
 * Compose do: explicit keys win, and earlier merge sources win over later
 * ones.
 */
export function mappingPairs(raw: Node | null, resolve: Resolver, depth = 0): MappingPair[] {
  const node = resolve(raw);
  if (!isMap(node) || depth > MAX_MERGE_DEPTH) return [];
  const own: MappingPair[] = [];
  let merged: MappingPair[] | null = null;
  for (const pair of node.items as Pair<Node, Node | null>[]) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (key !== '<<') {
      own.push({ key, pair });
      continue;
    }
    const value = resolve(pair.value);
    const sources = isSeq(value) ? (value.items as Node[]) : [pair.value];
    for (const source of sources) {
      const anchor = isAlias(source) ? source.source : undefined;
      for (const inherited of mappingPairs(source as Node, resolve, depth + 1))
        (merged ??= []).push(anchor && !inherited.anchor ? { ...inherited, anchor } : inherited);
    }
  }
  if (!merged) return own;
  const seen = new Set(own.map((p) => p.key));
  for (const inherited of merged) {
    if (seen.has(inherited.key)) continue;
    seen.add(inherited.key);
    own.push(inherited);
  }
  return own;
}

export class ComposeSource {
  /** The text as parsed: the file's, with each lone CR read as a line feed (same offsets; see text.ts). */
  readonly text: string;
  readonly lines: LineIndex;
  /** The directory relative paths in this file are resolved against. */
  readonly dir: string;
  readonly parsed: ParsedCompose;
  /** Top-level keys, first occurrence (a segmented parse has several root documents). */
  readonly topLevel = new Map<string, Pair<Node, Node | null>>();
  /** Built at the first alias: most files have none. */
  private anchors: Map<string, Node[]> | null = null;
  private readonly sections = new Map<string, Map<string, Definition>>();

  constructor(
    written: string,
    readonly path: string | undefined,
    /** The analysed document's segments as last parsed; other files are parsed whole. */
    segments?: SegmentCache,
  ) {
    const text = withLineFeeds(written);
    this.text = text;
    this.lines = new LineIndex(text, text === written ? undefined : lineBreakOf(written));
    this.dir = path ? dirname(path) : '.';
    this.parsed = parseCompose(text, segments);
    for (const root of this.parsed.roots) {
      const contents = root.contents as Node | null;
      if (!isMap(contents)) continue;
      for (const pair of contents.items as Pair<Node, Node | null>[]) {
        if (isScalar(pair.key) && !this.topLevel.has(String(pair.key.value)))
          this.topLevel.set(String(pair.key.value), pair);
      }
    }
  }

  /**
   * The named definitions of a top-level section (`services`, `networks`,
   * `volumes`), in document order; `resolve` reads the section through an
   * alias.
   */
  definitions(section: string, resolve: Resolver): Map<string, Definition> {
    let found = this.sections.get(section);
    if (found) return found;
    found = new Map();
    this.sections.set(section, found);
    // Segmented parsing gives one small map per service; a whole parse gives the `services:` map.
    const segmented = section === 'services' ? this.parsed.services : null;
    const maps = segmented
      ? segmented.map((d) => d.contents as Node | null)
      : [resolve(this.topLevel.get(section)?.value)];
    maps.forEach((map, i) => {
      if (!isMap(map)) return;
      const span = segmented ? this.parsed.serviceSpans?.[i] : undefined;
      for (const pair of map.items as Pair<Node, Node | null>[]) {
        if (!isScalar(pair.key) || found.has(String(pair.key.value))) continue;
        const segment = span ? { document: segmented![i], start: span[0], end: span[1] } : undefined;
        found.set(String(pair.key.value), {
          name: String(pair.key.value),
          keyNode: pair.key,
          value: pair.value ?? null,
          ...(segment ? { segment } : {}),
        });
      }
    });
    return found;
  }

  /** A resolver for this file's aliases: the last anchor of that name defined before the alias. */
  resolver(budget: AliasBudget): Resolver {
    return (node) => {
      let current: unknown = node ?? null;
      let hops = 0;
      while (isAlias(current)) {
        if (hops++ > 50 || !budget.take()) return null;
        current = this.anchorTarget(current);
      }
      return (current as Node | null) ?? null;
    };
  }

  /** A node's range in this file; block collections end at the next line in `yaml`, so trailing blanks are trimmed. */
  rangeOf(node: Node | null | undefined): Range | null {
    if (!node?.range) return null;
    let end = node.range[1];
    while (end > node.range[0] && /\s/.test(this.text[end - 1])) end -= 1;
    return this.lines.rangeOf(node.range[0], end);
  }

  private anchorTarget(alias: Alias): Node | null {
    this.anchors ??= indexAnchors([...this.parsed.roots, ...(this.parsed.services ?? [])]);
    const list = this.anchors.get(alias.source);
    if (!list) return null;
    const at = alias.range?.[0] ?? Infinity;
    let found: Node | null = null;
    for (const node of list) {
      if (node.range![0] >= at) break;
      found = node;
    }
    return found;
  }
}

/**
 * Every anchor of the file, by name, in document order. `Alias.resolve` in
 * `yaml` searches the whole document on every call, which made a file with
 * one alias per service quadratic; this index makes each lookup cheap.
 * Offsets are read from the nodes, which move with their segment.
 */
function indexAnchors(documents: Document[]): Map<string, Node[]> {
  const anchors = new Map<string, Node[]>();
  for (const document of documents) {
    for (const [name, node] of documentReferences(document).anchors) {
      const list = anchors.get(name);
      if (list) list.push(node);
      else anchors.set(name, [node]);
    }
  }
  for (const list of anchors.values()) list.sort((a, b) => a.range![0] - b.range![0]);
  return anchors;
}
