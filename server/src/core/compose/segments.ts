/**
 * Parsing a Compose file in segments that survive from one version to the
 * next: the top-level blocks, and each service of a block-style `services:`
 * on its own. Each segment is parsed alone and its node ranges are shifted to
 * document offsets; an unchanged segment is reused (re-shifted if text before
 * it changed length). Aliases are resolved by the model's own anchor index,
 * so they may point across segments. Anything unusual (tabs, several
 * documents, flow style, a segment that does not parse into what it should)
 * falls back to one parse of the whole text.
 */
import { isAlias, isCollection, isMap, isPair, parseDocument, type Document, type Node } from 'yaml';
import { MAX_YAML_NESTING, nestingBeyond } from './nesting';
import { inEveryLanguage, type Localized } from '../l10n';
import { yamlErrorTexts } from '../yaml-errors';
import { COMPOSE_PROBLEM_TEXTS } from './problem-messages';

/**
 * Editors cut every file with two services or more into segments: with the
 * findings of unchanged services reused, even a small file then re-checks
 * only what an edit touched (typical files: 2.3-3.2 ms per edit instead of
 * 2.8-4.6 ms when small files were parsed whole).
 */
const MIN_SEGMENTED_LENGTH = 0;
const PARSE_OPTIONS = { uniqueKeys: false, merge: false, prettyErrors: false, strict: false } as const;

interface ParsedSegment {
  document: Document;
  /** Document offset the node ranges are currently shifted to. */
  base: number;
}

/** Parsed segments of one document's previous version, by text; keep one per open document. */
export class SegmentCache {
  segments = new Map<string, ParsedSegment>();

  /** The smallest text cut into segments; shorter ones are parsed whole. */
  constructor(readonly minLength = MIN_SEGMENTED_LENGTH) {}
}

export interface ParsedCompose {
  /** Top-level blocks other than the services, each parsed as a map. */
  roots: Document[];
  /** One document per service (a map with that one key), or null when the file was parsed whole. */
  services: Document[] | null;
  /** Each service document's offsets in the text. */
  serviceSpans: [number, number][] | null;
  /** Each root document's offsets, when parsed in segments. */
  rootSpans: [number, number][] | null;
  /** The whole-file document, when segmentation did not apply. */
  whole: Document | null;
  /** YAML errors, each in every language (`YAML: ...`). */
  errors: { message: Localized<string>; start: number; end: number }[];
  /** Set when the text nests deeper than MAX_YAML_NESTING and was not parsed. */
  tooDeep?: boolean;
}

export function parseCompose(text: string, cache?: SegmentCache): ParsedCompose {
  // Before any parse, on the whole text: the parser must never overflow, and a segmented and a whole parse agree.
  const tooDeep = nestingBeyond(text);
  if (tooDeep !== null) return nestedTooDeeply(tooDeep);
  const split = cache && text.length >= cache.minLength ? splitSegments(text) : null;
  if (!split || !cache) return parseWhole(text);
  const next = new Map<string, ParsedSegment>();
  const used = new Set<ParsedSegment>();
  const parse = (start: number, end: number, expectOneKey: boolean): Document | null => {
    const segmentText = text.slice(start, end);
    let segment = cache.segments.get(segmentText) ?? next.get(segmentText);
    if (!segment || used.has(segment)) {
      const document = parseDocument(segmentText, PARSE_OPTIONS);
      segment = { document, base: 0 };
      shiftDocument(document, start);
      segment.base = start;
      const contents = document.contents as Node | null;
      if (
        document.errors.length > 0 ||
        (contents !== null && !isMap(contents)) ||
        (expectOneKey && !isServiceSegment(contents))
      )
        return null;
    } else if (segment.base !== start) {
      shiftDocument(segment.document, start - segment.base);
      segment.base = start;
    }
    used.add(segment);
    next.set(segmentText, segment);
    return segment.document;
  };
  const roots: Document[] = [];
  for (const [start, end] of split.roots) {
    const document = parse(start, end, false);
    if (!document) return parseWhole(text);
    roots.push(document);
  }
  const services: Document[] = [];
  for (const [start, end] of split.services) {
    const document = parse(start, end, true);
    if (!document) return parseWhole(text);
    services.push(document);
  }
  cache.segments = next;
  return { roots, services, serviceSpans: split.services, rootSpans: split.roots, whole: null, errors: [] };
}

/**
 * One service whose value is a block mapping (or empty). Any other value
 * (a scalar on the next line, a sequence) is not a service Compose accepts,
 * and a plain scalar may read differently alone than in the whole file, so
 * such a file is parsed whole.
 */
function isServiceSegment(contents: Node | null): boolean {
  if (!isMap(contents) || contents.items.length !== 1) return false;
  const value = (contents.items[0] as { value?: unknown }).value ?? null;
  return value === null || isMap(value);
}

/** An empty document and one error where the nesting limit is crossed: nothing of such a file is analysed. */
function nestedTooDeeply(offset: number): ParsedCompose {
  const message = inEveryLanguage(COMPOSE_PROBLEM_TEXTS, (t) => t.nestedTooDeeply({ levels: MAX_YAML_NESTING }));
  const document = parseDocument('', PARSE_OPTIONS);
  const errors = [{ message, start: offset, end: offset + 1 }];
  return {
    roots: [document],
    services: null,
    serviceSpans: null,
    rootSpans: null,
    whole: document,
    errors,
    tooDeep: true,
  };
}

function parseWhole(text: string): ParsedCompose {
  const document = parseDocument(text, PARSE_OPTIONS);
  const errors = document.errors.map((error) => ({
    message: yamlErrorTexts(error.code, error.message.split('\n')[0]),
    start: error.pos?.[0] ?? 0,
    end: error.pos?.[1] ?? 0,
  }));
  return { roots: [document], services: null, serviceSpans: null, rootSpans: null, whole: document, errors };
}

/**
 * Offsets of the segments: top-level blocks (the `services:` line itself is
 * one, holding no services) and service blocks. Null when the layout is not
 * the plain block style this can split safely.
 */
export function splitSegments(text: string): { roots: [number, number][]; services: [number, number][] } | null {
  if (/^\t|\n\t/.test(text) || /^(---|\.\.\.)(\s|$)/m.test(text) || text.includes('\r')) return null;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineAt = (n: number): string =>
    text.slice(lineStarts[n], n + 1 < lineStarts.length ? lineStarts[n + 1] - 1 : text.length);
  // A plain key: a tag, anchor, alias, quote or flow start may change how the lines after it read.
  const isTopKey = (line: string): boolean => /^[A-Za-z0-9_.$/][^:]*:(\s|$)/.test(line);
  const servicesLine = [...lineStarts.keys()].find((n) => /^services:\s*(#.*)?$/.test(lineAt(n)));
  if (servicesLine === undefined) return null;
  // Lines are only cut out (and matched) where their first characters make it worth it: this runs on
  // every edit of files with thousands of services, most of whose lines are indented service settings.
  const firstChar = (n: number): number => (lineStarts[n] < text.length ? text.charCodeAt(lineStarts[n]) : NEWLINE);
  let end = lineStarts.length;
  for (let n = servicesLine + 1; n < lineStarts.length; n++) {
    if (startsTopKey(firstChar(n)) && isTopKey(lineAt(n))) {
      end = n;
      break;
    }
  }
  // Outside the services, the file must be a block map at column 0: its first content line, and
  // every line at column 0, is a key. Otherwise segments could parse where the whole file does not.
  let firstContent = true;
  for (let n = 0; n < lineStarts.length; n++) {
    if (n > servicesLine && n < end) continue;
    const line = lineAt(n);
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if ((firstContent || !/^\s/.test(line)) && !isTopKey(line)) return null;
    firstContent = false;
  }
  let indent = -1;
  const serviceStarts: number[] = [];
  for (let n = servicesLine + 1; n < end; n++) {
    let lead = 0;
    let at = lineStarts[n];
    while (at < text.length && isBlank(text.charCodeAt(at))) {
      at++;
      lead++;
    }
    const first = at < text.length ? text.charCodeAt(at) : NEWLINE;
    if (first === NEWLINE || first === HASH) continue;
    // Deeper than a service key: part of the service above, nothing to check.
    if (indent !== -1 && lead > indent) continue;
    const line = lineAt(n);
    if (indent === -1) indent = lead;
    if (lead < indent) return null;
    if (lead === indent) {
      // A service key: `name:` alone on its line, or anchored (`name: &base`), a block mapping following.
      if (!/^\s*[^\s#'"{[&*!|>-][^:]*:\s*(&[^\s#]+\s*)?(#.*)?$/.test(line)) return null;
      serviceStarts.push(n);
    }
  }
  if (serviceStarts.length < 2) return null;
  const offset = (n: number): number => (n < lineStarts.length ? lineStarts[n] : text.length);
  const roots: [number, number][] = [];
  if (servicesLine > 0) roots.push([0, offset(servicesLine)]);
  roots.push([offset(servicesLine), offset(serviceStarts[0])]);
  if (end < lineStarts.length) roots.push([offset(end), text.length]);
  const services = serviceStarts.map((n, k): [number, number] => [
    offset(n),
    offset(k + 1 < serviceStarts.length ? serviceStarts[k + 1] : end),
  ]);
  return { roots, services };
}

const NEWLINE = 10;
const HASH = 35;

/** Space, tab and the other characters `String.prototype.trim` removes that can start a line here. */
function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 11 || code === 12 || code === 0xa0 || code === 0xfeff;
}

/** The first character of a plain top-level key (see isTopKey). */
function startsTopKey(code: number): boolean {
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 46 ||
    code === 36 ||
    code === 47
  );
}

/** Moves every node range of a document by `delta` characters. */
function shiftDocument(document: Document, delta: number): void {
  if (delta === 0) return;
  const stack: unknown[] = [document.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    const withRange = node as { range?: [number, number, number] } | null;
    if (withRange?.range)
      withRange.range = [withRange.range[0] + delta, withRange.range[1] + delta, withRange.range[2] + delta];
    if (isCollection(node)) stack.push(...node.items);
    else if (isAlias(node)) continue;
  }
}
