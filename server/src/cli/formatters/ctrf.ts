/**
 * `--format ctrf`: a Common Test Report Format report (https://ctrf.io) for CI dashboards, as
 * CONTRACT.md says: one test per rule and analysed file, `failed` with its findings' messages when the
 * rule reports something there, else `passed`; a rule turned off with --disable is `skipped`. The
 * built-in checks (syntax errors, broken references, suppression problems, a stopped analysis...) have
 * no test of their own until they report, then they fail like a rule.
 */
import { ALL_RULES } from '../../core/rules';
import { TOOL_NAME } from '../../core/docs/urls';
import type { Finding } from '../../core/types';
import type { FileReport } from './types';

export interface CtrfRun {
  version: string;
  /** Milliseconds since the epoch: when the run started and ended. */
  start: number;
  stop: number;
  /** Rule ids and concern ids turned off for the run. */
  disabledRules: readonly string[];
}

type Status = 'passed' | 'failed' | 'skipped';

interface CtrfTest {
  name: string;
  status: Status;
  duration: number;
  suite: string[];
  filePath: string;
  message?: string;
  line?: number;
  tags?: string[];
  extra: { ruleId: string; concern: string | null; findings: number };
}

function failureMessage(findings: Finding[]): string {
  return findings
    .map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity}: ${f.message}`)
    .join('\n');
}

function testsOf(report: FileReport, disabled: ReadonlySet<string>): CtrfTest[] {
  const byRule = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byRule.get(finding.ruleId);
    if (list) list.push(finding);
    else byRule.set(finding.ruleId, [finding]);
  }
  const file = report.displayPath.split('\\').join('/');
  const test = (ruleId: string, concern: string | null, status: Status, findings: Finding[] = []): CtrfTest => ({
    name: `${ruleId} ${file}`,
    status,
    // Rules run together over one parse: no rule has a time of its own.
    duration: 0,
    suite: [file],
    filePath: file,
    ...(findings.length > 0 ? { message: failureMessage(findings), line: findings[0].range.start.line + 1 } : {}),
    ...(concern ? { tags: [concern] } : {}),
    extra: { ruleId, concern, findings: findings.length },
  });
  const rules = ALL_RULES.filter((meta) => meta.kind === report.kind);
  const tests = rules.map((meta) => {
    const findings = byRule.get(meta.id) ?? [];
    if (findings.length > 0) return test(meta.id, meta.concern, 'failed', findings);
    return test(meta.id, meta.concern, disabled.has(meta.id) || disabled.has(meta.concern) ? 'skipped' : 'passed');
  });
  const ruleIds = new Set(rules.map((meta) => meta.id));
  for (const [ruleId, findings] of byRule)
    if (!ruleIds.has(ruleId)) tests.push(test(ruleId, findings[0].concern, 'failed', findings));
  return tests;
}

export function formatCtrf(reports: FileReport[], run: CtrfRun): string {
  const disabled = new Set(run.disabledRules);
  const tests = reports.flatMap((report) => testsOf(report, disabled));
  const count = (status: Status): number => tests.filter((t) => t.status === status).length;
  const report = {
    reportFormat: 'CTRF',
    specVersion: '1.0.0',
    timestamp: new Date(run.stop).toISOString(),
    generatedBy: `${TOOL_NAME} ${run.version}`,
    results: {
      tool: { name: TOOL_NAME, version: run.version },
      summary: {
        tests: tests.length,
        passed: count('passed'),
        failed: count('failed'),
        skipped: count('skipped'),
        pending: 0,
        other: 0,
        suites: reports.length,
        start: run.start,
        stop: run.stop,
        duration: run.stop - run.start,
      },
      tests,
    },
  };
  return JSON.stringify(report, null, 2) + '\n';
}
