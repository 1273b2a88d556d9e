/**
 * Secret judgement on names and values together, as the Dockerfile rules
 * (ENV/ARG, RUN assignments) and the Compose rule (environment in map and
 * list syntax, env_file) apply it; public files that share a key's file
 * format; credentials hashed or fed inline in RUN.
 */
import * as assert from 'assert';
import { isNonSecretValue, isSecretName } from '../../../server/src/core/knowledge/secrets';
import { composeFindings, dockerfileFindings, linesOf } from '../../helpers/precision';

/** [name, value, secret?] */
const ASSIGNMENTS: [string, string, boolean][] = [
  // Settings of an authentication scheme, switches and debug lists.
  ['DJANGO_AUTH_BACKENDS', 'django.contrib.auth.backends.ModelBackend', false],
  ['AUTH_LDAP_USER_SEARCH', 'ou=users,dc=example,dc=org', false],
  ['ENABLE_AUTH', 'true', false],
  ['SILK_DEBUG_TOKENS', '1', false],
  ['MYSQL_RANDOM_ROOT_PASSWORD', 'yes', false],
  ['MYSQL_ALLOW_EMPTY_PASSWORD', 'yes', false],
  ['SMTP_AUTH', 'true', false],
  ['OAUTH_TOKEN_URL', 'https://auth.example.com/token', false],
  ['API_TOKEN', 'https://api.example.com/v1', false],
  ['REDIS_PASSWORD', '/run/secrets/redis', false],
  ['ACCESS_TOKEN_CLASSES', 'app.tokens.Access,app.tokens.Refresh', false],
  // Credentials, with or without a separator.
  ['PGPASSWORD', 'hunter2hunter2', true],
  ['APP_PGPASSWORD', 'hunter2hunter2', true],
  ['MYSQL_PWD', 'hunter2hunter2', true],
  ['NEXTCLOUD_DBPASS', 'hunter2hunter2', true],
  ['SMTP_PASS', 'hunter2hunter2', true],
  ['DB_PASSWORD', '123456', true],
  ['REDIS_AUTH', 'c2VjcmV0LXZhbHVl', true],
  ['GITHUB_TOKEN', 'abcdef0123456789abcdef', true],
];

describe('precision: secret names and values judged together', () => {
  for (const [name, value, secret] of ASSIGNMENTS) {
    const verdict = secret ? 'a secret' : 'no secret';
    it(`${name}=${value} is ${verdict} in the knowledge`, () => {
      assert.strictEqual(isSecretName(name) && !isNonSecretValue(name, value), secret);
    });
    it(`${name}=${value} is ${verdict} in ENV, ARG and a RUN assignment`, () => {
      const findings = dockerfileFindings(
        `FROM alpine:3.20\nENV ${name}="${value}"\nARG ${name}="${value}"\nRUN ${name}="${value}" ./setup.sh\n`,
      );
      assert.deepStrictEqual(
        linesOf(findings, 'secret-in-env-arg', 'inline-secret'),
        secret ? ['secret-in-env-arg 2', 'secret-in-env-arg 3', 'inline-secret 4'] : [],
      );
    });
    for (const [syntax, environment] of [
      ['map', `    environment:\n      ${name}: "${value}"\n`],
      ['list', `    environment:\n      - "${name}=${value}"\n`],
    ])
      it(`${name}=${value} is ${verdict} in Compose environment (${syntax} syntax)`, () => {
        const findings = composeFindings({
          'compose.yaml': `services:\n  app:\n    image: alpine:3.20\n${environment}`,
        });
        assert.strictEqual(linesOf(findings, 'compose-secret-in-environment').length, secret ? 1 : 0);
      });
  }
});

describe('precision: an env_file names every secret it sets', () => {
  for (const [syntax, envFile] of [
    ['a string', '    env_file: secrets.env\n'],
    ['a list of maps', '    env_file:\n      - path: secrets.env\n'],
  ])
    it(`env_file as ${syntax}: one finding naming all of them`, () => {
      const findings = composeFindings({
        'compose.yaml': `services:\n  app:\n    image: alpine:3.20\n${envFile}`,
        'secrets.env': 'DB_PASSWORD=hunter2hunter2\nMODE=production\nAPI_TOKEN=abcdef0123456789\nENABLE_AUTH=true\n',
      });
      const reported = findings.filter((f) => f.ruleId === 'compose-secret-in-environment');
      assert.strictEqual(reported.length, 1);
      assert.match(reported[0].message, /loads DB_PASSWORD, API_TOKEN with literal secrets from secrets\.env/);
    });
});

describe('precision: files that share a key format but are public', () => {
  const cases: [file: string, reported: boolean][] = [
    ['dhparams.pem', false],
    ['nginx/dhparam.pem', false],
    ['ffdhe2048.pem', false],
    ['dh4096.pem', false],
    ['certs/fullchain.pem', false],
    ['server.key', true],
    ['certs/privkey.pem', true],
    ['ca-key.pem', true],
  ];
  for (const [file, reported] of cases)
    it(`COPY ${file} is ${reported ? '' : 'not '}a secret file`, () => {
      const findings = dockerfileFindings(`FROM nginx:1.27\nCOPY ${file} /etc/nginx/\n`);
      assert.deepStrictEqual(linesOf(findings, 'secret-file-copied'), reported ? ['secret-file-copied 2'] : []);
    });
});

describe('precision: credentials hashed or fed inline', () => {
  const cases: [run: string, reported: boolean][] = [
    ['useradd -m -p "$(openssl passwd -1 hunter2)" bob', true],
    ["useradd -m -p $(openssl passwd -6 -salt abc 'S3cret!') alice", true],
    ['openssl passwd -6 hunter2 > /tmp/hash', true],
    ['useradd -m -p "$(echo docker | openssl passwd -1 -stdin)" docker', true],
    ["chpasswd <<< 'carol:pa55word'", true],
    ["echo 'root:toor' | chpasswd", true],
    ['useradd -m -p "$(openssl passwd -6 -stdin < /run/secrets/pw)" bob', false],
    ['useradd -m -p "$(openssl passwd -1 "$PASSWORD")" bob', false],
    ['echo "bob:$PASSWORD" | chpasswd', false],
  ];
  for (const [run, reported] of cases)
    it(`RUN ${run}: ${reported ? 'reported' : 'no literal'}`, () => {
      const findings = dockerfileFindings(`FROM debian:12-slim\nRUN ${run}\n`);
      assert.deepStrictEqual(linesOf(findings, 'inline-secret'), reported ? ['inline-secret 2'] : []);
    });
});
