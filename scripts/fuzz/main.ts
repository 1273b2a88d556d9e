/**
 * npm run fuzz -- CORPUS_DIR... [--seed N] [--server-inputs N] [--cli-inputs N] [--out DIR] [--budget-ms N]
 *                [--batch-size N] [--scale F] [--parallel] [--max-seconds N] [--only server:INDEX|cli:INDEX]
 *
 * Mutation fuzzing of the bundled language server and CLI from the corpus
 * files (Dockerfiles and YAML). Every failing input is saved under --out
 * (default fuzz-results/) with a JSON line saying how it failed and how it was
 * made; a summary is printed at the end, also as JSON. Exits 1 when anything
 * but "stopped" and "fix-ineffective" notes was found.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadSeeds, PROJECT_ROOT, runFuzz } from './fuzz';
import { FAILURE_KINDS, NOTE_KINDS, type Failure } from './results';

const USAGE =
  'usage: npm run fuzz -- CORPUS_DIR... [--seed N] [--server-inputs N] [--cli-inputs N] [--out DIR] [--budget-ms N] [--batch-size N] [--scale F] [--parallel] [--max-seconds N] [--only server:N|cli:N]';

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  const option = (name: string): string | undefined => {
    const i = args.indexOf(name);
    if (i === -1) return undefined;
    const value = args[i + 1];
    if (value === undefined) throw new Error(`${name} needs a value`);
    args.splice(i, 2);
    return value;
  };
  const flag = (name: string): boolean => {
    const i = args.indexOf(name);
    if (i !== -1) args.splice(i, 1);
    return i !== -1;
  };
  const number = (name: string, fallback: number): number => {
    const raw = option(name);
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, not ${raw}`);
    return value;
  };
  const seed = number('--seed', 1);
  const serverInputs = number('--server-inputs', 2000);
  const cliInputs = number('--cli-inputs', 2000);
  // Server CPU time (all its threads) per step: above the tool's own 10 s analysis limit, so a stopped analysis
  // shows as `stopped` with its finding rather than as a hang.
  const budgetMs = number('--budget-ms', 20_000);
  const batchSize = Math.max(1, number('--batch-size', 50));
  const scale = number('--scale', 1);
  const parallel = flag('--parallel');
  const maxSeconds = args.includes('--max-seconds') ? number('--max-seconds', 0) : undefined;
  const onlyRaw = option('--only');
  const out = path.resolve(option('--out') ?? path.join(PROJECT_ROOT, 'fuzz-results'));
  const unknown = args.find((a) => a.startsWith('--'));
  if (unknown || args.length === 0) throw new Error(unknown ? `unknown option ${unknown}` : 'no CORPUS_DIR given');
  let only: { stream: 'server' | 'cli'; index: number } | undefined;
  if (onlyRaw) {
    const m = /^(server|cli):(\d+)$/.exec(onlyRaw);
    if (!m) throw new Error(`--only takes server:N or cli:N, not ${onlyRaw}`);
    only = { stream: m[1] as 'server' | 'cli', index: Number(m[2]) };
  }
  const seeds = loadSeeds(args);
  if (seeds.length === 0) throw new Error(`no Dockerfiles or YAML files under ${args.join(', ')}`);

  fs.mkdirSync(out, { recursive: true });
  const log = path.join(out, `failures-seed${seed}.jsonl`);
  fs.writeFileSync(log, '');
  const saved = new Map<string, number>();
  const onFailure = (failure: Failure): void => {
    // Every failure is logged; input files are kept for the first 200 of each kind and stream (big inputs add up).
    const key = `${failure.stream}-${failure.kind}`;
    const n = (saved.get(key) ?? 0) + 1;
    saved.set(key, n);
    const id = `${failure.stream}-${failure.index}-${failure.kind}`;
    const base = `seed${seed}-${id}-${failure.name.replace(/[^\w.-]/g, '_')}`;
    const files: string[] = [];
    if (n <= 200) {
      fs.writeFileSync(path.join(out, base), failure.bytes);
      files.push(base);
      if (failure.replay) {
        fs.writeFileSync(path.join(out, `${base}.replay.json`), JSON.stringify(failure.replay));
        files.push(`${base}.replay.json`);
      }
    }
    const { bytes: _bytes, replay: _replay, ...record } = failure;
    fs.appendFileSync(
      log,
      JSON.stringify({ ...record, files, replay: `--seed ${seed} --only ${failure.stream}:${failure.index}` }) + '\n',
    );
    process.stderr.write(
      `[${failure.kind}] ${failure.stream} #${failure.index} ${failure.name}: ${failure.message.slice(0, 300)}\n`,
    );
  };
  const lastReport = { server: 0, cli: 0 };
  const { summary } = await runFuzz({
    seeds,
    seed,
    serverInputs,
    cliInputs,
    budgetMs,
    batchSize,
    scale,
    parallel,
    maxSeconds,
    only,
    onFailure,
    progress: (stream, done) => {
      if (done - lastReport[stream] >= (stream === 'server' ? 250 : 500)) {
        lastReport[stream] = done;
        process.stderr.write(`  ${stream}: ${done} inputs\n`);
      }
    },
  });

  const lines = [
    `docker-harden fuzz, seed ${seed}, ${seeds.length} seed files: ${summary.inputs.server} server inputs, ${summary.inputs.cli} CLI inputs in ${(summary.totalMs / 1000).toFixed(1)} s`,
    ...FAILURE_KINDS.map(
      (k) =>
        `  ${k.padEnd(16)} ${summary.counts[k]}  (server ${summary.byStream.server[k] ?? 0}, cli ${summary.byStream.cli[k] ?? 0})`,
    ),
    ...NOTE_KINDS.map(
      (k) =>
        `  ${k.padEnd(16)} ${summary.counts[k]}  (server ${summary.byStream.server[k] ?? 0}, cli ${summary.byStream.cli[k] ?? 0}) [not a failure]`,
    ),
    `  server restarts  ${summary.serverRestarts}`,
    `  peak server RSS  ${summary.peakServerRssMiB} MiB`,
    `  ms per input     server p50 ${summary.msPerInput.server.p50}, p95 ${summary.msPerInput.server.p95}; cli p50 ${summary.msPerInput.cli.p50}, p95 ${summary.msPerInput.cli.p95}`,
    '  slowest:',
    ...summary.slowest.map(
      (t) =>
        `    ${String(t.ms).padStart(7)} ms  ${t.stream} #${t.index} ${t.name}${t.inputs && t.inputs > 1 ? ` (batch of ${t.inputs})` : ''}: ${t.mutations.join(', ').slice(0, 160)}`,
    ),
    `failures: ${log}`,
  ];
  console.log(lines.join('\n'));
  fs.writeFileSync(path.join(out, `summary-seed${seed}.json`), JSON.stringify(summary, null, 2) + '\n');
  console.log(JSON.stringify(summary));
  return summary.failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: Error) => {
    console.error(`docker-harden fuzz: ${error.message}\n${USAGE}`);
    process.exit(2);
  },
);
