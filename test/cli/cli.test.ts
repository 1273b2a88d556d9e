/** The CLI as CONTRACT.md specifies it: discovery, formats, exit status. Runs in-process on temporary directories. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { run, workspace } from '../helpers/cli';
import { composeWithServices } from '../helpers/generated';

const INSECURE = 'FROM alpine:3.20\nRUN curl -k https://x | sh\nUSER app\n';
const CLEAN = 'FROM alpine:3.20@sha256:0000\nUSER app\nHEALTHCHECK CMD true\n';

describe('docker-harden CLI', () => {
  it("prints each service's and the final stage's hardening score, in text and JSON", async () => {
    const dir = workspace({
      Dockerfile: INSECURE,
      'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
    });
    const text = (await run(['--no-color', '.'], dir)).stdout;
    assert.match(text, /^ {2}final stage — \d+ of \d+ measures$/m);
    assert.match(text, /^ {2}web — \d+ of \d+ measures$/m);
    const json = JSON.parse((await run(['--format', 'json', '.'], dir)).stdout) as {
      scores: { file: string; kind: string; name: string; line: number; applied: number; of: number }[];
    };
    const web = json.scores.find((s) => s.name === 'web');
    assert.deepStrictEqual([web?.file, web?.kind, web?.line], ['compose.yaml', 'service', 2]);
    assert.ok(web && web.applied < web.of);
  });

  it('walks directories for Dockerfiles and Compose files, honouring .gitignore, node_modules and .git', async () => {
    const dir = workspace({
      Dockerfile: CLEAN,
      'svc/api.Dockerfile': INSECURE,
      'svc/Containerfile': CLEAN,
      'ignored/Dockerfile': INSECURE,
      'node_modules/x/Dockerfile': INSECURE,
      '.git/Dockerfile': INSECURE,
      '.gitignore': 'ignored/\n',
      'README.md': '# hi\n',
    });
    const { stdout } = await run(['--format', 'json', '.'], dir);
    const files = [...new Set((JSON.parse(stdout) as { findings: { file: string }[] }).findings.map((f) => f.file))];
    assert.deepStrictEqual(files, ['svc/api.Dockerfile']);
  });

  it('prints JSON in the contract shape, 1-based with an exclusive end column', async () => {
    const dir = workspace({ Dockerfile: INSECURE });
    const { status, stdout } = await run(['--format', 'json', 'Dockerfile'], dir);
    assert.strictEqual(status, 1);
    const json = JSON.parse(stdout) as { version: number; findings: Record<string, unknown>[] };
    assert.strictEqual(json.version, 1);
    const tls = json.findings.find((f) => f.ruleId === 'tls-verification-disabled');
    assert.deepStrictEqual(tls, {
      file: 'Dockerfile',
      ruleId: 'tls-verification-disabled',
      concern: 'df.tls.verify-disabled',
      severity: 'error',
      message: tls?.message,
      line: 2,
      column: 10,
      endLine: 2,
      endColumn: 12,
    });
  });

  it('writes SARIF for a file whose one long line holds 10,000 findings without rehashing the line per finding', async () => {
    const devices = Array.from({ length: 17_000 }, (_, i) => `"/dev/x${i}"`).join(', ');
    const dir = workspace({ 'compose.yaml': `services:\n  web:\n    image: alpine:3.20\n    devices: [${devices}]\n` });
    const sarif = JSON.parse((await run(['--format', 'sarif', 'compose.yaml'], dir)).stdout) as {
      runs: { results: unknown[] }[];
    };
    assert.strictEqual(sarif.runs[0].results.length, 10_001);
  });

  it('stops a file that outlasts --time-limit with one finding and goes on with the others, in their order', async () => {
    const dir = workspace({
      'a/Dockerfile': INSECURE,
      'b/compose.yaml': composeWithServices(20_000),
      'c/Dockerfile': INSECURE,
    });
    const { status, stdout } = await run(
      ['--format', 'json', '--time-limit', '0.2', '--jobs', '1', 'a', 'b', 'c'],
      dir,
    );
    assert.strictEqual(status, 1);
    const findings = (JSON.parse(stdout) as { findings: { file: string; ruleId: string }[] }).findings;
    assert.deepStrictEqual(
      [...new Set(findings.map((f) => f.file))],
      ['a/Dockerfile', 'b/compose.yaml', 'c/Dockerfile'],
    );
    assert.deepStrictEqual(
      findings.filter((f) => f.file === 'b/compose.yaml').map((f) => f.ruleId),
      ['analysis-stopped'],
    );
    assert.ok(findings.some((f) => f.file === 'c/Dockerfile' && f.ruleId === 'tls-verification-disabled'));
    assert.strictEqual((await run(['--time-limit', 'soon', 'a'], dir)).status, 2);
  });

  it('exits 0 when nothing reaches --fail-on, 1 when something does, 2 on usage and I/O errors', async () => {
    const dir = workspace({ Dockerfile: CLEAN, 'bad/Dockerfile': INSECURE });
    assert.strictEqual((await run(['Dockerfile'], dir)).status, 0);
    assert.strictEqual((await run(['bad/Dockerfile'], dir)).status, 1);
    assert.strictEqual((await run(['--fail-on', 'none', 'bad/Dockerfile'], dir)).status, 0);
    assert.strictEqual((await run(['--format', 'xml', 'Dockerfile'], dir)).status, 2);
    const missing = await run(['does-not-exist'], dir);
    assert.strictEqual(missing.status, 2);
    assert.match(missing.stderr, /does-not-exist: no such file or directory/);
    assert.strictEqual((await run([], dir)).status, 2);
  });

  it('analyses a named file whatever its name, deciding the kind from content; other YAML yields nothing', async () => {
    const dir = workspace({ 'build.txt': INSECURE, 'workflow.yml': 'on: push\njobs: {}\n' });
    const json = JSON.parse((await run(['--format', 'json', 'build.txt', 'workflow.yml'], dir)).stdout) as {
      findings: { file: string }[];
    };
    assert.ok(json.findings.some((f) => f.file === 'build.txt'));
    assert.ok(!json.findings.some((f) => f.file === 'workflow.yml'));
  });

  it('reports a file that does not parse instead of failing', async () => {
    const dir = workspace({ Dockerfile: 'FROM\nRUN \\\n' });
    const { status, stdout } = await run(['--format', 'json', 'Dockerfile'], dir);
    assert.strictEqual(status, 1);
    assert.ok(
      (JSON.parse(stdout) as { findings: { concern: unknown; ruleId: string }[] }).findings.some(
        (f) => f.ruleId === 'syntax-error' && f.concern === null,
      ),
    );
  });

  it('prints readable text grouped by file with rule ids and fix hints', async () => {
    const dir = workspace({ Dockerfile: INSECURE });
    const { stdout } = await run(['Dockerfile'], dir);
    assert.match(stdout, /^Dockerfile\n/);
    assert.match(stdout, /2:10 +error +curl --insecure .* \[tls-verification-disabled\]/);
    assert.match(stdout, /fix: Remove curl -k\/--insecure/);
    assert.match(stdout, /problems \(\d+ error, \d+ warning, \d+ info\) in 1 of 1 file/);
  });

  it('writes SARIF 2.1.0 with rule help links, levels and stable fingerprints, never a secret', async () => {
    const secret = 'hunter2-very-secret';
    const dir = workspace({
      Dockerfile: `FROM alpine:3.20\nENV DB_PASSWORD=${secret}\nRUN curl -k https://x\nUSER app\n`,
    });
    const sarif = JSON.parse((await run(['--format', 'sarif', 'Dockerfile'], dir)).stdout);
    assert.strictEqual(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    // Every rule links its page; the built-in checks (syntax errors, suppressions...) have none.
    const rules = run0.tool.driver.rules as { helpUri?: string; properties: { tags: string[] } }[];
    const documented = rules.filter((r) => !r.properties.tags.includes('builtin'));
    assert.ok(documented.length > 40 && documented.every((r) => /^https:\/\//.test(r.helpUri ?? '')));
    const levels = new Set(run0.results.map((r: { level: string }) => r.level));
    assert.ok(levels.has('error') && levels.has('note'));
    assert.ok(!JSON.stringify(sarif).includes(secret), 'secret masked');
    // Fingerprints do not depend on line numbers: moving the code down keeps them.
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      `\n\nFROM alpine:3.20\nENV DB_PASSWORD=${secret}\nRUN curl -k https://x\nUSER app\n`,
    );
    const moved = JSON.parse((await run(['--format', 'sarif', 'Dockerfile'], dir)).stdout);
    const prints = (log: typeof sarif): string[] =>
      log.runs[0].results
        .map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['dockerHarden/v1'])
        .sort();
    assert.deepStrictEqual(prints(moved), prints(sarif));
  });
});
