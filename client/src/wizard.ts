/**
 * "Harden this service": the wizard over the server's hardening plan. It
 * asks the server for the plan (`dockerHarden.plan`), lets the user pick the
 * target, the measures and their inputs, asks for the edit
 * (`dockerHarden.applyPlan`) and shows it in VS Code's refactor preview,
 * where each measure's change can be unticked; applying is one undo step,
 * and Escape at any point leaves every file as it was.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import type * as lsp from 'vscode-languageserver-protocol';
import { measure as measureDefinition, type MeasureTarget } from '../../server/src/core/measures/catalog';
import type { PlannedMeasure, PlanTarget } from '../../server/src/core/measures/plan';
import { languageOf, type Language } from '../../server/src/core/l10n';
import {
  COMMANDS,
  SERVER_COMMANDS,
  SETTINGS_SECTION,
  type ApplyPlanArguments,
  type LanguageSetting,
  type PlanResult,
} from '../../server/src/lsp/protocol';

// Texts go through vscode.l10n.t: English in the source, Japanese in l10n/bundle.l10n.ja.json (VS Code picks the
// bundle of its display language). Measure titles, whys and input titles come translated from the server.
const STATE_LABEL: Record<PlannedMeasure['state'], () => string> = {
  applied: () => vscode.l10n.t('applied'),
  missing: () => vscode.l10n.t('missing'),
  partial: () => vscode.l10n.t('partly applied'),
  'not-applicable': () => vscode.l10n.t('not applicable'),
};

/** "web — 16 of 23 measures" */
export function scoreLabel(target: PlanTarget): string {
  return vscode.l10n.t('{0} — {1} of {2} measures', target.name, target.score.applied, target.score.of);
}

/** The language input problems are written in: the dockerHarden.language setting, else VS Code's display language. */
function inputLanguage(): Language {
  const chosen = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<LanguageSetting>('language', 'auto');
  return chosen === 'auto' ? languageOf(vscode.env.language) : chosen;
}

async function executeOnServer<T>(client: LanguageClient, command: string, argument: unknown): Promise<T> {
  return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [argument] })) as T;
}

async function pickTarget(targets: PlanTarget[]): Promise<PlanTarget | undefined> {
  if (targets.length === 1) return targets[0];
  const picked = await vscode.window.showQuickPick(
    targets.map((target) => ({
      label: scoreLabel(target),
      description: target.kind === 'service' ? vscode.l10n.t('service') : vscode.l10n.t('stage'),
      target,
    })),
    { title: vscode.l10n.t('Harden which service or stage?'), placeHolder: vscode.l10n.t('Pick a target') },
  );
  return picked?.target;
}

async function pickMeasures(target: PlanTarget): Promise<PlannedMeasure[] | undefined> {
  const items = target.measures
    .filter((m) => m.state !== 'not-applicable')
    .map((m) => ({
      label: m.state === 'applied' ? `$(check) ${m.title}` : m.title,
      description:
        m.state === 'applied'
          ? STATE_LABEL.applied()
          : m.fixable
            ? STATE_LABEL[m.state]()
            : vscode.l10n.t('{0}, by hand', STATE_LABEL[m.state]()),
      detail: m.why,
      picked: m.recommended && m.fixable && m.state !== 'applied',
      measure: m,
    }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Harden {0}: which measures?', target.name),
    placeHolder: vscode.l10n.t('Recommended measures are selected; applied ones are marked'),
    canPickMany: true,
    matchOnDetail: true,
  });
  return picked?.map((item) => item.measure);
}

/** Asks for each input of the chosen measures, validated as typed; undefined when the user pressed Escape. */
async function askInputs(
  kind: MeasureTarget,
  measures: PlannedMeasure[],
): Promise<Record<string, Record<string, string>> | undefined> {
  const inputs: Record<string, Record<string, string>> = {};
  const language = inputLanguage();
  for (const planned of measures) {
    const definition = measureDefinition(kind, planned.id);
    for (const input of planned.inputs) {
      const validator = definition?.inputs.find((i) => i.id === input.id);
      const value = await vscode.window.showInputBox({
        title: `${planned.title}: ${input.title}`,
        value: input.default,
        prompt: input.title,
        validateInput: (text) => validator?.validate(text, language) ?? null,
      });
      if (value === undefined) return undefined;
      (inputs[planned.id] ??= {})[input.id] = value;
    }
  }
  return inputs;
}

/**
 * Adds the server's edit to `preview`, every change needing confirmation: the
 * refactor preview lists them by label — the measure that makes each (the
 * server annotates a plan's edits with it), so the user can untick one.
 */
function addToPreview(
  client: LanguageClient,
  preview: vscode.WorkspaceEdit,
  edit: lsp.WorkspaceEdit,
  label: string,
): void {
  const metadata = (e: lsp.TextEdit | lsp.AnnotatedTextEdit): vscode.WorkspaceEditEntryMetadata => {
    const annotation = 'annotationId' in e ? edit.changeAnnotations?.[e.annotationId] : undefined;
    return { needsConfirmation: true, label: annotation?.label ?? label };
  };
  const add = (uri: string, edits: (lsp.TextEdit | lsp.AnnotatedTextEdit)[]): void => {
    const target = client.protocol2CodeConverter.asUri(uri);
    for (const e of edits)
      preview.replace(target, client.protocol2CodeConverter.asRange(e.range), e.newText, metadata(e));
  };
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) add(uri, edits);
  for (const change of edit.documentChanges ?? []) {
    if ('edits' in change) add(change.textDocument.uri, change.edits as lsp.TextEdit[]);
  }
}

/** Runs the wizard on the active editor; `targetName` skips the target question (the code lens passes it). */
export async function hardenWizard(client: LanguageClient, targetName?: string, all = false): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Dockerfile or Compose file to harden it.'));
    return false;
  }
  const document = editor.document;
  const uri = client.code2ProtocolConverter.asUri(document.uri);
  const position = targetName || all ? undefined : client.code2ProtocolConverter.asPosition(editor.selection.active);
  let plan = await executeOnServer<PlanResult>(client, SERVER_COMMANDS.plan, { uri, position });
  if (position && plan.targets.length === 0)
    plan = await executeOnServer<PlanResult>(client, SERVER_COMMANDS.plan, { uri });
  if (plan.targets.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('docker-harden found no service or stage to harden in this file.'),
    );
    return false;
  }
  const targets = targetName ? plan.targets.filter((t) => t.name === targetName) : plan.targets;
  let request: ApplyPlanArguments;
  if (all) {
    // Every target's recommended measures, in one request: the server applies them target after target, so an
    // anchor the services share is edited once.
    const measures = new Set(
      targets.flatMap((t) => t.measures.filter((m) => m.recommended && m.fixable && m.state !== 'applied')),
    );
    if (measures.size === 0) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Nothing to change: the recommended measures are in place.'),
      );
      return false;
    }
    const ids = [...new Set([...measures].map((m) => m.id))];
    request = { uri, version: plan.version, target: targets.map((t) => t.name), measures: ids, inputs: {} };
  } else {
    const target = await pickTarget(targets);
    if (!target) return false;
    const measures = await pickMeasures(target);
    if (!measures || measures.length === 0) return false;
    const inputs = await askInputs(target.kind, measures);
    if (!inputs) return false;
    request = { uri, version: plan.version, target: target.name, measures: measures.map((m) => m.id), inputs };
  }
  const serverEdit = await executeOnServer<lsp.WorkspaceEdit | null>(client, SERVER_COMMANDS.applyPlan, request);
  if (serverEdit === null) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The file changed while the wizard was open; run it again.'));
    return false;
  }
  const label =
    typeof request.target === 'string'
      ? vscode.l10n.t('Harden {0}', request.target)
      : vscode.l10n.t('Harden all services');
  const edit = new vscode.WorkspaceEdit();
  addToPreview(client, edit, serverEdit, label);
  if (edit.size === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to change: the chosen measures are in place.'));
    return false;
  }
  return vscode.workspace.applyEdit(edit, { isRefactoring: true });
}

export function registerWizard(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const run = (targetName?: unknown, all = false) => {
    const running = client();
    if (!running) return Promise.resolve(false);
    return hardenWizard(running, typeof targetName === 'string' ? targetName : undefined, all);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.hardenService, (targetName?: unknown) => run(targetName)),
    vscode.commands.registerCommand(COMMANDS.hardenAllServices, () => run(undefined, true)),
  );
}
