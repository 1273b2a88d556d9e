/**
 * `npm run bench -- --markdown FILE` (scripts/bench-markdown.js): the results as tables with the machine
 * named and the peers beside them, written between the README's markers. Runs on made-up rows: the
 * benchmark itself is not part of the tests.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface BenchMarkdown {
  benchMarkdown(input: { rows: object[]; peers?: object[]; machine?: string }): string;
  machineLine(input: { cpus: { model: string }[]; totalMem: number; loadavg: number[]; date: Date }): string;
  writeMarkdown(file: string, markdown: string): void;
  START: string;
  END: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bench = require(path.join(ROOT, 'scripts', 'bench-markdown.js')) as BenchMarkdown;

const ROWS = [
  { file: 'compose-500-services.yaml', lines: 9001, coreP50: 41.25, lspP50: 52.5, lspP95: 60.04, peakRssMiB: 120.4 },
  { file: 'Dockerfile.100-instructions', lines: 101, coreP50: 1.5 },
];
const PEERS = [
  {
    row: 'compose 500 services',
    ours: { p50: 52.5, open: 80, rss: 120 },
    peer: { name: 'yaml-language-server', p50: 400, rss: 150 },
    ratio: 7.62,
  },
  { row: 'CLI, real Compose corpus', ours: { ms: 900 }, peer: { name: 'dclint', ms: 4000 }, ratio: 4.44 },
];

describe('benchmark results as Markdown', () => {
  it('names the machine: CPU, cores, memory, system, Node and load', () => {
    const line = bench.machineLine({
      cpus: [{ model: 'Example  CPU @ 2.0GHz' }, { model: 'Example  CPU @ 2.0GHz' }],
      totalMem: 8 * 1024 ** 3,
      loadavg: [1.26, 0.5, 0.25],
      date: new Date('2026-12-01T12:00:00Z'),
    });
    assert.match(
      line,
      /^Measured 2026-12-01 on Example CPU @ 2\.0GHz \(2 cores, 8 GiB\), .*Node v\d+.*load average 1\.3/,
    );
  });

  it('puts our rows and the peers measured in the same run in tables, missing values as dashes', () => {
    const markdown = bench.benchMarkdown({ rows: ROWS, peers: PEERS, machine: 'Measured on a test machine.' });
    assert.match(markdown, /^Measured on a test machine\.\n\n\| file \| lines \|/);
    assert.match(markdown, /\| `compose-500-services\.yaml` \| 9001 \| 41\.3 \| 52\.5 \| 60\.0 \| 120 \|/);
    assert.match(markdown, /\| `Dockerfile\.100-instructions` \| 101 \| 1\.5 \| — \| — \| — \|/);
    assert.match(
      markdown,
      /\| compose 500 services \| 52\.5 ms, 120 MiB \| yaml-language-server \| 400\.0 ms, 150 MiB \| 7\.62 \|/,
    );
    assert.match(markdown, /\| CLI, real Compose corpus \| 900 ms \| dclint \| 4000 ms \| 4\.44 \|/);
    assert.match(bench.benchMarkdown({ rows: ROWS, machine: 'm' }), /Peers were not measured/);
  });

  it("replaces only what is between the markers, as in the README's Performance section", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-bench-md-')), 'README.md');
    fs.writeFileSync(file, `# t\n\n${bench.START}\nold table\n${bench.END}\n\nafter\n`);
    bench.writeMarkdown(file, 'new table');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), `# t\n\n${bench.START}\nnew table\n${bench.END}\n\nafter\n`);
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    assert.ok(readme.indexOf(bench.START) !== -1 && readme.indexOf(bench.START) < readme.indexOf(bench.END));
  });
});
