/** Helpers that let rule tests read like specifications: findings as `line:col-line:col` strings. */
import { analyze } from '../../server/src/core/analyze';
import type { FileReader, Finding } from '../../server/src/core/types';

export function analyzeDockerfile(text: string): Finding[] {
  return analyze(text, { kind: 'dockerfile' }).findings;
}

/** 1-based, end exclusive, as the CLI prints them: `3:5-3:12`. */
export function span(finding: Finding): string {
  const { start, end } = finding.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
}

export function spansOf(findings: Finding[], ruleId: string): string[] {
  return findings.filter((f) => f.ruleId === ruleId).map(span);
}

/** Files in memory, by absolute path, for cross-file analysis. */
export function reader(files: Record<string, string>): FileReader {
  return { read: (path) => files[path] };
}
