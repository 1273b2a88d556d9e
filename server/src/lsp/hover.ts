/**
 * Hover: what the setting or instruction under the cursor means and what it
 * is set to (core/hover/setting-at.ts), then the documentation of every
 * finding under the cursor and of a rule id written in a
 * docker-harden-ignore comment, in the client's language.
 */
import type { Hover, Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind } from '../core/detect';
import { hoverMarkdown, type Language } from '../core/docs';
import { settingAt, settingMarkdown } from '../core/hover/setting-at';
import { parseSuppressionComment } from '../core/suppressions';
import { comparePositions } from '../core/text';
import type { Finding } from '../core/types';
import type { ServerContext, ServerFeature } from './feature';
import { uriToPath } from './paths';

/** Markdown another feature adds to the hover at a position (image facts), or null. */
export type HoverSection = (document: TextDocument, position: Position) => string | null;

export function registerHover(
  { connection, store, language }: ServerContext,
  extraSections: readonly HoverSection[] = [],
): ServerFeature {
  connection.onHover((params) => {
    const document = store.get(params.textDocument.uri);
    if (!document) return null;
    const found = hover(document, params.position, store.analysed(params.textDocument.uri)?.findings ?? [], language());
    return withSections(
      found,
      extraSections.map((section) => section(document, params.position)),
    );
  });
  return { capabilities: { hoverProvider: true } };
}

/** The rules' hover followed by the other features' sections, or null when there is nothing to show. */
function withSections(found: Hover | null, sections: readonly (string | null)[]): Hover | null {
  const extra = sections.filter((section): section is string => section !== null);
  if (extra.length === 0) return found;
  const own = found && typeof found.contents === 'object' && 'value' in found.contents ? [found.contents.value] : [];
  return { contents: { kind: 'markdown', value: [...extra, ...own].join('\n\n---\n\n') } };
}

export function hover(
  document: TextDocument,
  position: Position,
  findings: readonly Finding[],
  language: Language,
): Hover | null {
  const ruleIds: string[] = [];
  for (const finding of findings) {
    if (
      comparePositions(finding.range.start, position) <= 0 &&
      comparePositions(position, finding.range.end) <= 0 &&
      !ruleIds.includes(finding.ruleId)
    ) {
      ruleIds.push(finding.ruleId);
    }
  }
  const line = document.getText({
    start: { line: position.line, character: 0 },
    end: { line: position.line + 1, character: 0 },
  });
  const suppression = parseSuppressionComment(line.replace(/(\r\n|\r|\n)$/, ''));
  for (const { id, start, end } of suppression?.ids ?? []) {
    if (position.character >= start && position.character <= end && !ruleIds.includes(id)) ruleIds.push(id);
  }
  const sections = ruleIds.map((id) => hoverMarkdown(id, language)).filter((s): s is string => Boolean(s));
  const setting = suppression ? null : settingHere(document, position, language);
  if (setting) sections.unshift(setting);
  if (sections.length === 0) return null;
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') } };
}

/** The setting or instruction at `position`, as Markdown; null where there is none (or the text cannot be read). */
function settingHere(document: TextDocument, position: Position, language: Language): string | null {
  const text = document.getText();
  const path = uriToPath(document.uri);
  const kind = detectKind(path, text, document.languageId);
  if (kind === null) return null;
  try {
    const found = settingAt(text, kind, position, language, path);
    return found ? settingMarkdown(found, language) : null;
  } catch {
    // A hover never fails the request: the findings' documentation is still worth showing.
    return null;
  }
}
