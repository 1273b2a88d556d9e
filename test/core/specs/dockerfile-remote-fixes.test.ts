/**
 * The fixes for remote code, privilege tools, root base images and missing
 * healthchecks, specified with the shared rule tester: each finding's exact
 * range and message id, the exact text of every fix it offers, which one is
 * preferred (what fix-all and `--fix` apply) and its title, which says what
 * the user still has to do (fill in a checksum, adjust a path).
 */
import { dedent } from '../../helpers/dedent';
import { testRule } from '../../helpers/rule-tester';

const SHA = '24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d';
const FILL_IN = (file: string): string =>
  `Download to ${file}, check its sha256, run it, then delete it (fill in the script's sha256 ` +
  'in place of <sha256-of-the-download>: the build fails until you do)';

testRule('pipe-to-shell', {
  valid: [
    dedent`
      FROM debian:bookworm-slim
      RUN curl -o /tmp/install.sh -fsSL https://example.com/install.sh && echo "${SHA}  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh && rm -f /tmp/install.sh
    `,
  ],
  invalid: [
    {
      name: 'curl | sh with no checksum configured: a placeholder sha256sum rejects, so the build stops until it is filled in',
      code: dedent`
        FROM debian:bookworm-slim
        RUN curl -fsSL https://example.com/install.sh | sh
        USER 65532
      `,
      findings: [
        {
          range: '2:5-2:51',
          messageId: 'piped',
          preferred: 0,
          titles: [FILL_IN('/tmp/install.sh')],
          fixed: [
            dedent`
              FROM debian:bookworm-slim
              RUN curl -o /tmp/install.sh -fsSL https://example.com/install.sh && echo "<sha256-of-the-download>  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh && rm -f /tmp/install.sh
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'the checksum configured: the script is verified against it',
      options: { checksum: `sha256:${SHA}` },
      code: dedent`
        FROM debian:bookworm-slim
        RUN curl -fsSL https://example.com/install.sh | sh
      `,
      findings: [
        {
          range: '2:5-2:51',
          messageId: 'piped',
          preferred: 0,
          titles: ['Download to /tmp/install.sh, check its sha256, run it, then delete it'],
          fixed: [
            dedent`
              FROM debian:bookworm-slim
              RUN curl -o /tmp/install.sh -fsSL https://example.com/install.sh && echo "${SHA}  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh && rm -f /tmp/install.sh
            `,
          ],
        },
      ],
    },
    {
      name: 'inside an && chain, with the shell reading stdin (-s --) and arguments for the script',
      code: dedent`
        FROM debian:bookworm-slim
        RUN apt-get update && curl -fsSL https://get.example.com | sh -s -- --channel stable && echo done
      `,
      findings: [
        {
          range: '2:23-2:85',
          messageId: 'piped',
          preferred: 0,
          titles: [FILL_IN('/tmp/install.sh')],
          fixed: [
            dedent`
              FROM debian:bookworm-slim
              RUN apt-get update && curl -o /tmp/install.sh -fsSL https://get.example.com && echo "<sha256-of-the-download>  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh --channel stable && rm -f /tmp/install.sh && echo done
            `,
          ],
        },
      ],
    },
    {
      name: 'over continuation lines with CRLF: the lines and their breaks stay, the shell keeps its own options',
      code:
        'FROM debian:bookworm-slim\r\n' +
        'RUN curl -fsSL https://example.com/setup.sh \\\r\n' +
        '    | bash -ex -s -- --yes\r\n' +
        'USER 65532\r\n',
      findings: [
        {
          range: '2:5-3:27',
          messageId: 'piped',
          preferred: 0,
          titles: [FILL_IN('/tmp/setup.sh')],
          fixed: [
            'FROM debian:bookworm-slim\r\n' +
              'RUN curl -o /tmp/setup.sh -fsSL https://example.com/setup.sh \\\r\n' +
              '    && echo "<sha256-of-the-download>  /tmp/setup.sh" | sha256sum -c - && bash -ex /tmp/setup.sh --yes' +
              ' && rm -f /tmp/setup.sh\r\n' +
              'USER 65532\r\n',
          ],
        },
      ],
    },
    {
      name: 'wget -qO- into python3 -: the file takes the place of stdin',
      code: dedent`
        FROM python:3.12-alpine
        RUN wget -qO- https://bootstrap.example.org/get-tool.py | python3 - --user
      `,
      findings: [
        {
          range: '2:5-2:75',
          messageId: 'piped',
          preferred: 0,
          titles: [FILL_IN('/tmp/get-tool.py')],
          fixed: [
            dedent`
              FROM python:3.12-alpine
              RUN wget -qO/tmp/get-tool.py https://bootstrap.example.org/get-tool.py && echo "<sha256-of-the-download>  /tmp/get-tool.py" | sha256sum -c - && python3 /tmp/get-tool.py --user && rm -f /tmp/get-tool.py
            `,
          ],
        },
      ],
    },
    {
      name: 'wget -O - and a URL without a file name, under a POSIX SHELL',
      code: dedent`
        FROM alpine:3.20
        SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
        RUN wget -O - https://get.example.io | sh
      `,
      findings: [
        {
          range: '3:5-3:42',
          messageId: 'piped',
          preferred: 0,
          titles: [FILL_IN('/tmp/install.sh')],
          fixed: [
            dedent`
              FROM alpine:3.20
              SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
              RUN wget -O /tmp/install.sh https://get.example.io && echo "<sha256-of-the-download>  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh && rm -f /tmp/install.sh
            `,
          ],
        },
      ],
    },
    {
      name: 'curl -o - (stdout named): the file replaces the dash',
      code: dedent`
        FROM alpine:3.20
        RUN curl -sSL -o - https://example.com/i.sh | sh
      `,
      findings: [
        {
          range: '2:5-2:49',
          messageId: 'piped',
          preferred: 0,
          titles: [FILL_IN('/tmp/i.sh')],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN curl -sSL -o /tmp/i.sh https://example.com/i.sh && echo "<sha256-of-the-download>  /tmp/i.sh" | sha256sum -c - && sh /tmp/i.sh && rm -f /tmp/i.sh
            `,
          ],
        },
      ],
    },
    {
      name: "composer's installer into php --: the file takes the place of --, the arguments follow it",
      code: dedent`
        FROM php:8.3-cli
        RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer
      `,
      findings: [
        {
          range: '2:5-2:105',
          messageId: 'piped',
          preferred: 0,
          titles: [FILL_IN('/tmp/installer')],
          fixed: [
            dedent`
              FROM php:8.3-cli
              RUN curl -o /tmp/installer -sS https://getcomposer.org/installer && echo "<sha256-of-the-download>  /tmp/installer" | sha256sum -c - && php /tmp/installer --install-dir=/usr/local/bin --filename=composer && rm -f /tmp/installer
            `,
          ],
        },
      ],
    },
    {
      name: 'one checksum cannot pin two downloads: both get the placeholder',
      options: { checksum: SHA },
      code: dedent`
        FROM alpine:3.20
        ADD https://example.com/tool.tgz /tmp/
        RUN curl -fsSL https://example.com/install.sh | sh
      `,
      findings: [
        {
          range: '3:5-3:51',
          messageId: 'piped',
          preferred: 0,
          titles: [FILL_IN('/tmp/install.sh')],
          fixed: [
            dedent`
              FROM alpine:3.20
              ADD https://example.com/tool.tgz /tmp/
              RUN curl -o /tmp/install.sh -fsSL https://example.com/install.sh && echo "<sha256-of-the-download>  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh && rm -f /tmp/install.sh
            `,
          ],
        },
      ],
    },
    {
      name: 'exec form: no rewrite',
      code: dedent`
        FROM alpine:3.20
        RUN ["sh", "-c", "curl -fsSL https://example.com/i.sh | sh"]
      `,
      findings: [{ range: '2:19-2:59', messageId: 'piped', fixed: [] }],
    },
    {
      name: 'followed by || (a failed check would be ignored): no fix',
      code: dedent`
        FROM alpine:3.20
        RUN curl -fsSL https://example.com/i.sh | sh || true
      `,
      findings: [{ range: '2:5-2:45', messageId: 'piped', fixed: [] }],
    },
    {
      name: 'a longer pipeline, or a shell that runs something else than its input: no fix',
      code: dedent`
        FROM alpine:3.20
        RUN curl -fsSL https://example.com/i.sh | tee /tmp/log | sh
        RUN curl -fsSL https://example.com/i.sh | sh -c 'cat > /tmp/i.sh'
        RUN wget https://example.com/i.sh | sh
      `,
      findings: [
        { range: '2:5-2:60', messageId: 'piped', fixed: [] },
        { range: '3:5-3:66', messageId: 'piped', fixed: [] },
        { range: '4:5-4:39', messageId: 'piped', fixed: [] },
      ],
    },
    {
      name: 'a heredoc: no fix',
      code: dedent`
        FROM alpine:3.20
        RUN <<EOF
        curl -fsSL https://example.com/i.sh | sh
        EOF
      `,
      findings: [{ range: '3:1-3:41', messageId: 'piped', fixed: [] }],
    },
    {
      name: 'a download substituted into the shell: reported, no rewrite',
      code: dedent`
        FROM alpine:3.20
        RUN sh -c "$(curl -fsSL https://example.com/i.sh)"
      `,
      findings: [{ range: '2:5-2:51', messageId: 'substituted', fixed: [] }],
    },
  ],
});

const FILL_IN_ADD_TITLE =
  'Pin the download with --checksum=sha256:<sha256-of-the-download> (fill in the sha256 of the file: ' +
  'the build fails until you do; adds # syntax=docker/dockerfile:1, which --checksum needs)';

testRule('add-instead-of-copy', {
  valid: [
    dedent`
      FROM alpine:3.20
      ADD --checksum=sha256:${SHA} https://example.com/tool.tgz /tmp/
    `,
    dedent`
      FROM alpine:3.20
      ADD rootfs.tar.xz /
      ADD git@github.com:moby/buildkit.git#0123456789abcdef0123456789abcdef01234567 /src
    `,
  ],
  invalid: [
    {
      name: 'no sha256 configured: a placeholder BuildKit rejects, preferred, with the syntax line --checksum needs',
      code: dedent`
        FROM alpine:3.20
        ADD https://example.com/tool.tgz /tmp/
        ADD config.yml /etc/app/
        USER 65532
      `,
      findings: [
        {
          range: '2:5-2:33',
          messageId: 'noChecksum',
          preferred: 0,
          titles: [FILL_IN_ADD_TITLE],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1
              FROM alpine:3.20
              ADD --checksum=sha256:<sha256-of-the-download> https://example.com/tool.tgz /tmp/
              ADD config.yml /etc/app/
              USER 65532
            `,
          ],
        },
        {
          range: '3:1-3:4',
          messageId: 'localCopy',
          preferred: 0,
          titles: ['Replace ADD with COPY'],
          fixed: [
            dedent`
              FROM alpine:3.20
              ADD https://example.com/tool.tgz /tmp/
              COPY config.yml /etc/app/
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'the sha256 configured, and a syntax directive that has --checksum already',
      options: { checksum: `sha256:${SHA}` },
      code: dedent`
        # syntax=docker/dockerfile:1.7
        FROM alpine:3.20
        ADD https://example.com/tool.tgz /tmp/
      `,
      findings: [
        {
          range: '3:5-3:33',
          messageId: 'noChecksum',
          preferred: 0,
          titles: ['Pin the download to the sha256 given (ADD --checksum)'],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1.7
              FROM alpine:3.20
              ADD --checksum=sha256:${SHA} https://example.com/tool.tgz /tmp/
            `,
          ],
        },
      ],
    },
    {
      name: 'a syntax directive older than 1.6: the flag is offered, not preferred (the user chose that frontend)',
      code: dedent`
        # syntax=docker/dockerfile:1.4
        FROM alpine:3.20
        ADD https://example.com/tool.tgz /tmp/
      `,
      findings: [
        {
          range: '3:5-3:33',
          messageId: 'noChecksum',
          preferred: null,
          titles: [
            'Pin the download with --checksum=sha256:<sha256-of-the-download> ' +
              '(fill in the sha256 of the file: the build fails until you do)',
          ],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1.4
              FROM alpine:3.20
              ADD --checksum=sha256:<sha256-of-the-download> https://example.com/tool.tgz /tmp/
            `,
          ],
        },
      ],
    },
    {
      name: 'a byte order mark and an escape directive, CRLF: the syntax line goes after the mark, above the directive',
      code: '\ufeff# escape=`\r\nFROM alpine:3.20\r\nADD https://example.com/tool.tgz /tmp/\r\n',
      findings: [
        {
          range: '3:5-3:33',
          messageId: 'noChecksum',
          preferred: 0,
          titles: [FILL_IN_ADD_TITLE],
          fixed: [
            '\ufeff# syntax=docker/dockerfile:1\r\n# escape=`\r\nFROM alpine:3.20\r\n' +
              'ADD --checksum=sha256:<sha256-of-the-download> https://example.com/tool.tgz /tmp/\r\n',
          ],
        },
      ],
    },
    {
      name: 'two downloads in the stage: one digest cannot pin both, placeholders',
      options: { checksum: SHA },
      code: dedent`
        # syntax=docker/dockerfile:1
        FROM alpine:3.20
        ADD https://example.com/a.tgz /tmp/
        ADD https://example.com/b.tgz /tmp/
      `,
      findings: [
        {
          range: '3:5-3:30',
          messageId: 'noChecksum',
          preferred: 0,
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1
              FROM alpine:3.20
              ADD --checksum=sha256:<sha256-of-the-download> https://example.com/a.tgz /tmp/
              ADD https://example.com/b.tgz /tmp/
            `,
          ],
        },
        {
          range: '4:5-4:30',
          messageId: 'noChecksum',
          preferred: 0,
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1
              FROM alpine:3.20
              ADD https://example.com/a.tgz /tmp/
              ADD --checksum=sha256:<sha256-of-the-download> https://example.com/b.tgz /tmp/
            `,
          ],
        },
      ],
    },
    {
      name: 'a Git repository at a tag: --checksum pins no commit, so no fix (the commit must come from a human)',
      code: dedent`
        FROM alpine:3.20
        ADD https://github.com/moby/buildkit.git#v0.12.0 /src
      `,
      findings: [{ range: '2:5-2:49', messageId: 'gitRef', fixed: [] }],
    },
    {
      name: 'lower-case add of a local file: copy',
      code: dedent`
        FROM alpine:3.20
        add --chown=65532 config.yml /etc/app/
      `,
      findings: [
        {
          range: '2:1-2:4',
          messageId: 'localCopy',
          preferred: 0,
          fixed: [
            dedent`
              FROM alpine:3.20
              copy --chown=65532 config.yml /etc/app/
            `,
          ],
        },
      ],
    },
  ],
});

const HEALTHCHECK = 'HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD';
const EXPECTS = (path: string): string => `(expects ${path} to answer 2xx or 3xx: adjust the path if it does not)`;

testRule('missing-healthcheck', {
  valid: [],
  invalid: [
    {
      name: 'an HTTP probe on the port the image serves (nginx-unprivileged: 8080), with the curl it installs',
      code: dedent`
        FROM nginxinc/nginx-unprivileged:1.27-alpine
        COPY site/ /usr/share/nginx/html/
      `,
      findings: [
        {
          range: '1:1-1:45',
          messageId: 'missing',
          preferred: 0,
          titles: [`Add a HEALTHCHECK with curl on port 8080 ${EXPECTS('/')}`],
          fixed: [
            dedent`
              FROM nginxinc/nginx-unprivileged:1.27-alpine
              COPY site/ /usr/share/nginx/html/
              ${HEALTHCHECK} ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/"]
            `,
          ],
        },
      ],
    },
    {
      name: "nginx's alpine-slim tags have no curl: BusyBox wget, before the CMD",
      code: dedent`
        FROM nginx:1.27-alpine-slim
        CMD ["nginx", "-g", "daemon off;"]
      `,
      findings: [
        {
          range: '1:1-1:28',
          messageId: 'missing',
          preferred: 0,
          titles: [`Add a HEALTHCHECK with BusyBox wget on port 80 ${EXPECTS('/')}`],
          fixed: [
            dedent`
              FROM nginx:1.27-alpine-slim
              ${HEALTHCHECK} ["wget", "-q", "--spider", "http://127.0.0.1:80/"]
              CMD ["nginx", "-g", "daemon off;"]
            `,
          ],
        },
      ],
    },
    {
      name: 'a probe that needs the shell (Elasticsearch: HTTP, else HTTPS) is written in shell form',
      code: dedent`
        FROM docker.elastic.co/elasticsearch/elasticsearch:8.15.0
      `,
      findings: [
        {
          range: '1:1-1:58',
          messageId: 'missing',
          preferred: 0,
          titles: ['Add a HEALTHCHECK with curl (in the image) on port 9200, over HTTP or HTTPS'],
          fixed: [
            dedent`
              FROM docker.elastic.co/elasticsearch/elasticsearch:8.15.0
              ${HEALTHCHECK} curl -s -o /dev/null http://127.0.0.1:9200/ || curl -sk -o /dev/null https://127.0.0.1:9200/
            `,
          ],
        },
      ],
    },
    {
      name: 'mongo before 6.0: the legacy mongo shell (mongosh came with the 6.0 images)',
      code: dedent`
        FROM mongo:5.0
      `,
      findings: [
        {
          range: '1:1-1:15',
          messageId: 'missing',
          preferred: 0,
          titles: ['Add a HEALTHCHECK with the mongo shell (ping)'],
          fixed: [
            dedent`
              FROM mongo:5.0
              ${HEALTHCHECK} ["mongo", "--quiet", "--eval", "db.adminCommand('ping')"]
            `,
          ],
        },
      ],
    },
    {
      name: 'an image with no known probe and no HTTP client (httpd purges wget): a template, not preferred',
      code: dedent`
        FROM httpd:2.4
      `,
      findings: [
        {
          range: '1:1-1:15',
          messageId: 'missing',
          preferred: null,
          titles: [
            'Add a HEALTHCHECK template: replace its command with one that checks the application ' +
              '(until then the container reports unhealthy)',
          ],
          fixed: [
            dedent`
              FROM httpd:2.4
              ${HEALTHCHECK} ["<command that exits 0 when the application is healthy>"]
            `,
          ],
        },
      ],
    },
  ],
});

const TIMINGS = ['      interval: 30s', '      timeout: 5s', '      retries: 3', '      start_period: 10s'].join('\n');

testRule('compose-missing-healthcheck', {
  valid: [],
  invalid: [
    {
      name: 'nginx: curl on the port it serves',
      code: dedent`
        services:
          app:
            image: nginx:1.27
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'missing',
          preferred: 0,
          titles: [`Add a healthcheck with curl on port 80 ${EXPECTS('/')}`],
          fixed: [
            dedent`
              services:
                app:
                  image: nginx:1.27
                  healthcheck:
                    test:
                      - CMD
                      - curl
                      - -fsS
                      - -o
                      - /dev/null
                      - http://127.0.0.1:80/
            ` + `${TIMINGS}\n`,
          ],
        },
      ],
    },
    {
      name: 'Grafana on its published container port: its unauthenticated /api/health',
      code: dedent`
        services:
          grafana:
            image: grafana/grafana-oss:11.2.0
            ports:
              - "3001:3000"
      `,
      findings: [
        {
          range: '2:3-2:10',
          messageId: 'missing',
          preferred: 0,
          titles: [`Add a healthcheck with curl on port 3000 ${EXPECTS('/api/health')}`],
          fixed: [
            dedent`
              services:
                grafana:
                  image: grafana/grafana-oss:11.2.0
                  ports:
                    - "3001:3000"
                  healthcheck:
                    test:
                      - CMD
                      - curl
                      - -fsS
                      - -o
                      - /dev/null
                      - http://127.0.0.1:3000/api/health
            ` + `${TIMINGS}\n`,
          ],
        },
      ],
    },
    {
      name: 'Elasticsearch from its own registry: a CMD-SHELL probe',
      code: dedent`
        services:
          search:
            image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0
      `,
      findings: [
        {
          range: '2:3-2:9',
          messageId: 'missing',
          preferred: 0,
          titles: ['Add a healthcheck with curl (in the image) on port 9200, over HTTP or HTTPS'],
          fixed: [
            dedent`
              services:
                search:
                  image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0
                  healthcheck:
                    test:
                      - CMD-SHELL
                      - curl -s -o /dev/null http://127.0.0.1:9200/ || curl -sk -o /dev/null https://127.0.0.1:9200/
            ` + `${TIMINGS}\n`,
          ],
        },
      ],
    },
    {
      name: 'caddy (alpine-based): BusyBox wget',
      code: dedent`
        services:
          proxy: {image: "caddy:2.8"}
      `,
      findings: [
        {
          range: '2:3-2:8',
          messageId: 'missing',
          preferred: 0,
          titles: [`Add a healthcheck with BusyBox wget on port 80 ${EXPECTS('/')}`],
          fixed: [
            dedent`
              services:
                proxy: {image: "caddy:2.8", healthcheck: {test: [CMD, wget, -q, --spider, http://127.0.0.1:80/], interval: 30s, timeout: 5s, retries: 3, start_period: 10s}}
            `,
          ],
        },
      ],
    },
    {
      name: 'no probe known for the image: the failing template, not preferred',
      code: dedent`
        services:
          web:
            image: httpd:2.4
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'missing',
          preferred: null,
          fixed: [
            dedent`
              services:
                web:
                  image: httpd:2.4
                  healthcheck:
                    test:
                      - CMD-SHELL
                      - "echo 'healthcheck: replace this test with a probe of the service' >&2; exit 1"
            ` + `${TIMINGS}\n`,
          ],
        },
      ],
    },
  ],
});

const NGINX_DIFFERS = 'listens on 8080 instead of 80, pid file in /tmp';

testRule('root-base-image', {
  valid: [
    dedent`
      FROM nginxinc/nginx-unprivileged:1.27
      COPY site/ /usr/share/nginx/html/
    `,
  ],
  invalid: [
    {
      name: 'nginx: its unprivileged build at the same tag, preferred; no USER line (nginx breaks under one alone)',
      code: dedent`
        FROM nginx:1.27
        COPY site/ /usr/share/nginx/html/
      `,
      findings: [
        {
          range: '1:6-1:16',
          messageId: 'rootByDefault',
          preferred: 0,
          titles: [`Use nginxinc/nginx-unprivileged:1.27 (runs as 101; ${NGINX_DIFFERS})`],
          fixed: [
            dedent`
              FROM nginxinc/nginx-unprivileged:1.27
              COPY site/ /usr/share/nginx/html/
            `,
          ],
        },
      ],
    },
    {
      name: 'nginx alpine-slim with RUN steps: they keep running as root, the image then runs as 101',
      code: dedent`
        FROM nginx:1.27-alpine3.21-slim
        RUN apk add --no-cache tzdata
        COPY site/ /usr/share/nginx/html/
      `,
      findings: [
        {
          range: '1:6-1:32',
          messageId: 'rootByDefault',
          preferred: 0,
          titles: [
            `Use nginxinc/nginx-unprivileged:1.27-alpine3.21-slim (runs as 101; ${NGINX_DIFFERS}; ` +
              'USER root kept around the RUN steps)',
          ],
          fixed: [
            dedent`
              FROM nginxinc/nginx-unprivileged:1.27-alpine3.21-slim
              USER root
              RUN apk add --no-cache tzdata
              USER 101
              COPY site/ /usr/share/nginx/html/
            `,
          ],
        },
      ],
    },
    {
      name: 'nginx tags the unprivileged image does not publish (otel, before 1.14): no fix',
      code: dedent`
        FROM nginx:1.27-otel
      `,
      findings: [{ range: '1:6-1:21', messageId: 'rootByDefault', fixed: [] }],
    },
    {
      name: 'distroless latest: the :nonroot tag, preferred; the USER line offered too',
      code: dedent`
        FROM gcr.io/distroless/static-debian12
        COPY app /app
      `,
      findings: [
        {
          range: '1:6-1:39',
          messageId: 'rootByDefault',
          preferred: 0,
          titles: [
            'Use gcr.io/distroless/static-debian12:nonroot (runs as nonroot)',
            'Add "USER nonroot" after the last step that needs root',
          ],
          fixed: [
            dedent`
              FROM gcr.io/distroless/static-debian12:nonroot
              COPY app /app
            `,
            dedent`
              FROM gcr.io/distroless/static-debian12
              COPY app /app
              USER nonroot
            `,
          ],
        },
      ],
    },
    {
      name: 'distroless debug with an architecture suffix: debug-nonroot, suffix kept',
      code: dedent`
        FROM gcr.io/distroless/base-debian12:debug-arm64
      `,
      findings: [
        {
          range: '1:6-1:49',
          messageId: 'rootByDefault',
          preferred: 0,
          fixed: [
            dedent`
              FROM gcr.io/distroless/base-debian12:debug-nonroot-arm64
            `,
            dedent`
              FROM gcr.io/distroless/base-debian12:debug-arm64
              USER nonroot
            `,
          ],
        },
      ],
    },
  ],
});

const REMOVE_INSTALL = (command: string): string =>
  `Do not install sudo (removes the ${command} command, which installs nothing else)`;
const SAFER = (mode: string): string =>
  `Use chmod ${mode} (group-writable: whoever writes must own the files or be in their group)`;

testRule('privilege-escalation-tools', {
  valid: [
    dedent`
      FROM alpine:3.20
      RUN chmod 0755 /usr/local/bin/app && chmod g+w /srv
    `,
  ],
  invalid: [
    {
      name: 'sudo all an install in an && chain installs: the command goes with its &&, the chain stays',
      code: dedent`
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends sudo && rm -rf /var/lib/apt/lists/*
        USER 65532
      `,
      findings: [
        {
          range: '2:66-2:70',
          messageId: 'installsSudo',
          preferred: 0,
          titles: [REMOVE_INSTALL('apt-get install')],
          fixed: [
            dedent`
              FROM debian:bookworm-slim
              RUN apt-get update && rm -rf /var/lib/apt/lists/*
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'over continuation lines: the continued lines around it stay joined',
      code: dedent`
        FROM debian:bookworm-slim
        RUN apt-get update \\
         && apt-get install -y sudo \\
         && rm -rf /var/lib/apt/lists/*
      `,
      findings: [
        {
          range: '3:24-3:28',
          messageId: 'installsSudo',
          preferred: 0,
          fixed: [
            dedent`
              FROM debian:bookworm-slim
              RUN apt-get update \\
               && rm -rf /var/lib/apt/lists/*
            `,
          ],
        },
      ],
    },
    {
      name: 'exec form: the only command removes the RUN; in an sh -c script, the command and its &&',
      code: dedent`
        FROM alpine:3.20
        RUN ["apk", "add", "--no-cache", "sudo"]
        RUN ["sh", "-c", "apk update && apk add doas"]
        RUN ["apk", "add", "sudo", "curl"]
      `,
      findings: [
        {
          range: '2:34-2:40',
          messageId: 'installsSudo',
          preferred: 0,
          titles: [REMOVE_INSTALL('apk add')],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN ["sh", "-c", "apk update && apk add doas"]
              RUN ["apk", "add", "sudo", "curl"]
            `,
          ],
        },
        {
          range: '3:41-3:45',
          messageId: 'installsSudo',
          preferred: 0,
          titles: ['Do not install doas (removes the apk add command, which installs nothing else)'],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN ["apk", "add", "--no-cache", "sudo"]
              RUN ["sh", "-c", "apk update"]
              RUN ["apk", "add", "sudo", "curl"]
            `,
          ],
        },
        {
          range: '4:20-4:26',
          messageId: 'installsSudo',
          preferred: 0,
          titles: ['Do not install sudo'],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN ["apk", "add", "--no-cache", "sudo"]
              RUN ["sh", "-c", "apk update && apk add doas"]
              RUN ["apk", "add", "curl"]
            `,
          ],
        },
      ],
    },
    {
      name: 'sudo configured later (sudoers.d, the sudo group), or a || after the install: no fix',
      code: dedent`
        FROM debian:bookworm-slim
        RUN apt-get install -y sudo || true
        RUN apt-get install -y sudo curl
        RUN echo 'app ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/app
      `,
      findings: [
        { range: '2:24-2:28', messageId: 'installsSudo', fixed: [] },
        { range: '3:24-3:28', messageId: 'installsSudo', fixed: [] },
        // The sudoers rule itself is a finding of its own (without a fix: the user decides what replaces it).
        { range: '4:25-4:33', messageId: 'passwordlessSudo', fixed: [] },
      ],
    },
    {
      name: 'a comment line inside the continued RUN would go with the command: no fix',
      code: dedent`
        FROM debian:bookworm-slim
        RUN apt-get update \\
        # sudo for the integration tests
         && apt-get install -y sudo
      `,
      findings: [{ range: '4:24-4:28', messageId: 'installsSudo', fixed: [] }],
    },
    {
      name: 'world-writable and setuid modes in shell and exec form: group-writable, no setuid bit',
      code: dedent`
        FROM alpine:3.20
        RUN chmod -R 777 /srv && chmod a+rwx,u+s /opt/tool
        RUN ["chmod", "4755", "/usr/local/bin/helper"]
      `,
      findings: [
        {
          range: '2:14-2:17',
          messageId: 'worldWritable',
          preferred: 0,
          titles: [SAFER('775')],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN chmod -R 775 /srv && chmod a+rwx,u+s /opt/tool
              RUN ["chmod", "4755", "/usr/local/bin/helper"]
            `,
          ],
        },
        {
          range: '2:32-2:41',
          messageId: 'worldWritable',
          preferred: 0,
          titles: [SAFER('ug+rwx,o+rx,u+s')],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN chmod -R 777 /srv && chmod ug+rwx,o+rx,u+s /opt/tool
              RUN ["chmod", "4755", "/usr/local/bin/helper"]
            `,
          ],
        },
        {
          range: '2:32-2:41',
          messageId: 'specialBits',
          preferred: 0,
          titles: ['Use chmod a+rwx,u-s (no setuid/setgid bit)'],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN chmod -R 777 /srv && chmod a+rwx,u-s /opt/tool
              RUN ["chmod", "4755", "/usr/local/bin/helper"]
            `,
          ],
        },
        {
          range: '3:15-3:21',
          messageId: 'specialBits',
          preferred: 0,
          titles: ['Use chmod 0755 (no setuid/setgid bit)'],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN chmod -R 777 /srv && chmod a+rwx,u+s /opt/tool
              RUN ["chmod", "0755", "/usr/local/bin/helper"]
            `,
          ],
        },
      ],
    },
  ],
});
