/**
 * The hardening plan: for each service or stage of a document, every measure
 * of its kind with its state there, worked out from one analysis; and the
 * carrying out of chosen measures as one edit (CONTRACT.md, "The hardening
 * plan"). The language server's `dockerHarden.plan` and `applyPlan` commands
 * and the CLI are thin views of these functions.
 */
import type { AnalysisResult, AnalyzeOptions } from '../analyze';
import { fixAll, type FixAllResult } from '../fix-all';
import { MeasureProvenance } from './provenance';
import type { RuleOptions } from '../rules/options';
import type { Finding, FindingSubject, Position, TextEdit } from '../types';
import type { Language, Localized } from '../l10n';
import {
  BUILT_DOCKERFILE_MEASURES,
  builtDockerfileMeasure,
  builtDockerfileMeasureId,
  measuresFor,
  type MeasureDefinition,
  type MeasureTarget,
} from './catalog';
import { INPUT_TITLES_JA, MEASURE_TEXTS_JA } from './catalog-ja';

export type MeasureState = 'applied' | 'missing' | 'partial' | 'not-applicable';

export interface PlannedMeasure {
  id: string;
  title: string;
  why: string;
  concerns: string[];
  state: MeasureState;
  recommended: boolean;
  /** Whether applying it changes the text (some problems need a person: a credential typed into a command). */
  fixable: boolean;
  inputs: { id: string; title: string; default: string }[];
}

export interface PlanTarget extends FindingSubject {
  measures: PlannedMeasure[];
  /** Measures in place, of those that apply ("web — 14 of 23 measures"). */
  score: { applied: number; of: number };
}

/** Whether a finding is about `target` (its subject, or a service its shared anchor also affects). */
export function isAbout(finding: Finding, target: Pick<FindingSubject, 'kind' | 'name'>): boolean {
  const subject = finding.subject;
  if (!subject || subject.kind !== target.kind) return false;
  return subject.name === target.name || (finding.namedServices?.includes(target.name) ?? false);
}

/**
 * The plan's targets: the service at `position` (the last one that starts
 * at or before it), or every service of the document when no position is
 * given or none starts before it; for a Dockerfile, its final stage.
 */
export function planTargets(analysis: AnalysisResult, position?: Position, language: Language = 'en'): PlanTarget[] {
  const all = analysis.subjects ?? [];
  // A Dockerfile's target is its final stage, the image that runs; builder stages' users and health do not ship.
  const subjects = all.length > 0 && all[0].kind === 'stage' ? all.slice(-1) : all;
  let chosen = subjects;
  if (position) {
    const before = subjects.filter((s) => s.range.start.line <= position.line);
    if (before.length > 0) chosen = [before[before.length - 1]];
  }
  return chosen.map((subject) => planTarget(analysis.findings, subject, language));
}

/**
 * A service's plan with the measures of the Dockerfile it builds, taken from
 * the plan of that file's final stage (`dockerfile:` ids, titles naming the
 * file). The score stays the service's own: the Dockerfile's measures count
 * in its own plan, where its code lens shows them.
 */
export function withBuiltDockerfile(
  service: PlanTarget,
  stage: PlanTarget,
  dockerfileName: string,
  language: Language = 'en',
): PlanTarget {
  const built = stage.measures
    .filter((m) => BUILT_DOCKERFILE_MEASURES.includes(m.id))
    .map((m) => ({
      ...m,
      id: builtDockerfileMeasureId(m.id),
      title: inBuiltDockerfile(m.title, dockerfileName, language),
    }));
  // One healthcheck, not two: the Dockerfile's goes with the image (docker run too), and a Compose one would override it.
  const imageHealthcheck = built.some((m) => m.id === builtDockerfileMeasureId('healthcheck') && m.recommended);
  const measures = service.measures.map((m) =>
    m.id === 'healthcheck' && imageHealthcheck && m.state !== 'applied' ? { ...m, recommended: false } : m,
  );
  return { ...service, measures: [...measures, ...built] };
}

/** A measure's title as a service's plan shows one of the Dockerfile it builds: naming that file. */
export function inBuiltDockerfile(title: string, dockerfileName: string, language: Language = 'en'): string {
  return language === 'ja' ? `${title}(${dockerfileName} 内)` : `${title} (in ${dockerfileName})`;
}

/** A choice's measures split into the target's own and those of the Dockerfile a service builds (stage ids). */
export function splitBuiltDockerfileMeasures(measures: readonly string[]): { own: string[]; dockerfile: string[] } {
  const own: string[] = [];
  const dockerfile: string[] = [];
  for (const id of measures) {
    const stageId = builtDockerfileMeasure(id);
    if (stageId === null) own.push(id);
    else dockerfile.push(stageId);
  }
  return { own, dockerfile };
}

function planTarget(findings: readonly Finding[], subject: FindingSubject, language: Language): PlanTarget {
  const own = findings.filter((f) => isAbout(f, subject));
  const measures = measuresFor(subject.kind).map((definition) => plannedMeasure(definition, own, subject, language));
  const counted = measures.filter((m) => m.state !== 'not-applicable');
  return {
    ...subject,
    measures,
    score: { applied: counted.filter((m) => m.state === 'applied').length, of: counted.length },
  };
}

function plannedMeasure(
  definition: MeasureDefinition,
  findings: readonly Finding[],
  subject: FindingSubject,
  language: Language,
): PlannedMeasure {
  const relevant = findings.filter((f) => f.concern !== null && definition.concerns.includes(f.concern));
  const fixable = relevant.filter((f) => f.fixes.some((fix) => fix.edits.length > 0));
  let state: MeasureState;
  // Nothing to report is the measure in place, whether it added a setting or there was nothing risky to remove:
  // the score only rises as measures are carried out. A measure on the base image of a target that names none
  // (a service that only builds, FROM scratch) does not apply, and does not count.
  if (relevant.length === 0 && definition.onImage && subject.namesImage === false) state = 'not-applicable';
  else if (relevant.length === 0) state = 'applied';
  else if (fixable.length === 0 || fixable.length === relevant.length) state = 'missing';
  else state = 'partial';
  return {
    id: definition.id,
    ...measureTexts(definition, language),
    concerns: [...definition.concerns],
    state,
    // Pre-selected only where its fixes are the safe kind --fix applies: a healthcheck template, say, fails until
    // someone writes the real command, and would hold back every service that waits for this one to be healthy.
    recommended:
      definition.recommended && fixable.every((f) => f.fixes.some((fix) => fix.preferred && fix.edits.length > 0)),
    fixable: fixable.length > 0,
    inputs: definition.inputs.map(({ id, title, default: value }) => ({
      id,
      title: language === 'ja' ? (INPUT_TITLES_JA[id] ?? title) : title,
      default: value,
    })),
  };
}

/** A measure's title and why in `language` (English where a Japanese text is missing: a test names it). */
export function measureTexts(definition: MeasureDefinition, language: Language): { title: string; why: string } {
  const japanese = language === 'ja' ? MEASURE_TEXTS_JA[`${definition.target}/${definition.id}`] : undefined;
  return japanese ?? { title: definition.title, why: definition.why };
}

/** What to apply: measures of one target, with the values given for their inputs. */
export interface PlanChoice {
  target: Pick<FindingSubject, 'kind' | 'name'>;
  measures: readonly string[];
  inputs?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export class PlanError extends Error {}

/** What a PlanError says, in every language (`kind`: a service or a stage). */
const PLAN_ERRORS: Localized<{ noMeasure(id: string, kind: string): string }> = {
  en: { noMeasure: (id, kind) => `no measure "${id}" for a ${kind}` },
  ja: { noMeasure: (id, kind) => `${kind === 'service' ? 'サービス' : 'ステージ'}には対策 "${id}" がありません` },
};

/** The concerns the chosen measures resolve; unknown measure ids and invalid inputs are a PlanError, in `language`. */
export function chosenConcerns(choice: PlanChoice, language: Language = 'en'): Set<string> {
  const known = measuresFor(choice.target.kind as MeasureTarget);
  const concerns = new Set<string>();
  for (const id of choice.measures) {
    const definition = known.find((m) => m.id === id);
    if (!definition) throw new PlanError(PLAN_ERRORS[language].noMeasure(id, choice.target.kind));
    for (const input of definition.inputs) {
      const value = choice.inputs?.[id]?.[input.id];
      const problem = value === undefined ? null : input.validate(String(value), language);
      const title = language === 'ja' ? (INPUT_TITLES_JA[input.id] ?? input.title) : input.title;
      if (problem) throw new PlanError(`${id}: ${title}: ${problem}`);
    }
    for (const concern of definition.concerns) concerns.add(concern);
  }
  return concerns;
}

const list = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** How each measure input becomes the rule option the fixes read. */
const INPUT_OPTIONS = new Map<string, (value: string) => Partial<RuleOptions>>(
  Object.entries({
    user: (value) => ({ suggestedUser: value.trim() }),
    memoryLimit: (value) => ({ memoryLimit: { deploy: value.trim(), legacy: value.trim().toLowerCase() } }),
    cpuLimit: (value) => ({
      cpuLimit: { cpus: value.trim(), cpuQuota: String(Math.round(Number(value) * 100_000)) },
    }),
    pidsLimit: (value) => ({ pidsLimit: value.trim() }),
    maxRestarts: (value) => ({ restartPolicy: `on-failure:${value.trim()}` }),
    keepCapabilities: (value) => ({ keepCapabilities: list(value).map((c) => c.toUpperCase().replace(/^CAP_/, '')) }),
    writablePaths: (value) => ({ writablePaths: list(value) }),
    hostAddress: (value) => ({ hostAddress: value.trim() }),
    healthcheckCommand: (value) => ({ healthcheckCommand: value.trim() }),
    checksum: (value) => ({ checksum: value.trim().replace(/^sha256:/i, '') }),
  } satisfies Record<string, (value: string) => Partial<RuleOptions>>),
);

/** The rule options a choice's inputs set: only inputs the chosen measure declares (validated by chosenConcerns). */
export function ruleOptionsFrom(choice: PlanChoice): Partial<RuleOptions> {
  let options: Partial<RuleOptions> = {};
  for (const id of choice.measures) {
    const declared = measuresFor(choice.target.kind as MeasureTarget).find((m) => m.id === id)?.inputs ?? [];
    for (const input of declared) {
      const value = choice.inputs?.[id]?.[input.id];
      const toOption = INPUT_OPTIONS.get(input.id);
      if (value !== undefined && toOption) options = { ...options, ...toOption(String(value)) };
    }
  }
  return options;
}

export interface AppliedPlan {
  /** The text with the measures carried out. */
  text: string;
  /** The edits from the original text to it, line by line (one undoable change), split where measures meet. */
  edits: TextEdit[];
  /** For each edit, the measures whose changes it makes (so a preview can let the user untick one). */
  editMeasures: string[][];
  fixed: FixAllResult;
}

/**
 * Carries out the chosen measures on one target: for each, in a fixed order
 * whatever the order chosen (the catalog's, those others depend on first), its fixes (preferred ones, else the
 * first offered) applied in rounds as fix-all does. So a set of measures
 * gives one text, and applying it again changes nothing.
 */
export function applyPlan(text: string, options: AnalyzeOptions, choice: PlanChoice): AppliedPlan {
  return applyPlans(text, options, [choice]);
}

/** Several targets' plans, one after the other on the text each leaves (a shared anchor is edited once). */
export function applyPlans(text: string, options: AnalyzeOptions, choices: readonly PlanChoice[]): AppliedPlan {
  const provenance = new MeasureProvenance(text);
  let current = text;
  let last: FixAllResult | undefined;
  let applied = 0;
  for (const choice of choices) {
    const carried = carryOut(current, options, choice, provenance);
    last = carried.fixed ?? last;
    applied += carried.applied;
    current = carried.text;
  }
  // Nothing chosen: the analysis of the text as it is.
  const fixed = last ?? fixAll(text, options, { include: () => false });
  const edits = provenance.edits(current);
  return {
    text: current,
    edits: edits.map((e) => e.edit),
    editMeasures: edits.map((e) => e.measures),
    fixed: { ...fixed, text: current, applied },
  };
}

/**
 * Measures whose result the others' edits read, carried out first: who the
 * target runs as. drop-all-capabilities keeps what an image's entrypoint
 * needs when it starts as root (postgres chowns its data directory, then
 * steps down); with `user:` set first it keeps none, where set after it
 * would leave DAC_OVERRIDE and the like that nothing uses, and that
 * no-dangerous-capabilities then reports.
 */
const CARRIED_OUT_FIRST: readonly string[] = ['non-root-user'];

/** The measures of a kind in the order they are carried out: those others depend on first, then the catalog's. */
function carryOutOrder(target: MeasureTarget): MeasureDefinition[] {
  const measures = measuresFor(target);
  const first = (m: MeasureDefinition): number => (CARRIED_OUT_FIRST.includes(m.id) ? 0 : 1);
  return [...measures].sort((a, b) => first(a) - first(b));
}

/** One target's measures carried out on `text`, each recorded in `provenance`. */
function carryOut(
  text: string,
  options: AnalyzeOptions,
  choice: PlanChoice,
  provenance: MeasureProvenance,
): { text: string; fixed: FixAllResult | undefined; applied: number } {
  chosenConcerns(choice, options.language);
  const ruleOptions = { ...options.ruleOptions, ...ruleOptionsFrom(choice) };
  const analyzeOptions = Object.keys(ruleOptions).length > 0 ? { ...options, ruleOptions } : options;
  const chosen = new Set(choice.measures);
  let current = text;
  let fixed: FixAllResult | undefined;
  let applied = 0;
  for (const definition of carryOutOrder(choice.target.kind as MeasureTarget)) {
    if (!chosen.has(definition.id)) continue;
    const concerns = new Set<string>(definition.concerns);
    fixed = fixAll(current, analyzeOptions, {
      chosen: true,
      include: (finding) =>
        finding.concern !== null && concerns.has(finding.concern) && isAbout(finding, choice.target),
    });
    applied += fixed.applied;
    provenance.record(definition.id, current, fixed.text);
    current = fixed.text;
  }
  return { text: current, fixed, applied };
}
