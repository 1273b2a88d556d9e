/**
 * Findings to LSP diagnostics and back: the one place that knows how a
 * finding travels through the protocol. A diagnostic carries the document
 * version it was computed for and the finding's index in that analysis; the
 * code-action handler replays that finding's fixes only while the document
 * is still at that version, so a fix is never applied to text it was not
 * computed for (and the diagnostics stay small). A finding caused by another
 * file (the Dockerfile a service builds, the override that sets a value)
 * carries that file's place as `relatedInformation`, so the user can jump there.
 */
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../core/types';
import type { Language, Localized } from '../core/l10n';
import { ruleDocsUrl, TOOL_NAME } from '../core/docs/urls';
import { ruleMeta } from '../core/rules';
import { pathToUri } from './paths';

/** The document version a diagnostic's finding was computed for, and its index in that analysis. */
export interface DiagnosticData {
  version: number;
  index: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What a finding's related place says, in the language of its message. */
const RELATED_TEXT: Localized<string> = {
  en: 'This finding comes from here.',
  ja: 'この指摘の原因はここにあります。',
};

export function toDiagnostic(finding: Finding, version: number, index: number, language: Language = 'en'): Diagnostic {
  const data: DiagnosticData = { version, index };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    ...(ruleMeta(finding.ruleId) ? { codeDescription: { href: ruleDocsUrl(finding.ruleId) } } : {}),
    source: TOOL_NAME,
    message: finding.message,
    ...relatedInformation(finding, language),
    data,
  };
}

const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function relatedInformation(
  finding: Finding,
  language: Language,
): { relatedInformation?: DiagnosticRelatedInformation[] } {
  if (!finding.relatedFile) return {};
  const location = { uri: pathToUri(finding.relatedFile), range: finding.relatedRange ?? FILE_START };
  return { relatedInformation: [{ location, message: RELATED_TEXT[language] }] };
}

export function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data.version !== 'number' || typeof data.index !== 'number') return undefined;
  return data as DiagnosticData;
}
