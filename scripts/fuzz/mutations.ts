/**
 * Fuzz inputs: corpus seeds mutated at the byte level (truncation, bit
 * flips, invalid UTF-8, NUL, BOM, line-end changes, line duplication and
 * deletion, splices of other seeds, tokens that open constructs and never
 * close them), and generators of hostile documents (deep nesting, very long
 * lines and continuation chains, alias and merge-key bombs, huge Compose
 * projects, `extends` and `service:` chains and cycles, unterminated heredocs
 * and interpolations). Each input records the mutations it went through, so
 * a saved failure says how it was made.
 */
import { Random } from './random';

export type SeedKind = 'dockerfile' | 'compose';

export interface Seed {
  /** Where the seed came from (for the failure records). */
  origin: string;
  kind: SeedKind;
  bytes: Buffer;
}

/** What both drivers (server and CLI) are given: the inputs to derive, their budget and the command to run. */
export interface DriveOptions {
  seeds: readonly Seed[];
  runSeed: number;
  count: number;
  budgetMs: number;
  scale: number;
  /** The command line before its arguments (node, flags, script). */
  command: readonly string[];
}

export interface FuzzInput {
  stream: 'server' | 'cli';
  index: number;
  /** File name the input is analysed under (decides the kind, or content detection when it does not). */
  name: string;
  kind: SeedKind;
  bytes: Buffer;
  /** What the input is made of: the seed or generator, then each mutation. */
  mutations: string[];
}

/** Larger than this, a mutation that grows the input is skipped. */
const MAX_BYTES = 4 * 1024 * 1024;

/** Names by kind: ones that tell the kind, and ones that leave it to content detection. */
const NAMES: Record<SeedKind, readonly string[]> = {
  dockerfile: [
    'Dockerfile',
    'Dockerfile',
    'x.Dockerfile',
    'Dockerfile.prod',
    'Containerfile',
    'build-input',
    'notes.txt',
  ],
  compose: [
    'compose.yaml',
    'docker-compose.yml',
    'compose.yml',
    'docker-compose.prod.yaml',
    'stack.yaml',
    'input.yml',
    'data',
  ],
};

/** Tokens that open a construct (and often never close it), or that text handling gets wrong. */
const TOKENS: readonly string[] = [
  '${',
  '${A:-',
  '${A:?',
  '$${',
  '$',
  '<<EOF\n',
  '<<-EOF\n',
  "<<'EOF'\n",
  '\\\n',
  '\\',
  '"',
  "'",
  '`',
  '&a ',
  '*a',
  '<<: *a\n',
  '{',
  '[',
  '}',
  ']',
  ': ',
  '- ',
  '#',
  '# docker-harden-ignore ',
  '# docker-harden-ignore-file ',
  '---\n',
  '...\n',
  '\t',
  '? ',
  '!!binary ',
  '!tag ',
  '|\n',
  '>-\n',
  '%YAML 1.2\n',
  'FROM ',
  'RUN ',
  'USER ',
  'services:\n',
  '  x:\n',
  'image: ',
  'privileged: true\n',
  'extends: ',
  'network_mode: "service:',
  'ports: ["0.0.0.0:1:1"]',
  '\u00e9',
  '\u{1F600}',
  'e\u0301',
  '\u2028',
  '\u2029',
  '\u0085',
  '\ufeff',
  '\u200b',
  '\u00a0',
  '\r',
  '\r\n',
  '\n',
];
const INVALID_UTF8: readonly number[][] = [
  [0xff],
  [0xfe],
  [0xc0, 0x80],
  [0x80],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xc3],
];

type Mutation = (bytes: Buffer, rng: Random, seeds: readonly Seed[]) => { bytes: Buffer; label: string };

function insertAt(bytes: Buffer, offset: number, insert: Buffer): Buffer {
  return Buffer.concat([bytes.subarray(0, offset), insert, bytes.subarray(offset)]);
}

/** Line spans (byte offsets) of a buffer, each including its line end. */
function lineSpans(bytes: Buffer): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) {
      spans.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < bytes.length || spans.length === 0) spans.push([start, bytes.length]);
  return spans;
}

function randomLineRange(rng: Random, spans: [number, number][]): [number, number] {
  const first = rng.int(0, spans.length - 1);
  const last = Math.min(
    spans.length - 1,
    first +
      rng.weighted([
        [6, 0],
        [3, rng.int(1, 5)],
        [1, rng.int(5, 50)],
      ]),
  );
  return [first, last];
}

function replaceLineEnds(bytes: Buffer, choose: () => string): Buffer {
  const text = bytes.toString('latin1');
  return Buffer.from(
    text.replace(/\r\n|\n|\r/g, () => choose()),
    'latin1',
  );
}

const MUTATIONS: readonly (readonly [number, Mutation])[] = [
  [
    3,
    (b, r) => {
      const at = r.int(0, b.length);
      return { bytes: b.subarray(0, at), label: `truncate@${at}` };
    },
  ],
  [
    3,
    (b, r) => {
      const out = Buffer.from(b);
      const n = r.int(1, 8);
      for (let i = 0; i < n && out.length > 0; i++) out[r.int(0, out.length - 1)] ^= 1 << r.int(0, 7);
      return { bytes: out, label: `byte-flip x${n}` };
    },
  ],
  [
    3,
    (b, r) => {
      const seq = r.pick(INVALID_UTF8);
      const at = r.int(0, b.length);
      return {
        bytes: insertAt(b, at, Buffer.from(seq)),
        label: `invalid-utf8 ${seq.map((x) => x.toString(16)).join(' ')}@${at}`,
      };
    },
  ],
  [
    2,
    (b, r) => {
      const n = r.int(1, 4);
      let out = b;
      for (let i = 0; i < n; i++) out = insertAt(out, r.int(0, out.length), Buffer.from([0]));
      return { bytes: out, label: `nul x${n}` };
    },
  ],
  [
    2,
    (b, r) => {
      const at = r.chance(0.7) ? 0 : r.int(0, b.length);
      return { bytes: insertAt(b, at, Buffer.from([0xef, 0xbb, 0xbf])), label: `bom@${at}` };
    },
  ],
  [3, (b) => ({ bytes: replaceLineEnds(b, () => '\r\n'), label: 'eol-crlf' })],
  [3, (b) => ({ bytes: replaceLineEnds(b, () => '\r'), label: 'eol-lone-cr' })],
  [3, (b, r) => ({ bytes: replaceLineEnds(b, () => r.pick(['\n', '\r\n', '\r'])), label: 'eol-mixed' })],
  [
    3,
    (b, r) => {
      const spans = lineSpans(b);
      const [first, last] = randomLineRange(r, spans);
      const chunk = b.subarray(spans[first][0], spans[last][1]);
      const times = r.weighted([
        [8, 1],
        [2, r.int(2, 10)],
        [1, r.int(100, 3000)],
      ]);
      if (chunk.length * times > MAX_BYTES) return { bytes: b, label: 'duplicate-lines (skipped: too large)' };
      const copies = Buffer.concat(Array.from({ length: times }, () => chunk));
      return { bytes: insertAt(b, spans[last][1], copies), label: `duplicate-lines ${first}-${last} x${times}` };
    },
  ],
  [
    3,
    (b, r) => {
      const spans = lineSpans(b);
      const [first, last] = randomLineRange(r, spans);
      return {
        bytes: Buffer.concat([b.subarray(0, spans[first][0]), b.subarray(spans[last][1])]),
        label: `delete-lines ${first}-${last}`,
      };
    },
  ],
  [
    1,
    (b, r) => {
      const spans = lineSpans(b);
      const i = r.int(0, spans.length - 1);
      const j = r.int(0, spans.length - 1);
      if (i === j) return { bytes: b, label: 'swap-lines (same line)' };
      const [x, y] = i < j ? [i, j] : [j, i];
      const parts = [
        b.subarray(0, spans[x][0]),
        b.subarray(...spans[y]),
        b.subarray(spans[x][1], spans[y][0]),
        b.subarray(...spans[x]),
        b.subarray(spans[y][1]),
      ];
      return { bytes: Buffer.concat(parts), label: `swap-lines ${x},${y}` };
    },
  ],
  [
    4,
    (b, r, seeds) => {
      const donor = r.pick(seeds);
      const donorSpans = lineSpans(donor.bytes);
      const [first, last] = randomLineRange(r, donorSpans);
      const fragment = donor.bytes.subarray(donorSpans[first][0], donorSpans[last][1]);
      const spans = lineSpans(b);
      const at = spans[r.int(0, spans.length - 1)][r.int(0, 1)];
      return { bytes: insertAt(b, at, fragment), label: `splice ${donor.origin}:${first + 1}-${last + 1}@${at}` };
    },
  ],
  [
    2,
    (b, r) => {
      const spans = lineSpans(b);
      const [first, last] = randomLineRange(r, spans);
      const how = r.pick(['indent+1', 'indent+2', 'dedent', 'tabs']);
      const lines = spans.map(([s, e], i) => {
        const line = b.subarray(s, e).toString('latin1');
        if (i < first || i > last) return line;
        if (how === 'indent+1') return ' ' + line;
        if (how === 'indent+2') return '  ' + line;
        if (how === 'dedent') return line.replace(/^ {1,2}/, '');
        return line.replace(/^( {2})+/, (m) => '\t'.repeat(m.length / 2));
      });
      return { bytes: Buffer.from(lines.join(''), 'latin1'), label: `${how} lines ${first}-${last}` };
    },
  ],
  [
    5,
    (b, r) => {
      const token = r.pick(TOKENS);
      const at = r.int(0, b.length);
      return { bytes: insertAt(b, at, Buffer.from(token, 'utf8')), label: `insert ${JSON.stringify(token)}@${at}` };
    },
  ],
  [
    1,
    (b, r) => {
      const spans = lineSpans(b);
      const i = r.int(0, spans.length - 1);
      const length = r.int(50_000, 120_000);
      const unit = r.pick(['a', ' a', 'a b | ', '&& x ', '"', "'", '${', '\\ ', ' -p 1:1', 'é']);
      const filler = Buffer.from(unit.repeat(Math.ceil(length / unit.length)), 'utf8');
      const end = spans[i][1] - (b[spans[i][1] - 1] === 10 ? 1 : 0);
      return { bytes: insertAt(b, end, filler), label: `long-line ${i} +${filler.length} ${JSON.stringify(unit)}` };
    },
  ],
];

/** One mutation, picked by weight. */
export function mutate(bytes: Buffer, rng: Random, seeds: readonly Seed[]): { bytes: Buffer; label: string } {
  const out = rng.weighted(MUTATIONS)(bytes, rng, seeds);
  return out.bytes.length > MAX_BYTES ? { bytes, label: `${out.label} (undone: too large)` } : out;
}

// ---- generators of hostile documents -------------------------------------

type Generator = (rng: Random, scale: number) => { kind: SeedKind; text: string; label: string };
const n = (rng: Random, scale: number, min: number, max: number): number =>
  Math.max(2, Math.round(rng.int(min, max) * scale));

const GENERATORS: readonly (readonly [number, Generator])[] = [
  [
    2,
    (r, s) => {
      const k = n(r, s, 50_000, 200_000);
      const word = r.pick(['a', 'x ', 'curl -k ', '"', 'é', '\t']);
      return {
        kind: 'dockerfile',
        text: `FROM alpine:3.20\nRUN ${word.repeat(Math.ceil(k / word.length))}\nUSER app\n`,
        label: `gen long RUN line ${k}`,
      };
    },
  ],
  [
    1,
    (r, s) => {
      const k = n(r, s, 5_000, 20_000);
      const ports = Array.from({ length: k }, (_, i) => `${i % 65536}/tcp`).join(' ');
      return { kind: 'dockerfile', text: `FROM alpine\nEXPOSE ${ports}\n`, label: `gen EXPOSE ${k} ports` };
    },
  ],
  [
    2,
    (r, s) => {
      const k = n(r, s, 2_000, 6_000);
      const piece = r.pick(['echo a \\\n', '  && apt-get install -y x \\\n', '\\\n', ' \\\n\n', '# c\\\n']);
      const end = r.chance(0.5) ? '  true\n' : '';
      return {
        kind: 'dockerfile',
        text: `FROM debian\nRUN ${piece.repeat(k)}${end}`,
        label: `gen continuation chain ${k} ${JSON.stringify(piece)}${end ? '' : ' (unended)'}`,
      };
    },
  ],
  [
    1,
    (r, s) => {
      const k = n(r, s, 3_000, 12_000);
      const sep = r.pick([' | ', ' && ', ' || ', '; ', ' |& ', ' | sh -c "', ' $(', ' `']);
      return {
        kind: 'dockerfile',
        text: `FROM alpine\nRUN curl -fsSL https://x${sep.repeat(k)}sh\n`,
        label: `gen ${k} x ${JSON.stringify(sep)}`,
      };
    },
  ],
  [
    2,
    (r, s) => {
      const form = r.pick([
        'RUN <<EOF',
        'RUN <<-EOF',
        "RUN <<'EOF' bash",
        'COPY <<EOF /etc/x',
        'RUN <<A <<B',
        'RUN cat <<EOF > /x && <<X',
      ]);
      const body = Array.from({ length: n(r, s, 1, 3000) }, (_, i) => `line ${i} \${X}`).join('\n');
      return {
        kind: 'dockerfile',
        text: `FROM alpine\n${form}\n${body}\n`,
        label: `gen unterminated heredoc ${JSON.stringify(form)}`,
      };
    },
  ],
  [
    2,
    (r, s) => {
      const k = n(r, s, 500, 5_000);
      const where = r.pick(['ARG A=', 'ENV A=', 'FROM ', 'RUN echo ', 'LABEL a=', 'USER ']);
      const closed = r.chance(0.5);
      const text = `FROM alpine\n${where}${'${A:-'.repeat(k)}x${closed ? '}'.repeat(k) : ''}\n`;
      return {
        kind: 'dockerfile',
        text,
        label: `gen nested \${A:- x${k} in ${where.trim()}${closed ? '' : ' (unterminated)'}`,
      };
    },
  ],
  [
    1,
    (r, s) => {
      const k = n(r, s, 500, 3_000);
      const lines = ['FROM alpine AS s0'];
      for (let i = 1; i < k; i++) lines.push(`FROM s${i - 1} AS s${i}`, `COPY --from=s${r.int(0, i - 1)} /a /a`);
      return { kind: 'dockerfile', text: lines.join('\n') + '\n', label: `gen ${k} chained stages` };
    },
  ],
  [
    1,
    (r, s) => {
      const k = n(r, s, 5_000, 20_000);
      const closed = r.chance(0.5);
      const items = Array.from({ length: k }, (_, i) => `"a${i}"`).join(',');
      return {
        kind: 'dockerfile',
        text: `FROM alpine\nCMD [${items}${closed ? ']' : ','}\n`,
        label: `gen JSON CMD ${k}${closed ? '' : ' (unterminated)'}`,
      };
    },
  ],
  [
    1,
    (r, s) => {
      const k = n(r, s, 2_000, 10_000);
      const pairs = Array.from({ length: k }, (_, i) => `K${i}="v \${K${Math.max(0, i - 1)}}"`).join(' \\\n  ');
      return { kind: 'dockerfile', text: `FROM alpine\nENV ${pairs}\n`, label: `gen ENV ${k} pairs` };
    },
  ],
  [
    1,
    (r) => {
      const text = '# escape=`\nFROM alpine\nRUN echo a `\n  b `\n  \\ `\n' + 'RUN x `'.repeat(r.int(1, 500)) + '\n';
      return { kind: 'dockerfile', text, label: 'gen escape directive backtick' };
    },
  ],
  [
    0.4,
    (r, s) => {
      const k = r.chance(0.5) ? 20_000 * s : n(r, s, 2_000, 20_000);
      const out = ['services:'];
      for (let i = 0; i < k; i++)
        out.push(
          `  s${i}:`,
          `    image: alpine:${i % 7 === 0 ? 'latest' : '3.20'}`,
          ...(i % 5 === 0 ? ['    privileged: true'] : []),
        );
      return { kind: 'compose', text: out.join('\n') + '\n', label: `gen ${k} services` };
    },
  ],
  [
    2,
    (r, s) => {
      const k = n(r, s, 300, 1_000);
      const short = r.chance(0.5);
      const out = ['services:'];
      for (let i = 0; i < k; i++)
        out.push(
          `  s${i}:`,
          short ? `    extends: s${i + 1}` : `    extends:\n      service: s${i + 1}`,
          '    cap_add: [ALL]',
        );
      out.push(`  s${k}:`, '    image: alpine', '    privileged: true');
      return {
        kind: 'compose',
        text: out.join('\n') + '\n',
        label: `gen extends chain ${k}${short ? ' (short form)' : ''}`,
      };
    },
  ],
  [
    2,
    (r, s) => {
      const k = r.chance(0.3) ? 1 : n(r, s, 2, 1_000);
      const out = ['services:'];
      for (let i = 0; i < k; i++)
        out.push(`  s${i}:`, `    extends: { service: s${(i + 1) % k} }`, '    image: alpine');
      return { kind: 'compose', text: out.join('\n') + '\n', label: `gen extends cycle of ${k}` };
    },
  ],
  [
    2,
    (r, s) => {
      const k = n(r, s, 300, 1_000);
      const key = r.pick(['network_mode', 'pid', 'ipc']);
      const cyclic = r.chance(0.4);
      const out = ['services:'];
      for (let i = 0; i < k; i++) {
        const target = i + 1 < k ? i + 1 : cyclic ? 0 : -1;
        out.push(
          `  s${i}:`,
          '    image: alpine',
          ...(target >= 0 ? [`    ${key}: "service:s${target}"`] : ['    network_mode: host']),
        );
      }
      return {
        kind: 'compose',
        text: out.join('\n') + '\n',
        label: `gen ${key} service: chain ${k}${cyclic ? ' (cycle)' : ''}`,
      };
    },
  ],
  [
    1,
    (r, s) => {
      const k = n(r, s, 300, 1_000);
      const key = r.pick(['depends_on', 'volumes_from', 'links']);
      const out = ['services:'];
      for (let i = 0; i < k; i++) out.push(`  s${i}:`, '    image: alpine', `    ${key}: [s${(i + 1) % k}]`);
      return { kind: 'compose', text: out.join('\n') + '\n', label: `gen ${key} ring ${k}` };
    },
  ],
  [
    2,
    (r, s) => {
      const k = n(r, s, 1_000, 50_000);
      const closed = r.chance(0.5);
      const open = r.pick(['[', '{a: ', '[{a: ', '- ']);
      const close = open === '[' ? ']' : open === '{a: ' ? '}' : open === '[{a: ' ? '}]' : '';
      const text = `services:\n  web:\n    image: alpine\n    environment: ${open.repeat(k)}x${closed ? close.repeat(k) : ''}\n`;
      return {
        kind: 'compose',
        text,
        label: `gen nesting ${JSON.stringify(open)} x${k}${closed ? '' : ' (unclosed)'}`,
      };
    },
  ],
  [
    1,
    (r, s) => {
      const k = n(r, s, 300, 1_500);
      const lines = ['services:', '  web:', '    image: alpine', '    labels:'];
      for (let i = 0; i < k; i++) lines.push(`${' '.repeat(6 + i)}a${i}:`);
      lines.push(`${' '.repeat(6 + k)}x`);
      return { kind: 'compose', text: lines.join('\n') + '\n', label: `gen ${k} nested block maps` };
    },
  ],
  [
    2,
    (r) => {
      const levels = r.int(5, 9);
      const width = r.int(5, 10);
      const lines = [`x-a0: &a0 [${Array(width).fill('"lol"').join(', ')}]`];
      for (let i = 1; i < levels; i++)
        lines.push(
          `x-a${i}: &a${i} [${Array(width)
            .fill(`*a${i - 1}`)
            .join(', ')}]`,
        );
      lines.push(
        'services:',
        '  web:',
        '    image: alpine',
        `    command: *a${levels - 1}`,
        `    environment: *a${levels - 1}`,
      );
      return { kind: 'compose', text: lines.join('\n') + '\n', label: `gen alias bomb ${width}^${levels}` };
    },
  ],
  [
    2,
    (r, s) => {
      const k = n(r, s, 200, 2_000);
      const wide = r.chance(0.5);
      const lines = ['x-b0: &b0', '  privileged: true', '  image: alpine'];
      for (let i = 1; i < k; i++) {
        const from = wide
          ? `[${Array.from({ length: Math.min(i, 20) }, (_, j) => `*b${i - 1 - j}`).join(', ')}]`
          : `*b${i - 1}`;
        lines.push(`x-b${i}: &b${i}`, `  <<: ${from}`, `  k${i}: v`);
      }
      lines.push('services:');
      for (let i = 0; i < Math.min(k, 200); i++) lines.push(`  s${i}:`, `    <<: *b${k - 1 - i}`);
      return {
        kind: 'compose',
        text: lines.join('\n') + '\n',
        label: `gen merge-key bomb ${k}${wide ? ' (wide)' : ''}`,
      };
    },
  ],
  [
    2,
    (r, s) => {
      const k = n(r, s, 200, 3_000);
      const form = r.pick(['${A:-', '${A-', '${A:+', '${', '$${', '${A:?']);
      const closed = r.chance(0.4);
      const value = `${form.repeat(k)}x${closed ? '}'.repeat(k) : ''}`;
      const place = r.pick(['image', 'user', 'command', 'ports', 'environment']);
      const line =
        place === 'ports'
          ? `    ports: ["${value}:80"]`
          : place === 'environment'
            ? `    environment: {A: "${value}"}`
            : `    ${place}: "${value}"`;
      return {
        kind: 'compose',
        text: `services:\n  web:\n    image: alpine\n${line}\n`,
        label: `gen interpolation ${JSON.stringify(form)} x${k} in ${place}${closed ? '' : ' (unterminated)'}`,
      };
    },
  ],
  [
    1,
    (r, s) => {
      const k = n(r, s, 5_000, 20_000);
      const key = r.pick(['ports', 'environment', 'volumes', 'cap_add', 'security_opt', 'devices']);
      const item = (i: number): string =>
        key === 'ports'
          ? `"0.0.0.0:${i % 65536}:${i % 65536}"`
          : key === 'environment'
            ? `"K${i}=v"`
            : key === 'volumes'
              ? `"/h${i}:/c${i}"`
              : key === 'devices'
                ? `"/dev/x${i}"`
                : key === 'cap_add'
                  ? 'SYS_ADMIN'
                  : 'seccomp:unconfined';
      const flow = r.chance(0.5);
      const body = flow
        ? ` [${Array.from({ length: k }, (_, i) => item(i)).join(', ')}]`
        : '\n' + Array.from({ length: k }, (_, i) => `      - ${item(i)}`).join('\n');
      return {
        kind: 'compose',
        text: `services:\n  web:\n    image: alpine\n    ${key}:${body}\n`,
        label: `gen ${k} ${key} (${flow ? 'flow' : 'block'})`,
      };
    },
  ],
  [
    1,
    (r, s) => {
      const k = n(r, s, 100, 2_000);
      const text = Array.from(
        { length: k },
        (_, i) => `services:\n  s${i}:\n    image: alpine\n    privileged: true\n`,
      ).join(r.pick(['---\n', '...\n---\n']));
      return { kind: 'compose', text, label: `gen ${k} YAML documents` };
    },
  ],
  [
    1,
    (r) => {
      const text = r.pick([
        'services: &s\n  web: &w\n    image: alpine\n    <<: *w\n  <<: *s\n',
        'services:\n  ? [a, b]\n  : image: alpine\n  ? {x: 1}\n  : 1\n',
        'services:\n  web: !!binary aGVsbG8=\n  db: !custom {image: x}\n',
        '%YAML 1.1\n%TAG ! tag:x,2000:\n---\nservices:\n  web:\n    image: !x alpine\n',
        'services:\n\tweb:\n\t\timage: alpine\n',
        'services:\n  web:\n    image: alpine\n    image: other\nservices: {}\n',
        'services:\n  web:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM alpine\n        RUN <<EOF\n',
        'services:\n  web:\n    image: "alpine\n    privileged: true\n',
        'services:\n  web: {image: alpine, privileged: true, <<: {cap_add: [ALL]}}\n',
        'services:\n  "": {image: ""}\n  ? \n  : \n',
      ]);
      return { kind: 'compose', text, label: 'gen YAML oddity' };
    },
  ],
];

/** One generated hostile document; `scale` shrinks its size (the smoke test uses a small one). */
export function generate(rng: Random, scale: number): { kind: SeedKind; bytes: Buffer; label: string } {
  const out = rng.weighted(GENERATORS)(rng, scale);
  return { kind: out.kind, bytes: Buffer.from(out.text, 'utf8'), label: out.label };
}

/** Input `index` of a stream: a seed or a generated document, with up to a few mutations. */
export function makeInput(
  stream: 'server' | 'cli',
  runSeed: number,
  index: number,
  seeds: readonly Seed[],
  scale: number,
): FuzzInput {
  const rng = new Random(runSeed, stream, index);
  let bytes: Buffer;
  let kind: SeedKind;
  const mutations: string[] = [];
  if (seeds.length === 0 || rng.chance(0.15)) {
    const generated = generate(rng, scale);
    ({ bytes, kind } = generated);
    mutations.push(generated.label);
  } else {
    const seed = rng.pick(seeds);
    ({ bytes, kind } = seed);
    mutations.push(`seed ${seed.origin}`);
  }
  const count = rng.weighted([
    [1, 0],
    [4, 1],
    [3, 2],
    [2, 3],
    [1, rng.int(4, 8)],
  ]);
  for (let i = 0; i < count; i++) {
    const out = mutate(bytes, rng, seeds.length > 0 ? seeds : [{ origin: 'self', kind, bytes }]);
    bytes = out.bytes;
    mutations.push(out.label);
  }
  return { stream, index, name: rng.pick(NAMES[kind]), kind, bytes, mutations };
}

/** A text edit's replacement: a token, a line of another seed, nothing, or odd characters. */
export function randomReplacement(rng: Random, seeds: readonly Seed[]): string {
  return rng.weighted<() => string>([
    [4, () => rng.pick(TOKENS)],
    [3, () => ''],
    [
      3,
      () => {
        const donor = seeds.length > 0 ? rng.pick(seeds).bytes.toString('utf8') : 'FROM alpine\n';
        const lines = donor.split(/(?<=\n)/);
        return lines[rng.int(0, lines.length - 1)] ?? '';
      },
    ],
    [1, () => rng.pick(['\ud800', '\udc00', '\ud83d', 'a\udfffb', '\ufffd', '\u0000'])],
    [1, () => 'x'.repeat(rng.int(1, 2000))],
  ])();
}

/** Server text: the bytes decoded as the editor would (U+FFFD), sometimes with lone surrogates added. */
export function serverText(input: FuzzInput, rng: Random): { text: string; mutations: string[] } {
  let text = input.bytes.toString('utf8');
  const mutations: string[] = [];
  if (rng.chance(0.15)) {
    const count = rng.int(1, 3);
    for (let i = 0; i < count; i++) {
      const at = rng.int(0, text.length);
      const unit = rng.pick(['\ud800', '\udbff', '\udc00', '\udfff']);
      text = text.slice(0, at) + unit + text.slice(at);
      mutations.push(`lone-surrogate ${unit.charCodeAt(0).toString(16)}@${at}`);
    }
  }
  return { text, mutations };
}
