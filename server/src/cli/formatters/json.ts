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
  // Added beside `findings` (version 1 keeps every field it had): each service's or final stage's score.
  const scores = reports.flatMap((report) =>
    (report.scores ?? []).map(({ kind, name, line, applied, of }) => ({
      file: report.displayPath,
      kind,
      name,
      line: line + 1,
      applied,
      of,
    })),
  );
  return JSON.stringify({ version: 1, findings, scores }, null, 2) + '\n';
}
