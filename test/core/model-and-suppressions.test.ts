/** The stage model, variable substitution, kind detection and suppression comments. */
import * as assert from 'assert';
import { analyze } from '../../server/src/core/analyze';
import { detectKind } from '../../server/src/core/detect';
import { buildDockerfileModel, finalLineage } from '../../server/src/core/dockerfile/model';
import { parseImageReference } from '../../server/src/core/dockerfile/image-reference';
import { findSecretValues, isSecretName, maskSecret } from '../../server/src/core/knowledge/secrets';
import { substitute } from '../../server/src/core/variables';
import { analyzeDockerfile, span } from '../helpers/findings';

describe('Dockerfile stage model', () => {
  it('links FROM <stage>, resolves global ARGs in FROM, knows scratch', () => {
    const model = buildDockerfileModel(
      'ARG BASE=node:20\nFROM ${BASE} AS deps\nFROM deps AS build\nFROM scratch\nFROM build\n',
    );
    assert.deepStrictEqual(
      model.stages.map((s) => s.name),
      ['deps', 'build', null, null],
    );
    assert.strictEqual(model.stages[0].base?.image?.text, 'node:20');
    assert.strictEqual(model.stages[1].parent, model.stages[0]);
    assert.ok(model.stages[2].isScratch);
    assert.deepStrictEqual(
      finalLineage(model).map((s) => s.index),
      [3, 1, 0],
    );
  });

  it('tolerates malformed instructions and keeps analysing the rest', () => {
    const findings = analyzeDockerfile('FROM\nENV =\nFROM alpine\nUSER root\n');
    assert.deepStrictEqual(findings.filter((f) => f.ruleId === 'syntax-error').map(span), ['1:1-1:5', '2:1-2:4']);
    assert.ok(findings.some((f) => f.ruleId === 'root-user'));
    assert.ok(findings.every((f) => f.ruleId !== 'syntax-error' || f.concern === null));
  });

  it('understands lowercase instructions, line continuations, heredocs and the escape directive', () => {
    const text = '# escape=`\nfrom alpine:3.20\nrun apk add `\n    curl\nRUN <<EOT\n  curl -k https://x\nEOT\n';
    const findings = analyzeDockerfile(text);
    assert.deepStrictEqual(findings.filter((f) => f.ruleId === 'package-install-hygiene').map(span), ['3:9-3:12']);
    assert.deepStrictEqual(findings.filter((f) => f.ruleId === 'tls-verification-disabled').map(span), ['6:8-6:10']);
  });

  it('reports an empty Dockerfile clearly and never throws on it', () => {
    assert.deepStrictEqual(
      analyzeDockerfile('').map((f) => f.ruleId),
      ['syntax-error'],
    );
  });

  it('parses image references with registries, ports, tags and digests', () => {
    const ref = parseImageReference('localhost:5000/team/app:1.2@sha256:abc');
    assert.deepStrictEqual(
      [ref?.registry, ref?.repository, ref?.tag, ref?.digest],
      ['localhost:5000', 'team/app', '1.2', 'sha256:abc'],
    );
    assert.strictEqual(parseImageReference('ubuntu')?.tag, null);
  });
});

describe('variable substitution', () => {
  const lookup = (name: string): string | undefined => (({ SET: 'x', EMPTY: '' }) as Record<string, string>)[name];
  const cases: [string, string, string[]][] = [
    ['${SET}', 'x', []],
    ['$SET-$SET', 'x-x', []],
    ['${UNSET:-d}', 'd', []],
    ['${EMPTY:-d}', 'd', []],
    ['${EMPTY-d}', '', []],
    ['${SET:+alt}', 'alt', []],
    ['${UNSET}', '${UNSET}', ['UNSET']],
    ['${UNSET:?must be set}', '${UNSET:?must be set}', ['UNSET']],
  ];
  for (const [input, value, unresolved] of cases) {
    it(`${input} -> ${JSON.stringify(value)}`, () => {
      assert.deepStrictEqual(substitute(input, lookup, { dialect: 'dockerfile' }), { value, unresolved });
    });
  }
  it('$$ is a literal dollar in Compose and \\$ in Dockerfiles', () => {
    assert.strictEqual(substitute('a$$b', lookup, { dialect: 'compose' }).value, 'a$b');
    assert.strictEqual(substitute('a\\$SET', lookup, { dialect: 'dockerfile' }).value, 'a$SET');
  });
});

describe('secret knowledge', () => {
  const secretNames = [
    'DB_PASSWORD',
    'dbPassword',
    'GITHUB_TOKEN',
    'api-key',
    'API_KEY',
    'client_secret',
    'AWS_SECRET_ACCESS_KEY',
    'PRIVATE_KEY',
    'BASIC_AUTH',
    'SUPER_Secret',
    'MYSQL_ROOT_PASSWORD',
  ];
  const harmless = [
    'PASSWORD_FILE',
    'TOKEN_URL',
    'SECRET_NAME',
    'PUBLIC_KEY',
    'GPG_KEY',
    'PWD',
    'AUTH_MODULE_VERSION',
    'SECRET_KEY_PATH',
    'PASSENGER_APP_ENV',
    'sunflower',
    'KEYBOARD',
  ];
  for (const name of secretNames) it(`${name} is a secret name`, () => assert.ok(isSecretName(name)));
  for (const name of harmless) it(`${name} is not a secret name`, () => assert.ok(!isSecretName(name)));

  it('recognises credential formats and ignores variable passwords in URLs', () => {
    assert.strictEqual(findSecretValues('AKIAIOSFODNN7EXAMPLE')[0]?.description, 'an AWS access key id');
    assert.strictEqual(findSecretValues('-----BEGIN OPENSSH PRIVATE KEY-----')[0]?.description, 'a private key');
    assert.strictEqual(findSecretValues('postgres://app:${DB_PASSWORD}@db/app').length, 0);
    assert.strictEqual(findSecretValues('postgres://app:hunter22@db/app')[0]?.description, 'a password in a URL');
  });

  it('never echoes a secret in messages', () => {
    const secret = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    const findings = analyzeDockerfile(
      `FROM alpine:3.20\nENV GITHUB_TOKEN=${secret}\nRUN curl -u admin:${secret} https://x\nUSER app\n`,
    );
    assert.ok(findings.length > 0);
    for (const f of findings) assert.ok(!f.message.includes(secret) && !f.message.includes('hunter'), f.message);
    assert.ok(!maskSecret(secret).includes('ghp_'));
  });
});

describe('kind detection', () => {
  const cases: [string | undefined, string, string | undefined, string | null][] = [
    ['/w/Dockerfile', '', undefined, 'dockerfile'],
    ['/w/api.Dockerfile', '', undefined, 'dockerfile'],
    ['/w/Containerfile', '', undefined, 'dockerfile'],
    ['/w/docker-compose.prod.yml', '', undefined, 'compose'],
    ['/w/ci.yml', 'on: push\njobs:\n  a: {}\n', undefined, null],
    ['/w/stack.yaml', 'services:\n  web:\n    image: nginx\n', undefined, 'compose'],
    ['/w/notes.txt', '# comment\nFROM alpine\n', undefined, 'dockerfile'],
    ['/w/whatever', 'services:\n  a: {}\n', 'yaml', 'compose'],
    ['/w/k8s.yaml', 'apiVersion: v1\nkind: Pod\n', 'yaml', null],
  ];
  for (const [path, text, hint, expected] of cases) {
    it(`${path} (${hint ?? 'no language id'}) is ${expected}`, () =>
      assert.strictEqual(detectKind(path, text, hint), expected));
  }
});

describe('suppression comments', () => {
  it('silence a rule for the next instruction, including its continuation lines', () => {
    const text =
      'FROM alpine:3.20\n# docker-harden-ignore tls-verification-disabled -- internal mirror\nRUN apk add --no-cache curl && \\\n    curl -k https://mirror\nRUN curl -k https://other\nUSER app\n';
    assert.deepStrictEqual(
      analyzeDockerfile(text)
        .filter((f) => f.ruleId === 'tls-verification-disabled')
        .map(span),
      ['5:10-5:12'],
    );
  });

  it('silence a concern for the whole file', () => {
    const text = '# docker-harden-ignore-file df.base.no-digest\nFROM alpine:3.20\nUSER app\n';
    assert.deepStrictEqual(
      analyzeDockerfile(text).filter((f) => f.concern === 'df.base.no-digest'),
      [],
    );
  });

  it('report unknown ids and suppressions that match nothing, so none fails silently', () => {
    const text =
      'FROM alpine:3.20@sha256:00\n# docker-harden-ignore no-such-rule, root-user\nUSER app\nHEALTHCHECK CMD true\n';
    const findings = analyzeDockerfile(text);
    assert.deepStrictEqual(
      findings.map((f) => `${f.ruleId} ${span(f)}`),
      ['unknown-suppression 2:24-2:36', 'unused-suppression 2:38-2:47'],
    );
  });
});

describe('document kind', () => {
  it('follows a forced kind, core names and editor language ids alike', () => {
    assert.strictEqual(analyze('x: [1]\n', { kind: 'compose' }).kind, 'compose');
    assert.strictEqual(analyze('x: [1]\n', { kind: 'dockercompose' }).kind, 'compose');
    assert.strictEqual(analyze('x: [1]\n', { kind: 'yaml' }).kind, null);
    assert.strictEqual(analyze('FROM alpine\n', { kind: 'dockerfile' }).kind, 'dockerfile');
  });
});
