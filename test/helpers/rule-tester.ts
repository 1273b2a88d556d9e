/**
 * A shared rule tester, after ESLint's RuleTester: `valid` documents the
 * rule must not report, `invalid` ones with every finding it must report —
 * rule id, exact range, message id — and the exact text each fix it offers
 * produces, every fix and not only the first. A fixed Compose file must
 * parse, and each fix must leave the rule fewer findings. A case may give
 * rule options and other files (the Dockerfile a service builds), and a
 * finding the titles of its fixes, which one is preferred and what each
 * writes into other files.
 */
import * as assert from 'assert';
import { parseDocument } from 'yaml';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { ALL_RULES } from '../../server/src/core/rules';
import type { RuleOptions } from '../../server/src/core/rules/options';
import type { Finding } from '../../server/src/core/types';
import { reader, span } from './findings';

export interface ExpectedFinding {
  /** 1-based, end exclusive, as the CLI prints it: `3:5-3:12`. */
  range: string;
  messageId: string;
  /** The text each fix produces, in the order the finding offers them; `[]` when it offers none. */
  fixed: string[];
  /** Values the message was made with, when the case wants to check some. */
  params?: Record<string, unknown>;
  /** The title of each fix, in order; checked when given. */
  titles?: string[];
  /** Index (into `fixed`) of the one preferred fix, null for none; checked when given. */
  preferred?: number | null;
  /**
   * Per fix, the other files it edits (absolute path -> text after the
   * fix); when not given, the fixes must edit no other file.
   */
  otherFiles?: Record<string, string>[];
  /**
   * The fixes may leave this finding in a milder form (a mount made
   * read-only is still reported, as read-only): each fix must then leave
   * fewer findings or none with this finding's message.
   */
  milder?: boolean;
}

export interface InvalidCase {
  name?: string;
  code: string;
  findings: ExpectedFinding[];
  /** Rule options the analysis uses instead of the defaults. */
  options?: Partial<RuleOptions>;
  /** Other files by absolute path (the document is /project/compose.yaml or /project/Dockerfile). */
  files?: Record<string, string>;
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
  /** `edited`: other files as a fix left them. */
  const findingsOf = (code: string, testCase?: InvalidCase, edited: Record<string, string> = {}): Finding[] =>
    analyze(code, {
      kind: meta.kind,
      path: meta.kind === 'compose' ? '/project/compose.yaml' : '/project/Dockerfile',
      ...(testCase?.options ? { ruleOptions: testCase.options } : {}),
      ...(testCase?.files ? { files: reader({ ...testCase.files, ...edited }) } : {}),
    }).findings.filter((finding) => finding.ruleId === ruleId);

  describe(`${ruleId} (rule tester)`, () => {
    for (const code of cases.valid) {
      it(`accepts ${title(code)}`, () => {
        assert.deepStrictEqual(findingsOf(code).map(span), []);
      });
    }
    for (const testCase of cases.invalid) {
      it(`reports ${testCase.name ?? title(testCase.code)}`, () => {
        const findings = findingsOf(testCase.code, testCase);
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
          const fixes = findings[i].fixes;
          if (expected.titles)
            assert.deepStrictEqual(
              fixes.map((fix) => fix.title),
              expected.titles,
              'the fix titles',
            );
          if (expected.preferred !== undefined)
            assert.deepStrictEqual(
              fixes.map((fix) => fix.preferred === true),
              fixes.map((_, j) => j === expected.preferred),
              'which fix is preferred',
            );
          const edited = fixes.map((fix) => otherFilesAfter(fix.otherFiles ?? [], testCase.files ?? {}));
          assert.deepStrictEqual(
            edited,
            expected.otherFiles ?? fixes.map(() => ({})),
            'what the fixes write into other files',
          );
          expected.fixed.forEach((fixed, j) => {
            if (meta.kind === 'compose') assert.deepStrictEqual(parseDocument(fixed).errors, [], 'the fix parses');
            const after = findingsOf(fixed, testCase, edited[j]);
            const gone = after.length < findings.length;
            const milder = expected.milder === true && !after.some((f) => f.message === findings[i].message);
            assert.ok(gone || milder, `the fix leaves fewer findings:\n${fixed}`);
          });
        });
      });
    }
  });
}

/** The text of each other file a fix edits, after its edits. */
function otherFilesAfter(
  otherFiles: readonly { path: string; edits: Parameters<typeof applyEdits>[1] }[],
  files: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(otherFiles.map(({ path, edits }) => [path, applyEdits(files[path] ?? '', edits)]));
}
