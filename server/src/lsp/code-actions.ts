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
import type { Finding, Fix, TextEdit } from '../core/types';
import { diagnosticData } from './convert';
import type { Analysed } from './documents';
import type { ServerContext, ServerFeature } from './feature';
import { FIX_ALL_KIND, fixAllAction, fixingContext, fixRuleActions, resolveFixRule, wantsKind } from './fixing';
import { hardenActions } from './harden-lens';

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
    const actions = codeActions(document, params, analysed);
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
        ...suppressionActions(document, diagnostic, finding.ruleId, finding.statementLine ?? finding.range.start.line),
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

function suppressionActions(
  document: TextDocument,
  diagnostic: Diagnostic,
  ruleId: string,
  statementLine: number,
): CodeAction[] {
  // Lines as LSP counts them (\n, \r\n or a lone \r), and the document's own line break for the inserted one.
  const lines = new LineIndex(document.getText());
  const line = Math.max(0, Math.min(statementLine, lines.lineCount - 1));
  const indent = /^\uFEFF?([ \t]*)/.exec(lines.lineText(line))?.[1] ?? '';
  const atLine = lineStartAfterMark(lines, line);
  const atFileLine = lineStartAfterMark(lines, firstSuppressionLine(lines));
  return [
    {
      title: `Ignore ${ruleId} here`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: {
        changes: {
          [document.uri]: [
            {
              range: { start: atLine, end: atLine },
              newText: `${indent}# docker-harden-ignore ${ruleId} -- reason${lines.eol}`,
            },
          ],
        },
      },
    },
    {
      title: `Ignore ${ruleId} in this file`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: {
        changes: {
          [document.uri]: [
            {
              range: { start: atFileLine, end: atFileLine },
              newText: `# docker-harden-ignore-file ${ruleId} -- reason${lines.eol}`,
            },
          ],
        },
      },
    },
  ];
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
