/**
 * Inputs built to make pattern matches backtrack and reference chains
 * explode: each is analysed in time linear in its size. These tests check
 * what is reported on them; none measures time (that is what
 * scripts/stress-lines.js is for), but each input took from tens of seconds
 * to minutes before its fix, far over mocha's timeout, or overflowed the
 * stack. Cycles and over-long chains of references are reported once, as
 * a broken reference, where they close or cross the limit.
 */
import * as assert from 'assert';
import { analyze } from '../../server/src/core/analyze';
import { MAX_EXTENDS_DEPTH } from '../../server/src/core/compose/project';
import { MAX_SERVICE_CHAIN } from '../../server/src/core/compose/service-references';
import type { Finding } from '../../server/src/core/types';
import { analyzeDockerfile, span } from '../helpers/findings';

const FROM = 'FROM alpine:3.20\n';
const ids = (findings: Finding[]): string[] => [...new Set(findings.map((f) => f.ruleId))].sort();
const only = (findings: Finding[], ruleId: string): Finding[] => findings.filter((f) => f.ruleId === ruleId);
const compose = (text: string): Finding[] => analyze(text, { path: '/p/compose.yaml' }).findings;
const list = (n: number, item: (i: number) => string): string => Array.from({ length: n }, (_, i) => item(i)).join('');

describe('long Dockerfile lines', () => {
  it('an exec-form RUN of 100,000 escaped quotes, never closed, reads like a short one', () => {
    const short = analyzeDockerfile(`${FROM}RUN ["${'\\"'.repeat(10)}\n`);
    const long = analyzeDockerfile(`${FROM}RUN ["${'\\"'.repeat(100000)}\n`);
    assert.deepStrictEqual(ids(long), ids(short));
    assert.deepStrictEqual(only(long, 'internal-error'), []);
  });

  for (const [shape, unit, count] of [
    ['sk-', 'sk-', 66000],
    ['xoxb-', 'xoxb-', 40000],
    ['glpat-', 'glpat-', 33000],
    ['eyJ-', 'eyJ-', 50000],
    ['a dotted name', 'a.', 100000],
    ['a dashed word', 'a-', 100000],
  ] as const) {
    it(`a 200,000-character run of ${shape} is no credential, and a password in a URL after it still is`, () => {
      const findings = analyzeDockerfile(
        `${FROM}RUN echo ${unit.repeat(count)} && curl https://deploy:s3cr3t-value@example.com/x\n`,
      );
      const secrets = only(findings, 'inline-secret');
      assert.strictEqual(secrets.length, 1, secrets.map((f) => f.message).join('\n'));
      assert.match(secrets[0].message, /password in a URL/);
    });
  }

  it('a credential after 200,000 blanks in an Authorization header is found', () => {
    const findings = analyzeDockerfile(
      `${FROM}RUN curl -H "Authorization:${' '.repeat(200000)}Bearer abcdef123456" https://example.com\n`,
    );
    assert.strictEqual(only(findings, 'inline-secret').length, 1);
  });

  it('chmod with a 200,000-letter who-list before +w is world-writable', () => {
    const findings = analyzeDockerfile(`${FROM}RUN chmod ${'o'.repeat(200000)}+w /srv\n`);
    assert.match(only(findings, 'privilege-escalation-tools')[0]?.message ?? '', /world-writable/);
  });

  it('20,000 downloads piped into one another but into no shell are not piped to a shell; the one that is, is', () => {
    const findings = analyzeDockerfile(
      `${FROM}RUN ${'curl x | '.repeat(20000)}cat && curl -fsSL https://example.com/i.sh | sh\n`,
    );
    assert.strictEqual(only(findings, 'pipe-to-shell').length, 1);
  });

  it('a clean-up rm with 100,000 options still counts; without the directory, the cache is reported', () => {
    const cleaned = analyzeDockerfile(
      `${FROM}RUN apt-get install -y --no-install-recommends x && rm ${'-f '.repeat(100000)}/var/lib/apt/lists/*\n`,
    );
    const kept = analyzeDockerfile(
      `${FROM}RUN apt-get install -y --no-install-recommends x && rm ${'-f '.repeat(100000)}/tmp/x\n`,
    );
    assert.deepStrictEqual(only(cleaned, 'package-install-hygiene'), []);
    assert.strictEqual(only(kept, 'package-install-hygiene').length, 1);
  });

  it('a heredoc of 40,000 rm lines does not clean the apk cache; one rm of it does', () => {
    const body = 'apk add curl\n' + 'rm x\n'.repeat(40000);
    const kept = analyzeDockerfile(`${FROM}RUN <<EOF\n${body}EOF\n`);
    const cleaned = analyzeDockerfile(`${FROM}RUN <<EOF\n${body}rm -rf /var/cache/apk\nEOF\n`);
    assert.strictEqual(only(kept, 'package-install-hygiene').length, 1);
    assert.deepStrictEqual(only(cleaned, 'package-install-hygiene'), []);
  });

  it('8,000 installs in one RUN are one missing clean-up, reported once with its fix; a clean-up at the end covers them all', () => {
    const installs = 'yum install -y a && '.repeat(8000);
    const kept = only(
      analyzeDockerfile(`${FROM}RUN ${installs}true ${'-'.repeat(100000)}\n`),
      'package-install-hygiene',
    );
    assert.strictEqual(kept.length, 1);
    assert.strictEqual(kept[0].fixes.length, 1);
    assert.deepStrictEqual(
      only(analyzeDockerfile(`${FROM}RUN ${installs}yum clean all\n`), 'package-install-hygiene'),
      [],
    );
  });

  it('PIP_NO_CACHE_DIR followed by 200,000 blanks and no value leaves the pip cache on', () => {
    const findings = analyzeDockerfile(`${FROM}ENV PIP_NO_CACHE_DIR${' '.repeat(200000)}x\nRUN pip install flask\n`);
    assert.strictEqual(only(findings, 'package-install-hygiene').length, 1);
  });

  it('a variable set in the first of 5,000 chained stages resolves in the last', () => {
    const stages = list(5000, (i) => `FROM s${i} AS s${i + 1}\nENV V${i}=v${i}\nUSER $V${i}\n`);
    const root = analyzeDockerfile(`FROM alpine:3.20 AS s0\nENV WHO=root\n${stages}USER $WHO\n`);
    const app = analyzeDockerfile(`FROM alpine:3.20 AS s0\nENV WHO=app\n${stages}USER $WHO\n`);
    assert.deepStrictEqual(
      only(root, 'root-user').map((f) => f.range.start.line),
      [15002],
    );
    assert.deepStrictEqual(only(app, 'root-user'), []);
  });

  it('5,000 stacked suppression comments: the first silences the finding, the others are unused', () => {
    const findings = analyzeDockerfile(
      `${FROM}${'# docker-harden-ignore privilege-escalation-tools\n'.repeat(5000)}RUN chmod 777 /srv\n`,
    );
    assert.deepStrictEqual(only(findings, 'privilege-escalation-tools'), []);
    assert.strictEqual(only(findings, 'unused-suppression').length, 4999);
  });
});

describe('large Compose values', () => {
  const nested = (levels: number): string => `${'${UNSET:-'.repeat(levels)}true${'}'.repeat(levels)}`;

  it('defaults nested 10 deep resolve; 60,000 deep the value counts as unknown, not as a crash', () => {
    const shallow = compose(`services:\n  a:\n    image: a:1\n    privileged: "${nested(10)}"\n`);
    const deep = compose(`services:\n  a:\n    image: a:1\n    privileged: "${nested(60000)}"\n`);
    assert.strictEqual(only(shallow, 'compose-privileged').length, 1);
    assert.deepStrictEqual(only(deep, 'compose-privileged'), []);
    assert.deepStrictEqual(only(deep, 'internal-error'), []);
  });

  it('5,000 stacked suppressions before services: silence the finding in every service', () => {
    const services = list(2000, (i) => `  s${i}:\n    image: a:1\n    privileged: true\n`);
    const findings = compose(`${'# docker-harden-ignore compose-privileged\n'.repeat(5000)}services:\n${services}`);
    assert.deepStrictEqual(only(findings, 'compose-privileged'), []);
    assert.strictEqual(only(findings, 'unused-suppression').length, 4999);
  });
});

describe('long chains of Compose references', () => {
  /** s0 extends s1 ... extends s(n-1), which is privileged. */
  const extendsChain = (n: number): string =>
    `services:\n${list(n, (i) => (i === n - 1 ? `  s${i}:\n    image: a:1\n    privileged: true\n` : `  s${i}:\n    extends: s${i + 1}\n`))}`;

  it(`a chain of 1,000 extends merges ${MAX_EXTENDS_DEPTH} levels and reports the first extends beyond, once`, () => {
    const findings = compose(extendsChain(1000));
    const broken = only(findings, 'broken-reference');
    // s(999 - 65) is the first service 65 levels above s999.
    assert.deepStrictEqual(
      broken.map((f) => `${span(f)} ${f.concern}`),
      [`${2 * 934 + 3}:5-${2 * 934 + 3}:12 null`],
    );
    assert.match(broken[0].message, /chain from service "s934".*more than 64 levels deep/);
    const privileged = only(findings, 'compose-privileged');
    assert.strictEqual(privileged.length, 1);
    assert.match(privileged[0].message, /"s935"/);
    assert.doesNotMatch(privileged[0].message, /"s934"/);
  });

  it('a chain of 5,000 extends does not overflow the stack', () => {
    const findings = compose(extendsChain(5000));
    assert.deepStrictEqual(only(findings, 'internal-error'), []);
    assert.strictEqual(only(findings, 'broken-reference').length, 1);
  });

  it('a cycle of 5,000 extends is one broken reference, at the extends that closes it', () => {
    const text = `services:\n${list(5000, (i) => `  s${i}:\n    image: a:1\n    extends: s${(i + 1) % 5000}\n`)}`;
    const broken = only(compose(text), 'broken-reference');
    assert.deepStrictEqual(broken.map(span), [`${3 * 4999 + 4}:5-${3 * 4999 + 4}:12`]);
    assert.match(
      broken[0].message,
      /service "s4999" extends itself through "s4999" -> "s0" -> .* \(5000 services in all\) -> "s4998" -> "s4999"/,
    );
  });

  /** s0 joins s1's namespace ... s(n-1) joins `end` (or s0). */
  const joinChain = (n: number, key: string, end: string): string =>
    `services:\n${list(n, (i) => `  s${i}:\n    image: a:1\n    ${key}: "${i < n - 1 ? `service:s${i + 1}` : end}"\n`)}`;

  it(`a chain of 5,000 network_mode: service: is followed ${MAX_SERVICE_CHAIN} links and reported once where it goes beyond`, () => {
    const findings = compose(joinChain(5000, 'network_mode', 'host'));
    // s4999 uses host itself; s4935 to s4998 reach it within the limit.
    assert.strictEqual(only(findings, 'compose-host-namespace').length, 1 + MAX_SERVICE_CHAIN);
    const broken = only(findings, 'broken-reference');
    assert.deepStrictEqual(
      broken.map((f) => `${f.range.start.line + 1} ${f.concern}`),
      [`${3 * 4934 + 4} null`],
    );
    assert.match(broken[0].message, /from "s4934"/);
  });

  it('a cycle of 5,000 pid: service: is one broken reference, at the reference that closes it', () => {
    const findings = compose(joinChain(5000, 'pid', 'service:s0'));
    assert.deepStrictEqual(only(findings, 'compose-host-namespace'), []);
    const broken = only(findings, 'broken-reference');
    assert.deepStrictEqual(
      broken.map((f) => f.range.start.line + 1),
      [3 * 4999 + 4],
    );
    assert.match(broken[0].message, /service "s4999" joins its own namespace/);
  });

  it("two services joining each other are one broken reference, at the second one's reference", () => {
    const broken = only(
      compose('services:\n  a:\n    image: a:1\n    ipc: service:b\n  b:\n    image: a:1\n    ipc: service:a\n'),
      'broken-reference',
    );
    assert.deepStrictEqual(broken.map(span), ['7:10-7:19']);
    assert.match(broken[0].message, /ipc: service "b" joins its own namespace through "b" -> "a" -> "b"/);
  });
});

describe('findings per document', () => {
  it('are capped at 10,000, the most severe kept first and the left-out ones counted at the top', () => {
    // 5,000 services with eight findings each, and one broken reference at the very end.
    const text = `services:\n${list(5000, (i) => `  s${i}:\n    image: a:1\n    extends: s${(i + 1) % 5000}\n`)}`;
    const findings = compose(text);
    assert.strictEqual(findings.length, 10_001);
    assert.strictEqual(findings[0].ruleId, 'file-too-large');
    assert.match(findings[0].message, /has 40001 findings; docker-harden reports 10000 of them, the most severe first/);
    assert.strictEqual(only(findings, 'broken-reference').length, 1, 'the broken reference at the end is kept');
    assert.ok(
      findings.slice(1).every((f) => f.severity !== 'info'),
      'notes give way to warnings',
    );
    const lines = findings.slice(1).map((f) => f.range.start.line);
    assert.deepStrictEqual(
      lines,
      [...lines].sort((a, b) => a - b),
      'in document order',
    );
  });
});
