/**
 * Package clean-ups as current package managers spell them, one finding per
 * missing clean-up; world-writable modes and sudo however they are given;
 * the Docker socket through its folder (both volume syntaxes); `curl -k` on
 * the container's own port.
 */
import * as assert from 'assert';
import { composeFindings, dockerfileFindings, linesOf } from '../../helpers/precision';

const hygiene = (run: string): string[] =>
  dockerfileFindings(`FROM debian:12-slim\nRUN ${run}\nUSER 1000\n`)
    .filter((f) => f.ruleId === 'package-install-hygiene' && !/recommended/.test(f.message))
    .map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`);

describe('precision: package clean-ups', () => {
  const cleaned = [
    'apt-get update && apt-get install -y --no-install-recommends curl && apt-get dist-clean',
    'apt update && apt install -y --no-install-recommends curl && apt -q dist-clean',
    'apk add --no-network /tmp/pkgs/*.apk',
    'apk --no-cache add curl',
    'apk add curl && apk -q cache clean',
    'microdnf install -y curl && microdnf -y clean all',
    'dnf install -y curl && dnf clean all -y',
    'yum -q -y install curl && yum -y clean all',
    'zypper -n install curl && zypper -n clean --all',
  ];
  for (const run of cleaned) it(`RUN ${run}: cleaned`, () => assert.deepStrictEqual(hygiene(run), []));
  const once: [run: string, at: string][] = [
    [
      'apt-get update && apt-get install -y --no-install-recommends a && apt-get install -y --no-install-recommends b',
      '2:31',
    ],
    ['microdnf install -y a && microdnf install -y b', '2:14'],
    ['apk add a && apk add b', '2:9'],
  ];
  for (const [run, at] of once)
    it(`RUN ${run}: one missing clean-up, one finding`, () => assert.deepStrictEqual(hygiene(run), [at]));
});

describe('precision: world-writable modes and sudo', () => {
  const rule = 'privilege-escalation-tools';
  const cases: [lines: string, reported: number][] = [
    ['COPY --chmod=777 app /app', 1],
    ['ADD --chmod=0777 app.tar /app', 1],
    ['COPY --chmod=755 app /app', 0],
    ['RUN install -m 0777 -d /data', 1],
    ['RUN install -d -m 0755 /data', 0],
    ['RUN mkdir -m 777 /data', 1],
    ['RUN mkdir -pm 777 /data', 1],
    ['RUN mkdir --mode=a+rwx /data', 1],
    ['RUN mkdir -m 1777 /shared', 0],
    ['ARG PACKAGES="curl sudo"\nRUN apt-get install -y --no-install-recommends $PACKAGES', 1],
    ['ARG PACKAGES="curl git"\nRUN apt-get install -y --no-install-recommends ${PACKAGES}', 0],
    ['RUN echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app', 1],
    ['RUN echo "app ALL=(ALL) ALL" > /etc/sudoers.d/app', 0],
  ];
  for (const [lines, reported] of cases)
    it(`${lines.replace(/\n/g, ' / ')}: ${reported ? 'reported' : 'not reported'}`, () => {
      const findings = dockerfileFindings(`FROM debian:12-slim\n${lines}\nUSER 1000\n`);
      assert.strictEqual(linesOf(findings, rule).length, reported);
    });
});

describe('precision: the Docker socket through its folder', () => {
  const rule = 'compose-docker-socket';
  const cases: [source: string, reported: boolean][] = [
    ['/var/run', true],
    ['/run', true],
    ['/var/run/', true],
    ['/var/run/docker.sock', true],
    ['/run/user/1000/app', false],
    ['./run', false],
  ];
  for (const [source, reported] of cases) {
    for (const [syntax, volume] of [
      ['short', `      - ${source}:/host-run\n`],
      ['long', `      - type: bind\n        source: ${source}\n        target: /host-run\n`],
    ])
      it(`${source} (${syntax} syntax) is ${reported ? '' : 'not '}the socket`, () => {
        const compose = `services:\n  app:\n    image: alpine:3.20\n    volumes:\n${volume}`;
        assert.strictEqual(linesOf(composeFindings({ 'compose.yaml': compose }), rule).length, reported ? 1 : 0);
      });
  }
});

describe('precision: curl -k on the container itself', () => {
  const rule = 'tls-verification-disabled';
  const cases: [run: string, reported: boolean][] = [
    ['curl -kfsS https://localhost:8443/health', false],
    ['curl --insecure https://127.0.0.1/ready', false],
    ['wget --no-check-certificate -qO- https://[::1]:8443/', false],
    ['curl -k https://example.com/tool -o /tool', true],
    ['curl -k https://localhost/ https://example.com/x', true],
  ];
  for (const [run, reported] of cases)
    it(`RUN ${run}: ${reported ? 'reported' : 'not reported'}`, () => {
      const findings = dockerfileFindings(`FROM alpine:3.20\nRUN ${run}\nUSER 1000\n`);
      assert.strictEqual(linesOf(findings, rule).length, reported ? 1 : 0);
    });
});
