/** The secret masker: what it hides in text shown to people, and what it leaves for the text to stay useful. */
import * as assert from 'assert';
import { analyze } from '../../server/src/core/analyze';
import { looksRandom, maskSecrets, quoteInContext } from '../../server/src/core/knowledge/secrets';

describe('masking secrets in shown text', () => {
  it('drops the user-info of URLs, and keeps a bare user name or variables', () => {
    assert.strictEqual(
      maskSecrets('ADD https://deploy:hunter2@example.com/x.tgz'),
      'ADD https://***@example.com/x.tgz',
    );
    assert.strictEqual(
      maskSecrets('https://ghp_aaaaBBBB1111ccccDDDD2222eeeeFFFF3333gggg@github.com/o/r'),
      'https://***@github.com/o/r',
    );
    assert.strictEqual(maskSecrets('ssh://git@github.com/o/r.git'), 'ssh://git@github.com/o/r.git');
    assert.strictEqual(
      maskSecrets('https://${USER}:${PASSWORD}@example.com/'),
      'https://${USER}:${PASSWORD}@example.com/',
    );
  });

  it('keeps the name of a credential query parameter or secret-named assignment and masks its value', () => {
    assert.strictEqual(
      maskSecrets('https://s3.amazonaws.com/b/k?X-Amz-Credential=AKIAX%2F2024&X-Amz-Signature=0a1b2c&x-id=GetObject'),
      'https://s3.amazonaws.com/b/k?X-Amz-Credential=***&X-Amz-Signature=***&x-id=GetObject',
    );
    assert.strictEqual(maskSecrets('https://x/y?access_token=abc123&page=2'), 'https://x/y?access_token=***&page=2');
    assert.strictEqual(
      maskSecrets('DB_PASSWORD=hunter2 and --password="two words"'),
      'DB_PASSWORD=*** and --password="***"',
    );
    assert.strictEqual(
      maskSecrets('TOKEN=${TOKEN} GIT_SSL_NO_VERIFY=1 --mount=type=secret'),
      'TOKEN=${TOKEN} GIT_SSL_NO_VERIFY=1 --mount=type=secret',
    );
  });

  it('keeps the prefix that names a known token format and masks the rest', () => {
    assert.strictEqual(
      maskSecrets('Service "ghp_aaaaBBBB1111ccccDDDD2222eeeeFFFF3333gggg" runs'),
      'Service "ghp_***" runs',
    );
    assert.strictEqual(maskSecrets('id my_AKIAIOSFODNN7EXAMPL2 here'), 'id my_AKIA*** here');
    assert.strictEqual(
      maskSecrets('xoxb-123456789012-abcdefABCDEF sk_live_abcdefABCDEF01234567'),
      'xoxb-*** sk_live_***',
    );
    assert.strictEqual(
      maskSecrets('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFU'),
      'eyJ***',
    );
    assert.strictEqual(
      maskSecrets('-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\ndef\n-----END RSA PRIVATE KEY-----'),
      '-----BEGIN RSA PRIVATE KEY-----***-----END RSA PRIVATE KEY-----',
    );
  });

  it('masks long random strings and the base64 pieces beside them, not words, identifiers, paths or digests', () => {
    assert.strictEqual(
      maskSecrets('registry.example.com/team/aB3dE5fG7hJ9kL1mN2pQ4rS6tU8:latest'),
      'registry.example.com/team/***:latest',
    );
    assert.strictEqual(maskSecrets('key n4C94QUV4W8/XBx/6XJOTO5oc6euw9Mj6zkEZmdHO9gJBoHkKGvI7giT'), 'key ***/***/***');
    assert.strictEqual(maskSecrets('/home/User1/Projects/aB3dE5fG7hJ9kL1mN2pQ4rS6tU8/x'), '/home/User1/Projects/***/x');
    for (const ordinary of [
      'MyVeryLongComponentName2024Prod',
      'gcr.io/distroless/python3-debian12:nonroot',
      'deploy.resources.limits.memory',
      'alpine@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d',
      'OPENSEARCH_JAVA_OPTS=-Xms256m',
      'compose-capabilities-not-dropped',
      'Add --checksum=sha256:<digest>, or RUN --mount=type=secret',
    ]) {
      assert.strictEqual(maskSecrets(ordinary), ordinary);
    }
    assert.ok(looksRandom('Xf7zbcs8pUzpskJrMg53H7dBkdz8zGxo') && !looksRandom('x86_64-linux-gnu-gcc-12-Release2024'));
  });

  it('masks a piece that is only a secret in its context', () => {
    const comment = '# docker-harden-ignore https://deploy:Xf7zbcs8pUzp@example.com/x';
    const at = comment.indexOf('Xf7z');
    assert.strictEqual(quoteInContext(comment, at, at + 12), '***');
    assert.strictEqual(quoteInContext(comment, comment.indexOf('example'), comment.indexOf('example') + 7), 'example');
  });

  it('applies to every finding message and fix title, and never to fix edits', () => {
    const token = 'ghp_aaaaBBBB1111ccccDDDD2222eeeeFFFF3333gggg';
    const text = `FROM alpine:3.20\nUSER ${token}\nUSER root\n# docker-harden-ignore ${token}\nRUN true\n`;
    const { findings } = analyze(text, { kind: 'dockerfile' });
    const unknown = findings.find((f) => f.ruleId === 'unknown-suppression');
    assert.strictEqual(
      unknown?.message,
      'Unknown rule or concern "ghp_***" in docker-harden-ignore: this suppression does nothing.',
    );
    // The fix does not copy the secret-looking earlier user to the last USER: it suggests an ordinary one.
    const root = findings.find((f) => f.ruleId === 'root-user');
    assert.deepStrictEqual(
      root?.fixes.map((fix) => [fix.title, fix.edits[0].newText]),
      [
        [
          'Create the user "app" (UID 65532, with addgroup/adduser) and add "USER app:app" after the last step that needs root',
          'RUN addgroup -S -g 65532 app && adduser -S -D -H -u 65532 -G app -s /sbin/nologin app\nUSER app:app\n',
        ],
      ],
    );
  });
});
