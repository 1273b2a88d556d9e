/**
 * Rule messages and fix titles come from each rule's tables: a finding
 * records the entry and values it was made from (for translation), and the
 * text is what that entry makes of them.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/core/analyze';
import { ALL_RULES, COMPOSE_RULES, DOCKERFILE_RULES } from '../../server/src/core/rules';
import { fromTable, type MessageTable } from '../../server/src/core/rules/rule';
import type { MessageRef } from '../../server/src/core/types';

const RULES = [...DOCKERFILE_RULES, ...COMPOSE_RULES];

const rendered = (table: MessageTable, ref: MessageRef): string => fromTable(table, ref.id, ref.params).text;

describe('message tables', () => {
  for (const rule of RULES) {
    it(`${rule.meta.id}: the bad example's findings are made from its tables`, () => {
      const findings = analyze(rule.meta.examples.bad, { kind: rule.meta.kind }).findings.filter((f) =>
        ALL_RULES.some((meta) => meta.id === f.ruleId),
      );
      const own = findings.filter((f) => f.ruleId === rule.meta.id);
      assert.ok(own.length > 0, 'the bad example has a finding of the rule');
      for (const finding of findings) {
        const table = RULES.find((r) => r.meta.id === finding.ruleId)!;
        assert.ok(finding.messageRef, `${finding.ruleId} records its message`);
        assert.ok(finding.messageRef.id in table.messages, `${finding.messageRef.id} is in the table`);
        assert.strictEqual(rendered(table.messages, finding.messageRef), finding.message);
        for (const fix of finding.fixes) {
          assert.ok(fix.titleRef, `${finding.ruleId} fix "${fix.title}" records its title`);
          assert.strictEqual(rendered(table.fixTitles, fix.titleRef), fix.title);
        }
      }
    });
  }

  it('keeps rule files within 120 characters a line (long messages are spread over lines)', () => {
    const root = path.join(__dirname, '..', '..', '..', 'server', 'src', 'core', 'rules');
    const long: string[] = [];
    for (const dir of ['.', 'dockerfile', 'compose'])
      for (const file of fs.readdirSync(path.join(root, dir)).filter((name) => name.endsWith('.ts')))
        fs.readFileSync(path.join(root, dir, file), 'utf8')
          .split('\n')
          .forEach((line, i) => line.length > 120 && long.push(`${dir}/${file}:${i + 1}`));
    assert.deepStrictEqual(long, []);
  });

  it('masks credentials in the recorded values as in the message', () => {
    const text = 'FROM alpine:3.20\nRUN curl -k https://user:s3cr3tP4ssw0rd@example.com/x\nUSER 1000\n';
    const finding = analyze(text, { kind: 'dockerfile' }).findings.find(
      (f) => f.ruleId === 'tls-verification-disabled',
    );
    assert.ok(finding);
    assert.doesNotMatch(JSON.stringify(finding.messageRef), /s3cr3tP4ssw0rd/);
  });
});
