/**
 * The build-secret fixes, specified with the shared rule tester: a secret
 * ENV/ARG becomes a BuildKit secret mount on the RUNs that read it
 * (secret-in-env-arg), a copied credential file a secret or SSH mount where
 * the COPY put it (secret-file-copied). Each case gives the exact text of
 * every fix, which one is preferred (what fix-all and --fix apply) and the
 * titles, which say what the user must pass at build time and what the
 * running container loses. No fix writes a secret value anywhere.
 */
import * as assert from 'assert';
import {
  insertParserDirective,
  parserDirectives,
  prefixCommand,
  removeProperty,
  removeSource,
} from '../../../server/src/core/dockerfile/dockerfile-edits';
import {
  buildDockerfileModel,
  propertiesOf,
  type DockerInstruction,
  type DockerfileModel,
} from '../../../server/src/core/dockerfile/model';
import { applyEdits } from '../../../server/src/core/edits';
import type { TextEdit } from '../../../server/src/core/types';
import { dedent } from '../../helpers/dedent';
import { testRule } from '../../helpers/rule-tester';

testRule('secret-in-env-arg', {
  valid: [
    dedent`
      # syntax=docker/dockerfile:1
      FROM alpine:3.20
      RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN ./install.sh
      USER 65532
    `,
  ],
  invalid: [
    {
      name: 'ARG without a default, named by one RUN: the RUN mounts it, the syntax directive is added',
      code: dedent`
        FROM alpine:3.20
        ARG NPM_TOKEN
        RUN NPM_TOKEN="$NPM_TOKEN" ./install.sh
        USER 65532
      `,
      findings: [
        {
          range: '2:5-2:14',
          messageId: 'secretName',
          preferred: 0,
          titles: [
            'Pass NPM_TOKEN to the RUN that uses it as a build secret (--mount=type=secret,id=npm_token,env=NPM_TOKEN) instead of ARG: build with docker build --secret id=npm_token,env=NPM_TOKEN (Compose: build.secrets); adds # syntax=docker/dockerfile:1, which env= needs',
          ],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1
              FROM alpine:3.20
              RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN NPM_TOKEN="$NPM_TOKEN" ./install.sh
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'ARG with a literal default: the value leaves the file, the title says to pass it at build time',
      code: dedent`
        FROM alpine:3.20
        ARG NPM_TOKEN=npm_abc123
        RUN ./publish.sh --token "\${NPM_TOKEN}"
        USER 65532
      `,
      findings: [
        {
          range: '2:5-2:14',
          messageId: 'secretName',
          preferred: 0,
          titles: [
            'Pass NPM_TOKEN to the RUN that uses it as a build secret (--mount=type=secret,id=npm_token,env=NPM_TOKEN) instead of ARG; its value is removed from this file: export NPM_TOKEN in your shell and build with docker build --secret id=npm_token,env=NPM_TOKEN (Compose: build.secrets); adds # syntax=docker/dockerfile:1, which env= needs',
          ],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1
              FROM alpine:3.20
              RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN ./publish.sh --token "\${NPM_TOKEN}"
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'no RUN after it reads it: the declaration goes',
      code: dedent`
        FROM alpine:3.20
        ARG NPM_TOKEN
        COPY app /app
        USER 65532
      `,
      findings: [
        {
          range: '2:5-2:14',
          messageId: 'secretName',
          preferred: 0,
          titles: ['Remove ARG NPM_TOKEN: no later step of the build reads it'],
          fixed: [
            dedent`
              FROM alpine:3.20
              COPY app /app
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'several RUNs: only those that name it get the mount',
      code: dedent`
        FROM node:20-slim
        ARG NPM_TOKEN
        RUN apt-get update
        RUN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
        RUN npm publish --//registry.npmjs.org/:_authToken=$NPM_TOKEN
        USER node
      `,
      findings: [
        {
          range: '2:5-2:14',
          messageId: 'secretName',
          preferred: 0,
          titles: [
            'Pass NPM_TOKEN to the 2 RUNs that use it as a build secret (--mount=type=secret,id=npm_token,env=NPM_TOKEN) instead of ARG: build with docker build --secret id=npm_token,env=NPM_TOKEN (Compose: build.secrets); adds # syntax=docker/dockerfile:1, which env= needs',
          ],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1
              FROM node:20-slim
              RUN apt-get update
              RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
              RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm publish --//registry.npmjs.org/:_authToken=$NPM_TOKEN
              USER node
            `,
          ],
        },
      ],
    },
    {
      name: 'no RUN names it: every RUN after it gets it, as a program may read it from the environment',
      code: dedent`
        FROM node:20-slim
        WORKDIR /app
        ARG NODE_AUTH_TOKEN
        COPY .yarnrc.yml package.json ./
        RUN yarn install
        RUN yarn build
        USER node
      `,
      findings: [
        {
          range: '3:5-3:20',
          messageId: 'secretName',
          preferred: 0,
          titles: [
            'Pass NODE_AUTH_TOKEN to the 2 RUNs after it as a build secret (--mount=type=secret,id=node_auth_token,env=NODE_AUTH_TOKEN) instead of ARG (none names it: a program may read it from the environment): build with docker build --secret id=node_auth_token,env=NODE_AUTH_TOKEN (Compose: build.secrets); adds # syntax=docker/dockerfile:1, which env= needs',
          ],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1
              FROM node:20-slim
              WORKDIR /app
              COPY .yarnrc.yml package.json ./
              RUN --mount=type=secret,id=node_auth_token,env=NODE_AUTH_TOKEN yarn install
              RUN --mount=type=secret,id=node_auth_token,env=NODE_AUTH_TOKEN yarn build
              USER node
            `,
          ],
        },
      ],
    },
    {
      name: 'multi-stage: a builder ENV reaches the RUNs of the stages built FROM it, not the final image',
      code: dedent`
        FROM node:20 AS base
        ENV GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB
        FROM base AS build
        RUN git clone "https://\${GITHUB_TOKEN}@github.com/acme/lib.git"
        FROM gcr.io/distroless/nodejs20-debian12
        COPY --from=build /lib /lib
      `,
      findings: [
        {
          range: '2:5-2:17',
          messageId: 'secretName',
          preferred: 0,
          titles: [
            'Pass GITHUB_TOKEN to the RUN that uses it as a build secret (--mount=type=secret,id=github_token,env=GITHUB_TOKEN) instead of ENV; its value is removed from this file: export GITHUB_TOKEN in your shell and build with docker build --secret id=github_token,env=GITHUB_TOKEN (Compose: build.secrets); adds # syntax=docker/dockerfile:1, which env= needs',
          ],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1
              FROM node:20 AS base
              FROM base AS build
              RUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN git clone "https://\${GITHUB_TOKEN}@github.com/acme/lib.git"
              FROM gcr.io/distroless/nodejs20-debian12
              COPY --from=build /lib /lib
            `,
          ],
        },
      ],
    },
    {
      name: 'an existing syntax directive of 1.10 or later is kept, and env= used',
      code: dedent`
        # syntax=docker/dockerfile:1.12
        # escape=\\
        FROM alpine:3.20
        ARG API_KEY
        RUN ./fetch.sh "$API_KEY"
        USER 65532
      `,
      findings: [
        {
          range: '4:5-4:12',
          messageId: 'secretName',
          preferred: 0,
          titles: [
            'Pass API_KEY to the RUN that uses it as a build secret (--mount=type=secret,id=api_key,env=API_KEY) instead of ARG: build with docker build --secret id=api_key,env=API_KEY (Compose: build.secrets)',
          ],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1.12
              # escape=\\
              FROM alpine:3.20
              RUN --mount=type=secret,id=api_key,env=API_KEY ./fetch.sh "$API_KEY"
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'syntax older than 1.10: the secret is mounted as a file the command reads into the variable',
      code: dedent`
        # syntax=docker/dockerfile:1.4
        FROM alpine:3.20
        ARG API_KEY
        USER 65532
        RUN ./fetch.sh "$API_KEY"
      `,
      findings: [
        {
          range: '3:5-3:12',
          messageId: 'secretName',
          preferred: 0,
          titles: [
            'Pass API_KEY to the RUN that uses it as a build secret (--mount=type=secret,id=api_key, read from /run/secrets/api_key) instead of ARG: build with docker build --secret id=api_key,env=API_KEY (Compose: build.secrets)',
          ],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1.4
              FROM alpine:3.20
              USER 65532
              RUN --mount=type=secret,id=api_key,mode=0444 export API_KEY="$(cat /run/secrets/api_key)" && ./fetch.sh "$API_KEY"
            `,
          ],
        },
      ],
    },
    {
      name: 'exec form: the flag goes before the JSON array',
      code: dedent`
        FROM alpine:3.20
        ARG API_TOKEN
        RUN ["/bin/sh", "-c", "./fetch.sh $API_TOKEN"]
        USER 65532
      `,
      findings: [
        {
          range: '2:5-2:14',
          messageId: 'secretName',
          preferred: 0,
          titles: [
            'Pass API_TOKEN to the RUN that uses it as a build secret (--mount=type=secret,id=api_token,env=API_TOKEN) instead of ARG: build with docker build --secret id=api_token,env=API_TOKEN (Compose: build.secrets); adds # syntax=docker/dockerfile:1, which env= needs',
          ],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1
              FROM alpine:3.20
              RUN --mount=type=secret,id=api_token,env=API_TOKEN ["/bin/sh", "-c", "./fetch.sh $API_TOKEN"]
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'a heredoc, a continuation and CRLF line breaks',
      code: 'FROM alpine:3.20\r\nARG API_TOKEN\r\nRUN <<EOF\r\n./fetch.sh "$API_TOKEN"\r\nEOF\r\nRUN apk add curl && \\\r\n    curl -H "Authorization: $API_TOKEN" https://example.com\r\nUSER 65532\r\n',
      findings: [
        {
          range: '2:5-2:14',
          messageId: 'secretName',
          preferred: 0,
          titles: [
            'Pass API_TOKEN to the 2 RUNs that use it as a build secret (--mount=type=secret,id=api_token,env=API_TOKEN) instead of ARG: build with docker build --secret id=api_token,env=API_TOKEN (Compose: build.secrets); adds # syntax=docker/dockerfile:1, which env= needs',
          ],
          fixed: [
            '# syntax=docker/dockerfile:1\r\nFROM alpine:3.20\r\nRUN --mount=type=secret,id=api_token,env=API_TOKEN <<EOF\r\n./fetch.sh "$API_TOKEN"\r\nEOF\r\nRUN --mount=type=secret,id=api_token,env=API_TOKEN apk add curl && \\\r\n    curl -H "Authorization: $API_TOKEN" https://example.com\r\nUSER 65532\r\n',
          ],
        },
      ],
    },
    {
      name: 'a byte order mark and an escape directive stay first',
      code: '﻿# escape=`\nFROM alpine:3.20\nARG API_TOKEN\nRUN ./fetch.sh "$API_TOKEN"\nUSER 65532\n',
      findings: [
        {
          range: '3:5-3:14',
          messageId: 'secretName',
          preferred: 0,
          titles: [
            'Pass API_TOKEN to the RUN that uses it as a build secret (--mount=type=secret,id=api_token,env=API_TOKEN) instead of ARG: build with docker build --secret id=api_token,env=API_TOKEN (Compose: build.secrets); adds # syntax=docker/dockerfile:1, which env= needs',
          ],
          fixed: [
            '﻿# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine:3.20\nRUN --mount=type=secret,id=api_token,env=API_TOKEN ./fetch.sh "$API_TOKEN"\nUSER 65532\n',
          ],
        },
      ],
    },
    {
      name: 'one of several declarations on an ENV: only that one goes',
      code: dedent`
        FROM alpine:3.20 AS build
        ENV APP=demo \\
            DB_PASSWORD=hunter2 \\
            PORT=8080
        RUN ./migrate.sh --password "$DB_PASSWORD"
        FROM alpine:3.20
        COPY --from=build /out /out
      `,
      findings: [
        {
          range: '3:5-3:16',
          messageId: 'secretName',
          preferred: 0,
          titles: [
            'Pass DB_PASSWORD to the RUN that uses it as a build secret (--mount=type=secret,id=db_password,env=DB_PASSWORD) instead of ENV; its value is removed from this file: export DB_PASSWORD in your shell and build with docker build --secret id=db_password,env=DB_PASSWORD (Compose: build.secrets); adds # syntax=docker/dockerfile:1, which env= needs',
          ],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1
              FROM alpine:3.20 AS build
              ENV APP=demo \\
                  PORT=8080
              RUN --mount=type=secret,id=db_password,env=DB_PASSWORD ./migrate.sh --password "$DB_PASSWORD"
              FROM alpine:3.20
              COPY --from=build /out /out
            `,
          ],
        },
      ],
    },
    {
      name: 'ENV of the final image a RUN reads: the mount is offered, not preferred, and the title says what the container loses',
      code: dedent`
        FROM alpine:3.20
        ENV DB_PASSWORD=hunter2
        RUN ./migrate.sh --password "$DB_PASSWORD"
        CMD ["./server"]
      `,
      findings: [
        {
          range: '2:5-2:16',
          messageId: 'secretName',
          preferred: null,
          titles: [
            'Pass DB_PASSWORD to the RUN that uses it as a build secret (--mount=type=secret,id=db_password,env=DB_PASSWORD) instead of ENV; its value is removed from this file: export DB_PASSWORD in your shell and build with docker build --secret id=db_password,env=DB_PASSWORD (Compose: build.secrets); adds # syntax=docker/dockerfile:1, which env= needs; the running container no longer gets DB_PASSWORD from the image: pass it when it starts if the application reads it',
          ],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1
              FROM alpine:3.20
              RUN --mount=type=secret,id=db_password,env=DB_PASSWORD ./migrate.sh --password "$DB_PASSWORD"
              CMD ["./server"]
            `,
          ],
        },
      ],
    },
    {
      name: 'ENV of the final image no RUN names: there for run time, so only its removal is offered, not preferred',
      code: dedent`
        FROM alpine:3.20
        ENV DB_PASSWORD=hunter2
        RUN apk add --no-cache curl
        CMD ["./server"]
      `,
      findings: [
        {
          range: '2:5-2:16',
          messageId: 'secretName',
          preferred: null,
          titles: [
            'Remove ENV DB_PASSWORD and its value from the image: pass it when the container starts (docker run -e DB_PASSWORD, or a Compose secret)',
          ],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN apk add --no-cache curl
              CMD ["./server"]
            `,
          ],
        },
      ],
    },
    {
      name: 'ENV of the final image a CMD reads: only its removal, not preferred',
      code: dedent`
        FROM alpine:3.20
        ENV NPM_TOKEN=abc
        CMD ./start.sh --token "$NPM_TOKEN"
      `,
      findings: [
        {
          range: '2:5-2:14',
          messageId: 'secretName',
          preferred: null,
          titles: [
            'Remove ENV NPM_TOKEN and its value from the image: pass it when the container starts (docker run -e NPM_TOKEN, or a Compose secret)',
          ],
          fixed: [
            dedent`
              FROM alpine:3.20
              CMD ./start.sh --token "$NPM_TOKEN"
            `,
          ],
        },
      ],
    },
    {
      name: 'a package manager credential in the final image: only the build reads it, so the mount is preferred',
      code: dedent`
        FROM python:3.12-slim
        ENV PIP_INDEX_URL=https://user:s3cret@pypi.example.com/simple
        RUN pip install --no-cache-dir -r requirements.txt
        USER 65532
      `,
      findings: [
        {
          range: '2:19-2:62',
          messageId: 'secretValue',
          preferred: 0,
          titles: [
            'Pass PIP_INDEX_URL to the RUN after it as a build secret (--mount=type=secret,id=pip_index_url,env=PIP_INDEX_URL) instead of ENV (none names it: a program may read it from the environment); its value is removed from this file: export PIP_INDEX_URL in your shell and build with docker build --secret id=pip_index_url,env=PIP_INDEX_URL (Compose: build.secrets); adds # syntax=docker/dockerfile:1, which env= needs',
          ],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1
              FROM python:3.12-slim
              RUN --mount=type=secret,id=pip_index_url,env=PIP_INDEX_URL pip install --no-cache-dir -r requirements.txt
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'another instruction reads it while building: no fix, a mount reaches RUNs only',
      code: dedent`
        FROM alpine:3.20
        ARG NPM_TOKEN
        ENV NPM_TOKEN=$NPM_TOKEN
        LABEL token=$NPM_TOKEN
        RUN ./install.sh
        USER 65532
      `,
      findings: [
        {
          range: '2:5-2:14',
          messageId: 'secretName',
          preferred: null,
          titles: [],
          fixed: [],
        },
        {
          range: '3:5-3:14',
          messageId: 'secretName',
          preferred: null,
          titles: [],
          fixed: [],
        },
      ],
    },
    {
      name: 'the RUNs that read it mount it already: the declaration goes',
      code: dedent`
        # syntax=docker/dockerfile:1
        FROM alpine:3.20
        ARG NPM_TOKEN
        RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN ./install.sh
        USER 65532
      `,
      findings: [
        {
          range: '3:5-3:14',
          messageId: 'secretName',
          preferred: 0,
          titles: ['Remove ARG NPM_TOKEN: the RUNs that read it get it as a build secret already'],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1
              FROM alpine:3.20
              RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN ./install.sh
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'a global ARG no FROM and no stage reads: it goes',
      code: dedent`
        ARG AWS_SECRET_ACCESS_KEY
        FROM alpine:3.20
        USER 65532
      `,
      findings: [
        {
          range: '1:5-1:26',
          messageId: 'secretName',
          preferred: 0,
          titles: ['Remove the global ARG AWS_SECRET_ACCESS_KEY: no FROM and no stage reads it'],
          fixed: [
            dedent`
              FROM alpine:3.20
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'a global ARG a FROM reads: no fix',
      code: dedent`
        ARG REGISTRY_TOKEN
        FROM registry.example.com/\${REGISTRY_TOKEN}/app:1
        USER 65532
      `,
      findings: [
        {
          range: '1:5-1:19',
          messageId: 'secretName',
          preferred: null,
          titles: [],
          fixed: [],
        },
      ],
    },
    {
      name: "syntax older than 1.10 and a heredoc script: the read is the script's first line",
      code: dedent`
        # syntax=docker/dockerfile:1.4
        FROM alpine:3.20
        ARG API_TOKEN
        RUN <<EOF
        set -e
        ./fetch.sh "$API_TOKEN"
        EOF
        USER 65532
      `,
      findings: [
        {
          range: '3:5-3:14',
          messageId: 'secretName',
          preferred: 0,
          titles: [
            'Pass API_TOKEN to the RUN that uses it as a build secret (--mount=type=secret,id=api_token, read from /run/secrets/api_token) instead of ARG: build with docker build --secret id=api_token,env=API_TOKEN (Compose: build.secrets)',
          ],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1.4
              FROM alpine:3.20
              RUN --mount=type=secret,id=api_token <<EOF
              export API_TOKEN="$(cat /run/secrets/api_token)"
              set -e
              ./fetch.sh "$API_TOKEN"
              EOF
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'syntax older than 1.10 and exec form: no fix, the command cannot read the file',
      code: dedent`
        # syntax=docker/dockerfile:1.4
        FROM alpine:3.20
        ARG API_TOKEN
        RUN ["/bin/sh", "-c", "./fetch.sh $API_TOKEN"]
        USER 65532
      `,
      findings: [
        {
          range: '3:5-3:14',
          messageId: 'secretName',
          preferred: null,
          titles: [],
          fixed: [],
        },
      ],
    },
    {
      name: 'an ENV copying an ARG: the ENV becomes the mount; the ARG, read by that ENV, waits until it is gone',
      code: dedent`
        FROM node:20-slim AS deps
        ARG NPM_TOKEN
        ENV NPM_TOKEN=\${NPM_TOKEN}
        RUN npm ci
        FROM node:20-slim
        COPY --from=deps /node_modules /node_modules
        USER node
      `,
      findings: [
        {
          range: '2:5-2:14',
          messageId: 'secretName',
          preferred: null,
          titles: [],
          fixed: [],
        },
        {
          range: '3:5-3:14',
          messageId: 'secretName',
          preferred: 0,
          titles: [
            'Pass NPM_TOKEN to the RUN after it as a build secret (--mount=type=secret,id=npm_token,env=NPM_TOKEN) instead of ENV (none names it: a program may read it from the environment): build with docker build --secret id=npm_token,env=NPM_TOKEN (Compose: build.secrets); adds # syntax=docker/dockerfile:1, which env= needs',
          ],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1
              FROM node:20-slim AS deps
              ARG NPM_TOKEN
              RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
              FROM node:20-slim
              COPY --from=deps /node_modules /node_modules
              USER node
            `,
          ],
        },
      ],
    },
    {
      // Found by the property test: the syntax line's insert and the ENV's removal both start at offset 0.
      name: 'a half-typed file that starts with the ENV: the syntax line is listed before the removal that starts where it goes',
      code: dedent`
        ENV PASSWORD=x
        RUN <<EOT
        EOT
        FROM alpine
      `,
      findings: [
        {
          range: '1:5-1:13',
          messageId: 'secretName',
          preferred: 0,
          titles: [
            'Pass PASSWORD to the RUN after it as a build secret (--mount=type=secret,id=password,env=PASSWORD) instead of ENV (none names it: a program may read it from the environment); its value is removed from this file: export PASSWORD in your shell and build with docker build --secret id=password,env=PASSWORD (Compose: build.secrets); adds # syntax=docker/dockerfile:1, which env= needs',
          ],
          fixed: [
            dedent`
              # syntax=docker/dockerfile:1
              RUN --mount=type=secret,id=password,env=PASSWORD <<EOT
              EOT
              FROM alpine
            `,
          ],
        },
      ],
    },
  ],
});

testRule('secret-file-copied', {
  valid: [
    dedent`
      FROM node:20-slim
      WORKDIR /app
      COPY package.json ./
      RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci
      USER node
    `,
  ],
  invalid: [
    {
      name: '.npmrc copied with other files: it leaves the COPY and is mounted where the COPY put it',
      code: dedent`
        FROM node:20-slim
        WORKDIR /app
        COPY .npmrc package.json package-lock.json ./
        RUN npm ci
        USER node
      `,
      findings: [
        {
          range: '3:6-3:12',
          messageId: 'copied',
          preferred: 0,
          titles: [
            'Mount .npmrc for the RUN after it as a build secret (--mount=type=secret,id=npmrc,target=/app/.npmrc) instead of copying it: build with docker build --secret id=npmrc,src=.npmrc (Compose: build.secrets)',
          ],
          fixed: [
            dedent`
              FROM node:20-slim
              WORKDIR /app
              COPY package.json package-lock.json ./
              RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci
              USER node
            `,
          ],
        },
      ],
    },
    {
      name: 'the only source: the COPY goes, --chown and all',
      code: dedent`
        FROM node:20-slim
        WORKDIR /app
        COPY --chown=node:node .npmrc /app/.npmrc
        COPY --chown=node:node package.json ./
        RUN npm ci
        USER node
      `,
      findings: [
        {
          range: '3:24-3:30',
          messageId: 'copied',
          preferred: 0,
          titles: [
            'Mount .npmrc for the RUN after it as a build secret (--mount=type=secret,id=npmrc,target=/app/.npmrc) instead of copying it: build with docker build --secret id=npmrc,src=.npmrc (Compose: build.secrets)',
          ],
          fixed: [
            dedent`
              FROM node:20-slim
              WORKDIR /app
              COPY --chown=node:node package.json ./
              RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci
              USER node
            `,
          ],
        },
      ],
    },
    {
      name: 'exec form with several sources: the element and one comma go',
      code: dedent`
        FROM python:3.12-slim
        COPY --chown=1000:1000 ["dist/", ".pypirc", "/root/"]
        RUN twine upload /root/dist/*
        USER 65532
      `,
      findings: [
        {
          range: '2:35-2:42',
          messageId: 'copied',
          preferred: 0,
          titles: [
            'Mount .pypirc for the RUN after it as a build secret (--mount=type=secret,id=pypirc,target=/root/.pypirc) instead of copying it: build with docker build --secret id=pypirc,src=.pypirc (Compose: build.secrets)',
          ],
          fixed: [
            dedent`
              FROM python:3.12-slim
              COPY --chown=1000:1000 ["dist/", "/root/"]
              RUN --mount=type=secret,id=pypirc,target=/root/.pypirc twine upload /root/dist/*
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'rm of the copy is taken out, which a mount neither needs nor allows; a RUN left with nothing goes',
      code: dedent`
        FROM node:20-slim
        WORKDIR /app
        COPY .npmrc package.json ./
        RUN npm ci && \\
            rm -f .npmrc
        RUN npm run build
        RUN rm /app/.npmrc
        USER node
      `,
      findings: [
        {
          range: '3:6-3:12',
          messageId: 'copied',
          preferred: 0,
          titles: [
            'Mount .npmrc for the 2 RUNs after it as a build secret (--mount=type=secret,id=npmrc,target=/app/.npmrc) instead of copying it (dropping the rm/chmod of it, which a mount neither needs nor allows): build with docker build --secret id=npmrc,src=.npmrc (Compose: build.secrets)',
          ],
          fixed: [
            dedent`
              FROM node:20-slim
              WORKDIR /app
              COPY package.json ./
              RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci
              RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm run build
              USER node
            `,
          ],
        },
      ],
    },
    {
      name: 'a RUN that rewrites the file: no fix, a mount is read-only',
      code: dedent`
        FROM node:20-slim
        COPY .npmrc /root/.npmrc
        RUN sed -i "s/TOKEN/$TOKEN/" /root/.npmrc && npm ci
        USER node
      `,
      findings: [
        {
          range: '2:6-2:12',
          messageId: 'copied',
          preferred: null,
          titles: [],
          fixed: [],
        },
      ],
    },
    {
      name: 'RUNs of another user read the mount: it is made readable by all',
      code: dedent`
        FROM node:20-slim
        WORKDIR /home/node/app
        USER node
        COPY --chown=node .npmrc package.json ./
        RUN npm ci
      `,
      findings: [
        {
          range: '4:19-4:25',
          messageId: 'copied',
          preferred: 0,
          titles: [
            'Mount .npmrc for the RUN after it as a build secret (--mount=type=secret,id=npmrc,target=/home/node/app/.npmrc) instead of copying it: build with docker build --secret id=npmrc,src=.npmrc (Compose: build.secrets)',
          ],
          fixed: [
            dedent`
              FROM node:20-slim
              WORKDIR /home/node/app
              USER node
              COPY --chown=node package.json ./
              RUN --mount=type=secret,id=npmrc,target=/home/node/app/.npmrc,mode=0444 npm ci
            `,
          ],
        },
      ],
    },
    {
      name: 'an SSH key: the RUNs after it use the SSH agent, the chmod of the key goes',
      code: dedent`
        FROM alpine:3.20 AS build
        RUN apk add --no-cache git openssh-client
        COPY id_ed25519 /root/.ssh/id_ed25519
        RUN chmod 600 /root/.ssh/id_ed25519 && \\
            GIT_SSH_COMMAND="ssh -o StrictHostKeyChecking=accept-new" git clone git@github.com:acme/lib.git /lib
        FROM alpine:3.20
        COPY --from=build /lib /lib
        USER 65532
      `,
      findings: [
        {
          range: '3:6-3:16',
          messageId: 'copied',
          preferred: 0,
          titles: [
            'Use your SSH agent in the RUN after it (--mount=type=ssh) instead of copying id_ed25519 (dropping the rm/chmod of it, which a mount neither needs nor allows): load the key into ssh-agent and build with docker build --ssh default (Compose: build.ssh)',
          ],
          fixed: [
            dedent`
              FROM alpine:3.20 AS build
              RUN apk add --no-cache git openssh-client
              RUN --mount=type=ssh GIT_SSH_COMMAND="ssh -o StrictHostKeyChecking=accept-new" git clone git@github.com:acme/lib.git /lib
              FROM alpine:3.20
              COPY --from=build /lib /lib
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'an SSH key whose directory a RUN writes to (known_hosts): mounted as a file, so the directory is there',
      code: dedent`
        FROM alpine:3.20 AS build
        COPY id_ed25519 /root/.ssh/id_ed25519
        RUN ssh-keyscan github.com >> /root/.ssh/known_hosts && \\
            git clone git@github.com:acme/lib.git /lib
        FROM alpine:3.20
        COPY --from=build /lib /lib
        USER 65532
      `,
      findings: [
        {
          range: '2:6-2:16',
          messageId: 'copied',
          preferred: 0,
          titles: [
            'Mount id_ed25519 for the RUN after it as a build secret (--mount=type=secret,id=id_ed25519,target=/root/.ssh/id_ed25519) instead of copying it: build with docker build --secret id=id_ed25519,src=id_ed25519 (Compose: build.secrets)',
          ],
          fixed: [
            dedent`
              FROM alpine:3.20 AS build
              RUN --mount=type=secret,id=id_ed25519,target=/root/.ssh/id_ed25519 ssh-keyscan github.com >> /root/.ssh/known_hosts && \\
                  git clone git@github.com:acme/lib.git /lib
              FROM alpine:3.20
              COPY --from=build /lib /lib
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'an SSH key a RUN names by its path: mounted as a file there',
      code: dedent`
        FROM alpine:3.20
        COPY id_rsa /root/.ssh/
        RUN GIT_SSH_COMMAND="ssh -i /root/.ssh/id_rsa" git clone git@github.com:acme/lib.git
        USER 65532
      `,
      findings: [
        {
          range: '2:6-2:12',
          messageId: 'copied',
          preferred: 0,
          titles: [
            'Mount id_rsa for the RUN after it as a build secret (--mount=type=secret,id=id_rsa,target=/root/.ssh/id_rsa) instead of copying it: build with docker build --secret id=id_rsa,src=id_rsa (Compose: build.secrets)',
          ],
          fixed: [
            dedent`
              FROM alpine:3.20
              RUN --mount=type=secret,id=id_rsa,target=/root/.ssh/id_rsa GIT_SSH_COMMAND="ssh -i /root/.ssh/id_rsa" git clone git@github.com:acme/lib.git
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'multi-stage: the RUNs of a stage built FROM this one see the file too',
      code: dedent`
        FROM python:3.12-slim AS base
        COPY .netrc /root/.netrc
        FROM base AS deps
        RUN pip install --no-cache-dir -r requirements.txt
        FROM python:3.12-slim
        COPY --from=deps /usr/local /usr/local
        USER 65532
      `,
      findings: [
        {
          range: '2:6-2:12',
          messageId: 'copied',
          preferred: 0,
          titles: [
            'Mount .netrc for the RUN after it as a build secret (--mount=type=secret,id=netrc,target=/root/.netrc) instead of copying it: build with docker build --secret id=netrc,src=.netrc (Compose: build.secrets)',
          ],
          fixed: [
            dedent`
              FROM python:3.12-slim AS base
              FROM base AS deps
              RUN --mount=type=secret,id=netrc,target=/root/.netrc pip install --no-cache-dir -r requirements.txt
              FROM python:3.12-slim
              COPY --from=deps /usr/local /usr/local
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'a .env file: mounted for the build, not preferred, the title says the container no longer has it',
      code: dedent`
        FROM node:20-slim
        WORKDIR /app
        COPY .env ./
        RUN npm run build
        CMD ["node", "server.js"]
      `,
      findings: [
        {
          range: '3:6-3:10',
          messageId: 'copied',
          preferred: null,
          titles: [
            'Mount .env for the RUN after it as a build secret (--mount=type=secret,id=env,target=/app/.env) instead of copying it: build with docker build --secret id=env,src=.env (Compose: build.secrets); the running container no longer has it: if the application reads it, give it at run time',
          ],
          fixed: [
            dedent`
              FROM node:20-slim
              WORKDIR /app
              RUN --mount=type=secret,id=env,target=/app/.env npm run build
              CMD ["node", "server.js"]
            `,
          ],
        },
      ],
    },
    {
      name: 'no RUN after it: removing it is offered, not preferred',
      code: dedent`
        FROM alpine:3.20
        COPY .docker/config.json /root/.docker/config.json
        USER 65532
        CMD ["./app"]
      `,
      findings: [
        {
          range: '2:6-2:25',
          messageId: 'copied',
          preferred: null,
          titles: [
            'Remove .docker/config.json from the COPY: no later RUN reads it; if the running container needs it, give it at run time',
          ],
          fixed: [
            dedent`
              FROM alpine:3.20
              USER 65532
              CMD ["./app"]
            `,
          ],
        },
      ],
    },
    {
      name: 'a destination that may be a file or a directory: no fix',
      code: dedent`
        FROM alpine:3.20
        COPY .git-credentials /etc/git
        RUN git clone https://github.com/acme/lib.git
        USER 65532
      `,
      findings: [
        {
          range: '2:6-2:22',
          messageId: 'copied',
          preferred: null,
          titles: [],
          fixed: [],
        },
      ],
    },
    {
      name: 'a relative destination and no WORKDIR: the target stays relative, read against the same directory',
      code: 'FROM alpine:3.20\r\nCOPY .netrc .\r\nRUN curl --netrc-file .netrc -O https://example.com/tool.tgz\r\nUSER 65532\r\n',
      findings: [
        {
          range: '2:6-2:12',
          messageId: 'copied',
          preferred: 0,
          titles: [
            'Mount .netrc for the RUN after it as a build secret (--mount=type=secret,id=netrc,target=.netrc) instead of copying it: build with docker build --secret id=netrc,src=.netrc (Compose: build.secrets)',
          ],
          fixed: [
            'FROM alpine:3.20\r\nRUN --mount=type=secret,id=netrc,target=.netrc curl --netrc-file .netrc -O https://example.com/tool.tgz\r\nUSER 65532\r\n',
          ],
        },
      ],
    },
    {
      name: 'exec form whose other source has a space: the JSON strings are the sources',
      code: dedent`
        FROM alpine:3.20
        COPY [".netrc", "release notes.txt", "/opt/"]
        RUN ./fetch.sh
        USER 65532
      `,
      findings: [
        {
          range: '2:8-2:14',
          messageId: 'copied',
          preferred: 0,
          titles: [
            'Mount .netrc for the RUN after it as a build secret (--mount=type=secret,id=netrc,target=/opt/.netrc) instead of copying it: build with docker build --secret id=netrc,src=.netrc (Compose: build.secrets)',
          ],
          fixed: [
            dedent`
              FROM alpine:3.20
              COPY ["release notes.txt", "/opt/"]
              RUN --mount=type=secret,id=netrc,target=/opt/.netrc ./fetch.sh
              USER 65532
            `,
          ],
        },
      ],
    },
    {
      name: 'a target a mount option cannot hold (a space): no fix',
      code: dedent`
        FROM alpine:3.20
        COPY [".netrc", "/opt/my app/"]
        RUN ./fetch.sh
        USER 65532
      `,
      findings: [
        {
          range: '2:8-2:14',
          messageId: 'copied',
          preferred: null,
          titles: [],
          fixed: [],
        },
      ],
    },
  ],
});

describe('dockerfile-edits: what the build-secret fixes add to the fixer API', () => {
  const model = (text: string): DockerfileModel => buildDockerfileModel(text);
  const instruction = (m: DockerfileModel, keyword: string): DockerInstruction =>
    m.instructions.find((i) => i.keyword === keyword)!;
  const apply = (text: string, edits: (m: DockerfileModel) => TextEdit[] | null): string | null => {
    const m = model(text);
    const made = edits(m);
    return made === null ? null : applyEdits(text, made);
  };
  const removing = (name: string) => (m: DockerfileModel) => {
    const env = instruction(m, 'ENV');
    return removeProperty(
      m,
      env,
      propertiesOf(env.node).findIndex((p) => p.getName() === name),
    );
  };

  it('removeProperty: the first, a middle and the last of several, across continuations', () => {
    const text = 'FROM a\nENV A=1 \\\n    B="x y" \\\n    C=3\n';
    assert.strictEqual(apply(text, removing('A')), 'FROM a\nENV B="x y" \\\n    C=3\n');
    assert.strictEqual(apply(text, removing('B')), 'FROM a\nENV A=1 \\\n    C=3\n');
    assert.strictEqual(apply(text, removing('C')), 'FROM a\nENV A=1 \\\n    B="x y"\n');
  });

  it('removeProperty: the only one takes the instruction, legacy `ENV NAME value` form included', () => {
    assert.strictEqual(apply('FROM a\nENV KEY some value\nUSER 1\n', removing('KEY')), 'FROM a\nUSER 1\n');
  });

  it('removeSource: a shell-form word, an exec-form element with one comma', () => {
    const source = (index: number) => (m: DockerfileModel) => removeSource(m, instruction(m, 'COPY'), index);
    assert.strictEqual(apply('FROM a\nCOPY --chown=1 a b /d/\n', source(0)), 'FROM a\nCOPY --chown=1 b /d/\n');
    assert.strictEqual(apply('FROM a\nCOPY a \\\n  b /d/\n', source(1)), 'FROM a\nCOPY a \\\n /d/\n');
    assert.strictEqual(apply('FROM a\nCOPY ["a", "b", "/d/"]\n', source(0)), 'FROM a\nCOPY ["b", "/d/"]\n');
    assert.strictEqual(apply('FROM a\nCOPY ["a", "b", "/d/"]\n', source(1)), 'FROM a\nCOPY ["a", "/d/"]\n');
  });

  it('removeSource: two removals from one COPY overlap, so fix-all never applies both at once', () => {
    const m = model('FROM a\nCOPY a b /d/\n');
    const [first] = removeSource(m, instruction(m, 'COPY'), 0);
    const [second] = removeSource(m, instruction(m, 'COPY'), 1);
    const offsets = (e: TextEdit): [number, number] => [m.lines.offsetAt(e.range.start), m.lines.offsetAt(e.range.end)];
    const [[s1, e1], [s2, e2]] = [offsets(first), offsets(second)];
    assert.ok(s1 < e2 && s2 < e1, 'the two edits share characters');
  });

  it('parser directives: only the lines the file starts with; a new one goes first, after a byte order mark', () => {
    assert.deepStrictEqual(
      [...parserDirectives(model('# syntax = docker/dockerfile:1.4\n#escape=`\nFROM a\n'))],
      [
        ['syntax', 'docker/dockerfile:1.4'],
        ['escape', '`'],
      ],
    );
    assert.deepStrictEqual([...parserDirectives(model('# a comment\n# syntax=docker/dockerfile:1\nFROM a\n'))], []);
    const directive = (m: DockerfileModel) => insertParserDirective(m, 'syntax', 'docker/dockerfile:1');
    assert.strictEqual(
      apply('\ufeff# escape=`\r\nFROM a\r\n', directive),
      '\ufeff# syntax=docker/dockerfile:1\r\n# escape=`\r\nFROM a\r\n',
    );
    assert.strictEqual(
      apply('# syntax=docker/dockerfile:1.7\nFROM a\n', directive),
      '# syntax=docker/dockerfile:1.7\nFROM a\n',
    );
  });

  it('prefixCommand: before the command, after the flags; first line of a heredoc script; not in exec form', () => {
    const prefix = (m: DockerfileModel) => prefixCommand(m, instruction(m, 'RUN'), 'export A=1');
    assert.strictEqual(
      apply('FROM a\nRUN --mount=type=cache,target=/c make\n', prefix),
      'FROM a\nRUN --mount=type=cache,target=/c export A=1 && make\n',
    );
    assert.strictEqual(
      apply('FROM a\nRUN python3 <<EOF\nprint(1)\nEOF\n', prefix),
      'FROM a\nRUN export A=1 && python3 <<EOF\nprint(1)\nEOF\n',
    );
    assert.strictEqual(
      apply('FROM a\r\nRUN <<EOF\r\nmake\r\nEOF\r\n', prefix),
      'FROM a\r\nRUN <<EOF\r\nexport A=1\r\nmake\r\nEOF\r\n',
    );
    assert.strictEqual(
      apply('FROM a\nRUN <<EOF\n#!/bin/bash\nmake\nEOF\n', prefix),
      'FROM a\nRUN <<EOF\n#!/bin/bash\nexport A=1\nmake\nEOF\n',
    );
    assert.strictEqual(apply('FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n', prefix), null);
    assert.strictEqual(apply('FROM a\nRUN ["make"]\n', prefix), null);
  });
});
