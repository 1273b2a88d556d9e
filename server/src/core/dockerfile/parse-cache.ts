/**
 * Parsing a Dockerfile in segments that survive from one document version to
 * the next. While typing, one line changes; re-parsing the whole file with
 * dockerfile-ast costs milliseconds per hundred lines. The text is cut into
 * segments of about SEGMENT_LINES lines, only at lines that certainly start
 * an instruction (not inside a continuation or a heredoc). Each segment is
 * parsed on its own, preceded by as many empty lines as precede it in the
 * document, so every position dockerfile-ast reports is a document position.
 * A segment whose text and first line are unchanged is reused as is.
 */
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import './ast-workarounds';

const SEGMENT_LINES = 60;
/** Below this size one parse is cheaper than the bookkeeping. */
const MIN_SEGMENTED_LENGTH = 4000;

/** Parsed segments of one document's previous version; keep one per open document. */
export class DockerfileParseCache {
  segments = new Map<string, Instruction[]>();

  /** Segment size and the smallest text worth segmenting; tests shrink them to exercise many cuts. */
  constructor(
    readonly segmentLines = SEGMENT_LINES,
    readonly minLength = MIN_SEGMENTED_LENGTH,
  ) {}
}

export interface ParsedInstructions {
  instructions: Instruction[];
  escapeChar: string;
}

export function parseInstructions(text: string, cache?: DockerfileParseCache): ParsedInstructions {
  if (!cache || text.length < cache.minLength || hasNonDefaultEscape(text)) return parseWhole(text);
  const lines = text.split('\n');
  const starts = segmentStarts(lines, cache.segmentLines);
  if (starts.length < 2) return parseWhole(text);
  const next = new Map<string, Instruction[]>();
  const instructions: Instruction[] = [];
  for (let k = 0; k < starts.length; k++) {
    const first = starts[k];
    const end = k + 1 < starts.length ? starts[k + 1] : lines.length;
    const segmentText = lines.slice(first, end).join('\n');
    // The next segment's first line is parsed too: it proves the parser is between instructions there.
    const probe = end < lines.length ? lines[end] : null;
    const key = `${first}\u0000${segmentText}\u0000${probe ?? ''}`;
    let parsed = cache.segments.get(key) ?? next.get(key);
    if (!parsed) {
      const withProbe = DockerfileParser.parse(
        '\n'.repeat(first) + segmentText + (probe === null ? '' : `\n${probe}`),
      ).getInstructions();
      // The scanner only proposes cuts; the parser decides. A cut is right when the probe line starts an instruction.
      if (probe !== null && !withProbe.some((instruction) => instruction.getRange().start.line === end))
        return parseWhole(text);
      parsed = withProbe.filter((instruction) => instruction.getRange().start.line < end);
    }
    next.set(key, parsed);
    instructions.push(...parsed);
  }
  cache.segments = next;
  return { instructions, escapeChar: '\\' };
}

function parseWhole(text: string): ParsedInstructions {
  const dockerfile = DockerfileParser.parse(text);
  return { instructions: dockerfile.getInstructions(), escapeChar: dockerfile.getEscapeCharacter() };
}

/** `# escape=` changes how every line continues; such files are parsed whole. */
function hasNonDefaultEscape(text: string): boolean {
  const header = /^(?:\s*#[^\n]*\n)*/.exec(text)?.[0] ?? '';
  return /^\s*#\s*escape\s*=\s*[^\\\s]/im.test(header);
}

/** dockerfile-ast's own rule (Util.parseHeredocName) for the name after `<<`, so both agree on where a body ends. */
function heredocName(token: string): { name: string; tabbed: boolean } | null {
  let value = token.slice(2);
  const tabbed = value.startsWith('-');
  if (tabbed) value = value.slice(1);
  for (const quote of ['"', "'"]) {
    if (value.startsWith(quote)) {
      if (!value.endsWith(quote)) return null;
      value = value.slice(1, -1);
    }
  }
  return value.startsWith('<') ? null : { name: value, tabbed };
}

/**
 * Lines where a segment may start: the first line, then every line starting
 * an instruction at least `segmentLines` after the previous cut, outside
 * continuations (comment and blank lines inside one keep it going) and
 * heredoc bodies. Heredocs are recognised exactly as dockerfile-ast does:
 * any whitespace-separated argument of ADD, COPY or RUN (also after ONBUILD)
 * that starts with `<<`; bodies begin after the instruction's last line.
 */
export function segmentStarts(lines: string[], segmentLines = SEGMENT_LINES): number[] {
  const starts = [0];
  let continued = false;
  let takesHeredocs = false;
  let opened: { name: string; tabbed: boolean }[] = [];
  let bodies: { name: string; tabbed: boolean }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (bodies.length > 0) {
      const candidate = bodies[0].tabbed ? line.replace(/^\t+/, '') : line;
      if (candidate === bodies[0].name) bodies = bodies.slice(1);
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (!continued) {
      // Like dockerfile-ast, any other line starts an instruction, whatever its first word looks like.
      const tokens = trimmed.split(/\s+/);
      const trigger = tokens[0].toUpperCase() === 'ONBUILD' ? (tokens[1] ?? '') : tokens[0];
      takesHeredocs = ['ADD', 'COPY', 'RUN'].includes(trigger.toUpperCase());
      if (i - starts[starts.length - 1] >= segmentLines) starts.push(i);
    }
    if (takesHeredocs) {
      for (const token of trimmed.split(/\s+/)) {
        const heredoc = token.startsWith('<<') && token.length > 2 ? heredocName(token) : null;
        if (heredoc) opened.push(heredoc);
      }
    }
    continued = /\\[ \t]*$/.test(line);
    if (!continued) {
      bodies = opened;
      opened = [];
    }
  }
  return starts;
}
