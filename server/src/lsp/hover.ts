/**
 * Hover: the documentation of every finding under the cursor, and of a rule
 * id written in a docker-harden-ignore comment, in the client's language.
 */
import type { Hover, Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverMarkdown, type Language } from '../core/docs';
import { comparePositions } from '../core/text';
import type { Finding } from '../core/types';

export function hover(document: TextDocument, position: Position, findings: readonly Finding[], language: Language): Hover | null {
  const ruleIds: string[] = [];
  for (const finding of findings) {
    if (comparePositions(finding.range.start, position) <= 0 && comparePositions(position, finding.range.end) <= 0 && !ruleIds.includes(finding.ruleId)) {
      ruleIds.push(finding.ruleId);
    }
  }
  const line = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
  const suppression = /docker-harden-ignore(-file)?\b/.exec(line);
  if (suppression) {
    const idPattern = /[A-Za-z0-9_.-]+/g;
    for (let m = idPattern.exec(line); m; m = idPattern.exec(line)) {
      if (m.index > suppression.index + suppression[0].length && position.character >= m.index && position.character <= m.index + m[0].length && !ruleIds.includes(m[0])) ruleIds.push(m[0]);
    }
  }
  const sections = ruleIds.map((id) => hoverMarkdown(id, language)).filter((s): s is string => Boolean(s));
  if (sections.length === 0) return null;
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') } };
}
