/**
 * Nothing secret leaves docker-harden: for generated Dockerfiles and Compose
 * files with fake credentials of every known kind in every place a message
 * can quote, no 8-character window of a credential's random part appears in
 * any output — core messages and fix titles, the CLI's text, JSON and SARIF,
 * and the language server's diagnostics, hovers, code action titles and
 * log messages. A fix edit may keep a credential only where it rewrites the
 * text that already holds it; it never copies one elsewhere.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver/node';
import { runCli } from '../../server/src/cli/main';
import { analyze } from '../../server/src/core/analyze';
import { maskSecrets } from '../../server/src/core/knowledge/secrets';
import { LineIndex } from '../../server/src/core/text';
import type { Finding, TextEdit } from '../../server/src/core/types';
import { TestClient } from '../helpers/lsp-client';

// ---- Credentials ---------------------------------------------------------------------------------------------------

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';
const BASE62 = LOWER + UPPER + DIGITS;
const BASE64URL = BASE62 + '-_';
const HEX = DIGITS + 'abcdef';

/** A fake credential: `value` is written in the document, `value.slice(randomStart, randomEnd)` is its random part. */
interface Credential {
  kind: string;
  value: string;
  randomStart: number;
  randomEnd: number;
  /** How it is written where a single shell word or YAML scalar is expected: the value, or a URL carrying it. */
  word: string;
  /** How it is written where a URL is expected. */
  url: string;
}

/**
 * Random text drawn from a seed, so that shrinking a counterexample shrinks
 * the document, not the randomness (a shrunk `aaaaaaaa` would be neither a
 * credential nor unique to one).
 */
function seededText(alphabet: string, length: number, seed: number): string {
  let state = seed >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

const SEED = fc.integer({ min: 1, max: 0x7fffffff });

const randomText = (alphabet: string, min: number, max = min): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min, max }), SEED).map(([length, seed]) => seededText(alphabet, length, seed));

/** Random enough to be a credential: all three character classes, as random keys have (the first three made so). */
const mixed = (alphabet: string, min: number, max = min): fc.Arbitrary<string> =>
  fc.tuple(randomText(alphabet, min, max), fc.nat(25), fc.nat(9)).map(([text, letter, digit]) => {
    if (/[a-z]/.test(text) && /[A-Z]/.test(text) && /[0-9]/.test(text)) return text;
    return `${LOWER[letter]}${UPPER[letter]}${DIGITS[digit]}${text.slice(3)}`;
  });

/**
 * A key of no known format, random-looking as generated keys are: base62
 * whose character class (lower, upper, digit) changes at least every two
 * characters. (One uniformly random string in several thousand reads as
 * words and is not masked; that tail is not what this test probes.)
 */
const randomLooking = (min: number, max: number): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min, max }), SEED).map(([length, seed]) => {
    const classes = [LOWER, UPPER, DIGITS];
    const picks = seededText(BASE62, length * 2, seed);
    let out = '';
    let previous = -1;
    let run = 0;
    for (let i = 0; out.length < length; i++) {
      let kind = picks.charCodeAt(i) % 3;
      if (kind === previous && run === 2) kind = (kind + 1) % 3;
      run = kind === previous ? run + 1 : 1;
      previous = kind;
      const alphabet = classes[kind];
      out += alphabet[picks.charCodeAt(i + length) % alphabet.length];
    }
    return out.length >= 3 && /[a-z]/.test(out) && /[A-Z]/.test(out) && /[0-9]/.test(out) ? out : `aB3${out.slice(3)}`;
  });

const HOSTS = ['example.com', 'registry.example.com', 'github.com', 's3.amazonaws.com'];

/** A token with a format prefix, written bare or at the end of a URL path. */
function token(kind: string, prefix: string, body: fc.Arbitrary<string>, suffix = ''): fc.Arbitrary<Credential> {
  return fc.tuple(body, fc.constantFrom(...HOSTS)).map(([random, host]) => {
    const value = `${prefix}${random}${suffix}`;
    const url = `https://${host}/download/${value}/tool.tgz`;
    return { kind, value, randomStart: prefix.length, randomEnd: prefix.length + random.length, word: value, url };
  });
}

/** A credential that only a URL's shape gives away: a password in the user-info, a token in the query. */
type UrlWith = (secret: string, host: string) => string;

function inUrl(kind: string, body: fc.Arbitrary<string>, render: UrlWith): fc.Arbitrary<Credential> {
  return fc.tuple(body, fc.constantFrom(...HOSTS)).map(([value, host]) => {
    const url = render(value, host);
    return { kind, value, randomStart: 0, randomEnd: value.length, word: url, url };
  });
}

const jwtParts = fc.tuple(randomText(BASE64URL, 12, 24), randomText(BASE64URL, 20, 40), randomText(BASE64URL, 43));
const jwt = jwtParts.map(([header, payload, signature]) => {
  const value = `eyJ${header}.eyJ${payload}.${signature}`;
  const url = `https://example.com/callback?id_token=${value}`;
  return { kind: 'jwt', value, randomStart: 3, randomEnd: value.length, word: value, url };
});

const keyType = fc.constantFrom('RSA ', 'EC ', 'OPENSSH ', '');
const keyParts = fc.tuple(keyType, randomText(BASE62, 64), randomText(BASE62, 40));
const privateKey = keyParts.map(([type, line1, line2]) => {
  const header = `-----BEGIN ${type}PRIVATE KEY-----`;
  // Written on one line with `\n` escapes, as ENV and YAML values carry keys.
  const value = `${header}\\n${line1}\\n${line2}\\n-----END ${type}PRIVATE KEY-----`;
  const randomStart = header.length + 2;
  const randomEnd = randomStart + line1.length + 2 + line2.length;
  return { kind: 'private-key', value, randomStart, randomEnd, word: value, url: value };
});

/** A presigned S3 URL's query, up to the signature. */
const SIGNED = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240101T000000Z&X-Amz-Signature=';

const slackBody = fc.tuple(randomText(DIGITS, 12), randomText(DIGITS, 12), mixed(BASE62, 24)).map((p) => p.join('-'));

const CREDENTIALS: fc.Arbitrary<Credential> = fc.oneof(
  token('github-classic', 'ghp_', mixed(BASE62, 36)),
  token('github-oauth', 'gho_', mixed(BASE62, 36)),
  token('github-fine-grained', 'github_pat_', mixed(BASE62 + '_', 82)),
  token('aws-access-key', 'AKIA', randomText(UPPER + DIGITS, 16)),
  token('slack', 'xoxb-', slackBody),
  token('stripe', 'sk_live_', mixed(BASE62, 24, 32)),
  token('gitlab', 'glpat-', mixed(BASE62, 20)),
  token('npm', 'npm_', mixed(BASE62, 36)),
  token('google', 'AIza', mixed(BASE62, 35)),
  token('openai', 'sk-proj-', mixed(BASE62, 48)),
  token('anthropic', 'sk-ant-api03-', mixed(BASE62, 40)),
  token('huggingface', 'hf_', mixed(BASE62, 34)),
  token('high-entropy', '', randomLooking(32, 40)),
  jwt,
  privateKey,
  inUrl('url-password', mixed(BASE62, 12, 20), (secret, host) => `https://deploy:${secret}@${host}/repo/archive.tgz`),
  inUrl('url-token-user', mixed(BASE62, 12, 20), (secret, host) => `https://oauth2:${secret}@${host}/org/repo.git`),
  inUrl('query-token', mixed(BASE62, 20, 30), (secret, host) => `https://${host}/file.tgz?access_token=${secret}`),
  inUrl('query-signature', randomText(HEX, 64), (secret, host) => `https://${host}/k?${SIGNED}${secret}`),
  inUrl('query-key', mixed(BASE62, 24), (secret, host) => `https://${host}/v1/x?alt=json&key=${secret}`),
);

/** The 8-character windows of a credential that touch its random part (a format prefix alone may show). */
function windows(credential: Credential): string[] {
  const found: string[] = [];
  const last = Math.min(credential.value.length, credential.randomEnd + 7);
  for (let start = Math.max(0, credential.randomStart - 7); start + 8 <= last; start++) {
    found.push(credential.value.slice(start, start + 8).toLowerCase());
  }
  return found;
}

/** The first window of any credential that `output` shows (compared case-insensitively: keywords are upper-cased). */
function leak(output: string, credentials: Credential[]): string | undefined {
  const lower = output.toLowerCase();
  for (const credential of credentials) {
    const window = windows(credential).find((w) => lower.includes(w));
    if (window) return `${credential.kind} ${JSON.stringify(window)} of ${JSON.stringify(credential.value)}`;
  }
  return undefined;
}

function assertNoLeak(where: string, output: string, credentials: Credential[], document: string): void {
  const found = leak(output, credentials);
  assert.ok(!found, `${where} shows ${found}\n--- document:\n${document}\n--- output:\n${output.slice(0, 4000)}`);
}

// ---- Documents -----------------------------------------------------------------------------------------------------

type Place = (c: Credential) => string;

/** A double-quoted Dockerfile value (ENV, LABEL) holding the credential as written. */
const dq = (text: string): string => `"${text.replace(/"/g, '\\"')}"`;

/** Dockerfile lines that quote what they are given, one credential each. */
const DOCKERFILE_PLACES: Place[] = [
  (c) => `FROM ${c.word}`,
  (c) => `FROM registry.example.com/team/${c.word}:latest AS build`,
  (c) => `FROM alpine:3.20 AS ${c.word}\nUSER root\nFROM ${c.word}`,
  (c) => `ADD ${c.url} /tmp/`,
  (c) => `ADD --chown=app ${c.url} /opt/app/`,
  (c) => `COPY ${c.word}.pem /etc/ssl/private/`,
  (c) => `COPY ./${c.word}/.env /app/`,
  (c) => `ENV ${c.word}=value1`,
  (c) => `ENV API_TOKEN=${dq(c.value)}`,
  (c) => `ARG ${c.word}`,
  (c) => `ARG DB_PASSWORD=${dq(c.word)}`,
  (c) => `ENV GIT_SSL_NO_VERIFY=${dq(c.word)}`,
  (c) => `ENV ${c.word} legacy-form-value`,
  (c) => `RUN curl -fsSL -u deploy:${c.word} ${c.url} -o /tmp/x`,
  (c) => `RUN curl -H "Authorization: Bearer ${c.word}" ${c.url} | sh`,
  (c) => `RUN wget -qO- ${c.url} | bash`,
  (c) => `RUN ${c.word} --insecure install x`,
  (c) => `RUN git clone ${c.url} /src && git -c http.sslVerify=false fetch ${c.url}`,
  (c) => `RUN echo "deb [trusted=yes] ${c.url} stable main" > /etc/apt/sources.list.d/x.list`,
  (c) => `RUN apk add --allow-untrusted ${c.word}`,
  (c) => `RUN chmod a+w,${c.word} /srv`,
  (c) => `RUN export GIT_SSL_NO_VERIFY=${c.word} && curl -k ${c.url}`,
  (c) => `RUN npm config set //registry.npmjs.org/:_authToken=${c.word}`,
  (c) => `RUN pip install --trusted-host ${c.word} x`,
  (c) => `RUN sudo ${c.word} && apt-get install -y sudo ${c.word}`,
  (c) => `RUN ${c.word} dist-upgrade && apt-get dist-upgrade -y ${c.word}`,
  (c) => `RUN mysql -p${c.word} -e "select 1" && echo "root:${c.word}" | chpasswd`,
  (c) => `EXPOSE ${c.word} 22`,
  (c) => `LABEL ${c.word}=x`,
  (c) => `LABEL secret=${dq(c.value)}`,
  (c) => `LABEL org.opencontainers.image.source=${dq(c.url)}`,
  (c) => `USER ${c.word}\nUSER root`,
  (c) => `# docker-harden-ignore ${c.word}\nRUN true`,
  (c) => `# docker-harden-ignore-file ${c.word} -- because ${c.word}`,
  (c) => `HEALTHCHECK CMD curl -f ${c.url} || exit 1`,
  (c) => `CMD ["${c.word}", "--token", "${c.word}"]`,
  (c) => `ENTRYPOINT ${c.word} --password=${c.word}`,
  (c) => `ONBUILD RUN curl ${c.url} | sh`,
  (c) => `${c.word.replace(/\s/g, '')} before-from`,
];

/** A Compose value as a YAML double-quoted scalar (JSON strings are). */
const yq = (text: string): string => JSON.stringify(text);

/** Lines of a service body (indented by four), one credential each. */
const SERVICE_PLACES: Place[] = [
  (c) => `image: ${yq(c.word)}`,
  (c) => `image: ${yq(`registry.example.com/team/${c.word}:latest`)}`,
  (c) => `image: ${yq(`${c.word}:latest`)}`,
  (c) => `environment:\n  ${yq(c.word)}: "x"`,
  (c) => `environment:\n  API_TOKEN: ${yq(c.value)}`,
  (c) => `environment:\n  - ${yq(`DB_PASSWORD=${c.value}`)}\n  - ${yq(`${c.word}=1`)}`,
  (c) => `labels:\n  - ${yq(`com.example.token=${c.value}`)}`,
  (c) => `volumes:\n  - ${yq(`/home/${c.word}/.ssh:/root/.ssh`)}\n  - ${yq(`/var/run/docker.sock:/${c.word}`)}`,
  (c) => `volumes:\n  - ${yq(`${c.word}:/data`)}`,
  (c) =>
    `volumes:\n  - type: bind\n    source: ${yq(`/etc/${c.word}`)}\n    target: /x\n` +
    '    bind:\n      propagation: rshared',
  (c) => `ports:\n  - ${yq(`${c.word}:22`)}\n  - ${yq(`8080:${c.word}`)}`,
  (c) => `expose:\n  - ${yq(c.word)}`,
  (c) => `env_file:\n  - ${yq(`${c.word}.env`)}\n  - app.env`,
  (c) => `extends:\n  service: ${yq(c.word)}`,
  (c) => `extends:\n  file: ${yq(`${c.word}.yaml`)}\n  service: app`,
  () => `extends:\n  file: other.yaml\n  service: base`,
  (c) => `network_mode: ${yq(`service:${c.word}`)}`,
  (c) => `pid: ${yq(`service:${c.word}`)}`,
  () => `build: .`,
  (c) => `build:\n  context: .\n  args:\n    NPM_TOKEN: ${yq(c.value)}\n    ${yq(c.word)}: "1"`,
  (c) => `user: ${yq(c.word)}`,
  () => `user: root`,
  (c) => `security_opt:\n  - ${yq(`no-new-privileges:${c.word}`)}\n  - ${yq(`apparmor:${c.word}`)}`,
  (c) => `sysctls:\n  ${yq(c.word)}: "1"\n  ${yq(`kernel.${c.word}`)}: "1"`,
  (c) => `devices:\n  - ${yq(`/dev/${c.word}:/dev/x`)}`,
  (c) => `device_cgroup_rules:\n  - ${yq(`c *:* rwm ${c.word}`)}`,
  (c) => `cap_add:\n  - ${yq(c.word)}\n  - SYS_ADMIN`,
  (c) => `healthcheck:\n  test: ["CMD", "curl", "-f", ${yq(c.url)}]`,
  (c) => `privileged: &${c.word.replace(/[^A-Za-z0-9_.-]/g, '')} true`,
  (c) => `restart: ${yq(c.word)}`,
  (c) => `pids_limit: -1\nmem_limit: ${yq(c.word)}`,
  (c) => `command: ["sh", "-c", ${yq(`curl ${c.url} | sh`)}]`,
  (c) => `# docker-harden-ignore ${c.word}\nprivileged: true`,
  (c) => `cap_drop: [ALL] # docker-harden-ignore ${c.word}`,
];

/** Top-level Compose blocks. */
const TOP_LEVEL_PLACES: Place[] = [
  (c) => `networks:\n  ${yq(c.word)}:\n    driver: overlay`,
  (c) => `include:\n  - ${yq(`${c.word}.yaml`)}`,
  (c) => `x-${c.word.replace(/[^A-Za-z0-9_.-]/g, '')}: &common\n  privileged: true`,
  (c) => `# docker-harden-ignore-file ${c.word}`,
];

interface Workspace {
  kind: 'dockerfile' | 'compose';
  /** The analysed document's file name, and every file in the workspace (the document included). */
  name: string;
  files: Record<string, string>;
  credentials: Credential[];
}

const indent = (text: string, by: string): string =>
  text
    .split('\n')
    .map((line) => by + line)
    .join('\n');

const placed = (places: Place[], max: number): fc.Arbitrary<[Place, Credential][]> =>
  fc.array(fc.tuple(fc.constantFrom(...places), CREDENTIALS), { minLength: 1, maxLength: max });

const dockerfileLines = fc.tuple(placed(DOCKERFILE_PLACES, 8), fc.boolean());
const dockerfileWorkspace = dockerfileLines.map(([lines, fromFirst]): Workspace => {
  const credentials = lines.map(([, c]) => c);
  const body = lines.map(([place, c]) => place(c)).join('\n');
  const text = `${fromFirst ? 'FROM alpine:3.20\n' : ''}${body}\n`;
  return { kind: 'dockerfile', name: 'Dockerfile', files: { Dockerfile: text }, credentials };
});

/** A service: maybe named by a credential, with lines that quote credentials. */
const serviceParts = fc.tuple(fc.option(CREDENTIALS, { nil: undefined }), placed(SERVICE_PLACES, 4));

const composeWorkspace: fc.Arbitrary<Workspace> = fc
  .tuple(
    fc.array(serviceParts, { minLength: 1, maxLength: 4 }),
    fc.array(fc.tuple(fc.constantFrom(...TOP_LEVEL_PLACES), CREDENTIALS), { maxLength: 2 }),
    CREDENTIALS,
  )
  .map(([services, topLevel, shared]) => {
    const credentials: Credential[] = [shared];
    const blocks = services.map(([name, body], index) => {
      if (name) credentials.push(name);
      credentials.push(...body.map(([, c]) => c));
      // A service named by a credential, and one that joins its namespace (`network_mode: service:<name>`).
      const key = name ? yq(name.word) : `svc${index}`;
      return `  ${key}:\n${indent(body.map(([place, c]) => place(c)).join('\n'), '    ')}`;
    });
    blocks.push(`  ${yq(shared.word)}:\n    image: alpine:3.20\n    network_mode: host\n    pid: host`);
    credentials.push(...topLevel.map(([, c]) => c));
    const text = `services:\n${blocks.join('\n')}\n${topLevel.map(([place, c]) => place(c)).join('\n')}\n`;
    // Files the document reads: an env_file, the Dockerfile `build: .` builds, and an `extends` target.
    const files: Record<string, string> = {
      'compose.yaml': text,
      'app.env': `${shared.word.replace(/\s/g, '')}=x\nAPI_KEY=${shared.value}\nDB_PASSWORD=${shared.value}\n`,
      Dockerfile: `FROM ${shared.word}\nUSER ${shared.word}\nUSER root\nRUN curl ${shared.url} | sh\n`,
      'other.yaml': [
        'services:',
        '  base:',
        `    image: ${yq(shared.word)}`,
        '    privileged: true',
        '    user: root',
        '    environment:',
        `      ${yq(shared.word)}: ${yq(shared.value)}`,
        '',
      ].join('\n'),
    };
    return { kind: 'compose', name: 'compose.yaml', files, credentials };
  });

const workspaces = fc.oneof(dockerfileWorkspace, composeWorkspace);

// ---- Checks --------------------------------------------------------------------------------------------------------

function memoryReader(dir: string, files: Record<string, string>): { read(file: string): string | undefined } {
  return { read: (file) => (path.dirname(file) === dir ? files[path.basename(file)] : undefined) };
}

function analyseWorkspace(workspace: Workspace): { text: string; findings: Finding[] } {
  const dir = '/work/project';
  const text = workspace.files[workspace.name];
  const { findings } = analyze(text, { path: `${dir}/${workspace.name}`, files: memoryReader(dir, workspace.files) });
  return { text, findings };
}

/** A fix edit keeps a credential only where the text it replaces already holds that part of it. */
function assertEditKeepsSecretsInPlace(text: string, edit: TextEdit, credentials: Credential[], where: string): void {
  const lines = new LineIndex(text);
  const replaced = text.slice(lines.offsetAt(edit.range.start), lines.offsetAt(edit.range.end)).toLowerCase();
  const inserted = edit.newText.toLowerCase();
  for (const credential of credentials) {
    const copied = windows(credential).find((w) => inserted.includes(w) && !replaced.includes(w));
    const what = `${credential.kind} ${JSON.stringify(copied)}`;
    const context = `--- document:\n${text}\n--- edit: ${JSON.stringify(edit)}`;
    assert.ok(!copied, `${where}: a fix writes ${what} where it was not\n${context}`);
  }
}

function checkFindings(workspace: Workspace, text: string, findings: Finding[]): void {
  for (const finding of findings) {
    assertNoLeak(`the ${finding.ruleId} message`, finding.message, workspace.credentials, text);
    for (const fix of finding.fixes) {
      assertNoLeak(`the title of a ${finding.ruleId} fix`, fix.title, workspace.credentials, text);
      const where = `${finding.ruleId} "${fix.title}"`;
      for (const edit of fix.edits) assertEditKeepsSecretsInPlace(text, edit, workspace.credentials, where);
    }
  }
}

function writeWorkspace(workspace: Workspace): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-secrets-'));
  for (const [name, text] of Object.entries(workspace.files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** SARIF without the fixes' inserted text, which the edit check covers (a fix may rewrite a credential in place). */
function withoutInsertedContent(sarif: string): string {
  return JSON.stringify(JSON.parse(sarif), (key, value: unknown) => (key === 'insertedContent' ? undefined : value));
}

describe('no secret in any output', () => {
  it('core findings: messages and fix titles mask every credential; fixes never copy one elsewhere', () => {
    fc.assert(
      fc.property(workspaces, (workspace) => {
        const { text, findings } = analyseWorkspace(workspace);
        checkFindings(workspace, text, findings);
      }),
      { numRuns: 400 },
    );
  });

  it('the generated documents put credentials where messages quote them: the masking has work to do', () => {
    let quoted = 0;
    fc.assert(
      fc.property(workspaces, (workspace) => {
        const { findings } = analyseWorkspace(workspace);
        const masked = (f: Finding): boolean =>
          f.message.includes('***') || f.fixes.some((fix) => fix.title.includes('***'));
        if (findings.some(masked)) quoted += 1;
      }),
      { numRuns: 200, seed: 1 },
    );
    assert.ok(quoted > 100, `masked values in ${quoted} of 200 documents`);
  });

  it('the CLI: text, JSON and SARIF output', async function () {
    // 120 CLI runs, each starting an analysis worker: on a loaded machine that outlasts the default timeout.
    this.timeout(240000);
    await fc.assert(
      fc.asyncProperty(workspaces, async (workspace) => {
        const dir = writeWorkspace(workspace);
        const text = workspace.files[workspace.name];
        try {
          for (const format of ['text', 'json', 'sarif']) {
            let stdout = '';
            let stderr = '';
            const io = {
              stdout: (t: string) => (stdout += t),
              stderr: (t: string) => (stderr += t),
              cwd: dir,
              isTty: false,
            };
            await runCli(['--format', format, workspace.name], io);
            const shown = format === 'sarif' ? withoutInsertedContent(stdout) : stdout;
            assertNoLeak(`the CLI's ${format} output`, shown + stderr, workspace.credentials, text);
          }
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }),
      // Each run starts the CLI's analysis worker three times: fewer runs than the in-process properties.
      { numRuns: 40 },
    );
  });

  describe('the language server', () => {
    let client: TestClient;
    const logged: string[] = [];
    before(async () => {
      client = new TestClient();
      client.connection.onNotification('window/logMessage', (params: { message: string }) => {
        logged.push(params.message);
      });
      await client.initialize();
    });
    after(() => client.dispose());

    it('diagnostics, hovers, code action titles and log messages', async () => {
      await fc.assert(
        fc.asyncProperty(workspaces, async (workspace) => {
          const dir = writeWorkspace(workspace);
          const uri = `file://${dir}/${workspace.name}`;
          const text = workspace.files[workspace.name];
          logged.length = 0;
          try {
            await client.open(uri, workspace.kind === 'dockerfile' ? 'dockerfile' : 'dockercompose', text);
            const { diagnostics } = await client.diagnosticsFor(uri, 1);
            assertNoLeak('diagnostics', JSON.stringify(diagnostics), workspace.credentials, text);
            // Every finding, every line start, and the ids of every suppression comment.
            const lineStarts = text.split('\n').flatMap((line, n) => {
              const at = line.indexOf('docker-harden-ignore');
              const starts = [{ line: n, character: 0 }];
              return at === -1 ? starts : [...starts, { line: n, character: Math.min(line.length, at + 26) }];
            });
            const positions = [...diagnostics.map((d: Diagnostic) => d.range.start), ...lineStarts];
            for (const position of positions) {
              const params = { textDocument: { uri }, position };
              const hover = (await client.connection.sendRequest('textDocument/hover', params)) as Hover | null;
              if (hover) assertNoLeak('a hover', JSON.stringify(hover.contents), workspace.credentials, text);
            }
            for (const diagnostic of diagnostics) {
              const actions = (await client.connection.sendRequest('textDocument/codeAction', {
                textDocument: { uri },
                range: diagnostic.range,
                context: { diagnostics: [diagnostic] },
              })) as CodeAction[];
              for (const action of actions) {
                assertNoLeak('a code action title', action.title, workspace.credentials, text);
                for (const edit of (action.edit?.changes?.[uri] ?? []) as TextEdit[]) {
                  assertEditKeepsSecretsInPlace(text, edit, workspace.credentials, `code action "${action.title}"`);
                }
              }
            }
            await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
            assertNoLeak('a log message', logged.join('\n'), workspace.credentials, text);
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
          }
        }),
        { numRuns: 30 },
      );
    });
  });

  it('masks, and finds secrets, in linear time: a 100,000-character line of any shape', () => {
    // Shapes that made a pattern rescan the rest of the line from every position (the analysis took 14-43 s).
    const shapes = [
      '-eyJ',
      '-sk-',
      'a.',
      'a://',
      '://a@',
      '&token=',
      'PASSWORD=x ',
      'aB3',
      '/',
      'ghp_',
      'xoxb-',
      'glpat-',
      'SG.',
      'AccountKey=',
      'a@',
      '-----BEGIN A ',
    ];
    const elapsed = (run: () => void): number => {
      const started = process.hrtime.bigint();
      run();
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    for (const shape of shapes) {
      const line = shape.repeat(Math.ceil(100_000 / shape.length)).slice(0, 100_000);
      const masking = elapsed(() => maskSecrets(line));
      const what = `${JSON.stringify(shape)} x ${100_000 / shape.length}`;
      assert.ok(masking < 500, `masking ${what}: ${masking.toFixed(0)} ms`);
      const dockerfile = `FROM alpine:3.20\nRUN echo ${line}\nENV A=${line}\n`;
      const analysis = elapsed(() => analyze(dockerfile, { kind: 'dockerfile' }));
      assert.ok(analysis < 5000, `analysing ${what}: ${analysis.toFixed(0)} ms`);
    }
  });
});
