/**
 * The analysis entry point: text in, findings out. Used unchanged by the
 * language server, the CLI and the tests. Never throws: a rule that fails
 * becomes an `internal-error` finding, an oversized input a `file-too-large`
 * one. No secret leaves it: every message and fix title passes a final
 * masking of credentials (fix edits are the user's own text and stay whole).
 */
import { buildDockerfileModel, type DockerfileModel } from './dockerfile/model';
import { DockerfileParseCache } from './dockerfile/parse-cache';
import { ComposeParseCache } from './compose/parse-cache';

export { ComposeParseCache, DockerfileParseCache };
import { dockerfileSyntaxFindings } from './dockerfile/syntax';
import { detectKind } from './detect';
import { buildComposeModel, type ComposeModel } from './compose/model';
import { ALL_RULES, BUILTIN_IDS, COMPOSE_RULES, DOCKERFILE_RULES } from './rules';
import { fromTable, translatedTables, type Rule, type RuleContext } from './rules/rule';
import { ANALYSIS_TEXTS } from './analysis-messages';
import type { Language } from './l10n';
import { DEFAULT_RULE_OPTIONS, type RuleOptions } from './rules/options';
import { isAbsolutePath } from './compose/paths';
import { serviceSubject } from './rules/compose/helpers';
import { stageSubject } from './rules/dockerfile/helpers';
import { applySuppressions, indentationBlockEnd, suppressedInYaml, type SuppressionTarget } from './suppressions';
import { dirname, relativePath } from './compose/paths';
import { recordingReader } from './compose/service-findings';
import { checkServices } from './compose/service-runs';
import { maskSecrets, quote } from './knowledge/secrets';
import {
  DEFAULT_MAX_LENGTH,
  SEVERITY_ORDER,
  type DocumentKind,
  type FileReader,
  type Finding,
  type FindingSubject,
  type Fix,
  type MessageParam,
  type MessageParams,
  type MessageRef,
  type Severity,
} from './types';
import { LineIndex, withLineBreak } from './text';
import type { ImageFactsLookup, ImageQuery } from './image-facts';
import { composeImageQueries, dockerfileImageQueries } from './rules/image-queries';
import { ruleOptionsFrom, severityUnder } from './config/resolve';
import type { RuleSettings } from './config/types';
import { keepInsideDocument } from './bounds';
import { inDocumentOrder } from './edits';

/**
 * `RuleSettings` are what a configuration file comes to for this document
 * (core/config); `disabledRules` and `minimumSeverity`, the editor's
 * settings and the CLI's flags, apply after them and so win over them.
 */
export interface AnalyzeOptions extends RuleSettings {
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
  /** Findings reported per document at most (default MAX_FINDINGS); the rest is summed up in one finding. */
  maxFindings?: number;
  /** State kept between versions of one document, so an edit re-parses only what changed. */
  cache?: AnalysisCache;
  /** Values the rules write into fixes (a measure's inputs, configuration); unset ones keep their defaults. */
  ruleOptions?: Partial<RuleOptions>;
  /** What registries say about images (default user, healthcheck, ports, digest); none: built-in knowledge only. */
  imageFacts?: ImageFactsLookup;
  /** The language of messages and fix titles (default English). */
  language?: Language;
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
  /**
   * What findings can be about in this document, in order, with or without
   * findings: its own services, or its stages (the wizard's targets).
   */
  subjects?: FindingSubject[];
  /** The images the document runs or builds on, resolved: what an adapter may look up for `imageFacts`. */
  images?: ImageQuery[];
}

export { DEFAULT_MAX_LENGTH };

export function analyze(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  const kind = detectKind(options.path, text, options.kind);
  if (kind === null) return { kind, findings: [] };
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    return {
      kind,
      findings: [
        {
          ruleId: BUILTIN_IDS.tooLarge,
          concern: null,
          severity: 'warning',
          message: ANALYSIS_TEXTS[options.language ?? 'en'].tooLarge({
            size: (text.length / 1048576).toFixed(1),
            limit: (maxLength / 1048576).toFixed(0),
          }),
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          fixes: [],
        },
      ],
    };
  }
  const analysed =
    kind === 'dockerfile'
      ? dockerfileAnalysis(
          text,
          options.cache,
          ruleOptionsOf(options),
          options.requireSuppressionReason,
          options.language,
          options.imageFacts,
        )
      : composeAnalysis(text, options);
  const lines = analysed.lines ?? new LineIndex(text);
  let findings = filterFindings(analysed.findings, options).map(withoutSecrets);
  if (lines.text !== text) findings = findings.map((finding) => withDocumentLineBreaks(finding, lines));
  const kept = keepInsideDocument(lines, capFindings(findings, options.maxFindings ?? MAX_FINDINGS, options.language));
  return { kind, findings: kept, subjects: analysed.subjects, images: analysed.images };
}

/** Findings and the line index of the text the model read (null when no model could be built). */
interface Analysis {
  findings: Finding[];
  lines: LineIndex | null;
  subjects?: FindingSubject[];
  images?: ImageQuery[];
}

/**
 * A fix made on the text the models read (lone CRs as LFs) may carry LFs it
 * copied from it: in the document they are the document's own line break.
 */
function withDocumentLineBreaks(finding: Finding, lines: LineIndex): Finding {
  if (!finding.fixes.some((fix) => fix.edits.some((edit) => /[\r\n]/.test(edit.newText)))) return finding;
  const fixes = finding.fixes.map((fix) => ({
    ...fix,
    edits: fix.edits.map((edit) => ({ ...edit, newText: withLineBreak(edit.newText, lines.eol) })),
  }));
  return { ...finding, fixes };
}

/**
 * Findings one document reports at most. Tens of thousands of diagnostics
 * help nobody and cost an editor (and the language server's memory) more
 * than the analysis itself; a generated file with 20,000 services has
 * 200,000 findings.
 */
export const MAX_FINDINGS = 10_000;

/**
 * At most `max` findings, the most severe first (syntax and reference
 * problems before everything: they decide what the rest means), in document
 * order, then one that says how many were left out.
 */
function capFindings(findings: Finding[], max: number, language: Language = 'en'): Finding[] {
  if (findings.length <= max) return findings;
  const rank = (finding: Finding): number => (finding.concern === null ? 4 : SEVERITY_ORDER[finding.severity]);
  // Counting sort by rank keeps document order within a rank, and is linear.
  const byRank: Finding[][] = [[], [], [], [], []];
  for (const finding of findings) byRank[rank(finding)].push(finding);
  const chosen = new Set<Finding>();
  for (let r = 4; r >= 0 && chosen.size < max; r--)
    for (const finding of byRank[r]) if (chosen.size < max) chosen.add(finding);
  const kept = findings.filter((finding) => chosen.has(finding));
  const lowest =
    ['info', 'warning', 'error'].find((severity) => kept.some((f) => f.concern !== null && f.severity === severity)) ??
    'error';
  // At the top of the file, where it is seen first (and findings stay in document order).
  kept.unshift({
    ruleId: BUILTIN_IDS.tooLarge,
    concern: null,
    severity: 'info',
    message: ANALYSIS_TEXTS[language].tooManyFindings({
      total: findings.length,
      max,
      left: findings.length - max,
      lowest,
    }),
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    fixes: [],
  });
  return kept;
}

/**
 * The safety net behind `quote`: whatever a message or fix title repeats
 * from the document (a URL, an image reference, a name, a parser's words),
 * credentials in it are masked. A new object only when something changed:
 * findings may be kept for reuse by the next analysis.
 */
function withoutSecrets(finding: Finding): Finding {
  let masked = MASKED.get(finding);
  if (!masked) MASKED.set(finding, (masked = maskedFinding(finding)));
  return masked;
}

/**
 * Each finding's masked form, by finding: an unchanged service's findings
 * are the very objects of the last version (service-findings.ts), and
 * masking thousands of them again on every keystroke took a fifth of an
 * edit of a 5,000-service file.
 */
const MASKED = new WeakMap<Finding, Finding>();

function maskedFinding(finding: Finding): Finding {
  const message = maskSecrets(finding.message);
  const messageRef = finding.messageRef && maskedRef(finding.messageRef);
  let fixes = finding.fixes;
  if (fixes.length > 0 && fixes.some((fix) => maskSecrets(fix.title) !== fix.title || maskedRef(fix.titleRef))) {
    fixes = fixes.map((fix) => {
      const titleRef = fix.titleRef && maskedRef(fix.titleRef);
      return { ...fix, title: maskSecrets(fix.title), ...(titleRef ? { titleRef } : {}) };
    });
  }
  if (message === finding.message && !messageRef && fixes === finding.fixes) return finding;
  return { ...finding, message, ...(messageRef ? { messageRef } : {}), fixes };
}

/** A message's values with credentials masked, as its text is; undefined when nothing needed masking. */
function maskedRef(ref: MessageRef | undefined): MessageRef | undefined {
  if (!ref) return undefined;
  const params = maskedParam(ref.params) as MessageParams;
  return params === ref.params ? undefined : { id: ref.id, params };
}

function maskedParam(param: MessageParam): MessageParam {
  if (typeof param === 'string') return maskSecrets(param);
  if (param === null || typeof param !== 'object') return param;
  if (Array.isArray(param)) {
    const items = param.map(maskedParam);
    return items.some((item, i) => item !== param[i]) ? items : param;
  }
  const entries = Object.entries(param as MessageParams);
  const masked = entries.map(([name, value]) => [name, maskedParam(value)] as const);
  return masked.some(([, value], i) => value !== entries[i][1]) ? Object.fromEntries(masked) : param;
}

export function analyzeDockerfile(text: string, cache?: AnalysisCache): Finding[] {
  return dockerfileAnalysis(text, cache).findings;
}

/** The defaults, then the configuration's options, then those of the call (a measure's inputs). */
function ruleOptionsOf(options: AnalyzeOptions): RuleOptions {
  if (!options.ruleOptions && !options.options) return DEFAULT_RULE_OPTIONS;
  return { ...DEFAULT_RULE_OPTIONS, ...ruleOptionsFrom(options.options), ...options.ruleOptions };
}

function dockerfileAnalysis(
  text: string,
  cache?: AnalysisCache,
  ruleOptions = DEFAULT_RULE_OPTIONS,
  requireReason = false,
  language: Language = 'en',
  images?: ImageFactsLookup,
): Analysis {
  let model: DockerfileModel;
  try {
    model = buildDockerfileModel(text, cache?.dockerfile);
  } catch (error) {
    return { findings: [internalError('dockerfile parser', error, language)], lines: null };
  }
  const findings = [
    ...dockerfileSyntaxFindings(model, language),
    ...runRules(DOCKERFILE_RULES, model, ruleOptions, language, images),
  ];
  const instructionEnds = new Map(model.instructions.map((i) => [i.range.start.line, i.range.end.line]));
  for (const finding of findings) finding.statementLine = instructionStartLine(model, finding.range.start.line);
  const kept = applySuppressions(findings, {
    lines: model.lines,
    blockEnd: (line) => instructionEnds.get(line) ?? line,
    trailingComments: false,
    scope: { directive: 'stage', targets: stageTargets(model) },
    requireReason,
    language,
  });
  const subjects = model.stages.flatMap((stage) => {
    const subject = stageSubject(model, stage);
    return subject ? [{ ...subject, namesImage: stage.base !== null }] : [];
  });
  return { findings: kept, lines: model.lines, subjects, images: dockerfileImageQueries(model) };
}

/** Each stage from its FROM to the line before the next one: what `docker-harden-ignore-stage` covers. */
function stageTargets(model: DockerfileModel): SuppressionTarget[] {
  const stages = model.stages.filter((stage) => !stage.implicit);
  const targets: SuppressionTarget[] = [];
  stages.forEach((stage, index) => {
    const subject = stageSubject(model, stage);
    if (!subject) return;
    const next = stages[index + 1];
    const lastLine = next ? next.from.range.start.line - 1 : model.lines.lineCount - 1;
    targets.push({ subject, firstLine: stage.from.range.start.line, lastLine });
  });
  return targets;
}

/** Each service written in this document, its key and what is nested under it: what `-service` covers. */
function serviceTargets(model: ComposeModel, blockEnd: (line: number) => number): SuppressionTarget[] {
  return model.services
    .filter((service) => service.node !== null)
    .map((service) => {
      const firstLine = service.keyRange.start.line;
      return { subject: serviceSubject(service), firstLine, lastLine: blockEnd(firstLine) };
    });
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
  return composeAnalysis(text, options).findings;
}

function composeAnalysis(text: string, options: AnalyzeOptions): Analysis {
  let model: ComposeModel;
  const files = options.files ? recordingReader(options.files) : undefined;
  try {
    model = buildComposeModel(text, { path: options.path, files, cache: options.cache?.compose });
  } catch (error) {
    return { findings: [internalError('compose parser', error, options.language)], lines: null };
  }
  const ruleOptions = ruleOptionsOf(options);
  const language = options.language ?? 'en';
  const images = options.imageFacts;
  // Findings kept from the last version were made with the default options, in one language and with no image
  // facts: reused only so.
  const reusable =
    ruleOptions === DEFAULT_RULE_OPTIONS && !images ? options.cache?.compose.findingsIn(language) : undefined;
  const checked = checkServices(
    model,
    (run) => runRules(COMPOSE_RULES, run, ruleOptions, language, images),
    files,
    reusable,
  );
  const placed = placeFindings(model, checked, language);
  // Read after the rules: alias and size limits are met while they read the model.
  const problems: PlacedFinding[] = model.problems().map((problem) => ({
    finding: {
      ruleId: problem.kind === 'syntax' ? BUILTIN_IDS.syntax : BUILTIN_IDS.brokenReference,
      concern: null,
      severity: 'error',
      message: problem.message[language],
      range: problem.range,
      fixes: [],
    },
    place: '',
  }));
  const findings = mergeSharedFindings([...problems, ...placed], language);
  for (const finding of findings) finding.statementLine = finding.range.start.line;
  const blockEnd = indentationBlockEnd(model.lines);
  const kept = applySuppressions(findings, {
    lines: model.lines,
    blockEnd,
    trailingComments: true,
    scope: { directive: 'service', targets: serviceTargets(model, blockEnd) },
    requireReason: options.requireSuppressionReason,
    language,
  });
  // Services of this document's own text: the ones an edit here can change.
  const subjects = model.services
    .filter((service) => service.node !== null)
    .map((service) => {
      // A file of its own (an inline Dockerfile has none to edit).
      const built = model.builtDockerfile(service);
      const dockerfile = built && isAbsolutePath(built.path) ? built.path : undefined;
      const subject = {
        ...serviceSubject(service),
        namesImage: service.entries.has('image') && !service.entries.has('build'),
      };
      return dockerfile ? { ...subject, dockerfile } : subject;
    });
  return { findings: kept, lines: model.lines, subjects, images: composeImageQueries(model) };
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
function placeFindings(model: ComposeModel, findings: Finding[], language: Language): PlacedFinding[] {
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
    // The place in the other file: the finding's own range there, unless it already points further away.
    const relatedRange = finding.relatedFile ? finding.relatedRange : ownRange;
    placed.push({
      finding: {
        ...finding,
        range: origin.pull.range,
        fixes: [],
        relatedFile: finding.relatedFile ?? file,
        ...(relatedRange ? { relatedRange } : {}),
        message:
          finding.message +
          ANALYSIS_TEXTS[language].fromOtherFile({
            file: quote(relativePath(here, file)),
            line: ownRange.start.line + 1,
            how: ANALYSIS_TEXTS[language].how(origin.pull.how),
          }),
      },
      place: origin.pull.aggregate ? 'included' : `${file}:${ownRange.start.line}:${ownRange.start.character}`,
    });
  }
  return placed;
}

/**
 * A setting inherited from an anchor, or brought in by an include, is
 * reported once per place to change for every service it affects.
 */
function mergeSharedFindings(placed: PlacedFinding[], language: Language): Finding[] {
  // Findings by start position (a number: no string is built for each of tens of thousands of findings).
  const byStart = new Map<number, number[]>();
  const places: string[] = [];
  const merged: Finding[] = [];
  // The other services each merged finding affects, named once each: messages are built at the end, in one go
  // (growing and searching the message per service took time in the square of the number of services).
  const alsoAffects = new Map<number, Set<string>>();
  for (const { finding, place } of placed) {
    const { start, end } = finding.range;
    const startKey = start.line * 0x800000 + start.character;
    let sameStart = byStart.get(startKey);
    if (!sameStart) byStart.set(startKey, (sameStart = []));
    const at = sameStart.find((index) => {
      const other = merged[index];
      return (
        other.ruleId === finding.ruleId &&
        places[index] === place &&
        other.range.end.line === end.line &&
        other.range.end.character === end.character
      );
    });
    if (at === undefined) {
      sameStart.push(merged.length);
      merged.push(finding);
      places.push(place);
      continue;
    }
    const service = finding.subject?.kind === 'service' ? finding.subject.name : undefined;
    if (service === undefined || namedBy(merged[at], service)) continue;
    let names = alsoAffects.get(at);
    if (!names) alsoAffects.set(at, (names = new Set()));
    names.add(quote(service));
  }
  for (const [at, names] of alsoAffects) {
    // A new object: findings may be kept for reuse in the next version and must not change.
    const first = merged[at];
    merged[at] = { ...first, message: first.message + ANALYSIS_TEXTS[language].alsoAffects({ services: [...names] }) };
  }
  return merged;
}

/** Whether a finding's message names a service already: its own subject, or one of the services it lists. */
function namedBy(finding: Finding, service: string): boolean {
  return finding.subject?.name === service || (finding.namedServices?.includes(service) ?? false);
}

export function runRules<Model>(
  rules: readonly Rule<Model>[],
  model: Model,
  ruleOptions: RuleOptions = DEFAULT_RULE_OPTIONS,
  language: Language = 'en',
  images?: ImageFactsLookup,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const translated = translatedTables(rule, language);
    const context: RuleContext<Model> = {
      model,
      options: ruleOptions,
      images,
      report(range, id, params, options = {}) {
        const message = fromTable(rule.messages, id, params, translated.messages);
        findings.push({
          ruleId: rule.meta.id,
          concern: rule.meta.concern,
          severity: options.severity ?? rule.meta.severity,
          message: message.text,
          messageRef: message.ref,
          range,
          fixes: (options.fixes ?? []).map(fixInDocumentOrder),
          ...(options.relatedFile ? { relatedFile: options.relatedFile } : {}),
          ...(options.relatedFile && options.relatedRange ? { relatedRange: options.relatedRange } : {}),
          ...(options.subject ? { subject: options.subject } : {}),
          ...(options.namedServices?.length ? { namedServices: options.namedServices } : {}),
        });
      },
      fixTitle: (id, params) => fromTable(rule.fixTitles, id, params, translated.fixTitles),
    };
    try {
      rule.check(context);
    } catch (error) {
      findings.push(internalError(`rule ${rule.meta.id}`, error, language));
    }
  }
  return findings;
}

/** The fix with its edits, and each other file's, in document order (see inDocumentOrder); the same fix when they are. */
function fixInDocumentOrder(fix: Fix): Fix {
  const edits = inDocumentOrder(fix.edits);
  const otherFiles = fix.otherFiles?.map((file) => {
    const ordered = inDocumentOrder(file.edits);
    return ordered === file.edits ? file : { ...file, edits: ordered };
  });
  const othersChanged = otherFiles?.some((file, i) => file !== fix.otherFiles![i]);
  if (edits === fix.edits && !othersChanged) return fix;
  return { ...fix, edits, ...(otherFiles ? { otherFiles } : {}) };
}

/** Why an analysis was stopped before it finished, and the budget it had. */
export interface AnalysisStop {
  reason: 'time' | 'memory' | 'crash';
  timeLimitMs: number;
  memoryLimitMb: number;
  /** What the runtime said (a crash's first line); never user text. */
  detail?: string;
}

/**
 * The one finding a document gets when its analysis is stopped (by the
 * adapters' worker budget): an input that would take the tool down costs
 * that document its findings, never the editor's or CI's other files.
 */
export function analysisStoppedFinding(stop: AnalysisStop, language: Language = 'en'): Finding {
  const texts = ANALYSIS_TEXTS[language];
  const why =
    stop.reason === 'time'
      ? texts.stoppedTime({ seconds: stop.timeLimitMs / 1000 })
      : stop.reason === 'memory'
        ? texts.stoppedMemory({ megabytes: stop.memoryLimitMb })
        : texts.stoppedCrash({ detail: stop.detail ?? null });
  return {
    ruleId: BUILTIN_IDS.analysisStopped,
    concern: null,
    severity: 'warning',
    message: texts.stopped({ why }),
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    fixes: [],
  };
}

function internalError(where: string, error: unknown, language: Language = 'en'): Finding {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    ruleId: BUILTIN_IDS.internalError,
    concern: null,
    severity: 'warning',
    message: ANALYSIS_TEXTS[language].internalError({ where, detail }),
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    fixes: [],
  };
}

/** Rule ids in `localeCompare` order, ranked once: the sort below runs over every finding on every edit. */
const RULE_RANK = new Map(
  [...ALL_RULES.map((meta) => meta.id), ...Object.values(BUILTIN_IDS)]
    .sort((a, b) => a.localeCompare(b))
    .map((id, rank) => [id, rank]),
);

function compareRuleIds(a: string, b: string): number {
  const rankA = RULE_RANK.get(a);
  const rankB = RULE_RANK.get(b);
  return rankA !== undefined && rankB !== undefined ? rankA - rankB : a.localeCompare(b);
}

/**
 * The findings reported: with the configuration's severities (a new object
 * where one changes: findings may be kept for reuse), then without those the
 * adapters' `disabledRules` and `minimumSeverity` leave out.
 */
function filterFindings(all: Finding[], options: AnalyzeOptions): Finding[] {
  const disabled = new Set(options.disabledRules ?? []);
  const minimum = SEVERITY_ORDER[options.minimumSeverity ?? 'info'];
  const configured = options.profile === 'strict' || Object.keys(options.severities ?? {}).length > 0;
  const findings = configured ? withConfiguredSeverities(all, options) : all;
  const kept =
    disabled.size === 0 && minimum <= SEVERITY_ORDER.info
      ? findings
      : findings.filter(
          (f) =>
            !disabled.has(f.ruleId) && !(f.concern && disabled.has(f.concern)) && SEVERITY_ORDER[f.severity] >= minimum,
        );
  return kept.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      compareRuleIds(a.ruleId, b.ruleId),
  );
}

function withConfiguredSeverities(findings: Finding[], settings: RuleSettings): Finding[] {
  const result: Finding[] = [];
  for (const finding of findings) {
    const severity = severityUnder(finding, settings);
    if (severity === 'off') continue;
    result.push(severity === finding.severity ? finding : { ...finding, severity });
  }
  return result;
}
