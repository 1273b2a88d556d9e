/**
 * Specification of every Dockerfile rule: valid snippets that must stay
 * quiet, invalid ones with the exact ranges reported, and the text after
 * applying the preferred fix.
 */
import * as assert from 'assert';
import { applyEdits } from '../../server/src/core/edits';
import { DOCKERFILE_RULES } from '../../server/src/core/rules';
import { analyzeDockerfile, spansOf } from '../helpers/findings';

interface Invalid {
  code: string;
  /** 1-based `line:col-line:col`, end exclusive. */
  spans: string[];
  /** Text after applying the first finding's preferred (or first) fix. */
  fixed?: string;
  /** A substring the message must contain. */
  message?: string;
}

interface RuleSpec {
  valid: string[];
  invalid: Invalid[];
}

const SPECS: Record<string, RuleSpec> = {
  'missing-user': {
    valid: [
      'FROM alpine:3.20\nUSER app\n',
      'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n',
      'FROM cgr.dev/chainguard/node:latest\nCOPY . /app\n',
      'FROM bitnami/nginx:1.27\n',
      'FROM alpine:3.20 AS base\nUSER app\nFROM base\nCMD ["x"]\n',
      'FROM ${BASE}\nCMD ["x"]\n',
      'RUN echo fragment without FROM\n',
    ],
    invalid: [
      {
        code: 'FROM node:20-slim\nCOPY . /app\nCMD ["node", "/app"]\n',
        spans: ['1:1-1:18'],
        fixed: 'FROM node:20-slim\nCOPY . /app\nUSER node\nCMD ["node", "/app"]\n',
        message: 'node:20-slim runs as root',
      },
      {
        code: 'FROM golang:1.22 AS build\nUSER builder\nFROM debian:bookworm-slim\nCOPY --from=build /app /app\n',
        spans: ['3:1-3:26'],
        fixed:
          'FROM golang:1.22 AS build\nUSER builder\nFROM debian:bookworm-slim\nCOPY --from=build /app /app\n' +
          'RUN groupadd --system --gid 65532 app && useradd --system --uid 65532 --gid app --no-create-home --shell /usr/sbin/nologin app\nUSER app:app\n',
      },
      { code: 'FROM scratch\nCOPY app /app\n', spans: ['1:1-1:13'], message: 'UID 0' },
      { code: 'FROM mycorp/base:1.0\n', spans: ['1:1-1:21'], message: 'unless mycorp/base:1.0 sets a non-root user' },
    ],
  },
  'root-user': {
    valid: [
      'FROM alpine:3.20\nUSER root\nRUN apk add --no-cache curl\nUSER app\n',
      'FROM alpine:3.20 AS build\nUSER root\nFROM alpine:3.20\nUSER app\n',
      'FROM alpine:3.20\nUSER $APP_USER\n',
    ],
    invalid: [
      {
        code: 'FROM alpine:3.20\nUSER root\n',
        spans: ['2:6-2:10'],
        fixed:
          'FROM alpine:3.20\nUSER root\nRUN addgroup -S -g 65532 app && adduser -S -D -H -u 65532 -G app -s /sbin/nologin app\nUSER app:app\n',
      },
      {
        code: 'FROM alpine:3.20\nUSER app\nRUN x\nUSER 0:0\n',
        spans: ['4:6-4:9'],
        fixed: 'FROM alpine:3.20\nUSER app\nRUN x\nUSER app\n',
      },
      { code: 'FROM alpine:3.20\nUSER root:root\n', spans: ['2:6-2:15'] },
      {
        code: 'FROM alpine:3.20 AS base\nUSER root\nFROM base\nCMD ["x"]\n',
        spans: ['2:6-2:10'],
        message: 'inherited from stage "base"',
      },
      { code: 'ARG RUN_AS=0\nFROM alpine:3.20\nARG RUN_AS\nUSER ${RUN_AS}\n', spans: ['4:6-4:15'] },
    ],
  },
  'root-base-image': {
    valid: [
      'FROM node:20-slim\nUSER node\n',
      'FROM gcr.io/distroless/nodejs22-debian12:nonroot\n',
      'FROM mycorp/app:1\n',
    ],
    invalid: [
      {
        code: 'FROM python:3.12-slim\nCMD ["python"]\n',
        spans: ['1:6-1:22'],
        message: 'gcr.io/distroless/python3-debian12:nonroot',
      },
      {
        code: 'FROM node:20 AS base\nFROM base\nCMD ["node"]\n',
        spans: ['1:6-1:13'],
        fixed: 'FROM node:20 AS base\nFROM base\nUSER node\nCMD ["node"]\n',
      },
    ],
  },
  'unpinned-base-image': {
    valid: [
      'FROM alpine:3.20\n',
      'FROM alpine@sha256:abc\n',
      'FROM scratch\n',
      'FROM alpine:3.20 AS a\nFROM a\n',
      'ARG V=3.20\nFROM alpine:${V}\n',
      'FROM alpine:${UNKNOWN}\n',
    ],
    invalid: [
      { code: 'FROM alpine\n', spans: ['1:6-1:12'], message: 'no tag' },
      { code: 'FROM alpine:latest AS x\n', spans: ['1:13-1:19'], message: ':latest' },
      { code: 'FROM registry.example.com:5000/team/app\n', spans: ['1:6-1:40'] },
      { code: 'ARG BASE=ubuntu\nFROM ${BASE}\n', spans: ['2:6-2:13'], message: 'resolved from "${BASE}"' },
      { code: 'FROM alpine:3.20 AS a\nFROM node\n', spans: ['2:6-2:10'] },
    ],
  },
  'base-image-without-digest': {
    valid: ['FROM alpine:3.20@sha256:0123456789abcdef\n', 'FROM scratch\n', 'FROM alpine@sha256:00 AS a\nFROM a\n'],
    invalid: [{ code: 'FROM --platform=$BUILDPLATFORM alpine:3.20 AS a\n', spans: ['1:32-1:43'] }],
  },
  'non-minimal-base-image': {
    valid: [
      'FROM python:3.12-slim\n',
      'FROM golang:1.22 AS build\nFROM gcr.io/distroless/static-debian12:nonroot\n',
      'FROM alpine:3.20\n',
      'FROM mycorp/app:1\n',
    ],
    invalid: [
      { code: 'FROM python:3.12\n', spans: ['1:6-1:17'], fixed: 'FROM python:3.12-slim\n' },
      { code: 'FROM node:20-bookworm\n', spans: ['1:6-1:22'], fixed: 'FROM node:20-bookworm-slim\n' },
      { code: 'FROM golang:1.22\nCMD ["/app"]\n', spans: ['1:6-1:17'], message: 'distroless/static' },
    ],
  },
  'secret-in-env-arg': {
    valid: [
      'FROM alpine:3.20\nENV DB_PASSWORD_FILE=/run/secrets/db\n',
      'FROM alpine:3.20\nENV GPG_KEY=0D96DF4D4110E5C43FBFB17F2D347EA6AA65421D\n',
      'FROM alpine:3.20\nARG TOKEN_URL=https://auth.example.com/token\nENV PUBLIC_KEY=abc\n',
      'FROM alpine:3.20\nENV AUTH_MODULE_VERSION=2\n',
      'FROM alpine:3.20\nENV PWD=/app\n',
    ],
    invalid: [
      { code: 'FROM alpine:3.20\nENV DB_PASSWORD=hunter2\n', spans: ['2:5-2:16'], message: 'with a literal value' },
      { code: 'FROM alpine:3.20\nARG NPM_TOKEN\n', spans: ['2:5-2:14'], message: 'docker history' },
      { code: 'ARG openai_api_key\nFROM alpine:3.20\n', spans: ['1:5-1:19'] },
      { code: 'FROM alpine:3.20\nENV dbPassword=x apiKey=y\n', spans: ['2:5-2:15', '2:18-2:24'] },
      { code: 'FROM alpine:3.20\nARG AWS_ACCESS_KEY_ID\n', spans: ['2:5-2:22'] },
      {
        code: 'FROM alpine:3.20\nENV HOOK=https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXX\n',
        spans: ['2:10-2:65'],
        message: 'Slack webhook',
      },
    ],
  },
  'secret-file-copied': {
    valid: [
      'FROM alpine:3.20\nCOPY .env.example /app/\n',
      'FROM alpine:3.20\nCOPY --from=build /root/.npmrc /tmp/\n',
      'FROM alpine:3.20\nCOPY id_rsa.pub /keys/\n',
    ],
    invalid: [
      { code: 'FROM alpine:3.20\nCOPY .env /app/\n', spans: ['2:6-2:10'] },
      { code: 'FROM alpine:3.20\nADD certs/server.key conf/app.yml /etc/app/\n', spans: ['2:5-2:21'] },
      { code: 'FROM alpine:3.20\nCOPY ["id_ed25519", "/root/.ssh/"]\n', spans: ['2:8-2:18'] },
      { code: 'FROM alpine:3.20\nCOPY .aws/credentials /root/.aws/\n', spans: ['2:6-2:22'] },
    ],
  },
  'inline-secret': {
    valid: [
      'FROM alpine:3.20\nRUN --mount=type=secret,id=t TOKEN=$(cat /run/secrets/t) ./fetch.sh\n',
      'FROM alpine:3.20\nRUN mysql -u root -p"$DB_PASSWORD" -e "select 1"\n',
      'FROM alpine:3.20\nRUN mkdir -p /srv && curl -u "$USER:$PASS" https://x\n',
      'FROM alpine:3.20\nRUN echo "--password is documented here" > /doc\n',
    ],
    invalid: [
      { code: 'FROM alpine:3.20\nRUN echo "root:toor" | chpasswd\n', spans: ['2:10-2:21'] },
      { code: 'FROM alpine:3.20\nRUN mysql -uroot -pS3cret -e "x"\n', spans: ['2:18-2:26'] },
      {
        code: 'FROM alpine:3.20\nRUN git clone https://deploy:s3cr3tpass@example.com/repo.git\n',
        spans: ['2:30-2:40'],
        message: 'password in a URL',
      },
      {
        code: 'FROM alpine:3.20\nRUN curl -H "Authorization: Bearer abcdef123456" https://api\n',
        spans: ['2:13-2:49'],
      },
      {
        code: 'FROM alpine:3.20\nCMD ["app", "--token=ghp_abcdefghijklmnopqrstuvwxyz0123456789"]\n',
        spans: ['2:22-2:62'],
        message: 'GitHub token',
      },
      { code: 'FROM alpine:3.20\nLABEL deploy.token=abc123secret\n', spans: ['2:20-2:32'] },
      { code: 'FROM alpine:3.20\nRUN export API_TOKEN=abc123secret && ./go\n', spans: ['2:12-2:34'] },
    ],
  },
  'add-instead-of-copy': {
    valid: [
      'FROM alpine:3.20\nADD rootfs.tar.gz /\n',
      'FROM alpine:3.20\nADD --checksum=sha256:abc https://example.com/x.tgz /tmp/\n',
      'FROM alpine:3.20\nCOPY a /b\n',
      'FROM alpine:3.20\nADD --from=build /a /b\n',
    ],
    invalid: [
      {
        code: 'FROM alpine:3.20\nADD https://example.com/x.sh /tmp/\n',
        spans: ['2:5-2:29'],
        message: 'no integrity check',
      },
      {
        code: 'FROM alpine:3.20\nADD conf.yml /etc/app/\n',
        spans: ['2:1-2:4'],
        fixed: 'FROM alpine:3.20\nCOPY conf.yml /etc/app/\n',
      },
      {
        code: 'FROM alpine:3.20\nadd --chown=1:1 a b\n',
        spans: ['2:1-2:4'],
        fixed: 'FROM alpine:3.20\ncopy --chown=1:1 a b\n',
      },
    ],
  },
  'pipe-to-shell': {
    valid: [
      'FROM alpine:3.20\nRUN curl -fsSLo /tmp/i.sh https://x/i.sh && sha256sum -c sums && sh /tmp/i.sh\n',
      'FROM alpine:3.20\nRUN curl -s https://x | tar xz\n',
    ],
    invalid: [
      { code: 'FROM alpine:3.20\nRUN curl -fsSL https://x/i.sh | sh\n', spans: ['2:5-2:35'] },
      { code: 'FROM alpine:3.20\nRUN wget -qO- https://x/i.sh \\\n  | sudo -E bash -\n', spans: ['2:5-3:19'] },
      { code: 'FROM alpine:3.20\nRUN sh -c "$(curl -fsSL https://x/i.sh)"\n', spans: ['2:5-2:41'] },
      { code: 'FROM alpine:3.20\nRUN ["/bin/sh", "-c", "curl -s https://x | bash"]\n', spans: ['2:24-2:48'] },
    ],
  },
  'tls-verification-disabled': {
    valid: [
      'FROM alpine:3.20\nRUN curl -fsSL https://x\n',
      'FROM alpine:3.20\nENV NODE_TLS_REJECT_UNAUTHORIZED=1\n',
      'FROM alpine:3.20\nRUN echo "--no-check-certificate" && grep -k x y\n',
    ],
    invalid: [
      {
        code: 'FROM alpine:3.20\nRUN curl -fsSLk https://x\n',
        spans: ['2:10-2:16'],
        fixed: 'FROM alpine:3.20\nRUN curl -fsSL https://x\n',
      },
      {
        code: 'FROM alpine:3.20\nRUN wget --no-check-certificate https://x\n',
        spans: ['2:10-2:32'],
        fixed: 'FROM alpine:3.20\nRUN wget https://x\n',
      },
      { code: 'FROM alpine:3.20\nRUN pip install --trusted-host pypi.example.com x\n', spans: ['2:17-2:31'] },
      { code: 'FROM alpine:3.20\nENV GIT_SSL_NO_VERIFY=true\n', spans: ['2:5-2:27'] },
      { code: 'FROM alpine:3.20\nRUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci\n', spans: ['2:5-2:35'] },
      { code: 'FROM alpine:3.20\nRUN npm config set strict-ssl false\n', spans: ['2:20-2:30'] },
      { code: 'FROM alpine:3.20\nRUN git -c http.sslVerify=false clone https://x\n', spans: ['2:12-2:32'] },
    ],
  },
  'package-signature-check-disabled': {
    valid: [
      'FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends x && rm -rf /var/lib/apt/lists/*\n',
    ],
    invalid: [
      {
        code: 'FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted x.apk\n',
        spans: ['2:24-2:41'],
        fixed: 'FROM alpine:3.20\nRUN apk add --no-cache x.apk\n',
      },
      { code: 'FROM fedora:40\nRUN dnf install -y --nogpgcheck x && dnf clean all\n', spans: ['2:20-2:32'] },
      {
        code: 'FROM debian:12\nRUN echo "deb [trusted=yes] http://repo ./" > /etc/apt/sources.list.d/r.list\n',
        spans: ['2:10-2:44'],
      },
      { code: 'FROM fedora:40\nRUN rpm -i --nosignature x.rpm\n', spans: ['2:12-2:25'] },
    ],
  },
  'privilege-escalation-tools': {
    valid: [
      'FROM alpine:3.20\nRUN chmod 755 /app && chmod -R o-w /srv && chmod 1777 /tmp/shared\n',
      'FROM alpine:3.20 AS build\nRUN chmod 777 /tmp/x\nFROM alpine:3.20\nCOPY --from=build /tmp/x /x\n',
      'FROM alpine:3.20\nRUN echo sudo is not run here\n',
    ],
    invalid: [
      {
        code: 'FROM alpine:3.20\nRUN sudo apk add x\n',
        spans: ['2:5-2:9'],
        fixed: 'FROM alpine:3.20\nRUN apk add x\n',
      },
      {
        code: 'FROM alpine:3.20\nRUN chmod 777 /srv\n',
        spans: ['2:11-2:14'],
        fixed: 'FROM alpine:3.20\nRUN chmod 775 /srv\n',
      },
      { code: 'FROM alpine:3.20\nRUN chmod u+s /usr/bin/x\n', spans: ['2:11-2:14'] },
      { code: 'FROM alpine:3.20\nRUN apk add --no-cache sudo\n', spans: ['2:24-2:28'] },
      { code: 'FROM alpine:3.20\nRUN chmod -R a+w /data\n', spans: ['2:14-2:17'] },
    ],
  },
  'sensitive-port-exposed': {
    valid: ['FROM alpine:3.20\nEXPOSE 8080 443/tcp\n', 'FROM alpine:3.20 AS b\nEXPOSE 22\nFROM alpine:3.20\n'],
    invalid: [
      { code: 'FROM alpine:3.20\nEXPOSE 22\nUSER app\n', spans: ['2:8-2:10'], fixed: 'FROM alpine:3.20\nUSER app\n' },
      {
        code: 'FROM alpine:3.20\nEXPOSE 8080 2375/tcp\n',
        spans: ['2:13-2:21'],
        fixed: 'FROM alpine:3.20\nEXPOSE 8080\n',
      },
      { code: 'FROM alpine:3.20\nEXPOSE 20-25 80\n', spans: ['2:8-2:13'], fixed: 'FROM alpine:3.20\nEXPOSE 80\n' },
      { code: 'FROM alpine:3.20\nARG P=3389\nEXPOSE $P\n', spans: ['3:8-3:10'] },
    ],
  },
  'missing-healthcheck': {
    valid: [
      'FROM alpine:3.20\nHEALTHCHECK CMD wget -qO- http://localhost/ || exit 1\n',
      'FROM alpine:3.20 AS base\nHEALTHCHECK NONE\nFROM base\n',
    ],
    invalid: [
      {
        code: 'FROM alpine:3.20\nEXPOSE 8080\nCMD ["app"]\n',
        spans: ['1:1-1:17'],
        fixed:
          'FROM alpine:3.20\nEXPOSE 8080\nHEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 ' +
          'CMD ["wget", "-q", "--spider", "http://127.0.0.1:8080/"]\nCMD ["app"]\n',
      },
      { code: 'FROM alpine:3.20 AS b\nHEALTHCHECK CMD true\nFROM alpine:3.20\n', spans: ['3:1-3:17'] },
      { code: 'FROM scratch\nCOPY app /\n', spans: ['1:1-1:13'], message: 'exec form' },
    ],
  },
  'package-install-hygiene': {
    valid: [
      'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      'FROM alpine:3.20\nRUN apk add --no-cache curl && apk --no-cache add git\n',
      'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r req.txt\n',
      'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install x\n',
      'FROM fedora:40\nRUN dnf install -y x && dnf clean all\n',
      'FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM gcr.io/distroless/static-debian12\n',
      'FROM fedora:40\nRUN yum update openssl && yum clean all\n',
      'FROM debian:12-slim\nRUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*\n',
      'FROM fedora:40\nRUN dnf -y upgrade-minimal && dnf clean all\n',
    ],
    invalid: [
      {
        code: 'FROM debian:12-slim\nRUN apt-get install -y --no-install-recommends curl\n',
        spans: ['2:13-2:20'],
        fixed:
          'FROM debian:12-slim\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      },
      {
        code: 'FROM alpine:3.20\nRUN apk add curl\n',
        spans: ['2:9-2:12'],
        fixed: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
      },
      {
        code: 'FROM python:3.12-slim\nRUN pip3 install flask\n',
        spans: ['2:10-2:17'],
        fixed: 'FROM python:3.12-slim\nRUN pip3 install --no-cache-dir flask\n',
      },
      {
        code: 'FROM fedora:40\nRUN dnf clean all && dnf install -y x\n',
        spans: ['2:26-2:33'],
        fixed: 'FROM fedora:40\nRUN dnf clean all && dnf install -y x && dnf clean all\n',
      },
      // Two problems on one word: the distribution upgrade, and the package lists it leaves behind.
      {
        code: 'FROM debian:12-slim\nRUN apt-get dist-upgrade -y\n',
        spans: ['2:13-2:25', '2:13-2:25'],
        message: 'upgrades the distribution',
      },
      {
        code: 'FROM fedora:40\nRUN dnf -y upgrade\n',
        spans: ['2:12-2:19'],
        fixed: 'FROM fedora:40\nRUN dnf -y upgrade && dnf clean all\n',
      },
      { code: 'FROM opensuse/leap:15.6\nRUN zypper dup -y && zypper clean --all\n', spans: ['2:12-2:15'] },
      {
        code: 'FROM debian:12-slim\nRUN apt-get install -y x && rm -rf /var/lib/apt/lists/*\n',
        spans: ['2:13-2:20'],
        fixed: 'FROM debian:12-slim\nRUN apt-get install --no-install-recommends -y x && rm -rf /var/lib/apt/lists/*\n',
      },
    ],
  },
};

describe('Dockerfile rules', () => {
  it('every rule has a specification here', () => {
    assert.deepStrictEqual(Object.keys(SPECS).sort(), DOCKERFILE_RULES.map((r) => r.meta.id).sort());
  });

  for (const rule of DOCKERFILE_RULES) {
    const spec = SPECS[rule.meta.id];
    describe(rule.meta.id, () => {
      it('reports its documented bad example and not its good one', () => {
        assert.ok(
          spansOf(analyzeDockerfile(rule.meta.examples.bad), rule.meta.id).length > 0,
          'bad example is reported',
        );
        assert.deepStrictEqual(
          spansOf(analyzeDockerfile(rule.meta.examples.good), rule.meta.id),
          [],
          'good example is clean',
        );
      });
      spec?.valid.forEach((code) => {
        it(`accepts ${JSON.stringify(code)}`, () => {
          assert.deepStrictEqual(spansOf(analyzeDockerfile(code), rule.meta.id), []);
        });
      });
      spec?.invalid.forEach((testCase) => {
        it(`reports ${JSON.stringify(testCase.code)}`, () => {
          const findings = analyzeDockerfile(testCase.code).filter((f) => f.ruleId === rule.meta.id);
          assert.deepStrictEqual(spansOf(findings, rule.meta.id), testCase.spans);
          for (const f of findings) {
            assert.strictEqual(f.concern, rule.meta.concern);
          }
          if (testCase.message)
            assert.ok(
              findings[0].message.includes(testCase.message),
              `message ${JSON.stringify(findings[0].message)} mentions ${testCase.message}`,
            );
          if (testCase.fixed !== undefined) {
            const fix = findings[0].fixes.find((f) => f.preferred) ?? findings[0].fixes[0];
            assert.ok(fix, 'a fix is offered');
            const fixed = applyEdits(testCase.code, fix.edits);
            assert.strictEqual(fixed, testCase.fixed);
            assert.deepStrictEqual(
              spansOf(analyzeDockerfile(fixed), rule.meta.id).filter((s) => s === testCase.spans[0]),
              [],
              'the fixed text no longer has the finding',
            );
          }
        });
      });
    });
  }
});
