/**
 * The Dockerfile stage model, built once per document version from
 * dockerfile-ast: stages with their base image or parent stage, the
 * instructions of each stage with exact offsets, and variable resolution
 * (global ARGs for FROM, stage ARG/ENV for the rest). Rules read this model
 * and never re-parse.
 */
import type { From, Instruction, Property } from 'dockerfile-ast';
import { heredocsOf } from './ast-workarounds';
import { parseInstructions, type DockerfileParseCache } from './parse-cache';
import { LineIndex, lineBreakOf, trimTrailing, withLineFeeds } from '../text';
import type { Range } from '../types';
import { substitute, type VariableLookup } from '../variables';
import { parseImageReference, type ImageReference } from './image-reference';
import { describeBaseImage, type BaseImageFacts } from '../knowledge/base-images';

export interface DockerInstruction {
  /** Upper-case keyword (`RUN`, `FROM`...), as Docker treats instructions case-insensitively. */
  keyword: string;
  node: Instruction;
  range: Range;
  startOffset: number;
  endOffset: number;
  /** The instruction's text exactly as in the document. */
  text: string;
  /**
   * The same text with line continuations and the comment lines inside them
   * blanked to spaces: identical length, so an index into it is an index into
   * the document, but a command split over lines reads as one line.
   */
  flatText: string;
  /** Offset in `text` where the arguments (after the keyword) start. */
  argumentsOffset: number;
  /** The stage this instruction belongs to; null for ARGs before the first FROM. */
  stage: Stage | null;
  /** Line index of the whole document, for converting dockerfile-ast positions inside the instruction. */
  documentLines: LineIndex;
}

export interface StageBase {
  /** The image after substituting global ARG defaults, or null when unparsable or unresolved. */
  image: ImageReference | null;
  /** True when the FROM image could not be resolved because a variable has no known value. */
  unresolved: boolean;
  /** Offset in the document where the written image reference starts / ends. */
  startOffset: number;
  endOffset: number;
  /** Whether the written reference equals the resolved one, so offsets inside it are exact. */
  literal: boolean;
  facts: BaseImageFacts | null;
}

export interface Stage {
  index: number;
  from: DockerInstruction;
  /** Stage alias from `AS name`, lower-cased as BuildKit compares them. */
  name: string | null;
  /** Set when FROM names an earlier stage. */
  parent: Stage | null;
  /** Set when FROM names an image (not a stage, not scratch). */
  base: StageBase | null;
  isScratch: boolean;
  /**
   * True for the stage made up for instructions written before any FROM (a
   * fragment, or a file being typed): rules that need a real stage skip it,
   * rules about commands still see its RUNs.
   */
  implicit: boolean;
  /** Instructions after FROM up to the next FROM. */
  instructions: DockerInstruction[];
}

export interface DockerfileModel {
  kind: 'dockerfile';
  text: string;
  lines: LineIndex;
  escapeChar: string;
  instructions: DockerInstruction[];
  stages: Stage[];
  finalStage: Stage | null;
  /** Global ARG defaults (declared before the first FROM); null = declared without default. */
  globalArgs: Map<string, string | null>;
}

/** Builds the model; `cache` (one per open document) lets unchanged parts of the text skip parsing. */
export function buildDockerfileModel(written: string, cache?: DockerfileParseCache): DockerfileModel {
  // Lone CRs read as line feeds (same offsets), so the parser, the rules and LSP see the same lines: see text.ts.
  const text = withLineFeeds(written);
  const { instructions: nodes, escapeChar } = parseInstructions(text, cache);
  const lines = new LineIndex(text, text === written ? undefined : lineBreakOf(written));
  const instructions: DockerInstruction[] = [];
  const stages: Stage[] = [];
  const globalArgs = new Map<string, string | null>();
  const stagesByName = new Map<string, Stage>();
  let current: Stage | null = null;

  for (const node of nodes) {
    const instruction = toInstruction(node, lines, text, escapeChar, current);
    instructions.push(instruction);
    if (instruction.keyword === 'FROM') {
      current = buildStage(instruction, stages, stagesByName, globalArgs, lines);
      instruction.stage = current;
      stages.push(current);
      if (current.name !== null) stagesByName.set(current.name, current);
    } else if (current) {
      current.instructions.push(instruction);
    } else if (instruction.keyword === 'ARG') {
      for (const property of propertiesOf(node)) globalArgs.set(property.getName(), property.getValue());
    } else {
      current = {
        index: 0,
        from: instruction,
        name: null,
        parent: null,
        base: null,
        isScratch: false,
        implicit: true,
        instructions: [instruction],
      };
      instruction.stage = current;
      stages.push(current);
    }
  }
  return {
    kind: 'dockerfile',
    text,
    lines,
    escapeChar,
    instructions,
    stages,
    finalStage: stages[stages.length - 1] ?? null,
    globalArgs,
  };
}

/**
 * The arguments without flags, remembered once parsing is over (raw
 * arguments are remembered by ./ast-workarounds, from parsing on): rules ask for
 * them often. Not during parsing, when dockerfile-ast's flag scan asks for
 * them before the flags are known. Each call gets its own copy of the list:
 * dockerfile-ast's flag-taking instructions `shift()` the flags off the list
 * they get, which once corrupted a remembered list, so that what a reused
 * node answered depended on which rule had asked first, in an earlier
 * version.
 */
function memoizeArguments(node: Instruction): void {
  const computeArguments = node.getArguments;
  let cached: ReturnType<Instruction['getArguments']> | undefined;
  node.getArguments = () => (cached ??= computeArguments.call(node)).slice();
}

/** What depends only on a parsed instruction's own text; reused while its segment is unchanged. */
interface NodeText {
  keyword: string;
  text: string;
  flatText: string;
  argumentsOffset: number;
}

/**
 * Kept on the parsed node itself (a symbol-keyed property) rather than in a
 * WeakMap: tens of thousands of short-lived WeakMap keys per parse cost the
 * garbage collector more than the whole analysis.
 */
const NODE_TEXT = Symbol('docker-harden.nodeText');
type WithNodeText = Instruction & { [NODE_TEXT]?: NodeText };

function toInstruction(
  node: Instruction,
  lines: LineIndex,
  text: string,
  escapeChar: string,
  stage: Stage | null,
): DockerInstruction {
  const range = node.getRange();
  const startOffset = lines.offsetAt(range.start);
  const endOffset = lines.offsetAt(range.end);
  let own = (node as WithNodeText)[NODE_TEXT];
  if (!own) {
    memoizeArguments(node);
    const raw = text.slice(startOffset, endOffset);
    own = {
      keyword: node.getKeyword().toUpperCase(),
      text: raw,
      flatText: flattenContinuations(
        raw,
        escapeChar,
        raw.includes('<<') ? heredocStart(node, lines, startOffset) : Infinity,
      ),
      argumentsOffset: Math.min(raw.length, lines.offsetAt(node.getInstructionRange().end) - startOffset),
    };
    (node as WithNodeText)[NODE_TEXT] = own;
  }
  // Listed one by one: an object spread here builds objects of unstable shape and was the hottest line of the analysis.
  return {
    keyword: own.keyword,
    node,
    range,
    startOffset,
    endOffset,
    text: own.text,
    flatText: own.flatText,
    argumentsOffset: own.argumentsOffset,
    stage,
    documentLines: lines,
  };
}

/** Offset (within the instruction) where heredoc bodies start; continuations are not processed inside them. */
function heredocStart(node: Instruction, lines: LineIndex, startOffset: number): number {
  let first = Infinity;
  for (const heredoc of heredocsOf(node)) {
    const content = heredoc.getContentRange();
    if (content) first = Math.min(first, lines.offsetAt(content.start) - startOffset);
  }
  return first;
}

export function flattenContinuations(raw: string, escapeChar: string, stopAt: number): string {
  if (!raw.includes('\n')) return raw;
  const chars = raw.split('');
  let lineStart = 0;
  let continued = false;
  const limit = Math.min(raw.length, stopAt);
  while (lineStart < limit) {
    let lineEnd = raw.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = raw.length;
    const line = raw.slice(lineStart, lineEnd);
    if (continued && /^\s*#/.test(line)) {
      // A comment line inside a continued instruction is dropped by the builder.
      for (let k = lineStart; k <= lineEnd && k < raw.length; k++) chars[k] = ' ';
      lineStart = lineEnd + 1;
      continue;
    }
    const body = line.replace(/\r$/, '');
    const trimmed = trimTrailing(body, ' \t');
    continued = trimmed.endsWith(escapeChar) && lineEnd < raw.length;
    if (continued) {
      for (let k = lineStart + trimmed.length - 1; k <= lineEnd; k++) chars[k] = ' ';
    }
    lineStart = lineEnd + 1;
  }
  return chars.join('');
}

function propertiesOf(node: Instruction): Property[] {
  const withProperties = node as Instruction & { getProperties?: () => Property[] };
  return typeof withProperties.getProperties === 'function' ? withProperties.getProperties() : [];
}

/** `stagesByName`: the latest earlier stage of each name (a FROM names the last one before it). */
function buildStage(
  instruction: DockerInstruction,
  stages: Stage[],
  stagesByName: Map<string, Stage>,
  globalArgs: Map<string, string | null>,
  lines: LineIndex,
): Stage {
  const from = instruction.node as From;
  const alias = from.getBuildStage();
  const stage: Stage = {
    index: stages.length,
    from: instruction,
    name: alias ? alias.toLowerCase() : null,
    parent: null,
    base: null,
    isScratch: false,
    implicit: false,
    instructions: [],
  };
  const written = from.getImage();
  const writtenRange = from.getImageRange();
  if (written === null || writtenRange === null) return stage;
  const lookup: VariableLookup = (name) => globalArgs.get(name) ?? undefined;
  const resolved = substitute(written, lookup, { dialect: 'dockerfile' });
  const resolvedLower = resolved.value.toLowerCase();
  const parent = resolved.unresolved.length === 0 ? stagesByName.get(resolvedLower) : undefined;
  if (parent) {
    stage.parent = parent;
    return stage;
  }
  if (resolvedLower === 'scratch') {
    stage.isScratch = true;
    return stage;
  }
  const startOffset = lines.offsetAt(writtenRange.start);
  const image = resolved.unresolved.length === 0 ? parseImageReference(resolved.value) : null;
  stage.base = {
    image,
    unresolved: resolved.unresolved.length > 0,
    startOffset,
    endOffset: startOffset + written.length,
    literal: resolved.value === written,
    facts: image ? describeBaseImage(image) : null,
  };
  return stage;
}

/** Whether any stage of the final image's lineage has an instruction with this keyword (USER, HEALTHCHECK...). */
export function lineageHas(model: DockerfileModel, keyword: string): boolean {
  return finalLineage(model).some((stage) => stage.instructions.some((instruction) => instruction.keyword === keyword));
}

/** Stages whose file system ends up in the final image: the final stage and the stages it is built FROM. */
export function finalLineage(model: DockerfileModel): Stage[] {
  const lineage = new Set<Stage>();
  for (let stage = model.finalStage; stage && !lineage.has(stage); stage = stage.parent) lineage.add(stage);
  return [...lineage];
}

/** The image a stage is ultimately built on, following FROM <stage> links. */
export function rootBase(stage: Stage): { base: StageBase | null; isScratch: boolean } {
  const seen = new Set<Stage>();
  let current: Stage = stage;
  while (current.parent && !seen.has(current)) {
    seen.add(current);
    current = current.parent;
  }
  return { base: current.base, isScratch: current.isScratch };
}

/**
 * Variable values visible to an instruction of a stage: global ARG defaults
 * re-declared in the stage, stage ARG defaults and ENV values, in order,
 * then those of the stages it is built FROM. Unknown values (ARG without
 * default, build-time overrides) are undefined.
 *
 * Each stage's assignments are read once and each name's value at a stage's
 * end is remembered, so lookups cost the same however long the chain of
 * `FROM <stage>` is (folding the whole chain per lookup was quadratic, and
 * with a lookup per instruction cubic: thousands of chained stages hung).
 */
export function variablesBefore(model: DockerfileModel, stage: Stage, offset: number): VariableLookup {
  return (name) => {
    const own = stageVariables(model, stage);
    const assignments = own.assigned.get(name);
    if (assignments) {
      // The last assignment written before `offset` (instructions are in document order).
      let low = 0;
      let high = assignments.length - 1;
      let found = -1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        if (assignments[mid].offset < offset) {
          found = mid;
          low = mid + 1;
        } else high = mid - 1;
      }
      if (found !== -1) return assignments[found].value;
    }
    return stage.parent ? valueAtEnd(model, stage.parent, name) : undefined;
  };
}

interface StageVariables {
  /** Per name, the values the stage's ARG and ENV instructions give it, in order, at their instructions' offsets. */
  assigned: Map<string, { offset: number; value: string | undefined }[]>;
  /** Per name, its value at the end of the stage (its own or inherited); filled as names are asked for. */
  atEnd: Map<string, string | undefined>;
}

const STAGE_VARIABLES = new WeakMap<Stage, StageVariables>();

function stageVariables(model: DockerfileModel, stage: Stage): StageVariables {
  const known = STAGE_VARIABLES.get(stage);
  if (known) return known;
  // Read the stages above first, from the top of the chain down, so reading one never recurses.
  const pending: Stage[] = [];
  const seen = new Set<Stage>();
  for (let s: Stage | null = stage; s && !STAGE_VARIABLES.has(s) && !seen.has(s); s = s.parent) {
    seen.add(s);
    pending.push(s);
  }
  for (let i = pending.length - 1; i >= 0; i--) STAGE_VARIABLES.set(pending[i], readStageVariables(model, pending[i]));
  return STAGE_VARIABLES.get(stage)!;
}

function readStageVariables(model: DockerfileModel, stage: Stage): StageVariables {
  const assigned = new Map<string, { offset: number; value: string | undefined }[]>();
  // While reading in order, the latest assignment is the one in force.
  const current = (name: string): string | undefined => {
    const list = assigned.get(name);
    if (list) return list[list.length - 1].value;
    return stage.parent ? valueAtEnd(model, stage.parent, name) : undefined;
  };
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
    for (const property of propertiesOf(instruction.node)) {
      const name = property.getName();
      const value = property.getValue();
      let resolved: string | undefined;
      if (instruction.keyword === 'ARG') resolved = value ?? model.globalArgs.get(name) ?? undefined;
      else if (value !== null) {
        const result = substitute(value, current, { dialect: 'dockerfile' });
        resolved = result.unresolved.length ? undefined : result.value;
      } else continue;
      let list = assigned.get(name);
      if (!list) assigned.set(name, (list = []));
      list.push({ offset: instruction.startOffset, value: resolved });
    }
  }
  return { assigned, atEnd: new Map() };
}

/** A name's value at the end of a stage: walked up the chain once per name, remembered at every stage walked. */
function valueAtEnd(model: DockerfileModel, stage: Stage, name: string): string | undefined {
  const walked: StageVariables[] = [];
  let value: string | undefined;
  const seen = new Set<Stage>();
  for (let s: Stage | null = stage; s && !seen.has(s); s = s.parent) {
    seen.add(s);
    const variables = stageVariables(model, s);
    if (variables.atEnd.has(name)) {
      value = variables.atEnd.get(name);
      break;
    }
    walked.push(variables);
    const list = variables.assigned.get(name);
    if (list) {
      value = list[list.length - 1].value;
      break;
    }
  }
  for (const variables of walked) variables.atEnd.set(name, value);
  return value;
}

export { propertiesOf };
