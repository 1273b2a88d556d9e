/**
 * The fuzzer's core, importable by tests: seeds in, a summary out. Runs the
 * language-server and CLI streams (one after the other, or side by side)
 * over inputs derived from the run seed alone, so a run is reproducible and
 * any single input can be replayed by its index.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCliInputs } from './cli-driver';
import type { Seed, SeedKind } from './mutations';
import { Results, type Failure, type Summary } from './results';
import { runServerInputs } from './server-driver';

export interface FuzzOptions {
  seeds: readonly Seed[];
  seed: number;
  serverInputs: number;
  cliInputs: number;
  /** Per step (server) and per input (CLI): longer without an analysis-stopped finding is a hang. */
  budgetMs: number;
  /** Size factor of generated hostile documents (1: full size). */
  scale?: number;
  batchSize?: number;
  serverCommand?: readonly string[];
  cliCommand?: readonly string[];
  /** Run both streams at once (faster on two cores, noisier timings). */
  parallel?: boolean;
  /** Start no new input after this many seconds (the run reports what it did). */
  maxSeconds?: number;
  /** Replay one input. */
  only?: { stream: 'server' | 'cli'; index: number };
  onFailure?: (failure: Failure) => void;
  progress?: (stream: 'server' | 'cli', done: number) => void;
}

export interface FuzzRun {
  summary: Summary;
  failures: Results['failures'];
}

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The bundled server as its launcher starts it (same heap limit). */
export const DEFAULT_SERVER_COMMAND = [
  process.execPath,
  '--max-old-space-size=448',
  path.join(PROJECT_ROOT, 'dist', 'server.js'),
  '--stdio',
];
export const DEFAULT_CLI_COMMAND = [process.execPath, path.join(PROJECT_ROOT, 'dist', 'cli.js')];

export async function runFuzz(options: FuzzOptions): Promise<FuzzRun> {
  const started = performance.now();
  const results = new Results(options.seed, options.onFailure);
  const deadline = options.maxSeconds !== undefined ? Date.now() + options.maxSeconds * 1000 : undefined;
  const common = {
    seeds: options.seeds,
    runSeed: options.seed,
    budgetMs: options.budgetMs,
    scale: options.scale ?? 1,
    deadline,
  };
  const only = (stream: 'server' | 'cli'): number | undefined =>
    options.only?.stream === stream ? options.only.index : undefined;
  const server = (): Promise<void> =>
    options.serverInputs > 0 || only('server') !== undefined
      ? runServerInputs(
          {
            ...common,
            count: options.only ? 0 : options.serverInputs,
            only: only('server'),
            command: options.serverCommand ?? DEFAULT_SERVER_COMMAND,
            progress: (n) => options.progress?.('server', n),
          },
          results,
        )
      : Promise.resolve();
  const cli = (): Promise<void> =>
    options.cliInputs > 0 || only('cli') !== undefined
      ? runCliInputs(
          {
            ...common,
            count: options.only ? 0 : options.cliInputs,
            only: only('cli'),
            command: options.cliCommand ?? DEFAULT_CLI_COMMAND,
            batchSize: options.batchSize ?? 50,
            progress: (n) => options.progress?.('cli', n),
          },
          results,
        )
      : Promise.resolve();
  if (options.parallel) await Promise.all([server(), cli()]);
  else {
    await server();
    await cli();
  }
  return { summary: results.summary(performance.now() - started), failures: results.failures };
}

const DOCKERFILE = /(^|[._-])(Dockerfile|Containerfile)([._-]|$)|\.dockerfile$/i;
const YAML = /\.ya?ml$/i;

/** Dockerfiles and YAML files under the given folders (sorted, so seeds are the same on every run). */
export function loadSeeds(roots: readonly string[], maxBytes = 2 * 1024 * 1024): Seed[] {
  const seeds: Seed[] = [];
  const walk = (dir: string, root: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') walk(full, root);
        continue;
      }
      const kind: SeedKind | undefined = DOCKERFILE.test(entry.name)
        ? 'dockerfile'
        : YAML.test(entry.name)
          ? 'compose'
          : undefined;
      if (!kind || !entry.isFile() || fs.statSync(full).size > maxBytes) continue;
      seeds.push({ origin: path.relative(path.dirname(root), full), kind, bytes: fs.readFileSync(full) });
    }
  };
  for (const root of roots) walk(path.resolve(root), path.resolve(root));
  return seeds;
}
