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
import { planTargets } from '../core/measures/plan';
import { minimalEdits } from '../core/minimal-edits';
import { ruleMeta } from '../core/rules';
import type { Finding } from '../core/types';
import type { AnalysisOutcome, AnalysisRequest } from '../runtime/analysis-pool';
import type { FixRequest } from '../runtime/analysis-protocol';
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
  const text = document.getText();
  const outcome: AnalysisOutcome = await context.analyze({ ...context.request(document), fix });
  if (outcome.planError) throw new ResponseError(ErrorCodes.InvalidParams, outcome.planError);
  // The document may have changed while the worker fixed it: those edits would land on other text.
  if (context.document(document.uri)?.version !== document.version) return 'stale';
  const fixed = outcome.fixed;
  const edits = fixed ? minimalEdits(text, fixed.text) : [];
  if (!fixed || edits.length === 0) return 'unchanged';
  const edit: WorkspaceEdit = context.versionedEdits()
    ? { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] }
    : { changes: { [document.uri]: edits } };
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
  return [{ title: `Fix all docker-harden problems (${fixed.applied})`, kind: FIX_ALL_KIND, edit: fixed.edit }];
}

/**
 * "Fix all <rule> problems in this file", offered beside a finding's own
 * fixes when its rule has more than one finding with a preferred fix.
 */
export async function fixRuleActions(
  context: FixingContext,
  document: TextDocument,
  findings: readonly Finding[],
  ruleIds: readonly string[],
): Promise<CodeAction[]> {
  const actions: CodeAction[] = [];
  for (const ruleId of new Set(ruleIds)) {
    const fixable = findings.filter((f) => f.ruleId === ruleId && f.fixes.some((fix) => fix.preferred));
    if (fixable.length < 2 || !ruleMeta(ruleId)) continue;
    const fixed = await fixedEdit(context, document, { kind: 'rule', ruleId });
    if (typeof fixed !== 'string')
      actions.push({
        title: `Fix all ${ruleId} problems in this file`,
        kind: CodeActionKind.QuickFix,
        edit: fixed.edit,
      });
  }
  return actions;
}

function openDocument(context: FixingContext, uri: unknown): TextDocument {
  const document = typeof uri === 'string' ? context.document(uri) : undefined;
  if (!document) throw new ResponseError(ErrorCodes.InvalidParams, `not an open document: ${String(uri)}`);
  return document;
}

/** `dockerHarden.plan [{uri, position?}]`: the targets and their measures. */
export async function plan(context: FixingContext, argument: unknown): Promise<PlanResult> {
  const { uri, position } = (argument ?? {}) as { uri?: unknown; position?: Position };
  const document = openDocument(context, uri);
  const outcome = await context.analyze(context.request(document));
  const at = position && typeof position.line === 'number' ? position : undefined;
  return { uri: document.uri, version: document.version, targets: planTargets(outcome, at) };
}

/** `dockerHarden.applyPlan [{uri, version, target, measures, inputs?}]`: the edit, or null for a stale version. */
export async function applyPlanCommand(context: FixingContext, argument: unknown): Promise<WorkspaceEdit | null> {
  const args = (argument ?? {}) as Partial<ApplyPlanArguments>;
  const document = openDocument(context, args.uri);
  if (args.version !== document.version) return null;
  if (typeof args.target !== 'string' || !Array.isArray(args.measures))
    throw new ResponseError(ErrorCodes.InvalidParams, 'applyPlan needs a target name and a list of measure ids');
  const outcome = await context.analyze(context.request(document));
  const target = outcome.subjects?.find((s) => s.name === args.target);
  if (!target)
    throw new ResponseError(ErrorCodes.InvalidParams, `no service or stage "${args.target}" in this document`);
  const measures = args.measures.filter((m): m is string => typeof m === 'string');
  const fixed = await fixedEdit(context, document, {
    kind: 'plan',
    choice: { target: { kind: target.kind, name: target.name }, measures, inputs: args.inputs ?? {} },
  });
  if (fixed === 'stale') return null;
  return fixed === 'unchanged' ? { changes: {} } : fixed.edit;
}
