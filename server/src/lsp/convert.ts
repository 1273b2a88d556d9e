/**
 * Findings to LSP diagnostics and back: the one place that knows how a
 * finding travels through the protocol. Fixes ride in `Diagnostic.data`, so
 * the code-action handler only replays them.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Fix, Severity } from '../core/types';
import { ruleDocsUrl, TOOL_NAME } from '../core/docs/urls';
import { ruleMeta } from '../core/rules';

export interface DiagnosticData {
  ruleId: string;
  concern: string | null;
  fixes: Fix[];
  /** Where a suppression comment for this finding goes. */
  statementLine: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, concern: finding.concern, fixes: finding.fixes, statementLine: finding.statementLine ?? finding.range.start.line };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    ...(ruleMeta(finding.ruleId) ? { codeDescription: { href: ruleDocsUrl(finding.ruleId) } } : {}),
    source: TOOL_NAME,
    message: finding.message,
    data,
  };
}

export function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data.ruleId !== 'string' || !Array.isArray(data.fixes)) return undefined;
  return data as DiagnosticData;
}
