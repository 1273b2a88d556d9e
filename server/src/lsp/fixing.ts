/**
 * Fixing many problems at once, in the editor: the `source.fixAll.docker-harden`
 * code action (what `editor.codeActionsOnSave` runs), "Fix all <rule>
 * problems in this file", and the hardening plan's commands
 * (`dockerHarden.plan`, `dockerHarden.applyPlan`, CONTRACT.md) that any LSP
 * client can use and the VS Code wizard is a view of.
 *
 * The fixing runs in an analysis worker under the budget, like any analysis;
 * the result travels back as the minimal edits between the document and its
 * fixed text, so it is one change to undo and never rewrites untouched lines.
 */
import {
  CodeActionKind,
  ResponseError,
  ErrorCodes,
  type CodeAction,
  type CodeActionParams,
  type AnnotatedTextEdit,
  type ChangeAnnotation,
  type Position,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import * as fs from 'fs';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { dirname, relativePath } from '../core/compose/paths';
import { quote } from '../core/knowledge/secrets';
import { builtDockerfileMeasureId, measure } from '../core/measures/catalog';
import {
  inBuiltDockerfile,
  planTargets,
  splitBuiltDockerfileMeasures,
  withBuiltDockerfile,
  type PlanTarget,
} from '../core/measures/plan';
import { minimalEdits } from '../core/minimal-edits';
import { ruleMeta } from '../core/rules';
import type { Finding, TextEdit } from '../core/types';
import type { AnalysisOutcome, AnalysisRequest } from '../runtime/analysis-pool';
import type { FixRequest } from '../runtime/analysis-protocol';
import type { Language } from '../core/l10n';
import { actionTitles } from './action-titles';
import type { ServerContext, ServerFeature } from './feature';
import { uriToPath } from './paths';
import { SERVER_COMMANDS, type ApplyPlanArguments, type PlanResult } from './protocol';

/** The code action kind of docker-harden's fix-all, under the LSP's `source.fixAll`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.docker-harden`;

export const PLAN_COMMAND = SERVER_COMMANDS.plan;
export const APPLY_PLAN_COMMAND = SERVER_COMMANDS.applyPlan;

/** A file a plan edits beside the document (the Dockerfile a service builds): open in the editor or only on disk. */
export interface PlanFile {
  document: TextDocument;
  open: boolean;
}

/** What the fixing features need from the server: its open documents and how it analyses one. */
export interface FixingContext {
  document(uri: string): TextDocument | undefined;
  /** The open document of a file path, else one made of its text on disk; undefined when it cannot be read. */
  file(path: string): PlanFile | undefined;
  /** The analysis request for a document as the server makes it (its settings, its cache key). */
  request(document: TextDocument): AnalysisRequest;
  analyze(request: AnalysisRequest): Promise<AnalysisOutcome>;
  /** Whether the client applies `documentChanges` (versioned edits that refuse a changed document). */
  versionedEdits(): boolean;
  /** Whether it shows change annotations on them (labels the user can untick one by one). */
  changeAnnotations(): boolean;
}

export function fixingContext({ store, analyser, client }: ServerContext): FixingContext {
  return {
    document: (uri) => store.get(uri),
    file(path) {
      const open = store.all().find((document) => uriToPath(document.uri) === path);
      if (open) return { document: open, open: true };
      try {
        const text = fs.readFileSync(path, 'utf8');
        return { document: TextDocument.create(pathToFileURL(path).toString(), 'dockerfile', 0, text), open: false };
      } catch {
        return undefined;
      }
    },
    request: (document) => analyser.request(document),
    analyze: (request) => analyser.analyze(request),
    versionedEdits: () => client().versionedEdits,
    changeAnnotations: () => client().changeAnnotations,
  };
}

/** The plan commands, for every LSP client. */
export function registerPlanCommands(context: ServerContext): ServerFeature {
  const fixing = fixingContext(context);
  context.connection.onExecuteCommand(async (params) => {
    const [argument] = params.arguments ?? [];
    if (params.command === PLAN_COMMAND) return plan(fixing, argument);
    if (params.command === APPLY_PLAN_COMMAND) return applyPlanCommand(fixing, argument);
    throw new ResponseError(ErrorCodes.MethodNotFound, `unknown command ${params.command}`);
  });
  return { capabilities: { executeCommandProvider: { commands: [PLAN_COMMAND, APPLY_PLAN_COMMAND] } } };
}

/** Whether a code action request asks for this kind (no `only` asks for quick fixes, not source actions). */
export function wantsKind(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  if (!only) return false;
  return only.some((asked) => kind === asked || kind.startsWith(`${asked}.`));
}

/**
 * The document's fixed text as one workspace edit; 'unchanged' when there is
 * nothing to change, 'stale' when the document changed while it was fixed.
 */
async function fixedEdit(
  context: FixingContext,
  document: TextDocument,
  fix: FixRequest,
): Promise<FixedEdit | 'unchanged' | 'stale'> {
  const fixed = await fixedFile(context, { document, open: true }, context.request(document), fix);
  return typeof fixed === 'string' ? fixed : { edit: workspaceEdit(context, [fixed]), applied: fixed.applied };
}

interface FixedEdit {
  edit: WorkspaceEdit;
  applied: number;
}

/** One file's fixed text as its edits, with the version they apply to (null: a file not open in the editor). */
interface FixedFile {
  uri: string;
  version: number | null;
  edits: TextEdit[];
  /** For a plan: the measures that make each edit, and how to name one for the user. */
  measures?: { ofEdit: string[][]; title(measure: string): string };
  applied: number;
}

async function fixedFile(
  context: FixingContext,
  file: PlanFile,
  request: AnalysisRequest,
  fix: FixRequest,
  measureTitle?: (measure: string) => string,
): Promise<FixedFile | 'unchanged' | 'stale'> {
  // The open document object follows the client's edits: what was fixed is the version and text of now.
  const { uri, version } = file.document;
  const text = file.document.getText();
  const outcome: AnalysisOutcome = await context.analyze({ ...request, fix });
  if (outcome.planError) throw new ResponseError(ErrorCodes.InvalidParams, outcome.planError);
  if (outcome.stopped)
    throw new ResponseError(
      ErrorCodes.InternalError,
      actionTitles(request.options.language ?? 'en').fixStopped(outcome.stopped),
    );
  // The document may have changed while the worker fixed it: those edits would land on other text.
  if (file.open && context.document(uri)?.version !== version) return 'stale';
  const fixed = outcome.fixed;
  // A plan's edits come with the measures that make each; other fixes are the minimal edits to the fixed text.
  const planned = fixed?.edits;
  const edits = planned ? planned.map((p) => p.edit) : fixed ? minimalEdits(text, fixed.text) : [];
  if (!fixed || edits.length === 0) return 'unchanged';
  const measures =
    planned && measureTitle ? { ofEdit: planned.map((p) => p.measures), title: measureTitle } : undefined;
  return { uri, version: file.open ? version : null, edits, measures, applied: fixed.applied };
}

/**
 * Files' edits as one workspace edit: versioned where the client checks
 * versions, and where it shows change annotations, a plan's edits are
 * annotated with the measures that make them, each needing confirmation —
 * VS Code's refactor preview then lists the measures, to untick one by one.
 */
function workspaceEdit(context: FixingContext, files: readonly FixedFile[]): WorkspaceEdit {
  if (!context.versionedEdits()) return { changes: Object.fromEntries(files.map(({ uri, edits }) => [uri, edits])) };
  const annotate = context.changeAnnotations();
  const changeAnnotations: Record<string, ChangeAnnotation> = {};
  const documentChanges = files.map(({ uri, version, edits, measures }) => {
    if (!annotate || !measures) return { textDocument: { uri, version }, edits };
    const annotated = edits.map((edit, i): AnnotatedTextEdit => {
      const ids = measures.ofEdit[i] ?? [];
      const annotationId = `${uri}#${ids.join('+')}`;
      changeAnnotations[annotationId] ??= { label: ids.map(measures.title).join(' + '), needsConfirmation: true };
      return { ...edit, annotationId };
    });
    return { textDocument: { uri, version }, edits: annotated };
  });
  return Object.keys(changeAnnotations).length > 0 ? { documentChanges, changeAnnotations } : { documentChanges };
}

/** `source.fixAll.docker-harden`: every preferred fix of the document, as `--fix` applies them. */
export async function fixAllAction(context: FixingContext, document: TextDocument): Promise<CodeAction[]> {
  const fixed = await fixedEdit(context, document, { kind: 'all' });
  if (typeof fixed === 'string') return [];
  const title = actionTitles(context.request(document).options.language ?? 'en').fixAll(fixed.applied);
  return [{ title, kind: FIX_ALL_KIND, edit: fixed.edit }];
}

/**
 * "Fix all <rule> problems in this file", offered beside a finding's own
 * fixes when its rule has more than one finding with a preferred fix. Its
 * edit is a fix-all in the worker, too costly to run each time the cursor
 * moves (clients ask for code actions then): the action goes out without it
 * and `resolveFixRule` computes it once picked. Clients that cannot resolve
 * an action's edit are not offered it.
 */
export function fixRuleActions(
  document: TextDocument,
  findings: readonly Finding[],
  ruleIds: readonly string[],
  language: Language = 'en',
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const ruleId of new Set(ruleIds)) {
    const fixable = findings.filter((f) => f.ruleId === ruleId && f.fixes.some((fix) => fix.preferred));
    if (fixable.length < 2 || !ruleMeta(ruleId)) continue;
    const data: FixRuleData = { fixRule: ruleId, uri: document.uri, version: document.version };
    actions.push({ title: actionTitles(language).fixAllOfRule(ruleId), kind: CodeActionKind.QuickFix, data });
  }
  return actions;
}

interface FixRuleData {
  fixRule: string;
  uri: string;
  version: number;
}

/** The edit of a "Fix all <rule> problems" action, computed when the user picks it; none if the file changed. */
export async function resolveFixRule(context: FixingContext, action: CodeAction): Promise<CodeAction> {
  const data = action.data as Partial<FixRuleData> | undefined;
  if (typeof data?.fixRule !== 'string' || typeof data.uri !== 'string') return action;
  const document = context.document(data.uri);
  if (!document || document.version !== data.version) return action;
  const fixed = await fixedEdit(context, document, { kind: 'rule', ruleId: data.fixRule });
  return typeof fixed === 'string' ? action : { ...action, edit: fixed.edit };
}

function openDocument(context: FixingContext, uri: unknown): TextDocument {
  const document = typeof uri === 'string' ? context.document(uri) : undefined;
  if (!document) throw new ResponseError(ErrorCodes.InvalidParams, `not an open document: ${quote(String(uri))}`);
  return document;
}

/** `dockerHarden.plan [{uri, position?}]`: the targets and their measures. */
export async function plan(context: FixingContext, argument: unknown): Promise<PlanResult> {
  const { uri, position } = (argument ?? {}) as { uri?: unknown; position?: Position };
  const document = openDocument(context, uri);
  const version = document.version;
  const request = context.request(document);
  const outcome = await context.analyze(request);
  const at = position && typeof position.line === 'number' ? position : undefined;
  const targets = await Promise.all(
    planTargets(outcome, at, request.options.language).map((target) =>
      withDockerfileMeasures(context, document, target),
    ),
  );
  // The version the plan was made for, even if the document moved on meanwhile: applyPlan then refuses it.
  return { uri: document.uri, version, targets };
}

/** How the server analyses a file a plan edits beside `document`: with the document's settings. */
function fileRequest(context: FixingContext, document: TextDocument, file: PlanFile): AnalysisRequest {
  if (file.open) return context.request(file.document);
  const base = context.request(document);
  const path = uriToPath(file.document.uri);
  return { text: file.document.getText(), options: { ...base.options, path, kind: 'dockerfile' } };
}

/** The final stage of the Dockerfile a service builds, analysed; undefined when it cannot be read or has none. */
async function builtStage(
  context: FixingContext,
  document: TextDocument,
  dockerfile: string,
): Promise<{ file: PlanFile; stage: PlanTarget } | undefined> {
  const file = context.file(dockerfile);
  if (!file) return undefined;
  const request = fileRequest(context, document, file);
  const [stage] = planTargets(await context.analyze(request), undefined, request.options.language);
  return stage ? { file, stage } : undefined;
}

/** Another file's path as the user reads it next to `document`: relative to its folder. */
function shownFrom(document: TextDocument, path: string): string {
  return relativePath(dirname(uriToPath(document.uri) ?? ''), path);
}

/** A service that builds a Dockerfile is hardened end to end: its plan also holds that file's measures. */
async function withDockerfileMeasures(
  context: FixingContext,
  document: TextDocument,
  target: PlanTarget,
): Promise<PlanTarget> {
  if (!target.dockerfile) return target;
  const built = await builtStage(context, document, target.dockerfile);
  if (!built) return target;
  const language = context.request(document).options.language;
  return withBuiltDockerfile(target, built.stage, shownFrom(document, target.dockerfile), language);
}

/** `dockerHarden.applyPlan [{uri, version, target, measures, inputs?}]`: the edit, or null for a stale version. */
export async function applyPlanCommand(context: FixingContext, argument: unknown): Promise<WorkspaceEdit | null> {
  const args = (argument ?? {}) as Partial<ApplyPlanArguments>;
  const document = openDocument(context, args.uri);
  if (args.version !== document.version) return null;
  // One target (CONTRACT.md), or several at once ("Harden all services"): applied one after the other, so
  // edits of an anchor they share are made once.
  const names = typeof args.target === 'string' ? [args.target] : args.target;
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string') || !Array.isArray(args.measures))
    throw new ResponseError(ErrorCodes.InvalidParams, 'applyPlan needs a target name and a list of measure ids');
  const outcome = await context.analyze(context.request(document));
  const { own, dockerfile } = splitBuiltDockerfileMeasures(args.measures.filter((m) => typeof m === 'string'));
  const inputs = args.inputs ?? {};
  const targets = names.map((name) => {
    const target = outcome.subjects?.find((s) => s.name === name);
    if (!target)
      throw new ResponseError(ErrorCodes.InvalidParams, `no service or stage "${quote(name)}" in this document`);
    return target;
  });
  if (args.version !== document.version) return null;
  const files: FixedFile[] = [];
  if (own.length > 0) {
    const choices = targets.map(({ kind, name }) => ({ target: { kind, name }, measures: own, inputs }));
    const title = (id: string): string => measure(targets[0].kind, id)?.title ?? id;
    const fixed = await fixedFile(
      context,
      { document, open: true },
      context.request(document),
      { kind: 'plan', choices },
      title,
    );
    if (fixed === 'stale') return null;
    if (fixed !== 'unchanged') files.push(fixed);
  }
  if (dockerfile.length > 0) {
    // Each Dockerfile once, however many of the services build it.
    const paths = new Set(targets.map((t) => t.dockerfile));
    if (paths.has(undefined))
      throw new ResponseError(ErrorCodes.InvalidParams, 'dockerfile: measures need a service that builds a Dockerfile');
    for (const path of paths as Set<string>) {
      const fixed = await fixedDockerfile(context, document, path, dockerfile, inputs);
      if (fixed === 'stale') return null;
      if (fixed !== 'unchanged') files.push(fixed);
    }
  }
  return files.length === 0 ? { changes: {} } : workspaceEdit(context, files);
}

/** The chosen measures carried out on the final stage of the Dockerfile at `path`. */
async function fixedDockerfile(
  context: FixingContext,
  document: TextDocument,
  path: string,
  measures: string[],
  inputs: NonNullable<ApplyPlanArguments['inputs']>,
): Promise<FixedFile | 'unchanged' | 'stale'> {
  const built = await builtStage(context, document, path);
  if (!built) throw new ResponseError(ErrorCodes.InvalidParams, `cannot read ${quote(path)}`);
  const stageInputs = Object.fromEntries(measures.map((id) => [id, inputs[builtDockerfileMeasureId(id)] ?? {}]));
  const target = { kind: built.stage.kind, name: built.stage.name };
  const name = shownFrom(document, path);
  const language = context.request(document).options.language;
  const title = (id: string): string => inBuiltDockerfile(measure('stage', id)?.title ?? id, name, language);
  return fixedFile(
    context,
    built.file,
    fileRequest(context, document, built.file),
    { kind: 'plan', choices: [{ target, measures, inputs: stageInputs }] },
    title,
  );
}
