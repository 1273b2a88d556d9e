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
import { diagnosticData } from './convert';
import type { Analysed } from './documents';
import type { ServerContext, ServerFeature } from './feature';

export function registerCodeActions({ connection, store }: ServerContext): ServerFeature {
  connection.onCodeAction((params) => {
    const document = store.get(params.textDocument.uri);
    return document ? codeActions(document, params, store.analysed(params.textDocument.uri)) : [];
  });
  return {
    capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false } },
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
    const data = diagnosticData(diagnostic);
    const finding = data && data.version === analysed.version ? analysed.findings[data.index] : undefined;
    if (!data || !finding || finding.ruleId !== diagnostic.code) continue;
    for (const fix of finding.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred === true,
        edit: { changes: { [document.uri]: fix.edits } },
      });
    }
    if (ruleMeta(finding.ruleId))
      actions.push(
        ...suppressionActions(document, diagnostic, finding.ruleId, finding.statementLine ?? finding.range.start.line),
      );
  }
  return actions;
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
