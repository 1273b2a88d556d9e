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
  type Position,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { quote } from '../core/knowledge/secrets';
import { planTargets } from '../core/measures/plan';
import { minimalEdits } from '../core/minimal-edits';
import { ruleMeta } from '../core/rules';
import type { Finding } from '../core/types';
import type { AnalysisOutcome, AnalysisRequest } from '../runtime/analysis-pool';
import type { FixRequest } from '../runtime/analysis-protocol';
import type { Language } from '../core/l10n';
import { actionTitles } from './action-titles';
import type { ServerContext, ServerFeature } from './feature';
import { SERVER_COMMANDS, type ApplyPlanArguments, type PlanResult } from './protocol';

/** The code action kind of docker-harden's fix-all, under the LSP's `source.fixAll`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.docker-harden`;

export const PLAN_COMMAND = SERVER_COMMANDS.plan;
export const APPLY_PLAN_COMMAND = SERVER_COMMANDS.applyPlan;

/** What the fixing features need from the server: its open documents and how it analyses one. */
export interface FixingContext {
  document(uri: string): TextDocument | undefined;
  /** The analysis request for a document as the server makes it (its settings, its cache key). */
  request(document: TextDocument): AnalysisRequest;
  analyze(request: AnalysisRequest): Promise<AnalysisOutcome>;
  /** Whether the client applies `documentChanges` (versioned edits that refuse a changed document). */
  versionedEdits(): boolean;
}

export function fixingContext({ store, analyser, client }: ServerContext): FixingContext {
  return {
    document: (uri) => store.get(uri),
    request: (document) => analyser.request(document),
    analyze: (request) => analyser.analyze(request),
    versionedEdits: () => client().versionedEdits,
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
  // The open document object follows the client's edits: what was fixed is the version and text of now.
  const { uri, version } = document;
  const text = document.getText();
  const outcome: AnalysisOutcome = await context.analyze({ ...context.request(document), fix });
  if (outcome.planError) throw new ResponseError(ErrorCodes.InvalidParams, outcome.planError);
  if (outcome.stopped)
    throw new ResponseError(ErrorCodes.InternalError, `docker-harden stopped fixing this file (${outcome.stopped})`);
  // The document may have changed while the worker fixed it: those edits would land on other text.
  if (context.document(uri)?.version !== version) return 'stale';
  const fixed = outcome.fixed;
  const edits = fixed ? minimalEdits(text, fixed.text) : [];
  if (!fixed || edits.length === 0) return 'unchanged';
  const edit: WorkspaceEdit = context.versionedEdits()
    ? { documentChanges: [{ textDocument: { uri, version }, edits }] }
    : { changes: { [uri]: edits } };
  return { edit, applied: fixed.applied };
}

interface FixedEdit {
  edit: WorkspaceEdit;
  applied: number;
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
  // The version the plan was made for, even if the document moved on meanwhile: applyPlan then refuses it.
  return { uri: document.uri, version, targets: planTargets(outcome, at, request.options.language) };
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
  const measures = args.measures.filter((m): m is string => typeof m === 'string');
  const choices = names.map((name) => {
    const target = outcome.subjects?.find((s) => s.name === name);
    if (!target)
      throw new ResponseError(ErrorCodes.InvalidParams, `no service or stage "${quote(name)}" in this document`);
    return { target: { kind: target.kind, name: target.name }, measures, inputs: args.inputs ?? {} };
  });
  if (args.version !== document.version) return null;
  const fixed = await fixedEdit(context, document, { kind: 'plan', choices });
  if (fixed === 'stale') return null;
  return fixed === 'unchanged' ? { changes: {} } : fixed.edit;
}
