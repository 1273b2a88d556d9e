/**
 * The CLI and the project configuration: the nearest `.docker-harden.yaml`
 * of each file (or `--config FILE`), flags on top of it, and a precise
 * exit 2 for a configuration it cannot use or a mistyped `--disable` id.
 * test/lsp/config.test.ts holds the server to the same cases.
 */
import * as assert from 'assert';
import * as path from 'path';
import { run, workspace } from '../helpers/cli';
import { cliFindings, COMPOSE, CONFIG_CASES, type ConfigCase } from '../helpers/config-cases';

describe('CLI: project configuration', () => {
  for (const testCase of CONFIG_CASES) {
    it(testCase.name, async () => {
      const findings = await cliFindings(workspace(testCase.files), testCase);
      testCase.expect(findings.map((f) => `${f.ruleId}:${f.severity}`));
    });
  }

  it('exits 2 on an invalid configuration, naming file, line, column and what is wrong, and analyses nothing', async () => {
    const dir = workspace({
      'app/compose.yaml': COMPOSE,
      'app/.docker-harden.yaml': 'extends: strict\nrules:\n  compose-privilegd: off\n',
    });
    const { status, stdout, stderr } = await run(['app'], dir);
    assert.strictEqual(status, 2);
    assert.strictEqual(stdout, '');
    assert.strictEqual(
      stderr,
      `docker-harden: ${path.join('app', '.docker-harden.yaml')}:3:3: Unknown rule or concern "compose-privilegd" ` +
        '(did you mean "compose-privileged"?); `docker-harden --list-rules` lists the rule ids.\n',
    );
    const broken = workspace({ 'compose.yaml': COMPOSE, '.docker-harden.yaml': 'rules: [\n' });
    const yaml = await run(['.'], broken);
    assert.strictEqual(yaml.status, 2);
    assert.match(yaml.stderr, /^docker-harden: \.docker-harden\.yaml:2:1: YAML: /);
  });

  it('--config FILE replaces discovery, for every file, wherever the file is', async () => {
    const dir = workspace({
      'compose.yaml': COMPOSE,
      '.docker-harden.yaml': 'rules:\n  compose-privileged: off\n',
      'ci/harden.yaml': 'rules:\n  compose-dangerous-capability: off\n',
    });
    const testCase: ConfigCase = { name: '', files: {}, analysed: 'compose.yaml', expect: () => undefined };
    const ids = (await cliFindings(dir, testCase, ['--config', 'ci/harden.yaml'])).map((f) => f.ruleId);
    assert.ok(ids.includes('compose-privileged'), 'the discovered file is not read');
    assert.ok(!ids.includes('compose-dangerous-capability'));
    const missing = await run(['--config', 'nowhere.yaml', '.'], dir);
    assert.strictEqual(missing.status, 2);
    assert.strictEqual(missing.stderr, 'docker-harden: --config: cannot read nowhere.yaml\n');
  });

  it('says so when a file named on the command line is ignored by the configuration', async () => {
    const dir = workspace({ 'vendor/compose.yaml': COMPOSE, '.docker-harden.yaml': 'ignore: [vendor/]\n' });
    const { status, stdout, stderr } = await run(['--format', 'json', path.join('vendor', 'compose.yaml')], dir);
    assert.strictEqual(status, 0);
    assert.deepStrictEqual(JSON.parse(stdout).findings, []);
    assert.strictEqual(
      stderr,
      `docker-harden: ${path.join('vendor', 'compose.yaml')} not analysed: .docker-harden.yaml ignores it\n`,
    );
  });

  it('exits 2 on an unknown --disable id, suggesting the one meant', async () => {
    const dir = workspace({ 'compose.yaml': COMPOSE });
    const { status, stderr } = await run(['--disable', 'compose-privileged,no-pids-limit', '.'], dir);
    assert.strictEqual(status, 2);
    assert.match(
      stderr,
      /^docker-harden: --disable: unknown rule or concern "no-pids-limit" \(did you mean "compose-no-pids-limit"\?\)/,
    );
    assert.strictEqual((await run(['--disable', 'cs.privileged,unused-suppression', '.'], dir)).status, 1);
  });
});
