#!/usr/bin/env node
// npm run stress -- [--timeout SECONDS] [--only SUBSTRING] [--scale FACTOR] [--runs N] [--core CHECKOUT]
//
// Core analysis time (analyze() from out/, as the CLI runs it) for inputs
// built to find super-linear behaviour: very long RUN / EXPOSE / ENV / FROM
// lines of many shapes, long comments and suppression comments, huge Compose
// values and lists, and long or cyclic reference chains (extends,
// network_mode/pid/ipc: service:x, depends_on, volumes_from, FROM <stage>).
//
// Each input is analysed in a child process (so a hang is cut off at the
// timeout, default 20 s; up to --runs runs, default 3) at its full size and at half size; "growth" is
// log2(time(full) / time(half)): about 1 for linear work, 2 for quadratic.
// Times of a few milliseconds make the growth figure noisy. --core measures
// another checkout's compiled core (its out/), e.g. to compare with main.
'use strict';
const { optionReader } = require('./script-options');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = optionReader(args);

const DF = 'FROM alpine:3.20\n';
const repeat = (unit, n) => unit.repeat(Math.max(1, Math.round(n)));
const list = (n, item) => Array.from({ length: Math.max(1, Math.round(n)) }, (_, i) => item(i));

/** name -> [kind, build(n)] where n scales the size; the full size is n = 1. */
const INPUTS = {
  // --- Dockerfile RUN lines (about 200,000 characters unless named otherwise)
  'run: one long word': ['dockerfile', (n) => `${DF}RUN ${repeat('a', 200000 * n)}\n`],
  'run: many short words': ['dockerfile', (n) => `${DF}RUN apt-get install ${repeat('ab ', 66000 * n)}\n`],
  'run: many pipes': ['dockerfile', (n) => `${DF}RUN ${repeat('a | ', 50000 * n)}sh\n`],
  'run: many &&': ['dockerfile', (n) => `${DF}RUN ${repeat('a && ', 40000 * n)}true\n`],
  'run: many ; and ||': ['dockerfile', (n) => `${DF}RUN ${repeat('a; b || ', 25000 * n)}true\n`],
  'run: sudo chain': ['dockerfile', (n) => `${DF}RUN ${repeat('sudo ', 40000 * n)}apt-get install x\n`],
  'run: env assignments': ['dockerfile', (n) => `${DF}RUN ${repeat('A=b ', 50000 * n)}curl x\n`],
  'run: option cluster': ['dockerfile', (n) => `${DF}RUN curl -${repeat('s', 200000 * n)} x\n`],
  'run: many options': ['dockerfile', (n) => `${DF}RUN curl ${repeat('-k ', 66000 * n)}x\n`],
  'run: long double-quoted string': ['dockerfile', (n) => `${DF}RUN echo "${repeat('x ', 100000 * n)}"\n`],
  'run: unterminated double quote': ['dockerfile', (n) => `${DF}RUN echo "${repeat('x ', 100000 * n)}\n`],
  'run: unterminated single quote': ['dockerfile', (n) => `${DF}RUN echo '${repeat('x ', 100000 * n)}\n`],
  'run: many double quotes': ['dockerfile', (n) => `${DF}RUN echo ${repeat('"', 200000 * n)}x\n`],
  'run: many single quotes': ['dockerfile', (n) => `${DF}RUN echo ${repeat("'", 200000 * n)}x\n`],
  'run: many backticks': ['dockerfile', (n) => `${DF}RUN echo ${repeat('`', 200000 * n)}x\n`],
  'run: escaped quotes': ['dockerfile', (n) => `${DF}RUN echo "${repeat('\\"', 100000 * n)}\n`],
  'run: nested $(': ['dockerfile', (n) => `${DF}RUN echo ${repeat('$(', 50000 * n)}${repeat(')', 50000 * n)}\n`],
  'run: unclosed $(': ['dockerfile', (n) => `${DF}RUN echo ${repeat('$( a ', 40000 * n)}\n`],
  'run: many $( )': ['dockerfile', (n) => `${DF}RUN echo ${repeat('$(a) ', 40000 * n)}\n`],
  'run: process substitutions': ['dockerfile', (n) => `${DF}RUN cat ${repeat('<(a ', 40000 * n)}\n`],
  'run: many ${VAR}': ['dockerfile', (n) => `${DF}ARG A=1\nRUN echo ${repeat('${A}', 50000 * n)}\n`],
  'run: many $': ['dockerfile', (n) => `${DF}RUN echo ${repeat('$', 200000 * n)}\n`],
  'run: many braces': ['dockerfile', (n) => `${DF}RUN ${repeat('{ ', 100000 * n)}\n`],
  'run: many backslashes': ['dockerfile', (n) => `${DF}RUN echo ${repeat('\\\\', 100000 * n)}\n`],
  'run: continuations x 5,000': [
    'dockerfile',
    (n) => `${DF}RUN ${repeat('apt-get install -y curl \\\n', 5000 * n)}true\n`,
  ],
  'run: continuations with comments': [
    'dockerfile',
    (n) => `${DF}RUN a \\\n${repeat('# note\n  b \\\n', 5000 * n)}true\n`,
  ],
  'run: continuation line with a long run of blanks': [
    'dockerfile',
    (n) => `${DF}RUN a${repeat(' ', 100000 * n)}b \\\n  c\n`,
  ],
  'copy: source with a long run of slashes': ['dockerfile', (n) => `${DF}COPY ${repeat('/', 100000 * n)}x /app/\n`],
  'run: blank continuations': ['dockerfile', (n) => `${DF}RUN a ${repeat('\\\n', 20000 * n)}b\n`],
  'run: long url': ['dockerfile', (n) => `${DF}RUN curl https://example.com/${repeat('a/', 100000 * n)} | sh\n`],
  'run: long url with query': [
    'dockerfile',
    (n) => `${DF}RUN curl "https://example.com/x?${repeat('a=b&', 50000 * n)}" | sh\n`,
  ],
  'run: many urls': ['dockerfile', (n) => `${DF}RUN wget ${repeat('http://a.b/c ', 15000 * n)}\n`],
  'run: long --mount flag': [
    'dockerfile',
    (n) => `${DF}RUN --mount=type=cache,target=/${repeat('a', 200000 * n)} true\n`,
  ],
  'run: many mount options': ['dockerfile', (n) => `${DF}RUN --mount=type=secret${repeat(',id=x', 40000 * n)} true\n`],
  'run: many --mount flags': [
    'dockerfile',
    (n) => `${DF}RUN ${repeat('--mount=type=cache,target=/a ', 7000 * n)}true\n`,
  ],
  'run: heredoc': ['dockerfile', (n) => `${DF}RUN <<EOF\n${repeat('apt-get install -y x\n', 10000 * n)}EOF\n`],
  'run: unterminated heredoc': ['dockerfile', (n) => `${DF}RUN <<EOF\n${repeat('echo a\n', 30000 * n)}`],
  'run: many heredoc markers': ['dockerfile', (n) => `${DF}RUN cat ${repeat('<<A ', 40000 * n)}\n`],
  'run: exec form': ['dockerfile', (n) => `${DF}RUN ["sh", "-c", "${repeat('a && ', 40000 * n)}"]\n`],
  'run: exec form many strings': ['dockerfile', (n) => `${DF}RUN [${repeat('"a", ', 40000 * n)}"b"]\n`],
  'run: exec form escaped quotes': ['dockerfile', (n) => `${DF}RUN ["${repeat('\\"', 100000 * n)}\n`],
  'run: exec form unterminated': ['dockerfile', (n) => `${DF}RUN [${repeat('"a ', 60000 * n)}\n`],
  'run: many sk- prefixes': ['dockerfile', (n) => `${DF}RUN echo ${repeat('sk-', 66000 * n)}\n`],
  'run: many xoxb- prefixes': ['dockerfile', (n) => `${DF}RUN echo ${repeat('xoxb-', 40000 * n)}\n`],
  'run: many glpat- prefixes': ['dockerfile', (n) => `${DF}RUN echo ${repeat('glpat-', 33000 * n)}\n`],
  'run: many eyJ- prefixes': ['dockerfile', (n) => `${DF}RUN echo ${repeat('eyJ-', 50000 * n)}\n`],
  'run: dotted host name': ['dockerfile', (n) => `${DF}RUN echo ${repeat('a.', 100000 * n)}\n`],
  'run: dashed word': ['dockerfile', (n) => `${DF}RUN echo ${repeat('a-', 100000 * n)}\n`],
  'run: url with many colons': ['dockerfile', (n) => `${DF}RUN echo http://u:${repeat(':', 200000 * n)}\n`],
  'run: authorization header with blanks': [
    'dockerfile',
    (n) => `${DF}RUN curl -H "Authorization:${repeat(' ', 200000 * n)}"\n`,
  ],
  'run: chmod long mode': ['dockerfile', (n) => `${DF}RUN chmod ${repeat('o', 200000 * n)} /a\n`],
  'run: rm with many options': [
    'dockerfile',
    (n) => `${DF}RUN apt-get install -y x && rm ${repeat('-f ', 66000 * n)}\n`,
  ],
  'run: many rm in a heredoc': [
    'dockerfile',
    (n) => `${DF}RUN <<EOF\napt-get install -y x\n${repeat('rm x\n', 40000 * n)}EOF\n`,
  ],
  'run: many dashes': ['dockerfile', (n) => `${DF}RUN yum install x ${repeat('-', 200000 * n)}\n`],
  'run: curl chain without sink': ['dockerfile', (n) => `${DF}RUN ${repeat('curl x | ', 20000 * n)}cat\n`],
  'run: many --password options': ['dockerfile', (n) => `${DF}RUN wget ${repeat('--password=abcdef ', 10000 * n)}\n`],
  'run: assignments then secrets': [
    'dockerfile',
    (n) => `${DF}RUN ${repeat('A=1 ', 20000 * n)}env ${repeat('PASSWORD=abcdef ', 8000 * n)}\n`,
  ],
  'env: PIP_NO_CACHE_DIR with blanks': [
    'dockerfile',
    (n) => `${DF}ENV PIP_NO_CACHE_DIR${repeat(' ', 200000 * n)}x\nRUN pip install x\n`,
  ],
  'run: secret-like token': ['dockerfile', (n) => `${DF}RUN echo ${repeat('aB3', 66000 * n)}\n`],
  'run: password assignments': ['dockerfile', (n) => `${DF}RUN ${repeat('PASSWORD=x ', 18000 * n)}true\n`],
  'run: long password value': ['dockerfile', (n) => `${DF}RUN export PASSWORD=${repeat('x', 200000 * n)}\n`],
  'run: tls options': ['dockerfile', (n) => `${DF}RUN ${repeat('git -c http.sslVerify=false ', 7000 * n)}\n`],
  'run: package installs': ['dockerfile', (n) => `${DF}RUN ${repeat('apt-get install -y a && ', 8000 * n)}true\n`],
  'run: apk add': ['dockerfile', (n) => `${DF}RUN apk add ${repeat('--allow-untrusted ', 10000 * n)}x\n`],
  'run: many [ in an apt source': [
    'dockerfile',
    (n) => `${DF}RUN echo "deb ${repeat('[', 200000 * n)} x" > /etc/apt/sources.list\n`,
  ],
  'run: chmod setuid': ['dockerfile', (n) => `${DF}RUN ${repeat('chmod u+s /a && ', 12000 * n)}true\n`],
  'run: one git command, many insecure options': [
    'dockerfile',
    (n) => `${DF}RUN git ${repeat('-c http.sslVerify=false ', 7000 * n)}clone x\n`,
  ],
  'run: many lines of words': [
    'dockerfile',
    (n) => `${DF}${repeat('RUN apt-get install curl && curl x | sh\n', 5000 * n)}`,
  ],
  'healthcheck: long': ['dockerfile', (n) => `${DF}HEALTHCHECK --interval=5s CMD ${repeat('a && ', 40000 * n)}true\n`],
  'healthcheck: many CMD words': ['dockerfile', (n) => `${DF}HEALTHCHECK ${repeat('XCMD ', 40000 * n)}\n`],
  'cmd: long exec form': ['dockerfile', (n) => `${DF}CMD [${repeat('"a", ', 40000 * n)}"b"]\n`],
  // --- EXPOSE
  'expose: one 50,000-digit port': ['dockerfile', (n) => `${DF}EXPOSE ${repeat('1', 50000 * n)}\n`],
  'expose: 10,000 ports': ['dockerfile', (n) => `${DF}EXPOSE ${list(10000 * n, (i) => String(i + 1)).join(' ')}\n`],
  'expose: 10,000 ports with protocol': [
    'dockerfile',
    (n) => `${DF}EXPOSE ${list(10000 * n, (i) => `${i + 1}/tcp`).join(' ')}\n`,
  ],
  'expose: long range': ['dockerfile', (n) => `${DF}EXPOSE ${repeat('2', 25000 * n)}-${repeat('3', 25000 * n)}\n`],
  'expose: many dashes': ['dockerfile', (n) => `${DF}EXPOSE 1${repeat('-1', 25000 * n)}\n`],
  'expose: many slashes': ['dockerfile', (n) => `${DF}EXPOSE 22${repeat('/', 50000 * n)}\n`],
  'expose: variables': ['dockerfile', (n) => `${DF}ARG P=22\nEXPOSE ${repeat('${P} ', 10000 * n)}\n`],
  'expose: ssh ports': ['dockerfile', (n) => `${DF}EXPOSE ${repeat('22 ', 15000 * n)}\n`],
  'expose: letters': ['dockerfile', (n) => `${DF}EXPOSE ${repeat('a', 50000 * n)}\n`],
  // --- ENV / ARG / LABEL / USER / WORKDIR / COPY / ADD
  'env: huge value': ['dockerfile', (n) => `${DF}ENV A=${repeat('x', 200000 * n)}\n`],
  'env: huge secret value': ['dockerfile', (n) => `${DF}ENV API_KEY=${repeat('x', 200000 * n)}\n`],
  'env: huge name': ['dockerfile', (n) => `${DF}ENV ${repeat('A', 200000 * n)}=x\n`],
  'env: huge secret-like name': ['dockerfile', (n) => `${DF}ENV ${repeat('PASSWORD_', 22000 * n)}=x\n`],
  'env: many pairs': ['dockerfile', (n) => `${DF}ENV ${repeat('A=b ', 50000 * n)}\n`],
  'env: many secret pairs': ['dockerfile', (n) => `${DF}ENV ${repeat('TOKEN=b ', 25000 * n)}\n`],
  'env: legacy form': ['dockerfile', (n) => `${DF}ENV A ${repeat('b ', 100000 * n)}\n`],
  'env: many variables': ['dockerfile', (n) => `${DF}ENV A=1\nENV B=${repeat('$A', 100000 * n)}\n`],
  'env: unclosed ${': ['dockerfile', (n) => `${DF}ENV B=${repeat('${', 100000 * n)}\n`],
  'env: nested ${:-': ['dockerfile', (n) => `${DF}ENV B=${repeat('${A:-', 40000 * n)}${repeat('}', 40000 * n)}\n`],
  'env: many lines': [
    'dockerfile',
    (n) => `${DF}${list(5000 * n, (i) => `ENV V${i}=$V${i > 0 ? i - 1 : 0}x`).join('\n')}\nUSER $V1\n`,
  ],
  'arg: huge default': ['dockerfile', (n) => `ARG A=${repeat('x', 200000 * n)}\n${DF}`],
  'arg: many': ['dockerfile', (n) => `${list(5000 * n, (i) => `ARG A${i}=x`).join('\n')}\n${DF}`],
  'label: huge': ['dockerfile', (n) => `${DF}LABEL a="${repeat('x', 200000 * n)}"\n`],
  'label: many pairs': ['dockerfile', (n) => `${DF}LABEL ${repeat('a=b ', 50000 * n)}\n`],
  'user: huge': ['dockerfile', (n) => `${DF}USER ${repeat('a', 200000 * n)}\n`],
  'user: root with huge group': ['dockerfile', (n) => `${DF}USER root:${repeat('a', 200000 * n)}\n`],
  'workdir: huge': ['dockerfile', (n) => `${DF}WORKDIR /${repeat('a/', 100000 * n)}\n`],
  'copy: many sources': ['dockerfile', (n) => `${DF}COPY ${repeat('.env ', 40000 * n)}/app/\n`],
  'copy: huge path': ['dockerfile', (n) => `${DF}COPY ${repeat('a/', 100000 * n)}id_rsa /app/\n`],
  'add: huge url': ['dockerfile', (n) => `${DF}ADD https://example.com/${repeat('a/', 100000 * n)}x.tar.gz /\n`],
  'add: many urls': ['dockerfile', (n) => `${DF}ADD ${repeat('http://a/b ', 20000 * n)}/\n`],
  'copy: huge --from': ['dockerfile', (n) => `${DF}COPY --from=${repeat('a', 200000 * n)} /a /b\n`],
  'copy: huge --chmod': ['dockerfile', (n) => `${DF}COPY --chmod=${repeat('7', 200000 * n)} a /b\n`],
  // --- FROM
  'from: huge image ref': ['dockerfile', (n) => `FROM ${repeat('a/', 100000 * n)}b:latest\n`],
  'from: many colons': ['dockerfile', (n) => `FROM ${repeat('a:', 100000 * n)}b\n`],
  'from: many @': ['dockerfile', (n) => `FROM a${repeat('@', 200000 * n)}\n`],
  'from: huge tag': ['dockerfile', (n) => `FROM node:${repeat('1', 200000 * n)}\n`],
  'from: huge registry': ['dockerfile', (n) => `FROM ${repeat('a.', 100000 * n)}io/b:1\n`],
  'from: huge variable': ['dockerfile', (n) => `ARG I=alpine\nFROM ${repeat('${I}', 50000 * n)}\n`],
  'from: huge platform flag': ['dockerfile', (n) => `FROM --platform=${repeat('a', 200000 * n)} alpine\n`],
  'from: many stages': ['dockerfile', (n) => list(5000 * n, (i) => `FROM alpine:3.20 AS s${i}\nRUN true\n`).join('')],
  // --- comments and suppressions
  'comment: long': ['dockerfile', (n) => `# ${repeat('x', 200000 * n)}\n${DF}`],
  'comment: long, with directive-like text': ['dockerfile', (n) => `# ${repeat('docker-harden ', 15000 * n)}\n${DF}`],
  'comment: many # and spaces': ['dockerfile', (n) => `${DF}# ${repeat('# ', 100000 * n)}\n`],
  'suppression: 100,000 chars of ids': [
    'dockerfile',
    (n) => `# docker-harden-ignore ${repeat('root-user, ', 9000 * n)}\n${DF}`,
  ],
  'suppression: 100,000 chars of reason': [
    'dockerfile',
    (n) => `# docker-harden-ignore root-user -- ${repeat('x', 100000 * n)}\n${DF}`,
  ],
  'suppression: many separators': ['dockerfile', (n) => `# docker-harden-ignore ${repeat(', ', 50000 * n)}\n${DF}`],
  'suppression: many spaces': ['dockerfile', (n) => `#${repeat(' ', 100000 * n)}docker-harden-ignore x\n${DF}`],
  'suppression: many colons': ['dockerfile', (n) => `# docker-harden-ignore${repeat(':', 100000 * n)}\n${DF}`],
  'suppression: many directives on a line': [
    'dockerfile',
    (n) => `${DF}#${repeat(' docker-harden-ignore', 5000 * n)}\n`,
  ],
  'suppression: 5,000 stacked comments': [
    'dockerfile',
    (n) => `${DF}${repeat('# docker-harden-ignore root-user\n', 5000 * n)}RUN true\n`,
  ],
  'compose: 5,000 stacked suppressions': [
    'compose',
    (n) =>
      `${repeat('# docker-harden-ignore compose-privileged\n', 5000 * n)}services:\n${list(2000, (i) => `  s${i}:\n    image: a:1\n`).join('')}`,
  ],
  'suppression: many lines': [
    'dockerfile',
    (n) => `${DF}${repeat('# docker-harden-ignore root-user\nRUN true\n', 5000 * n)}`,
  ],
  'parser directive: long': ['dockerfile', (n) => `# escape=${repeat('x', 200000 * n)}\n${DF}`],
  'parser directive: long syntax': ['dockerfile', (n) => `# syntax=${repeat('x', 200000 * n)}\n${DF}`],
  // --- Dockerfile stage chains
  'stages: FROM previous-stage x 5,000': [
    'dockerfile',
    (n) =>
      `FROM alpine:3.20 AS s0\n${list(5000 * n, (i) => `FROM s${i} AS s${i + 1}\nUSER u${i}\nENV A${i}=1\n`).join('')}`,
  ],
  'stages: FROM previous-stage with variables x 5,000': [
    'dockerfile',
    (n) =>
      `FROM alpine:3.20 AS s0\n${list(5000 * n, (i) => `FROM s${i} AS s${i + 1}\nENV U${i}=u${i}\nUSER $U${i}\nEXPOSE $P\n`).join('')}`,
  ],
  'stages: COPY --from chain x 5,000': [
    'dockerfile',
    (n) =>
      `FROM alpine:3.20 AS s0\n${list(5000 * n, (i) => `FROM alpine:3.20 AS s${i + 1}\nCOPY --from=s${i} /a /a\n`).join('')}`,
  ],
  // --- Compose values
  'compose: huge port string': [
    'compose',
    (n) => `services:\n  a:\n    image: a:1\n    ports:\n      - "${repeat('1', 50000 * n)}"\n`,
  ],
  'compose: huge port with colons': [
    'compose',
    (n) => `services:\n  a:\n    image: a:1\n    ports:\n      - "${repeat('1:', 50000 * n)}"\n`,
  ],
  'compose: huge port with dots': [
    'compose',
    (n) => `services:\n  a:\n    image: a:1\n    ports:\n      - "${repeat('1.', 50000 * n)}:22"\n`,
  ],
  'compose: huge port range': [
    'compose',
    (n) =>
      `services:\n  a:\n    image: a:1\n    ports:\n      - "${repeat('1', 25000 * n)}-${repeat('2', 25000 * n)}:22/tcp"\n`,
  ],
  'compose: ipv6 port': [
    'compose',
    (n) => `services:\n  a:\n    image: a:1\n    ports:\n      - "[${repeat(':', 50000 * n)}]:22:22"\n`,
  ],
  'compose: 10,000 ports': [
    'compose',
    (n) => `services:\n  a:\n    image: a:1\n    ports:\n${list(10000 * n, (i) => `      - "${i}:${i}"`).join('\n')}\n`,
  ],
  'compose: huge environment value': [
    'compose',
    (n) => `services:\n  a:\n    image: a:1\n    environment:\n      PASSWORD: "${repeat('x', 200000 * n)}"\n`,
  ],
  'compose: huge environment list item': [
    'compose',
    (n) => `services:\n  a:\n    image: a:1\n    environment:\n      - A=${repeat('=', 200000 * n)}\n`,
  ],
  'compose: huge environment key': [
    'compose',
    (n) => `services:\n  a:\n    image: a:1\n    environment:\n      ${repeat('SECRET_', 28000 * n)}: x\n`,
  ],
  'compose: 10,000 environment entries': [
    'compose',
    (n) =>
      `services:\n  a:\n    image: a:1\n    environment:\n${list(10000 * n, (i) => `      - TOKEN_${i}=abcdef${i}`).join('\n')}\n`,
  ],
  'compose: deeply nested interpolation': [
    'compose',
    (n) =>
      `services:\n  a:\n    image: a:1\n    environment:\n      A: "${repeat('${B:-', 60000 * n)}x${repeat('}', 60000 * n)}"\n`,
  ],
  'compose: huge interpolation': [
    'compose',
    (n) =>
      `services:\n  a:\n    image: a:1\n    environment:\n      A: "${repeat('${B:-', 30000 * n)}${repeat('}', 30000 * n)}"\n`,
  ],
  'compose: many $ in value': [
    'compose',
    (n) => `services:\n  a:\n    image: a:1\n    environment:\n      A: "${repeat('$', 200000 * n)}"\n`,
  ],
  'compose: long image ref': ['compose', (n) => `services:\n  a:\n    image: ${repeat('a/', 100000 * n)}b:latest\n`],
  'compose: image with many colons': ['compose', (n) => `services:\n  a:\n    image: "${repeat('a:', 100000 * n)}"\n`],
  'compose: huge key': ['compose', (n) => `services:\n  ${repeat('a', 200000 * n)}:\n    image: a:1\n`],
  'compose: huge top-level key': ['compose', (n) => `${repeat('x', 200000 * n)}: 1\nservices:\n  a:\n    image: a:1\n`],
  'compose: 10,000 volumes': [
    'compose',
    (n) =>
      `services:\n  a:\n    image: a:1\n    volumes:\n${list(10000 * n, (i) => `      - /v${i}:/v${i}:ro`).join('\n')}\n`,
  ],
  'compose: huge volume string': [
    'compose',
    (n) => `services:\n  a:\n    image: a:1\n    volumes:\n      - "${repeat('/a', 100000 * n)}:/b"\n`,
  ],
  'compose: volume source with a long run of slashes': [
    'compose',
    (n) => `services:\n  a:\n    image: a:1\n    volumes:\n      - "${repeat('/', 100000 * n)}x:/b"\n`,
  ],
  'compose: volume with many colons': [
    'compose',
    (n) => `services:\n  a:\n    image: a:1\n    volumes:\n      - "${repeat('/:', 100000 * n)}"\n`,
  ],
  'compose: 10,000 cap_add': [
    'compose',
    (n) => `services:\n  a:\n    image: a:1\n    cap_add:\n${list(10000 * n, (i) => `      - CAP_${i}`).join('\n')}\n`,
  ],
  'compose: 10,000 devices': [
    'compose',
    (n) =>
      `services:\n  a:\n    image: a:1\n    devices:\n${list(10000 * n, (i) => `      - /dev/d${i}:/dev/d${i}`).join('\n')}\n`,
  ],
  'compose: 10,000 sysctls': [
    'compose',
    (n) =>
      `services:\n  a:\n    image: a:1\n    sysctls:\n${list(10000 * n, (i) => `      - kernel.x${i}=1`).join('\n')}\n`,
  ],
  'compose: 10,000 security_opt': [
    'compose',
    (n) =>
      `services:\n  a:\n    image: a:1\n    security_opt:\n${list(10000 * n, (i) => `      - label=x${i}`).join('\n')}\n`,
  ],
  'compose: huge command': [
    'compose',
    (n) => `services:\n  a:\n    image: a:1\n    command: "${repeat('a && ', 40000 * n)}"\n`,
  ],
  'compose: huge comment': ['compose', (n) => `# ${repeat('x', 200000 * n)}\nservices:\n  a:\n    image: a:1\n`],
  'compose: huge suppression': [
    'compose',
    (n) => `services:\n  a:\n    # docker-harden-ignore ${repeat('privileged, ', 8000 * n)}\n    image: a:1\n`,
  ],
  'compose: huge trailing suppression': [
    'compose',
    (n) => `services:\n  a:\n    image: a:1 # docker-harden-ignore ${repeat(' ', 100000 * n)}x\n`,
  ],
  'compose: 5,000 services merging one anchor': [
    'compose',
    (n) =>
      `x-common: &common\n  privileged: true\n  network_mode: host\nservices:\n${list(5000 * n, (i) => `  s${i}:\n    <<: *common\n    image: a:1\n`).join('')}`,
  ],
  'compose: 10,000 services': [
    'compose',
    (n) => `services:\n${list(10000 * n, (i) => `  s${i}:\n    image: a:1\n`).join('')}`,
  ],
  // --- Compose reference chains
  'compose: extends chain x 1,000': ['compose', (n) => extendsChain(1000 * n, false)],
  'compose: extends chain x 5,000': ['compose', (n) => extendsChain(5000 * n, false)],
  'compose: extends cycle x 5,000': ['compose', (n) => extendsChain(5000 * n, true)],
  'compose: extends fan-in x 5,000': [
    'compose',
    (n) => `services:\n  base:\n    image: a:1\n${list(5000 * n, (i) => `  s${i}:\n    extends: base\n`).join('')}`,
  ],
  'compose: network_mode chain x 5,000': ['compose', (n) => serviceChain(5000 * n, 'network_mode', false)],
  'compose: network_mode cycle x 5,000': ['compose', (n) => serviceChain(5000 * n, 'network_mode', true)],
  'compose: pid chain x 5,000': ['compose', (n) => serviceChain(5000 * n, 'pid', false)],
  'compose: ipc chain x 5,000': ['compose', (n) => serviceChain(5000 * n, 'ipc', false)],
  'compose: network_mode: host at chain end x 5,000': [
    'compose',
    (n) => serviceChain(5000 * n, 'network_mode', false, 'host'),
  ],
  'compose: depends_on chain x 5,000': ['compose', (n) => listChain(5000 * n, 'depends_on', false)],
  'compose: depends_on cycle x 5,000': ['compose', (n) => listChain(5000 * n, 'depends_on', true)],
  'compose: volumes_from chain x 5,000': ['compose', (n) => listChain(5000 * n, 'volumes_from', false)],
  'compose: volumes_from cycle x 5,000': ['compose', (n) => listChain(5000 * n, 'volumes_from', true)],
};

/** s0 extends s1 extends ... s(n-1), which has an image (or extends s0: a cycle). */
function extendsChain(n, cycle) {
  const count = Math.round(n);
  const services = list(count, (i) =>
    i === count - 1
      ? cycle
        ? `  s${i}:\n    extends: s0\n`
        : `  s${i}:\n    image: a:1\n    privileged: true\n`
      : `  s${i}:\n    extends:\n      service: s${i + 1}\n`,
  );
  return `services:\n${services.join('')}`;
}

/** s0 joins s1's namespace, s1 s2's ... the last joins `end` (or s0: a cycle). */
function serviceChain(n, key, cycle, end) {
  const count = Math.round(n);
  const services = list(count, (i) => {
    const target = i < count - 1 ? `service:s${i + 1}` : cycle ? 'service:s0' : end;
    return `  s${i}:\n    image: a:1\n${target ? `    ${key}: "${target}"\n` : ''}`;
  });
  return `services:\n${services.join('')}`;
}

function listChain(n, key, cycle) {
  const count = Math.round(n);
  const services = list(count, (i) => {
    const target = i < count - 1 ? `s${i + 1}` : cycle ? 's0' : null;
    return `  s${i}:\n    image: a:1\n${target ? `    ${key}:\n      - ${target}\n` : ''}`;
  });
  return `services:\n${services.join('')}`;
}

function runOne(name, scale, runs, core) {
  const { analyze } = require(path.join(core, 'out', 'server', 'src', 'core', 'analyze.js'));
  const [kind, build] = INPUTS[name];
  const text = build(scale);
  const documentPath = kind === 'dockerfile' ? '/stress/Dockerfile' : '/stress/compose.yaml';
  const times = [];
  let findings = 0;
  // Repeated for a steadier median, unless one run already takes seconds.
  for (let i = 0; i < runs && (i === 0 || times[0] < 1000); i++) {
    const t0 = process.hrtime.bigint();
    findings = analyze(text, { path: documentPath }).findings.length;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ chars: text.length, ms: times[Math.floor(times.length / 2)], findings }));
}

if (args[0] === '--run') {
  runOne(args[1], Number(args[2]), Number(args[3]), args[4]);
} else {
  const timeout = Number(option('--timeout', '20')) * 1000;
  const only = option('--only', '');
  const scale = Number(option('--scale', '1'));
  const runs = Number(option('--runs', '3'));
  const core = path.resolve(option('--core', root));
  const measure = (name, factor) => {
    const child = spawnSync(process.execPath, [__filename, '--run', name, String(factor), String(runs), core], {
      encoding: 'utf8',
      timeout,
    });
    if (child.error || child.status !== 0) {
      const why = child.error
        ? `over ${timeout / 1000} s`
        : child.stderr.split('\n').find((l) => /Error/.test(l)) || `exit ${child.status}`;
      return { failed: why.slice(0, 100) };
    }
    return JSON.parse(child.stdout);
  };
  console.log('input | chars | findings | core ms (median) | half-size ms | growth');
  for (const name of Object.keys(INPUTS)) {
    if (only && !name.includes(only)) continue;
    const full = measure(name, scale);
    if (full.failed) {
      console.log(`${name} | - | - | ${full.failed} | - | -`);
      continue;
    }
    const half = measure(name, scale / 2);
    const growth = half.ms > 0 && !half.failed ? Math.log2(full.ms / half.ms).toFixed(1) : '-';
    console.log(
      `${name} | ${full.chars} | ${full.findings} | ${full.ms.toFixed(1)} | ${half.failed ? '-' : half.ms.toFixed(1)} | ${growth}`,
    );
  }
}
