/**
 * docker-harden in users' CI: the documented GitHub Actions workflow (docs/ci/github-actions.yml) and the
 * pre-commit hook (.pre-commit-hooks.yaml) parse, and the commands they run work on the example workspace
 * (examples/) with the exit statuses their comments promise; text output lines start `file:line:col`.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { run, workspace } from '../helpers/cli';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { permissions?: Record<string, string>; steps: Step[] }>;
}
interface Hook {
  id: string;
  entry: string;
  language: string;
  args: string[];
  files: string;
}

/**
 * Runs a workflow's shell command as the runner would after `npm ci`: in a copy of `files` (the examples by
 * default) whose node_modules is this checkout's, where `npm run build` linked docker-harden into .bin.
 */
function runInCheckout(command: string, files?: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-ci-'));
  if (files) for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  else fs.cpSync(path.join(ROOT, 'examples'), dir, { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  const result = spawnSync('bash', ['-e', '-c', command], { cwd: dir, encoding: 'utf8', timeout: 60000 });
  return { dir, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dockerHardenCommands = (steps: Step[]): string[] =>
  steps.flatMap((step) => (step.run?.includes('docker-harden') ? [step.run.trim()] : []));

describe('CI definitions for users', () => {
  const workflow = parse(fs.readFileSync(path.join(ROOT, 'docs', 'ci', 'github-actions.yml'), 'utf8')) as Workflow;

  it('the GitHub Actions workflow uploads the SARIF its command writes to code scanning', () => {
    assert.ok('pull_request' in workflow.on);
    const job = workflow.jobs['code-scanning'];
    assert.strictEqual(job.permissions?.['security-events'], 'write');
    const upload = job.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(upload, 'a step uploads SARIF');
    const [command] = dockerHardenCommands(job.steps);
    assert.ok(command.endsWith(`> ${upload.with?.sarif_file}`), 'the upload reads the file the CLI writes');

    const { dir, status, stderr } = runInCheckout(command);
    assert.strictEqual(status, 0, stderr);
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, upload.with?.sarif_file ?? ''), 'utf8')) as {
      version: string;
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    assert.strictEqual(sarif.version, '2.1.0');
    const uris = sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    assert.ok(uris.length > 0 && uris.every((uri) => uri === 'Dockerfile'), 'paths relative to the checkout');
  });

  it("the workflow's gate fails on the examples' errors and passes a project with warnings only", () => {
    const [command] = dockerHardenCommands(workflow.jobs.gate.steps);
    assert.match(command, /--fail-on error/);
    const failing = runInCheckout(command);
    assert.strictEqual(failing.status, 1, failing.stderr);
    assert.match(failing.stdout, /^Dockerfile:\d+:\d+ +error /m);
    const warningsOnly = runInCheckout(command, { Dockerfile: 'FROM alpine:3.20\nRUN echo hi\n' });
    assert.strictEqual(warningsOnly.status, 0, warningsOnly.stdout);
    assert.match(warningsOnly.stdout, / warning /);
  });

  describe('pre-commit hook', () => {
    const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
    const hook = hooks.find((h) => h.id === 'docker-harden');
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };

    it("runs the package's own command, installed as a Node package", () => {
      assert.ok(hook);
      assert.strictEqual(hook.language, 'node');
      assert.ok(hook.entry in manifest.bin, `${hook.entry} is a command of package.json`);
    });

    it('is passed Dockerfiles and Compose files, and nothing else', () => {
      const files = new RegExp(hook?.files ?? '$^');
      for (const name of [
        'Dockerfile',
        'svc/Dockerfile',
        'Dockerfile.prod',
        'api.Dockerfile',
        'Containerfile',
        'compose.yaml',
        'deploy/docker-compose.prod.yml',
      ])
        assert.match(name, files);
      for (const name of ['README.md', 'Dockerfile.d/notes', 'values.yaml', 'src/compose.ts', 'Makefile'])
        assert.doesNotMatch(name, files);
    });

    it('fails the commit on the examples, naming each place', () => {
      const { status, stdout, stderr } = runInCheckout(
        [`node_modules/.bin/${hook?.entry}`, ...(hook?.args ?? []), 'Dockerfile'].join(' '),
      );
      assert.strictEqual(status, 1, stderr);
      assert.match(stdout, /^Dockerfile:\d+:\d+ +error /m);
    });

    it('is installable: npm pack holds the commands and the bundles they load', function () {
      this.timeout(60000);
      const packed = spawnSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      assert.strictEqual(packed.status, 0, packed.stderr);
      const [{ files }] = JSON.parse(packed.stdout) as [{ files: { path: string }[] }];
      const paths = files.map((f) => f.path);
      for (const file of [...Object.values(manifest.bin), 'dist/cli.js', 'dist/server.js', 'dist/analysis-worker.js'])
        assert.ok(paths.includes(file.replace(/^\.\//, '')), `${file} is packed`);
      assert.deepStrictEqual(
        paths.filter((p) => /^(test|server\/src|node_modules)\//.test(p)),
        [],
      );
    });
  });

  it('starts each text finding line with file:line:col, which terminals and editors link', async () => {
    const dir = workspace({ 'svc/Dockerfile': 'FROM alpine:3.20\nRUN curl -k https://x -o /tmp/x\nUSER app\n' });
    const { stdout } = await run(['--no-color', '.'], dir);
    const findingLines = stdout.split('\n').filter((line) => /\[[a-z-]+\]$/.test(line));
    assert.ok(findingLines.length > 0);
    for (const line of findingLines) assert.match(line, /^svc\/Dockerfile:\d+:\d+ +(error|warning|info) /);
    assert.match(stdout, /^svc\/Dockerfile:2:10 +error +curl --insecure/m);
  });
});
