/**
 * Rules specified with the shared rule tester: readable documents, every
 * finding with its exact range and message id, and the exact output of
 * every fix. (The older table-driven specs in compose-rules and
 * dockerfile-rules stay; new specifications go here.)
 */
import { dedent } from '../helpers/dedent';
import { testRule } from '../helpers/rule-tester';

testRule('compose-privileged', {
  valid: [
    dedent`
      services:
        app:
          image: alpine:3.20
          privileged: false
    `,
  ],
  invalid: [
    {
      code: dedent`
        services:
          app:
            image: alpine:3.20
            privileged: true
      `,
      findings: [
        {
          range: '4:17-4:21',
          messageId: 'privileged',
          params: { service: 'app', anchor: null },
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  privileged: false
            `,
          ],
        },
      ],
    },
    {
      name: 'a setting two services share through an anchor, once, at the anchor',
      code: dedent`
        x-base: &base
          privileged: yes
        services:
          web:
            <<: *base
          api:
            <<: *base
      `,
      findings: [
        {
          range: '2:15-2:18',
          messageId: 'privileged',
          params: { anchor: { anchor: 'base', users: ['web', 'api'], more: 0 } },
          fixed: [
            dedent`
              x-base: &base
                privileged: false
              services:
                web:
                  <<: *base
                api:
                  <<: *base
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-dangerous-capability', {
  valid: [
    dedent`
      services:
        app:
          image: alpine:3.20
          cap_add: [NET_BIND_SERVICE]
    `,
  ],
  invalid: [
    {
      name: 'each dangerous item, with a fix that removes its line',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            cap_add:
              - SYS_ADMIN
              - NET_BIND_SERVICE
              - CAP_NET_ADMIN
      `,
      findings: [
        {
          range: '5:9-5:18',
          messageId: 'dangerous',
          params: { capability: 'SYS_ADMIN' },
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  cap_add:
                    - NET_BIND_SERVICE
                    - CAP_NET_ADMIN
            `,
          ],
        },
        {
          range: '7:9-7:22',
          messageId: 'dangerous',
          params: { capability: 'NET_ADMIN' },
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  cap_add:
                    - SYS_ADMIN
                    - NET_BIND_SERVICE
            `,
          ],
        },
      ],
    },
    {
      name: 'the only item of a flow list, whose removal takes the key with it',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            cap_add: [SYS_ADMIN]
      `,
      findings: [
        {
          range: '4:15-4:24',
          messageId: 'dangerous',
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-no-memory-limit', {
  valid: [
    dedent`
      services:
        app:
          image: alpine:3.20
          deploy:
            resources:
              limits:
                memory: 256M
    `,
  ],
  invalid: [
    {
      code: dedent`
        services:
          app:
            image: alpine:3.20
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'missing',
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  deploy:
                    resources:
                      limits:
                        memory: 512M
            `,
          ],
        },
      ],
    },
    {
      name: 'a limit that reads as none',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            mem_limit: -1
      `,
      findings: [
        {
          range: '4:16-4:18',
          messageId: 'unlimited',
          params: { setting: 'mem_limit', value: '-1' },
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  mem_limit: 512m
            `,
          ],
        },
      ],
    },
  ],
});

testRule('missing-user', {
  valid: [
    dedent`
      FROM node:20-slim
      USER node
    `,
    dedent`
      FROM gcr.io/distroless/static-debian12:nonroot
      COPY app /app
    `,
  ],
  invalid: [
    {
      name: 'an image with a user of its own: the fix uses it, before CMD',
      code: dedent`
        FROM node:20-slim
        COPY . /app
        CMD ["node", "/app/server.js"]
      `,
      findings: [
        {
          range: '1:1-1:18',
          messageId: 'rootImage',
          fixed: [
            dedent`
              FROM node:20-slim
              COPY . /app
              USER node
              CMD ["node", "/app/server.js"]
            `,
          ],
        },
      ],
    },
    {
      name: 'scratch: the suggested numeric user, at the end',
      code: dedent`
        FROM scratch
        COPY app /app
      `,
      findings: [
        {
          range: '1:1-1:13',
          messageId: 'scratch',
          fixed: [
            dedent`
              FROM scratch
              COPY app /app
              USER 65532:65532
            `,
          ],
        },
      ],
    },
  ],
});

testRule('tls-verification-disabled', {
  valid: [
    dedent`
      FROM alpine:3.20
      RUN curl -fsSL https://example.com/tool -o /usr/local/bin/tool
      USER 65532
    `,
  ],
  invalid: [
    {
      name: 'a clustered -k is taken out of its cluster; a lone --no-check-certificate removed',
      code: dedent`
        FROM alpine:3.20
        RUN curl -fsSLk https://example.com/a -o /a && wget --no-check-certificate https://example.com/b
        USER 65532
      `,
      findings: [
        {
          range: '2:10-2:16',
          messageId: 'command',
          params: { what: 'curl --insecure' },
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN curl -fsSL https://example.com/a -o /a && wget --no-check-certificate https://example.com/b
              USER 65532
            `,
          ],
        },
        {
          range: '2:53-2:75',
          messageId: 'command',
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN curl -fsSLk https://example.com/a -o /a && wget https://example.com/b
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'an environment variable: reported, no fix',
      code: dedent`
        FROM alpine:3.20
        ENV NODE_TLS_REJECT_UNAUTHORIZED=0
        USER 65532
      `,
      findings: [{ range: '2:5-2:35', messageId: 'variable', fixed: [] }],
    },
  ],
});
