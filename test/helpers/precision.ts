/**
 * What the precision specs (test/core/specs/precision-*.test.ts) share: the
 * rules that fire on a document, one `rule line:col` string per finding, for
 * a Dockerfile or a Compose project held in memory.
 */
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/types';
import { reader } from './findings';

/** Where a Compose project's files live in the specs. */
export const PROJECT = '/project';

export function dockerfileFindings(text: string): Finding[] {
  return analyze(text, { kind: 'dockerfile', path: `${PROJECT}/Dockerfile` }).findings;
}

/** The findings of `compose.yaml` in a project of the given files (relative names). */
export function composeFindings(files: Record<string, string>, analysed = 'compose.yaml'): Finding[] {
  const absolute = Object.fromEntries(Object.entries(files).map(([name, text]) => [`${PROJECT}/${name}`, text]));
  return analyze(files[analysed], { path: `${PROJECT}/${analysed}`, files: reader(absolute) }).findings;
}

/** The ids of the rules that fire, each once, sorted. */
export function rulesOf(findings: Finding[]): string[] {
  return [...new Set(findings.map((finding) => finding.ruleId))].sort();
}

/** `rule line` (1-based) per finding of the given rules. */
export function linesOf(findings: Finding[], ...ruleIds: string[]): string[] {
  return findings.filter((f) => ruleIds.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.range.start.line + 1}`);
}
