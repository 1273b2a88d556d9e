/**
 * Code actions (quick fixes): the fixes each finding carries (replayed,
 * rule-agnostic), plus "ignore this rule here / in this file" suppressions,
 * so every finding has at least one action. Offered only for diagnostics of the document's
 * current analysis: after an edit, the client asks again once the new
 * diagnostics arrive.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Position,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TOOL_NAME } from '../core/docs/urls';
import { ruleMeta } from '../core/rules';
import { LineIndex } from '../core/text';
import { pathToFileURL } from 'url';
import { quote } from '../core/knowledge/secrets';
import { DIRECTIVES } from '../core/suppression-comments';
import type { Finding, FindingSubject, Fix, TextEdit } from '../core/types';
import { diagnosticData } from './convert';
import type { Analysed } from './documents';
import type { ServerContext, ServerFeature } from './feature';
import { FIX_ALL_KIND, fixAllAction, fixingContext, fixRuleActions, resolveFixRule, wantsKind } from './fixing';
import { hardenActions } from './harden-lens';
import { actionTitles, type ActionTitles } from './action-titles';
import type { Language } from '../core/l10n';

/**
 * Quick fixes and suppressions per diagnostic, then "Fix all <rule>
 * problems" and "Harden service …" beside them; or, when the client asks
 * for it (on save), the document's fix-all.
 */
export function registerCodeActions(context: ServerContext): ServerFeature {
  const { connection, store, client } = context;
  const fixing = fixingContext(context);
  connection.onCodeAction(async (params) => {
    const document = store.get(params.textDocument.uri);
    if (!document) return [];
    if (wantsKind(params, FIX_ALL_KIND)) return fixAllAction(fixing, document);
    const analysed = store.analysed(params.textDocument.uri);
    const actions = codeActions(document, params, analysed, context.language());
    if (!analysed || analysed.version !== document.version || actions.length === 0) return actions;
    const ours = params.context.diagnostics.filter((d) => d.source === TOOL_NAME);
    const rules = ours.map((d) => String(d.code));
    const wizard = client().hasWizard
      ? hardenActions(
          ours.map((d) => findingOf(d, analysed)),
          ours,
          context.language(),
        )
      : [];
    const fixRules = client().resolvesCodeActionEdits
      ? fixRuleActions(document, analysed.findings, rules, context.language())
      : [];
    return [...actions, ...fixRules, ...wizard];
  });
  connection.onCodeActionResolve((action) => resolveFixRule(fixing, action));
  return {
    capabilities: {
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND],
        resolveProvider: true,
      },
    },
  };
}

export function codeActions(
  document: TextDocument,
  params: CodeActionParams,
  analysed: Analysed | undefined,
  language: Language = 'en',
): CodeAction[] {
  const actions: CodeAction[] = [];
  const only = params.context.only;
  const wantsQuickFix =
    !only || only.some((kind) => CodeActionKind.QuickFix.startsWith(kind) || kind.startsWith(CodeActionKind.QuickFix));
  if (!wantsQuickFix || !analysed || analysed.version !== document.version) return actions;
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== TOOL_NAME) continue;
    const finding = findingOf(diagnostic, analysed);
    if (!finding) continue;
    for (const fix of finding.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred === true,
        edit: { changes: { [document.uri]: fix.edits, ...otherFileChanges(fix) } },
      });
    }
    if (ruleMeta(finding.ruleId))
      actions.push(
        ...suppressionActions(
          document,
          diagnostic,
          finding.ruleId,
          finding.statementLine ?? finding.range.start.line,
          finding.subject,
          actionTitles(language),
        ),
      );
  }
  return actions;
}

/**
 * The finding a diagnostic shows: by the version and index it carries, or,
 * for clients that do not send `data` back, by its code and range.
 */
/** A fix's edits of other files, by URI. */
function otherFileChanges(fix: Fix): Record<string, TextEdit[]> {
  const changes: Record<string, TextEdit[]> = {};
  for (const other of fix.otherFiles ?? []) changes[pathToFileURL(other.path).toString()] = other.edits;
  return changes;
}

export function findingOf(diagnostic: Diagnostic, analysed: Analysed): Finding | undefined {
  const data = diagnosticData(diagnostic);
  if (data) {
    const finding = data.version === analysed.version ? analysed.findings[data.index] : undefined;
    return finding?.ruleId === diagnostic.code ? finding : undefined;
  }
  const same = (a: Position, b: Position): boolean => a.line === b.line && a.character === b.character;
  return analysed.findings.find(
    (f) =>
      f.ruleId === diagnostic.code &&
      same(f.range.start, diagnostic.range.start) &&
      same(f.range.end, diagnostic.range.end),
  );
}

/**
 * The placeholder a suppression's reason is written as. Inserted as plain
 * text, it reads as a prompt in any client; the VS Code client turns it into
 * a snippet tab stop to type over (client/src/extension.ts), since LSP 3.17
 * code actions carry no snippets.
 */
export const REASON_PLACEHOLDER = 'reason';

/**
 * "Ignore <rule> here", "… in this stage/service" (when the finding is
 * about one), "… in this file": a comment line before the statement, the
 * stage's FROM or the service's key, or at the top of the file.
 */
function suppressionActions(
  document: TextDocument,
  diagnostic: Diagnostic,
  ruleId: string,
  statementLine: number,
  subject: FindingSubject | undefined,
  titles: ActionTitles,
): CodeAction[] {
  // Lines as LSP counts them (\n, \r\n or a lone \r), and the document's own line break for the inserted one.
  const lines = new LineIndex(document.getText());
  const comment = (line: number, directive: string, indented = true): TextEdit => {
    const at = lineStartAfterMark(lines, Math.max(0, Math.min(line, lines.lineCount - 1)));
    const indent = indented ? (/^\uFEFF?([ \t]*)/.exec(lines.lineText(at.line))?.[1] ?? '') : '';
    return {
      range: { start: at, end: at },
      newText: `${indent}# ${directive} ${ruleId} -- ${REASON_PLACEHOLDER}${lines.eol}`,
    };
  };
  const action = (title: string, edit: TextEdit): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [document.uri]: [edit] } },
  });
  const actions = [action(titles.ignoreHere(ruleId), comment(statementLine, DIRECTIVES.next))];
  if (subject && subject.range.start.line !== statementLine && introduces(lines, subject)) {
    const scope = subject.kind === 'stage' ? 'stage' : 'service';
    // An unnamed stage is known by its index, which the user never wrote.
    const name = subject.kind === 'stage' && /^\d+$/.test(subject.name) ? null : quote(subject.name);
    actions.push(action(titles.ignoreIn(ruleId, scope, name), comment(subject.range.start.line, DIRECTIVES[scope])));
  }
  actions.push(action(titles.ignoreInFile(ruleId), comment(firstSuppressionLine(lines), DIRECTIVES.file, false)));
  return actions;
}

/** Whether the subject's line in this document is its FROM or its service key (not a line of another file). */
function introduces(lines: LineIndex, subject: FindingSubject): boolean {
  const line = subject.range.start.line;
  if (line >= lines.lineCount) return false;
  const text = lines.lineText(line);
  return subject.kind === 'stage' ? /^\uFEFF?\s*FROM\b/i.test(text) : text.includes(subject.name);
}

/** The start of a line; on the first line after a byte order mark, which must stay the file's first character. */
function lineStartAfterMark(lines: LineIndex, line: number): Position {
  return { line, character: line === 0 && lines.text.charCodeAt(0) === 0xfeff ? 1 : 0 };
}

/** After parser directives (`# syntax=`, `# escape=`), which must stay first in a Dockerfile. */
function firstSuppressionLine(lines: LineIndex): number {
  let line = 0;
  while (line < lines.lineCount - 1 && /^\uFEFF?#\s*(syntax|escape|check)\s*=/i.test(lines.lineText(line))) line += 1;
  return line;
}
