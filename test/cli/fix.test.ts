/** `docker-harden --fix` and `--diff` as CONTRACT.md specifies them ("Fixing from the command line"). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { applyPatch } from 'diff';
import { fixAll } from '../../server/src/core/fix-all';
import { run, workspace } from '../helpers/cli';

const DOCKERFILE = [
  'FROM debian:bookworm',
  '# keep this comment',
  'RUN apt-get update && apt-get install -y curl',
  'EXPOSE 22 8080',
  'CMD ["app"]',
  '',
].join('\n');

const FIXED_DOCKERFILE = [
  'FROM debian:bookworm-slim',
  '# keep this comment',
  'RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*',
  'EXPOSE 8080',
  'RUN groupadd --system --gid 65532 app && ' +
    'useradd --system --uid 65532 --gid app --no-create-home --shell /usr/sbin/nologin app',
  'USER app:app',
  'CMD ["app"]',
  '',
].join('\n');

const COMPOSE = ['services:', '  web:', '    image: nginx:1.27', '    privileged: true # why?', ''].join('\n');

describe('docker-harden --fix and --diff', () => {
  it('--fix applies every preferred fix in place and reports what remains', async () => {
    const dir = workspace({ Dockerfile: DOCKERFILE, 'compose.yaml': COMPOSE });
    const { stdout, stderr } = await run(['--fix', '--format', 'json', '.'], dir);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), FIXED_DOCKERFILE);
    assert.strictEqual(
      fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'),
      [
        'services:',
        '  web:',
        '    image: nginx:1.27',
        '    privileged: false # why?',
        '    deploy:',
        '      resources:',
        '        limits:',
        '          cpus: 1',
        '          memory: 512M',
        '          pids: 200',
        '    healthcheck:',
        '      test:',
        '        - CMD',
        '        - curl',
        '        - -fsS',
        '        - -o',
        '        - /dev/null',
        '        - http://127.0.0.1:80/',
        '      interval: 30s',
        '      timeout: 5s',
        '      retries: 3',
        '      start_period: 10s',
        '    security_opt:',
        '      - no-new-privileges:true',
        '    read_only: true',
        '    tmpfs:',
        '      - /tmp',
        '      - /var/cache/nginx',
        '      - /var/run',
        '    cap_drop:',
        '      - ALL',
        // What nginx's master process needs to start as root and hand the work to its workers.
        '    cap_add:',
        '      - CHOWN',
        '      - SETGID',
        '      - SETUID',
        '      - NET_BIND_SERVICE',
        '',
      ].join('\n'),
    );
    const remaining = (JSON.parse(stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    assert.ok(!remaining.includes('compose-privileged') && !remaining.includes('missing-user'), remaining.join());
    assert.ok(remaining.includes('missing-healthcheck'), 'findings without a preferred fix are still reported');
    assert.match(stderr, /fixed 13 problems in 2 files/);
  });

  it('--fix twice changes nothing the second time', async () => {
    const dir = workspace({ Dockerfile: DOCKERFILE, 'compose.yaml': COMPOSE });
    await run(['--fix', '.'], dir);
    const once = fs.readFileSync(path.join(dir, 'Dockerfile'));
    const { stderr } = await run(['--fix', '.'], dir);
    assert.deepStrictEqual(fs.readFileSync(path.join(dir, 'Dockerfile')), once);
    assert.match(stderr, /fixed 0 problems in 0 files/);
  });

  it('--diff prints a unified diff with paths relative to the working directory and writes nothing', async () => {
    const dir = workspace({ 'app/Dockerfile': DOCKERFILE });
    const { status, stdout } = await run(['--diff', '--fail-on', 'info', 'app'], dir);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'app/Dockerfile'), 'utf8'), DOCKERFILE);
    assert.match(stdout, /^--- app\/Dockerfile\n\+\+\+ app\/Dockerfile\n@@ /);
    assert.strictEqual(applyPatch(DOCKERFILE, stdout), FIXED_DOCKERFILE, 'the diff is exactly what --fix writes');
    assert.strictEqual(status, 1, 'the exit status comes from what would remain');
  });

  it('--diff exits 1 when it shows a change, even with --fail-on none, and 0 when there is nothing to fix', async () => {
    const dir = workspace({ Dockerfile: DOCKERFILE });
    assert.strictEqual((await run(['--diff', '--fail-on', 'none', '.'], dir)).status, 1);
    await run(['--fix', '.'], dir);
    const clean = await run(['--diff', '--fail-on', 'none', '.'], dir);
    assert.deepStrictEqual([clean.status, clean.stdout], [0, '']);
  });

  it('gives the same text as the core fix-all the editor runs', async () => {
    const dir = workspace({ Dockerfile: DOCKERFILE });
    await run(['--fix', 'Dockerfile'], dir);
    const editor = fixAll(DOCKERFILE, { path: path.join(dir, 'Dockerfile') }).text;
    assert.strictEqual(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), editor);
  });

  it('keeps CRLF line ends, a byte-order mark and the file mode', async () => {
    const crlf = '\uFEFF' + DOCKERFILE.replace(/\n/g, '\r\n');
    const dir = workspace({ Dockerfile: crlf });
    fs.chmodSync(path.join(dir, 'Dockerfile'), 0o640);
    await run(['--fix', 'Dockerfile'], dir);
    const written = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    assert.strictEqual(written, '\uFEFF' + FIXED_DOCKERFILE.replace(/\n/g, '\r\n'));
    assert.strictEqual(fs.statSync(path.join(dir, 'Dockerfile')).mode & 0o777, 0o640);
    assert.deepStrictEqual(
      fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
      'no temporary file is left behind',
    );
  });

  it('writes through a symbolic link to the file it names, leaving the link in place', async () => {
    const dir = workspace({ 'real/Dockerfile': DOCKERFILE });
    fs.symlinkSync(path.join(dir, 'real/Dockerfile'), path.join(dir, 'Dockerfile'));
    await run(['--fix', 'Dockerfile'], dir);
    assert.ok(fs.lstatSync(path.join(dir, 'Dockerfile')).isSymbolicLink());
    assert.strictEqual(fs.readFileSync(path.join(dir, 'real/Dockerfile'), 'utf8'), FIXED_DOCKERFILE);
  });

  it('never rewrites a file that is not valid UTF-8: its other bytes would be lost', async () => {
    const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n' + DOCKERFILE)]);
    const dir = workspace({ Dockerfile: bytes });
    const { stderr } = await run(['--fix', 'Dockerfile'], dir);
    assert.deepStrictEqual(fs.readFileSync(path.join(dir, 'Dockerfile')), bytes);
    assert.match(stderr, /Dockerfile not fixed: it is not valid UTF-8/);
  });

  it('leaves alone a fix that does not remove its problem, instead of applying it again and again', async () => {
    // Exec form: inserting a flag into the JSON array would turn it into a shell-form line the finding survives.
    const text = 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\nUSER app\n';
    const result = fixAll(text, { path: '/project/Dockerfile' });
    assert.ok(!result.text.includes('--no-install-recommends --no-install-recommends'), result.text);
    assert.strictEqual(fixAll(result.text, { path: '/project/Dockerfile' }).text, result.text);
  });

  it('never breaks an exec-form JSON array, even when a shell-form twin of the same problem is fixed alongside', () => {
    const text = 'FROM debian:12\nRUN apt-get install -y curl\nRUN ["apt-get", "install", "-y", "curl"]\nUSER app\n';
    const result = fixAll(text, { path: '/project/Dockerfile' });
    assert.ok(result.text.includes('RUN apt-get install --no-install-recommends -y curl'), result.text);
    assert.ok(result.text.includes('RUN ["apt-get", "install", "--no-install-recommends", "-y", "curl"]'), result.text);
  });

  it('refuses --fix with --diff, and a value given to either', async () => {
    const dir = workspace({ Dockerfile: DOCKERFILE });
    assert.strictEqual((await run(['--fix', '--diff', '.'], dir)).status, 2);
    assert.strictEqual((await run(['--fix=yes', '.'], dir)).status, 2);
  });
});
