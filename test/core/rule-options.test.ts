/**
 * Rule options: the values fixes write come from the rule context, so a
 * configuration can change them; the defaults are what the rule tests expect.
 */
import * as assert from 'assert';
import { runRules } from '../../server/src/core/analyze';
import { buildComposeModel } from '../../server/src/core/compose/model';
import { buildDockerfileModel } from '../../server/src/core/dockerfile/model';
import { COMPOSE_RULES, DOCKERFILE_RULES } from '../../server/src/core/rules';
import { DEFAULT_RULE_OPTIONS, type RuleOptions } from '../../server/src/core/rules/options';

const custom: RuleOptions = {
  ...DEFAULT_RULE_OPTIONS,
  suggestedUser: '1000:1000',
  memoryLimit: { deploy: '1G', legacy: '1g' },
  cpuLimit: { cpus: '0.5', cpuQuota: '50000' },
  pidsLimit: '64',
  restartPolicy: 'on-failure:3',
  healthcheck: { interval: '1m', timeout: '3s', startPeriod: '0s', retries: 5 },
};

const fixTexts = (findings: ReturnType<typeof runRules>, ruleId: string): string[] =>
  findings.filter((f) => f.ruleId === ruleId).flatMap((f) => f.fixes.flatMap((fix) => fix.edits.map((e) => e.newText)));

describe('rule options', () => {
  it('are the documented defaults unless given', () => {
    // An image nothing is known of gets the suggested user by number.
    const model = buildDockerfileModel('FROM mycorp/base:1\n');
    assert.deepStrictEqual(fixTexts(runRules(DOCKERFILE_RULES, model), 'missing-user'), ['USER 65532:65532\n']);
    assert.strictEqual(DEFAULT_RULE_OPTIONS.suggestedUser, '65532:65532');
  });

  it('reach the Dockerfile fixes', () => {
    const model = buildDockerfileModel('FROM alpine:3.20\nEXPOSE 8080\n');
    const findings = runRules(DOCKERFILE_RULES, model, custom);
    assert.deepStrictEqual(fixTexts(findings, 'missing-user'), [
      'RUN addgroup -S -g 1000 app && adduser -S -D -H -u 1000 -G app -s /sbin/nologin app\nUSER app:app\n',
    ]);
    assert.deepStrictEqual(fixTexts(findings, 'missing-healthcheck'), [
      '\nHEALTHCHECK --interval=1m --timeout=3s --start-period=0s --retries=5 ' +
        'CMD ["wget", "-q", "--spider", "http://127.0.0.1:8080/"]',
    ]);
  });

  it('reach the Compose fixes', () => {
    const text = 'services:\n  app:\n    image: alpine:3.20\n    user: root\n    restart: always\n';
    const findings = runRules(COMPOSE_RULES, buildComposeModel(text), custom);
    // `1000:1000` quoted: YAML 1.1 readers would take it for a number in base 60.
    assert.deepStrictEqual(fixTexts(findings, 'compose-root-user'), ['"1000:1000"']);
    assert.deepStrictEqual(fixTexts(findings, 'compose-unbounded-restart'), ['on-failure:3']);
    const limits = (key: string, value: string) =>
      `\n    deploy:\n      resources:\n        limits:\n          ${key}: ${value}`;
    assert.deepStrictEqual(fixTexts(findings, 'compose-no-memory-limit'), [limits('memory', '1G')]);
    assert.deepStrictEqual(fixTexts(findings, 'compose-no-cpu-limit'), [limits('cpus', '0.5')]);
    assert.deepStrictEqual(fixTexts(findings, 'compose-no-pids-limit'), [limits('pids', '64')]);
    const legacy = runRules(COMPOSE_RULES, buildComposeModel(`${text}    mem_limit: 256m\n`), custom);
    assert.deepStrictEqual(fixTexts(legacy, 'compose-no-cpu-limit'), ['    cpus: 0.5\n']);
    assert.deepStrictEqual(fixTexts(legacy, 'compose-no-pids-limit'), ['    pids_limit: 64\n']);
  });
});
