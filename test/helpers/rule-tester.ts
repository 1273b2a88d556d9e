/**
 * A shared rule tester, after ESLint's RuleTester: `valid` documents the
 * rule must not report, `invalid` ones with every finding it must report —
 * rule id, exact range, message id — and the exact text each fix it offers
 * produces, every fix and not only the first. A fixed Compose file must
 * parse, and each fix must leave the rule fewer findings.
 */
import * as assert from 'assert';
import { parseDocument } from 'yaml';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { ALL_RULES } from '../../server/src/core/rules';
import type { Finding } from '../../server/src/core/types';
import { span } from './findings';

export interface ExpectedFinding {
  /** 1-based, end exclusive, as the CLI prints it: `3:5-3:12`. */
  range: string;
  messageId: string;
  /** The text each fix produces, in the order the finding offers them; `[]` when it offers none. */
  fixed: string[];
  /** Values the message was made with, when the case wants to check some. */
  params?: Record<string, unknown>;
}

export interface InvalidCase {
  name?: string;
  code: string;
  findings: ExpectedFinding[];
}

export interface RuleCases {
  valid: string[];
  invalid: InvalidCase[];
}

const title = (code: string): string => JSON.stringify(code.length > 80 ? `${code.slice(0, 77)}...` : code);

/** Defines a mocha suite for one rule from its cases. */
export function testRule(ruleId: string, cases: RuleCases): void {
  const meta = ALL_RULES.find((rule) => rule.id === ruleId);
  if (!meta) throw new Error(`no rule ${ruleId}`);
  const findingsOf = (code: string): Finding[] =>
    analyze(code, {
      kind: meta.kind,
      path: meta.kind === 'compose' ? '/project/compose.yaml' : '/project/Dockerfile',
    }).findings.filter((finding) => finding.ruleId === ruleId);

  describe(`${ruleId} (rule tester)`, () => {
    for (const code of cases.valid) {
      it(`accepts ${title(code)}`, () => {
        assert.deepStrictEqual(findingsOf(code).map(span), []);
      });
    }
    for (const testCase of cases.invalid) {
      it(`reports ${testCase.name ?? title(testCase.code)}`, () => {
        const findings = findingsOf(testCase.code);
        const actual = findings.map((finding) => ({
          range: span(finding),
          messageId: finding.messageRef?.id,
          fixed: finding.fixes.map((fix) => applyEdits(testCase.code, fix.edits)),
        }));
        assert.deepStrictEqual(
          actual,
          testCase.findings.map(({ range, messageId, fixed }) => ({ range, messageId, fixed })),
        );
        testCase.findings.forEach((expected, i) => {
          if (expected.params)
            for (const [name, value] of Object.entries(expected.params))
              assert.deepStrictEqual(findings[i].messageRef?.params[name], value, `message value ${name}`);
          for (const fixed of expected.fixed) {
            if (meta.kind === 'compose') assert.deepStrictEqual(parseDocument(fixed).errors, [], 'the fix parses');
            assert.ok(findingsOf(fixed).length < findings.length, `the fix leaves fewer findings:\n${fixed}`);
          }
        });
      });
    }
  });
}
