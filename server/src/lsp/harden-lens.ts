/**
 * Where the "Harden this service" wizard is offered inside a document: a
 * code lens above each Compose service and the final Dockerfile stage with
 * its score ("Harden this service (16/23)"), and a light-bulb entry beside
 * a finding's quick fixes. Both run the client's wizard command, so they are
 * offered only to a client that has one (the VS Code extension says so in
 * its initialization options).
 */
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  type CodeAction,
  type CodeLens,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { quote } from '../core/knowledge/secrets';
import { planTargets } from '../core/measures/plan';
import type { FindingSubject, Finding } from '../core/types';
import type { Language } from '../core/l10n';
import { actionTitles } from './action-titles';
import type { ServerContext, ServerFeature } from './feature';
import { COMMANDS } from './protocol';

/** The client's wizard command; its argument is the target's name. */
export const WIZARD_COMMAND = COMMANDS.hardenService;

export interface AnalysedDocument {
  version: number;
  findings: readonly Finding[];
  subjects?: readonly FindingSubject[];
}

/** Code lenses, for a client with the wizard; refreshed after each analysis, as the scores come from it. */
export function registerHardenLenses({ connection, store, analyser, client, language }: ServerContext): ServerFeature {
  connection.onCodeLens((params) => {
    const analysed = store.analysed(params.textDocument.uri);
    const document = store.get(params.textDocument.uri);
    if (!client().hasWizard || !analysed || !document || analysed.version !== document.version) return [];
    return hardenLenses(analysed, language());
  });
  analyser.onDidAnalyse(() => {
    if (client().hasWizard && client().refreshesLenses)
      void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });
  return {
    // Read once initialize has told what the client can do.
    get capabilities() {
      return client().hasWizard ? { codeLensProvider: { resolveProvider: false } } : {};
    },
  };
}

/** One lens per service, and one for the final stage of a Dockerfile (the image that runs). */
export function hardenLenses(analysed: AnalysedDocument, language: Language = 'en'): CodeLens[] {
  const targets = planTargets({
    kind: null,
    findings: [...analysed.findings],
    subjects: [...(analysed.subjects ?? [])],
  });
  const shown = targets.length > 0 && targets[0].kind === 'stage' ? targets.slice(-1) : targets;
  return shown.map((target) => ({
    range: target.range,
    command: {
      title: actionTitles(language).lens(target.kind, target.score.applied, target.score.of),
      command: WIZARD_COMMAND,
      arguments: [target.name],
    },
  }));
}

/** "Harden service web…" for each subject the diagnostics' findings are about. */
export function hardenActions(
  findings: readonly (Finding | undefined)[],
  diagnostics: Diagnostic[],
  language: Language = 'en',
): CodeAction[] {
  const titles = actionTitles(language);
  const seen = new Set<string>();
  const actions: CodeAction[] = [];
  findings.forEach((finding, index) => {
    const subject = finding?.subject;
    if (!subject || seen.has(subject.name)) return;
    seen.add(subject.name);
    actions.push({
      title: titles.harden(subject.kind, quote(subject.name)),
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostics[index]],
      command: { title: titles.hardenCommand(), command: WIZARD_COMMAND, arguments: [subject.name] },
    });
  });
  return actions;
}
