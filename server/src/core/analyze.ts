/**
 * The analysis entry point: text in, findings out. Used unchanged by the
 * language server, the CLI and the tests. Never throws: a rule that fails
 * becomes an `internal-error` finding, an oversized input a `file-too-large`
 * one.
 */
import { buildDockerfileModel, type DockerfileModel } from './dockerfile/model';
import { DockerfileParseCache } from './dockerfile/parse-cache';
import { ComposeParseCache } from './compose/segments';

export { ComposeParseCache, DockerfileParseCache };
import { dockerfileSyntaxFindings } from './dockerfile/syntax';
import { detectKind } from './detect';
import { buildComposeModel, type ComposeModel } from './compose/model';
import { BUILTIN_IDS, COMPOSE_RULES, DOCKERFILE_RULES } from './rules';
import type { Rule } from './rules/rule';
import { applySuppressions, indentationBlockEnd, suppressedInYaml } from './suppressions';
import { dirname, relativePath } from './compose/paths';
import { recordingReader, type RecordingReader, type ServiceFindingsCache } from './compose/service-findings';
import { DEFAULT_MAX_LENGTH, SEVERITY_ORDER, type DocumentKind, type FileReader, type Finding, type Severity } from './types';

export interface AnalyzeOptions {
  /** Path or URI of the document: decides the kind and anchors cross-file lookups. */
  path?: string;
  /** Forces the kind, or an editor language id (`dockerfile`, `dockercompose`, `yaml`). */
  kind?: DocumentKind | string;
  /** Rule ids or concern ids never to report. */
  disabledRules?: readonly string[];
  /** Findings below this severity are dropped. */
  minimumSeverity?: Severity;
  /** Access to other files (Dockerfiles built by a Compose file, .env, overrides). */
  files?: FileReader;
  /** Larger inputs are not analysed (default 5 MiB of text). */
  maxLength?: number;
  /** State kept between versions of one document, so an edit re-parses only what changed. */
  cache?: AnalysisCache;
}

/** Per-document state an editor keeps between analyses of successive versions. */
export class AnalysisCache {
  constructor(
    readonly dockerfile = new DockerfileParseCache(),
    readonly compose = new ComposeParseCache(),
  ) {}
}

export interface AnalysisResult {
  kind: DocumentKind | null;
  findings: Finding[];
}

export { DEFAULT_MAX_LENGTH };

export function analyze(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  const kind = detectKind(options.path, text, options.kind);
  if (kind === null) return { kind, findings: [] };
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    return {
      kind,
      findings: [{
        ruleId: BUILTIN_IDS.tooLarge,
        concern: null,
        severity: 'warning',
        message: `This file is ${(text.length / 1048576).toFixed(1)} MiB; docker-harden analyses files up to ${(maxLength / 1048576).toFixed(0)} MiB and skipped it.`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        fixes: [],
      }],
    };
  }
  const findings = kind === 'dockerfile' ? analyzeDockerfile(text, options.cache) : analyzeCompose(text, options);
  return { kind, findings: filterFindings(findings, options) };
}

export function analyzeDockerfile(text: string, cache?: AnalysisCache): Finding[] {
  let model: DockerfileModel;
  try {
    model = buildDockerfileModel(text, cache?.dockerfile);
  } catch (error) {
    return [internalError('dockerfile parser', error)];
  }
  const findings = [...dockerfileSyntaxFindings(model), ...runRules(DOCKERFILE_RULES, model)];
  const instructionEnds = new Map(model.instructions.map((i) => [i.range.start.line, i.range.end.line]));
  for (const finding of findings) finding.statementLine = instructionStartLine(model, finding.range.start.line);
  return applySuppressions(findings, model.lines, (line) => instructionEnds.get(line) ?? line, false);
}

/** The first line of the instruction that spans `line` (binary search; instructions are in document order). */
function instructionStartLine(model: DockerfileModel, line: number): number {
  const instructions = model.instructions;
  let low = 0;
  let high = instructions.length - 1;
  let found = line;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const range = instructions[mid].range;
    if (range.start.line > line) high = mid - 1;
    else {
      if (range.end.line >= line) found = range.start.line;
      low = mid + 1;
    }
  }
  return found;
}

export function analyzeCompose(text: string, options: AnalyzeOptions = {}): Finding[] {
  let model: ComposeModel;
  const files = options.files ? recordingReader(options.files) : undefined;
  try {
    model = buildComposeModel(text, { path: options.path, files, cache: options.cache?.compose });
  } catch (error) {
    return [internalError('compose parser', error)];
  }
  const placed = placeFindings(model, checkServices(model, files, options.cache?.compose.findings));
  // Read after the rules: alias and size limits are met while they read the model.
  const problems: PlacedFinding[] = model.problems().map((problem) => ({
    finding: { ruleId: problem.kind === 'syntax' ? BUILTIN_IDS.syntax : BUILTIN_IDS.brokenReference, concern: null, severity: 'error', message: problem.message, range: problem.range, fixes: [] },
    place: '',
  }));
  const findings = mergeSharedFindings([...problems, ...placed]);
  for (const finding of findings) finding.statementLine = finding.range.start.line;
  return applySuppressions(findings, model.lines, indentationBlockEnd(model.lines), true);
}

/**
 * Runs the rules service by service (and once over the document's networks),
 * reusing the findings of services unchanged since the last version when the
 * editor keeps a cache.
 */
function checkServices(model: ComposeModel, files: RecordingReader | undefined, reusable: ServiceFindingsCache | undefined): Finding[] {
  const session = reusable?.begin(model, files);
  const findings = runRules(COMPOSE_RULES, { ...model, services: [] });
  const noNetworks = new Map();
  for (const service of model.allServices) {
    const reused = session?.reuse(service);
    if (reused) {
      findings.push(...reused);
      continue;
    }
    const own = runRules(COMPOSE_RULES, { ...model, services: [service], networks: noNetworks });
    session?.keep(service, own);
    findings.push(...own);
  }
  session?.end();
  return findings;
}

/** A finding and where its cause is written: empty for the analysed document, else the other file and position. */
interface PlacedFinding {
  finding: Finding;
  place: string;
}

/**
 * Findings on content another file contributes (an override file, an
 * `extends` target, an `include`) move to the place in this document that
 * pulls that file in, and name the file and line; they carry no fixes, which
 * would have to edit the other file. A finding that file reports itself, or
 * that a comment there silences, is dropped.
 */
function placeFindings(model: ComposeModel, findings: Finding[]): PlacedFinding[] {
  const placed: PlacedFinding[] = [];
  const here = model.path ? dirname(model.path) : '.';
  for (const finding of findings) {
    const place = model.placeOf(finding.range);
    if (!place) {
      placed.push({ finding, place: '' });
      continue;
    }
    const { origin, ownRange } = place;
    if (!origin.pull || suppressedInYaml(origin.source.lines, finding, ownRange.start.line)) continue;
    const file = origin.source.path ?? '';
    placed.push({
      finding: { ...finding, range: origin.pull.range, fixes: [], relatedFile: finding.relatedFile ?? file, message: `${finding.message} (from ${relativePath(here, file)}:${ownRange.start.line + 1}; ${origin.pull.how})` },
      place: origin.pull.aggregate ? 'included' : `${file}:${ownRange.start.line}:${ownRange.start.character}`,
    });
  }
  return placed;
}

/**
 * A setting inherited from an anchor, or brought in by an include, is
 * reported once per place to change for every service it affects.
 */
function mergeSharedFindings(placed: PlacedFinding[]): Finding[] {
  const byPlace = new Map<string, number>();
  const merged: Finding[] = [];
  // The other services each merged finding affects, named once each: messages are built at the end, in one go
  // (growing and searching the message per service took time in the square of the number of services).
  const alsoAffects = new Map<number, Set<string>>();
  for (const { finding, place } of placed) {
    const { start, end } = finding.range;
    const key = `${finding.ruleId}\u0000${start.line}:${start.character}-${end.line}:${end.character}\u0000${place}`;
    const at = byPlace.get(key);
    if (at === undefined) {
      byPlace.set(key, merged.length);
      merged.push(finding);
      continue;
    }
    const service = /^Service "([^"]+)"/.exec(finding.message)?.[1];
    if (!service || merged[at].message.includes(`"${service}"`)) continue;
    let names = alsoAffects.get(at);
    if (!names) alsoAffects.set(at, (names = new Set()));
    names.add(service);
  }
  for (const [at, names] of alsoAffects) {
    // A new object: findings may be kept for reuse in the next version and must not change.
    const first = merged[at];
    const list = [...names].map((name) => `"${name}"`).join(', ');
    const joiner = first.message.includes(' Also affects') ? ',' : ' Also affects';
    merged[at] = { ...first, message: `${first.message}${joiner} ${list}` };
  }
  return merged;
}

export function runRules<Model>(rules: readonly Rule<Model>[], model: Model): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      rule.check(model, (range, message, options = {}) => {
        findings.push({
          ruleId: rule.meta.id,
          concern: rule.meta.concern,
          severity: options.severity ?? rule.meta.severity,
          message,
          range,
          fixes: options.fixes ?? [],
          ...(options.relatedFile ? { relatedFile: options.relatedFile } : {}),
        });
      });
    } catch (error) {
      findings.push(internalError(`rule ${rule.meta.id}`, error));
    }
  }
  return findings;
}

function internalError(where: string, error: unknown): Finding {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    ruleId: BUILTIN_IDS.internalError,
    concern: null,
    severity: 'warning',
    message: `docker-harden could not finish (${where}: ${detail}). Please report this with the file that caused it.`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    fixes: [],
  };
}

function filterFindings(findings: Finding[], options: AnalyzeOptions): Finding[] {
  const disabled = new Set(options.disabledRules ?? []);
  const minimum = SEVERITY_ORDER[options.minimumSeverity ?? 'info'];
  return findings
    .filter((f) => !disabled.has(f.ruleId) && !(f.concern && disabled.has(f.concern)) && SEVERITY_ORDER[f.severity] >= minimum)
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
}

