/**
 * How deeply a YAML text nests collections, measured in one linear pass
 * before anything parses it. The `yaml` package recurses once per level and
 * runs out of call stack at about 1,200 nested collections (under 400 on a
 * smaller stack); where it fails then depends on how much stack the caller
 * had already used, which made a segmented analysis and a whole one of the
 * same text disagree. A text nested deeper than MAX_YAML_NESTING is not
 * parsed at all: it gets one finding where the limit is crossed.
 *
 * Each block level (a deeper indentation, each `- ` or `? ` of a compact
 * sequence) and each open `[` or `{` where a node may start, outside quoted
 * scalars, comments and block scalars, counts as one level. That may count a
 * level the parser does not (the continuation line of a plain scalar), never
 * fewer than a few below the real depth; real Compose files nest less than
 * 15 levels.
 */

/** Collections nested deeper than this are not parsed (`yaml` overflows near 1,200 on Node's default stack). */
export const MAX_YAML_NESTING = 200;

/** The offset where the nesting first exceeds `limit`, or null when it never does. */
export function nestingBeyond(text: string, limit = MAX_YAML_NESTING): number | null {
  if (!mayNestBeyond(text, limit)) return null;
  const state: ScanState = { indents: [], flow: 0, quote: 0, limit };
  let blockScalarParent = -1;
  for (let lineStart = 0; lineStart <= text.length;) {
    let next = text.indexOf('\n', lineStart);
    if (next === -1) next = text.length;
    const lineEnd = next > lineStart && text.charCodeAt(next - 1) === CR ? next - 1 : next;
    let at = lineStart;
    while (at < lineEnd && (text.charCodeAt(at) === SPACE || text.charCodeAt(at) === TAB)) at += 1;
    const column = at - lineStart;
    const blank = at === lineEnd || (text.charCodeAt(at) === HASH && state.quote === 0);
    if (state.quote !== 0) {
      // A quoted scalar continued from an earlier line: its indentation means nothing.
      const beyond = scanLine(text, lineStart, lineEnd, lineStart, state);
      if (beyond !== null) return beyond;
    } else if (blockScalarParent >= 0 && (blank || column > blockScalarParent)) {
      // Inside a block scalar (`|`, `>`): text, not structure.
    } else if (!blank) {
      blockScalarParent = -1;
      if (state.flow === 0) {
        while (state.indents.length > 0 && state.indents[state.indents.length - 1] >= column) state.indents.pop();
        state.indents.push(column);
        // `- item` may sit at its parent key's column (`key:` then `- item`): count the item as a level of its own.
        const first = text.charCodeAt(at);
        if ((first === DASH || first === QUESTION) && isBlank(text.charCodeAt(at + 1))) state.indents.push(column + 1);
        if (state.indents.length > limit) return at;
      }
      const beyond = scanLine(text, at, lineEnd, lineStart, state);
      if (beyond === BLOCK_SCALAR) blockScalarParent = column;
      else if (beyond !== null) return beyond;
    }
    lineStart = next + 1;
  }
  return null;
}

/**
 * Cheap bound first: block depth is at most one more than the longest run of
 * indentation and sequence dashes that starts a line, flow depth at most the
 * number of `[` and `{`. Most files are far below the limit on both.
 */
function mayNestBeyond(text: string, limit: number): boolean {
  let opens = 0;
  for (let i = text.indexOf('['); i !== -1 && opens <= limit; i = text.indexOf('[', i + 1)) opens += 1;
  for (let i = text.indexOf('{'); i !== -1 && opens <= limit; i = text.indexOf('{', i + 1)) opens += 1;
  if (opens > limit) return true;
  return new RegExp(`(^|[\\n\\r])[ \\t?-]{${Math.max(0, limit - opens - 1)},}`).test(text);
}

interface ScanState {
  /** Columns of the open block collections. */
  indents: number[];
  /** Open flow collections. */
  flow: number;
  /** The quote (its char code) of a quoted scalar still open at the end of the last line scanned; 0 for none. */
  quote: number;
  limit: number;
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const DOUBLE_QUOTE = 34;
const HASH = 35;
const AMPERSAND = 38;
const SINGLE_QUOTE = 39;
const COMMA = 44;
const DASH = 45;
const COLON = 58;
const GREATER = 62;
const QUESTION = 63;
const BANG = 33;
const OPEN_SQUARE = 91;
const BACKSLASH = 92;
const CLOSE_SQUARE = 93;
const OPEN_CURLY = 123;
const PIPE = 124;
const CLOSE_CURLY = 125;

/** Returned by scanLine for a line that ends with a block scalar header (`key: |`, `- >-`). */
const BLOCK_SCALAR = -1;

/** A blank, a line break or the end of the text (charCodeAt past the end is NaN). */
const isBlank = (code: number): boolean =>
  Number.isNaN(code) || code === SPACE || code === TAB || code === LF || code === CR;

/** Scans one line's structure into `state`: the offset where the limit is crossed, BLOCK_SCALAR, or null. */
function scanLine(text: string, from: number, to: number, lineStart: number, state: ScanState): number | null {
  let i = from;
  if (state.quote !== 0) {
    i = quotedEnd(text, state.quote, from, to) + 1;
    if (i > to) return null;
    state.quote = 0;
  }
  // Where a node may start: after indentation, `- `, `? `, `: `, an anchor or tag, and `[`, `{`, `,` in flow.
  let expectNode = i === from;
  let afterSpace = true;
  for (; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === SPACE || ch === TAB) {
      afterSpace = true;
      continue;
    }
    if (ch === HASH && afterSpace) return null;
    afterSpace = false;
    if (expectNode) {
      if (ch === DOUBLE_QUOTE || ch === SINGLE_QUOTE) {
        const end = quotedEnd(text, ch, i + 1, to);
        if (end >= to) {
          state.quote = ch;
          return null;
        }
        i = end;
        expectNode = false;
        continue;
      }
      if (state.flow === 0 && (ch === DASH || ch === QUESTION) && isBlank(text.charCodeAt(i + 1))) {
        // A compact nested sequence or complex key (`- - x`): one more block level, at this column.
        if (i > from) {
          state.indents.push(i - lineStart);
          if (state.indents.length > state.limit) return i;
        }
        continue;
      }
      if (ch === AMPERSAND || ch === BANG) {
        while (i + 1 < to && !isBlank(text.charCodeAt(i + 1))) i += 1;
        continue;
      }
      if (state.flow === 0 && (ch === PIPE || ch === GREATER) && /^[|>][-+0-9]*[ \t]*(#.*)?$/.test(text.slice(i, to))) {
        return BLOCK_SCALAR;
      }
      if (ch !== OPEN_SQUARE && ch !== OPEN_CURLY) {
        expectNode = false;
        // A plain value in block context: nothing after it on this line opens a collection.
        if (state.flow === 0 && valueStarted(text, from, i)) return null;
      }
    }
    if ((ch === OPEN_SQUARE || ch === OPEN_CURLY) && (expectNode || state.flow > 0)) {
      state.flow += 1;
      expectNode = true;
      if (state.indents.length + state.flow > state.limit) return i;
    } else if ((ch === CLOSE_SQUARE || ch === CLOSE_CURLY) && state.flow > 0) {
      state.flow -= 1;
    } else if (ch === COMMA && state.flow > 0) {
      expectNode = true;
    } else if (ch === COLON && (isBlank(text.charCodeAt(i + 1)) || state.flow > 0)) {
      expectNode = true;
    }
  }
  return null;
}

/** Whether a `: ` precedes offset `at` on the line (so a scalar starting there is a value, not a key). */
function valueStarted(text: string, from: number, at: number): boolean {
  for (let i = at - 1; i > from; i--) {
    if (text.charCodeAt(i) === COLON && isBlank(text.charCodeAt(i + 1))) return true;
  }
  return false;
}

/** The offset of a quoted scalar's closing quote, searching from `from`; `to` when it continues on the next line. */
function quotedEnd(text: string, quote: number, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (quote === DOUBLE_QUOTE && ch === BACKSLASH) i += 1;
    else if (ch === quote) {
      if (quote === SINGLE_QUOTE && text.charCodeAt(i + 1) === SINGLE_QUOTE) i += 1;
      else return i;
    }
  }
  return to;
}
