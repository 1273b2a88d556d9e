// `npm run bench -- --markdown FILE`: the benchmark's results as Markdown tables, with the machine they were
// measured on, beside the peers measured in the same run on the same files. When FILE already holds the
// markers `<!-- bench:start -->` and `<!-- bench:end -->` (the README's "Performance" section), only what is
// between them is replaced; otherwise FILE is written whole.
'use strict';
const fs = require('fs');
const os = require('os');

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const number = (value, digits = 1) =>
  typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—';

/** The machine and moment of a run, in one line: the figures mean little without them. */
function machineLine({ cpus = os.cpus(), totalMem = os.totalmem(), loadavg = os.loadavg(), date = new Date() } = {}) {
  const model = cpus[0]?.model?.replace(/\s+/g, ' ').trim() || 'unknown CPU';
  const memory = (totalMem / 1024 ** 3).toFixed(0);
  const load = loadavg.map((l) => l.toFixed(1)).join(' ');
  return (
    `Measured ${date.toISOString().slice(0, 10)} on ${model} (${cpus.length} cores, ${memory} GiB), ` +
    `${os.type()} ${os.release()}, Node ${process.version}; load average ${load}.`
  );
}

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Our own rows (scripts/bench.js): core analysis time and language-server latency per file. */
function oursTable(rows) {
  return table(
    ['file', 'lines', 'analysis p50 ms', 'edit → diagnostics p50 ms', 'p95 ms', 'server peak MiB'],
    rows.map((r) => [
      `\`${r.file}\``,
      String(r.lines),
      number(r.coreP50),
      number(r.lspP50),
      number(r.lspP95),
      number(r.peakRssMiB, 0),
    ]),
  );
}

/** The peers' rows (scripts/bench-peers.js --json): the same files, servers alternating round by round. */
function peersTable(results) {
  return table(
    ['files', 'docker-harden', 'peer', 'peer', 'peer ÷ docker-harden'],
    results.map((r) =>
      'p50' in r.ours
        ? [
            r.row,
            `${number(r.ours.p50)} ms, ${number(r.ours.rss, 0)} MiB`,
            r.peer.name,
            `${number(r.peer.p50)} ms, ${number(r.peer.rss, 0)} MiB`,
            number(r.ratio, 2),
          ]
        : [r.row, `${number(r.ours.ms, 0)} ms`, r.peer.name, `${number(r.peer.ms, 0)} ms`, number(r.ratio, 2)],
    ),
  );
}

function benchMarkdown({ rows, peers, machine = machineLine() }) {
  const parts = [machine, '', oursTable(rows)];
  if (peers && peers.length > 0) parts.push('', 'Beside the peers, in the same run:', '', peersTable(peers));
  else parts.push('', 'Peers were not measured in this run (not installed).');
  return parts.join('\n');
}

/** Writes `markdown` to `file`, between the markers when the file has them. */
function writeMarkdown(file, markdown) {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  const start = existing?.indexOf(START) ?? -1;
  const end = existing?.indexOf(END) ?? -1;
  if (existing !== null && start !== -1 && end > start) {
    const before = existing.slice(0, start + START.length);
    fs.writeFileSync(file, `${before}\n${markdown}\n${existing.slice(end)}`);
  } else fs.writeFileSync(file, markdown + '\n');
}

module.exports = { benchMarkdown, machineLine, writeMarkdown, START, END };
