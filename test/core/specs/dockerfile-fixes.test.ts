/**
 * The Dockerfile rules' fixes, specified with the shared rule tester: every
 * finding with its exact range and message id, the exact text of every fix
 * it offers, which one is preferred (what fix-all and `--fix` apply), and
 * the fix titles, which tell the user what a fix changes and what is left
 * for them to do.
 */
import * as assert from 'assert';
import { analyze } from '../../../server/src/core/analyze';
import { dedent } from '../../helpers/dedent';
import { testRule, type ExpectedFinding, type InvalidCase, type RuleCases } from '../../helpers/rule-tester';

interface TitledFinding extends ExpectedFinding {
  /** The title of each fix, in order. */
  titles?: string[];
}

interface TitledCase extends InvalidCase {
  findings: TitledFinding[];
}

/** testRule, and the fix titles of each case that gives them. */
function specify(ruleId: string, cases: { valid: string[]; invalid: TitledCase[] }): void {
  testRule(ruleId, cases as RuleCases);
  describe(`${ruleId} (fix titles)`, () => {
    for (const testCase of cases.invalid) {
      it(testCase.name ?? testCase.code, () => {
        const findings = analyze(testCase.code, {
          kind: 'dockerfile',
          path: '/project/Dockerfile',
          ...(testCase.options ? { ruleOptions: testCase.options } : {}),
        }).findings.filter((finding) => finding.ruleId === ruleId);
        assert.deepStrictEqual(
          findings.map((finding) => finding.fixes.map((fix) => fix.title)),
          testCase.findings.map((expected, i) => expected.titles ?? findings[i]?.fixes.map((fix) => fix.title)),
        );
      });
    }
  });
}

specify('privilege-escalation-tools', {
  valid: [
    dedent`
      FROM alpine:3.20
      RUN chmod 1777 /shared
      USER 65532
    `,
  ],
  invalid: [
    {
      name: 'sudo where the RUN already runs as root: removed with its options',
      code: dedent`
        FROM debian:bookworm-slim
        RUN sudo -E apt-get update
        USER 65532
      `,
      findings: [
        {
          range: '2:5-2:9',
          messageId: 'wrapper',
          preferred: 0,
          titles: ['Remove sudo (this RUN already runs as root)'],
          fixed: [
            dedent`
              FROM debian:bookworm-slim
              RUN apt-get update
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'sudo in exec form: the element and one comma',
      code: dedent`
        FROM debian:bookworm-slim
        RUN ["sudo", "apt-get", "update"]
        USER 65532
      `,
      findings: [
        {
          range: '2:6-2:12',
          messageId: 'wrapper',
          preferred: 0,
          titles: ['Remove sudo (this RUN already runs as root)'],
          fixed: [
            dedent`
              FROM debian:bookworm-slim
              RUN ["apt-get", "update"]
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'sudo after a non-root USER: the RUN switched to root and back (what sudo did), preferred',
      code: dedent`
        FROM debian:bookworm-slim
        USER app
        RUN sudo apt-get update
      `,
      findings: [
        {
          range: '3:5-3:9',
          messageId: 'wrapper',
          preferred: 0,
          titles: ['Remove sudo and run this RUN as root (USER root before it, USER app after it)'],
          fixed: [
            dedent`
              FROM debian:bookworm-slim
              USER app
              USER root
              RUN apt-get update
              USER app
            `,
          ],
        },
      ],
    },
    {
      name: 'sudo -u picks another user on purpose: no fix',
      code: dedent`
        FROM debian:bookworm-slim
        RUN sudo -u app make
        USER 65532
      `,
      findings: [
        {
          range: '2:5-2:9',
          messageId: 'wrapper',
          preferred: null,
          fixed: [],
        },
      ],
    },
    {
      name: 'the sudo package left out of an install of several',
      code: dedent`
        FROM debian:bookworm-slim
        RUN apt-get install -y sudo curl
        USER 65532
      `,
      findings: [
        {
          range: '2:24-2:28',
          messageId: 'installsSudo',
          preferred: 0,
          titles: ['Do not install sudo'],
          fixed: [
            dedent`
              FROM debian:bookworm-slim
              RUN apt-get install -y curl
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'the sudo package in an exec-form install',
      code: dedent`
        FROM debian:bookworm-slim
        RUN ["apt-get", "install", "-y", "sudo", "curl"]
        USER 65532
      `,
      findings: [
        {
          range: '2:34-2:40',
          messageId: 'installsSudo',
          preferred: 0,
          titles: ['Do not install sudo'],
          fixed: [
            dedent`
              FROM debian:bookworm-slim
              RUN ["apt-get", "install", "-y", "curl"]
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'sudo the only package of the only command: the RUN goes (an install of nothing fails in yum, dnf, apk)',
      code: dedent`
        FROM debian:bookworm-slim
        RUN apt-get install -y sudo
        USER 65532
      `,
      findings: [
        {
          range: '2:24-2:28',
          messageId: 'installsSudo',
          preferred: 0,
          titles: ['Do not install sudo (removes the apt-get install command, which installs nothing else)'],
          fixed: [
            dedent`
              FROM debian:bookworm-slim
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'the sudo package still used by a later RUN: no fix',
      code: dedent`
        FROM debian:bookworm-slim
        RUN apt-get install -y sudo curl
        RUN sudo true
        USER 65532
      `,
      findings: [
        {
          range: '2:24-2:28',
          messageId: 'installsSudo',
          preferred: null,
          fixed: [],
        },
        {
          range: '3:5-3:9',
          messageId: 'wrapper',
          preferred: 0,
          titles: ['Remove sudo (this RUN already runs as root)'],
          fixed: [
            dedent`
              FROM debian:bookworm-slim
              RUN apt-get install -y sudo curl
              RUN true
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'chmod 777 in exec form becomes 775',
      code: dedent`
        FROM alpine:3.20
        RUN ["chmod", "777", "/srv"]
        USER 65532
      `,
      findings: [
        {
          range: '2:15-2:20',
          messageId: 'worldWritable',
          preferred: 0,
          titles: ['Use chmod 775 (group-writable: whoever writes must own the files or be in their group)'],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN ["chmod", "775", "/srv"]
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'symbolic a+rwx: group-writable, others keep read and execute',
      code: dedent`
        FROM alpine:3.20
        RUN chmod -R a+rwx /srv
        USER 65532
      `,
      findings: [
        {
          range: '2:14-2:19',
          messageId: 'worldWritable',
          preferred: 0,
          titles: ['Use chmod ug+rwx,o+rx (group-writable: whoever writes must own the files or be in their group)'],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN chmod -R ug+rwx,o+rx /srv
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'symbolic o+w becomes g+w',
      code: dedent`
        FROM alpine:3.20
        RUN chmod o+w /srv
        USER 65532
      `,
      findings: [
        {
          range: '2:11-2:14',
          messageId: 'worldWritable',
          preferred: 0,
          titles: ['Use chmod g+w (group-writable: whoever writes must own the files or be in their group)'],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN chmod g+w /srv
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'setuid in octal dropped',
      code: dedent`
        FROM alpine:3.20
        RUN chmod 4755 /usr/bin/tool
        USER 65532
      `,
      findings: [
        {
          range: '2:11-2:15',
          messageId: 'specialBits',
          preferred: 0,
          titles: ['Use chmod 0755 (no setuid/setgid bit)'],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN chmod 0755 /usr/bin/tool
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'setuid and setgid in symbolic modes dropped',
      code: dedent`
        FROM alpine:3.20
        RUN chmod u+s /usr/bin/tool && chmod g+xs /x
        USER 65532
      `,
      findings: [
        {
          range: '2:11-2:14',
          messageId: 'specialBits',
          preferred: 0,
          titles: ['Use chmod u-s (no setuid/setgid bit)'],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN chmod u-s /usr/bin/tool && chmod g+xs /x
              USER 65532
            `,
          ],
        },
        {
          range: '2:38-2:42',
          messageId: 'specialBits',
          preferred: 0,
          titles: ['Use chmod g+x (no setuid/setgid bit)'],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN chmod u+s /usr/bin/tool && chmod g+x /x
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'inside an exec-form sh -c script',
      code: dedent`
        FROM alpine:3.20
        RUN ["sh", "-c", "chmod 777 /srv"]
        USER 65532
      `,
      findings: [
        {
          range: '2:25-2:28',
          messageId: 'worldWritable',
          preferred: 0,
          titles: ['Use chmod 775 (group-writable: whoever writes must own the files or be in their group)'],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN ["sh", "-c", "chmod 775 /srv"]
              USER 65532
            `,
          ],
        },
      ],
    },
  ],
});

specify('package-install-hygiene', {
  valid: [],
  invalid: [
    {
      name: 'exec form: the option is a JSON element',
      code: dedent`
        FROM debian:bookworm-slim
        RUN ["apt-get", "install", "-y", "curl"]
        USER 65532
      `,
      findings: [
        {
          range: '2:17-2:26',
          messageId: 'recommends',
          preferred: 0,
          titles: ['Add --no-install-recommends'],
          fixed: [
            dedent`
              FROM debian:bookworm-slim
              RUN ["apt-get", "install", "--no-install-recommends", "-y", "curl"]
              USER 65532
            `,
          ],
        },
        {
          range: '2:17-2:26',
          messageId: 'cacheLeft',
          preferred: null,
          fixed: [],
        },
      ],
    },
    {
      name: 'two pip installs in one RUN: one finding, its fix gives both the option',
      code: dedent`
        FROM python:3.12-slim
        RUN pip install -r requirements.txt && pip install gunicorn
        USER 65532
      `,
      findings: [
        {
          range: '2:9-2:16',
          messageId: 'cacheLeft',
          preferred: 0,
          titles: ['Add --no-cache-dir'],
          fixed: [
            dedent`
              FROM python:3.12-slim
              RUN pip install --no-cache-dir -r requirements.txt && pip install --no-cache-dir gunicorn
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'pip in exec form',
      code: dedent`
        FROM python:3.12-slim
        RUN ["pip", "install", "flask"]
        USER 65532
      `,
      findings: [
        {
          range: '2:13-2:22',
          messageId: 'cacheLeft',
          preferred: 0,
          titles: ['Add --no-cache-dir'],
          fixed: [
            dedent`
              FROM python:3.12-slim
              RUN ["pip", "install", "--no-cache-dir", "flask"]
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'inside an exec-form sh -c script',
      code: dedent`
        FROM alpine:3.20
        RUN ["/bin/sh", "-c", "apk add curl"]
        USER 65532
      `,
      findings: [
        {
          range: '2:28-2:31',
          messageId: 'cacheLeft',
          preferred: 0,
          titles: ['Add --no-cache'],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN ["/bin/sh", "-c", "apk add --no-cache curl"]
              USER 65532
            `,
          ],
        },
      ],
    },
  ],
});

specify('tls-verification-disabled', {
  valid: [],
  invalid: [
    {
      name: 'curl -k in exec form',
      code: dedent`
        FROM alpine:3.20
        RUN ["curl", "-k", "-o", "/x", "https://x"]
        USER 65532
      `,
      findings: [
        {
          range: '2:14-2:18',
          messageId: 'command',
          preferred: 0,
          titles: ['Remove curl -k/--insecure'],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN ["curl", "-o", "/x", "https://x"]
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'curl -fsSLk in exec form',
      code: dedent`
        FROM alpine:3.20
        RUN ["curl", "-fsSLk", "https://x"]
        USER 65532
      `,
      findings: [
        {
          range: '2:14-2:22',
          messageId: 'command',
          preferred: 0,
          titles: ['Remove curl -k/--insecure'],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN ["curl", "-fsSL", "https://x"]
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'wget --no-check-certificate on its own continuation line',
      code: dedent`
        FROM alpine:3.20
        RUN wget \\
            --no-check-certificate \\
            https://x
        USER 65532
      `,
      findings: [
        {
          range: '3:5-3:27',
          messageId: 'command',
          preferred: 0,
          titles: ['Remove wget --no-check-certificate'],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN wget \\
                  https://x
              USER 65532
            `,
          ],
        },
      ],
    },
  ],
});

specify('package-signature-check-disabled', {
  valid: [],
  invalid: [
    {
      name: 'apk --allow-untrusted in exec form',
      code: dedent`
        FROM alpine:3.20
        RUN ["apk", "add", "--allow-untrusted", "x.apk"]
        USER 65532
      `,
      findings: [
        {
          range: '2:20-2:39',
          messageId: 'unverified',
          preferred: 0,
          titles: ['Remove --allow-untrusted'],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN ["apk", "add", "x.apk"]
              USER 65532
            `,
          ],
        },
      ],
    },
  ],
});
specify('missing-user', {
  valid: [
    dedent`
      FROM node:20-slim
      USER node
    `,
  ],
  invalid: [
    {
      name: "the image's own user, before CMD",
      code: dedent`
        FROM node:20-slim
        COPY . /app
        CMD ["node", "/app"]
      `,
      findings: [
        {
          range: '1:1-1:18',
          messageId: 'rootImage',
          preferred: 0,
          titles: ['Add "USER node" after the last step that needs root'],
          fixed: [
            dedent`
              FROM node:20-slim
              COPY . /app
              USER node
              CMD ["node", "/app"]
            `,
          ],
        },
      ],
    },
    {
      name: 'a user the Dockerfile creates, after the last RUN',
      code: dedent`
        FROM node:20-slim
        RUN useradd --uid 1001 -m web
        RUN apt-get update && apt-get install -y curl
        COPY . /app
        CMD ["node", "/app"]
      `,
      findings: [
        {
          range: '1:1-1:18',
          messageId: 'rootImage',
          preferred: 0,
          titles: ['Add "USER web" after the last step that needs root'],
          fixed: [
            dedent`
              FROM node:20-slim
              RUN useradd --uid 1001 -m web
              RUN apt-get update && apt-get install -y curl
              COPY . /app
              USER web
              CMD ["node", "/app"]
            `,
          ],
        },
      ],
    },
    {
      name: 'Debian: created with groupadd/useradd from the suggested uid',
      code: dedent`
        FROM debian:bookworm-slim
        RUN apt-get update
        ENTRYPOINT ["/app"]
      `,
      findings: [
        {
          range: '1:1-1:26',
          messageId: 'rootImage',
          preferred: 0,
          titles: [
            'Create the user "app" (UID 65532, with groupadd/useradd) and add "USER app:app" after the last step that needs root',
          ],
          fixed: [
            dedent`
              FROM debian:bookworm-slim
              RUN apt-get update
              RUN groupadd --system --gid 65532 app && useradd --system --uid 65532 --gid app --no-create-home --shell /usr/sbin/nologin app
              USER app:app
              ENTRYPOINT ["/app"]
            `,
          ],
        },
      ],
    },
    {
      name: 'Alpine: created with addgroup/adduser, the suggested uid from the options',
      code: dedent`
        FROM alpine:3.20
        COPY app /app
      `,
      options: { suggestedUser: '10001:10001' },
      findings: [
        {
          range: '1:1-1:17',
          messageId: 'rootImage',
          preferred: 0,
          titles: [
            'Create the user "app" (UID 10001, with addgroup/adduser) and add "USER app:app" after the last step that needs root',
          ],
          fixed: [
            dedent`
              FROM alpine:3.20
              COPY app /app
              RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app -s /sbin/nologin app
              USER app:app
            `,
          ],
        },
      ],
    },
    {
      name: 'RHEL family: groupadd -r/useradd -r',
      code: dedent`
        FROM rockylinux:9
        COPY app /app
      `,
      findings: [
        {
          range: '1:1-1:18',
          messageId: 'rootImage',
          preferred: 0,
          titles: [
            'Create the user "app" (UID 65532, with groupadd/useradd) and add "USER app:app" after the last step that needs root',
          ],
          fixed: [
            dedent`
              FROM rockylinux:9
              COPY app /app
              RUN groupadd -r -g 65532 app && useradd -r -u 65532 -g app -M -s /sbin/nologin app
              USER app:app
            `,
          ],
        },
      ],
    },
    {
      name: 'an image nothing is known of: numeric',
      code: dedent`
        FROM mycorp/base:1.0
        RUN make
      `,
      findings: [
        {
          range: '1:1-1:21',
          messageId: 'unknownImage',
          preferred: 0,
          titles: ['Add "USER 65532:65532" after the last step that needs root'],
          fixed: [
            dedent`
              FROM mycorp/base:1.0
              RUN make
              USER 65532:65532
            `,
          ],
        },
      ],
    },
    {
      name: 'distroless: its nonroot tag, or its nonroot user',
      code: dedent`
        FROM gcr.io/distroless/static-debian12
        COPY app /
      `,
      findings: [
        {
          range: '1:1-1:39',
          messageId: 'rootImage',
          preferred: 0,
          titles: [
            'Use gcr.io/distroless/static-debian12:nonroot (runs as nonroot)',
            'Add "USER nonroot" after the last step that needs root',
          ],
          fixed: [
            dedent`
              FROM gcr.io/distroless/static-debian12:nonroot
              COPY app /
            `,
            dedent`
              FROM gcr.io/distroless/static-debian12
              COPY app /
              USER nonroot
            `,
          ],
        },
      ],
    },
    {
      name: 'nginx: the unprivileged nginx build, with USER root kept for its RUN steps',
      code: dedent`
        FROM nginx:1.27-alpine
        RUN apk add --no-cache curl
        CMD ["nginx", "-g", "daemon off;"]
      `,
      findings: [
        {
          range: '1:1-1:23',
          messageId: 'rootImage',
          preferred: 0,
          titles: [
            'Use nginxinc/nginx-unprivileged:1.27-alpine (runs as 101; listens on 8080 instead of 80, pid file in /tmp; USER root kept around the RUN steps)',
          ],
          fixed: [
            dedent`
              FROM nginxinc/nginx-unprivileged:1.27-alpine
              USER root
              RUN apk add --no-cache curl
              USER 101
              CMD ["nginx", "-g", "daemon off;"]
            `,
          ],
        },
      ],
    },
  ],
});

specify('root-user', {
  valid: [],
  invalid: [
    {
      name: 'nothing after it needs root: the earlier user, in place',
      code: dedent`
        FROM alpine:3.20
        USER app
        RUN x
        USER 0:0
      `,
      findings: [
        {
          range: '4:6-4:9',
          messageId: 'lastUserRoot',
          preferred: 0,
          titles: ['Run as "app" instead of root'],
          fixed: [
            dedent`
              FROM alpine:3.20
              USER app
              RUN x
              USER app
            `,
          ],
        },
      ],
    },
    {
      name: 'a later RUN still needs root: USER root stays, the user follows that RUN',
      code: dedent`
        FROM debian:bookworm-slim
        RUN useradd -r app
        USER root
        RUN apt-get update && apt-get install -y curl
        CMD ["app"]
      `,
      findings: [
        {
          range: '3:6-3:10',
          messageId: 'lastUserRoot',
          preferred: 0,
          titles: ['Add "USER app" after the last step that needs root'],
          fixed: [
            dedent`
              FROM debian:bookworm-slim
              RUN useradd -r app
              USER root
              RUN apt-get update && apt-get install -y curl
              USER app
              CMD ["app"]
            `,
          ],
        },
      ],
    },
    {
      name: "Grafana's own UID 472 after the steps that need root",
      code: dedent`
        FROM grafana/grafana:11.0.0
        USER root
        RUN apk add --no-cache curl
      `,
      findings: [
        {
          range: '2:6-2:10',
          messageId: 'lastUserRoot',
          preferred: 0,
          titles: ['Add "USER 472" after the last step that needs root'],
          fixed: [
            dedent`
              FROM grafana/grafana:11.0.0
              USER root
              RUN apk add --no-cache curl
              USER 472
            `,
          ],
        },
      ],
    },
    {
      name: 'no user anywhere: one is created after USER root',
      code: dedent`
        FROM alpine:3.20
        USER root
      `,
      findings: [
        {
          range: '2:6-2:10',
          messageId: 'lastUserRoot',
          preferred: 0,
          titles: [
            'Create the user "app" (UID 65532, with addgroup/adduser) and add "USER app:app" after the last step that needs root',
          ],
          fixed: [
            dedent`
              FROM alpine:3.20
              USER root
              RUN addgroup -S -g 65532 app && adduser -S -D -H -u 65532 -G app -s /sbin/nologin app
              USER app:app
            `,
          ],
        },
      ],
    },
    {
      name: 'inherited from a parent stage: the user goes into the final stage',
      code: dedent`
        FROM node:20-slim AS base
        USER root
        FROM base
        CMD ["node"]
      `,
      findings: [
        {
          range: '2:6-2:10',
          messageId: 'lastUserRoot',
          preferred: 0,
          titles: ['Add "USER node" after the last step that needs root'],
          fixed: [
            dedent`
              FROM node:20-slim AS base
              USER root
              FROM base
              USER node
              CMD ["node"]
            `,
          ],
        },
      ],
    },
  ],
});

specify('root-base-image', {
  valid: [],
  invalid: [
    {
      name: 'nginx: the unprivileged build of the same tag',
      code: dedent`
        FROM nginx:1.27
        COPY site /usr/share/nginx/html
      `,
      findings: [
        {
          range: '1:6-1:16',
          messageId: 'rootByDefault',
          preferred: 0,
          titles: [
            'Use nginxinc/nginx-unprivileged:1.27 (runs as 101; listens on 8080 instead of 80, pid file in /tmp)',
          ],
          fixed: [
            dedent`
              FROM nginxinc/nginx-unprivileged:1.27
              COPY site /usr/share/nginx/html
            `,
          ],
        },
      ],
    },
    {
      name: 'distroless: the nonroot tag of the same image',
      code: dedent`
        FROM gcr.io/distroless/base-debian12:debug
        COPY app /
      `,
      findings: [
        {
          range: '1:6-1:43',
          messageId: 'rootByDefault',
          preferred: 0,
          titles: [
            'Use gcr.io/distroless/base-debian12:debug-nonroot (runs as nonroot)',
            'Add "USER nonroot" after the last step that needs root',
          ],
          fixed: [
            dedent`
              FROM gcr.io/distroless/base-debian12:debug-nonroot
              COPY app /
            `,
            dedent`
              FROM gcr.io/distroless/base-debian12:debug
              COPY app /
              USER nonroot
            `,
          ],
        },
      ],
    },
    {
      name: "node: no non-root build, the image's user (missing-user's preferred fix does the same)",
      code: dedent`
        FROM node:20
        CMD ["node"]
      `,
      findings: [
        {
          range: '1:6-1:13',
          messageId: 'rootByDefault',
          preferred: null,
          titles: ['Add "USER node" after the last step that needs root'],
          fixed: [
            dedent`
              FROM node:20
              USER node
              CMD ["node"]
            `,
          ],
        },
      ],
    },
  ],
});

specify('non-minimal-base-image', {
  valid: [],
  invalid: [
    {
      name: "node's scheme: the distribution before -slim",
      code: dedent`
        FROM node:20-bookworm
        CMD ["node"]
      `,
      findings: [
        {
          range: '1:6-1:22',
          messageId: 'fullImage',
          preferred: 0,
          titles: ['Use node:20-bookworm-slim'],
          fixed: [
            dedent`
              FROM node:20-bookworm-slim
              CMD ["node"]
            `,
          ],
        },
      ],
    },
    {
      name: "python's scheme: -slim before the distribution",
      code: dedent`
        FROM python:3.12-bookworm
        CMD ["python"]
      `,
      findings: [
        {
          range: '1:6-1:26',
          messageId: 'fullImage',
          preferred: 0,
          titles: ['Use python:3.12-slim-bookworm'],
          fixed: [
            dedent`
              FROM python:3.12-slim-bookworm
              CMD ["python"]
            `,
          ],
        },
      ],
    },
    {
      name: 'python slim where pip may need compilers: not preferred',
      code: dedent`
        FROM python:3.12
        RUN pip install -r requirements.txt
      `,
      findings: [
        {
          range: '1:6-1:17',
          messageId: 'fullImage',
          preferred: null,
          titles: [
            'Use python:3.12-slim (check the build first: the slim image has no compilers (for pip), which the RUN steps use)',
          ],
          fixed: [
            dedent`
              FROM python:3.12-slim
              RUN pip install -r requirements.txt
            `,
          ],
        },
      ],
    },
    {
      name: 'a tool the slim image lacks, installed by the Dockerfile: preferred',
      code: dedent`
        FROM node:20
        RUN apt-get update && apt-get install -y git && git clone https://example.com/x
      `,
      findings: [
        {
          range: '1:6-1:13',
          messageId: 'fullImage',
          preferred: 0,
          titles: ['Use node:20-slim'],
          fixed: [
            dedent`
              FROM node:20-slim
              RUN apt-get update && apt-get install -y git && git clone https://example.com/x
            `,
          ],
        },
      ],
    },
    {
      name: 'Debian: slim drops documentation only',
      code: dedent`
        FROM debian:12
        RUN apt-get update
      `,
      findings: [
        {
          range: '1:6-1:15',
          messageId: 'fullImage',
          preferred: 0,
          titles: ['Use debian:12-slim'],
          fixed: [
            dedent`
              FROM debian:12-slim
              RUN apt-get update
            `,
          ],
        },
      ],
    },
    {
      name: 'Alpine tags change the C library and package manager: not preferred',
      code: dedent`
        FROM nginx:1.27
        COPY site /usr/share/nginx/html
      `,
      findings: [
        {
          range: '1:6-1:16',
          messageId: 'fullImage',
          preferred: null,
          titles: [
            'Use nginx:1.27-alpine (check the build and the binaries first: Alpine has musl instead of glibc and apk instead of apt)',
          ],
          fixed: [
            dedent`
              FROM nginx:1.27-alpine
              COPY site /usr/share/nginx/html
            `,
          ],
        },
      ],
    },
    {
      name: 'a digest names the full image: no tag change',
      code: dedent`
        FROM node:20@sha256:0123456789abcdef
        CMD ["node"]
      `,
      findings: [
        {
          range: '1:6-1:37',
          messageId: 'fullImage',
          preferred: null,
          fixed: [],
        },
      ],
    },
  ],
});

specify('missing-healthcheck', {
  valid: [],
  invalid: [
    {
      name: 'python slim has no curl or wget: its own urllib, in exec form',
      code: dedent`
        FROM python:3.12-slim
        EXPOSE 8000
        CMD ["python", "app.py"]
      `,
      findings: [
        {
          range: '1:1-1:22',
          messageId: 'missing',
          preferred: 0,
          titles: [
            "Add a HEALTHCHECK with python's urllib on port 8000 (expects / to answer 2xx or 3xx: adjust the path if it does not)",
          ],
          fixed: [
            dedent`
              FROM python:3.12-slim
              EXPOSE 8000
              HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/', timeout=4)"]
              CMD ["python", "app.py"]
            `,
          ],
        },
      ],
    },
    {
      name: 'the image readiness tool, without a port',
      code: dedent`
        FROM postgres:16
      `,
      findings: [
        {
          range: '1:1-1:17',
          messageId: 'missing',
          preferred: 0,
          titles: ['Add a HEALTHCHECK with pg_isready'],
          fixed: [
            dedent`
              FROM postgres:16
              HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["pg_isready", "-U", "postgres"]
            `,
          ],
        },
      ],
    },
    {
      name: 'Alpine: BusyBox wget',
      code: dedent`
        FROM alpine:3.20
        EXPOSE 22 8080
      `,
      findings: [
        {
          range: '1:1-1:17',
          messageId: 'missing',
          preferred: 0,
          titles: [
            'Add a HEALTHCHECK with BusyBox wget on port 8080 (expects / to answer 2xx or 3xx: adjust the path if it does not)',
          ],
          fixed: [
            dedent`
              FROM alpine:3.20
              EXPOSE 22 8080
              HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["wget", "-q", "--spider", "http://127.0.0.1:8080/"]
            `,
          ],
        },
      ],
    },
    {
      name: 'a command from the options: exec form when it is plain words',
      code: dedent`
        FROM mycorp/app:1
      `,
      options: { healthcheckCommand: '/app/healthcheck --quiet' },
      findings: [
        {
          range: '1:1-1:18',
          messageId: 'missing',
          preferred: 0,
          titles: ['Add a HEALTHCHECK running /app/healthcheck --quiet'],
          fixed: [
            dedent`
              FROM mycorp/app:1
              HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["/app/healthcheck", "--quiet"]
            `,
          ],
        },
      ],
    },
    {
      name: 'a command from the options that needs the shell: shell form',
      code: dedent`
        FROM mycorp/app:1
        CMD ["/app"]
      `,
      options: { healthcheckCommand: 'curl -f http://localhost/ || exit 1' },
      findings: [
        {
          range: '1:1-1:18',
          messageId: 'missing',
          preferred: 0,
          titles: ['Add a HEALTHCHECK running curl -f http://localhost/ || exit 1'],
          fixed: [
            dedent`
              FROM mycorp/app:1
              HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD curl -f http://localhost/ || exit 1
              CMD ["/app"]
            `,
          ],
        },
      ],
    },
    {
      name: 'nothing known: a template, not preferred',
      code: dedent`
        FROM mycorp/app:1
        EXPOSE 8080
      `,
      findings: [
        {
          range: '1:1-1:18',
          messageId: 'missing',
          preferred: null,
          titles: [
            'Add a HEALTHCHECK template: replace its command with one that checks the application (until then the container reports unhealthy)',
          ],
          fixed: [
            dedent`
              FROM mycorp/app:1
              EXPOSE 8080
              HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["<command that exits 0 when the application is healthy>"]
            `,
          ],
        },
      ],
    },
  ],
});
specify('sensitive-port-exposed', {
  valid: [
    dedent`
      FROM alpine:3.20
      EXPOSE 8080
      USER 65532
    `,
  ],
  invalid: [
    {
      name: 'the port removed, the others kept',
      code: dedent`
        FROM alpine:3.20
        EXPOSE 8080 22 443
        USER 65532
      `,
      findings: [
        {
          range: '2:13-2:15',
          messageId: 'exposed',
          preferred: 0,
          titles: ['Stop exposing 22'],
          fixed: [
            dedent`
              FROM alpine:3.20
              EXPOSE 8080 443
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'the only port: the instruction removed',
      code: dedent`
        FROM alpine:3.20
        EXPOSE 2375/tcp
        USER 65532
      `,
      findings: [
        {
          range: '2:8-2:16',
          messageId: 'exposed',
          preferred: 0,
          titles: ['Stop exposing 2375/tcp'],
          fixed: [
            dedent`
              FROM alpine:3.20
              USER 65532
            `,
          ],
        },
      ],
    },
  ],
});
