/** `--format json`: the stable machine-readable shape of CONTRACT.md (1-based, endColumn exclusive). */
import type { FileReport } from './types';

export function formatJson(reports: FileReport[]): string {
  const findings = reports.flatMap((report) =>
    report.findings.map((f) => ({
      file: report.displayPath,
      ruleId: f.ruleId,
      concern: f.concern,
      severity: f.severity,
      message: f.message,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
    })),
  );
  return JSON.stringify({ version: 1, findings }, null, 2) + '\n';
}
