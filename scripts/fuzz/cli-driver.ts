/**
 * Drives the CLI through fuzz inputs: each input written as raw bytes (so
 * invalid UTF-8 reaches it) under a realistic name in a folder of its own,
 * analysed in batches by one process each, formats in rotation. A batch that
 * crashes, prints a stack trace, exits oddly, prints unparsable output or
 * runs over its time is split in halves until the input responsible is found.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CPU_MARKER } from './cpu-marker';
import { hasLoneCr, LspText } from './lsp-text';
import { makeInput, type DriveOptions, type FuzzInput } from './mutations';
import type { FailureKind, NoteKind, Results } from './results';

export interface CliDriveOptions extends DriveOptions {
  batchSize: number;
  only?: number;
  /** Epoch ms after which no new input is started. */
  deadline?: number;
  progress?: (done: number) => void;
}

export const FORMATS = ['json', 'sarif', 'text'] as const;
type Format = (typeof FORMATS)[number];

/** CPU time a process needs beyond analysis (start-up, output): not held against an input's budget. */
const STARTUP_MS = 1500;
/** A process is killed after this many times its budget in wall time (a busy machine stretches wall time). */
const WALL_FACTOR = 3;
const STACK_TRACE = /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+)$/m;

interface CliRun {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** CPU time the process reported at exit (user + system), or the wall time when it did not report. */
  cpuMs: number;
  timedOut: boolean;
}

interface Located {
  input: FuzzInput;
  displayPath: string;
}

/** A finding position as the CLI printed it, 0-based for checking against LSP lines. */
interface PrintedRange {
  file: string;
  ruleId: string;
  start: { line: number; character: number };
  end?: { line: number; character: number };
  what: string;
}

export async function runCliInputs(options: CliDriveOptions, results: Results): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-fuzz-cli-'));
  try {
    const indexes = options.only !== undefined ? [options.only] : Array.from({ length: options.count }, (_, i) => i);
    for (let b = 0; b * options.batchSize < indexes.length; b++) {
      if (options.deadline !== undefined && Date.now() > options.deadline) break;
      const batch = indexes.slice(b * options.batchSize, (b + 1) * options.batchSize);
      const dir = path.join(root, `batch-${b}`);
      const located = batch.map((index): Located => {
        const input = makeInput('cli', options.runSeed, index, options.seeds, options.scale);
        const displayPath = `${index}/${input.name}`;
        fs.mkdirSync(path.join(dir, String(index)), { recursive: true });
        fs.writeFileSync(path.join(dir, displayPath), input.bytes);
        return { input, displayPath };
      });
      const format = FORMATS[(options.only ?? b) % FORMATS.length];
      await new BatchCheck(options, results, dir, format).check(located);
      fs.rmSync(dir, { recursive: true, force: true });
      results.inputs.cli += batch.length;
      options.progress?.(results.inputs.cli);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

class BatchCheck {
  constructor(
    private readonly options: CliDriveOptions,
    private readonly results: Results,
    private readonly dir: string,
    private readonly format: Format,
  ) {}

  /** Runs the CLI on a group; on a group-level problem splits it until single inputs are left. */
  async check(group: Located[]): Promise<void> {
    const single = group.length === 1;
    const timeout = WALL_FACTOR * (this.options.budgetMs + STARTUP_MS * 2 + (single ? 0 : 200 * group.length));
    const run = await this.run(
      group.map((l) => l.displayPath),
      timeout,
    );
    this.results.time({
      stream: 'cli',
      index: group[0].input.index,
      name: group[0].displayPath,
      ms: run.ms,
      mutations: single ? group[0].input.mutations : [`batch of ${group.length} (${this.format})`],
      inputs: group.length,
    });
    const problems = this.runProblems(run);
    const printed = problems.length === 0 ? this.parseOutput(run.stdout) : undefined;
    if (printed && 'error' in printed)
      problems.push({ kind: 'bad-output', message: `${this.format} output: ${printed.error}` });
    const overBudget = run.cpuMs > this.options.budgetMs + STARTUP_MS;
    if (!single && (problems.length > 0 || overBudget)) {
      if (problems.every((p) => p.kind === 'hang')) {
        // Slow inputs are nearly always the largest: try the largest alone first, then the rest together.
        const largest = group.reduce((a, b) => (b.input.bytes.length > a.input.bytes.length ? b : a));
        await this.check([largest]);
        await this.check(group.filter((l) => l !== largest));
      } else {
        const half = Math.ceil(group.length / 2);
        await this.check(group.slice(0, half));
        await this.check(group.slice(half));
      }
      return;
    }
    for (const problem of problems) this.record(problem.kind, group[0].input, problem.message, run.ms);
    if (!printed || 'error' in printed) return;
    const stopped = new Set<string>();
    const byPath = new Map(group.map((l) => [l.displayPath, l]));
    const texts = new Map<string, LspText>();
    const badRanges = new Map<string, string[]>();
    for (const range of printed.ranges) {
      const located = byPath.get(range.file);
      if (!located) {
        this.record(
          'bad-output',
          group[0].input,
          `${this.format} output names a file that was not analysed: ${range.file}`,
          run.ms,
        );
        continue;
      }
      if (range.ruleId === 'internal-error') this.record('internal-error', located.input, `${range.what}`, run.ms);
      if (range.ruleId === 'analysis-stopped' && !stopped.has(range.file)) {
        stopped.add(range.file);
        this.record('stopped', located.input, range.what, run.ms);
      }
      let text = texts.get(range.file);
      if (!text) texts.set(range.file, (text = new LspText(located.input.bytes.toString('utf8'))));
      const problem = range.end
        ? text.rangeProblem({ start: range.start, end: range.end })
        : text.positionProblem(range.start);
      if (problem)
        badRanges.set(range.file, [
          ...(badRanges.get(range.file) ?? []),
          `${range.ruleId} ${JSON.stringify({ start: range.start, end: range.end })}: ${problem}`,
        ]);
    }
    for (const [file, problems] of badRanges) {
      const input = byPath.get(file)!.input;
      const loneCr = hasLoneCr(input.bytes.toString('utf8')) ? ' (text has a lone CR)' : '';
      this.record(
        'bad-range',
        input,
        `${this.format} positions outside the file${loneCr}: ${problems.slice(0, 5).join('; ')}`,
        run.ms,
      );
    }
    if (single && overBudget && stopped.size === 0) {
      this.record(
        'hang',
        group[0].input,
        `the CLI took ${run.cpuMs} ms of CPU (${Math.round(run.ms)} ms wall) on this input alone (budget ${this.options.budgetMs} ms + ${STARTUP_MS} ms start-up) without an analysis-stopped finding`,
        run.ms,
      );
    }
  }

  private record(kind: FailureKind | NoteKind, input: FuzzInput, message: string, ms: number): void {
    this.results.record(kind, input, message, { ms, format: this.format });
  }

  private runProblems(run: CliRun): { kind: FailureKind; message: string }[] {
    const problems: { kind: FailureKind; message: string }[] = [];
    const stderr = run.stderr.trim().slice(0, 3000);
    if (run.timedOut)
      problems.push({ kind: 'hang', message: `the CLI did not finish within ${Math.round(run.ms)} ms (killed)` });
    else if (run.status === 2) problems.push({ kind: 'cli-exit-2', message: `exit status 2: ${stderr}` });
    else if (run.status !== 0 && run.status !== 1)
      problems.push({ kind: 'crash', message: `exit status ${run.status}, signal ${run.signal}: ${stderr}` });
    if (!run.timedOut && STACK_TRACE.test(run.stderr))
      problems.push({ kind: 'crash', message: `stack trace on stderr: ${stderr}` });
    return problems;
  }

  private parseOutput(stdout: string): { ranges: PrintedRange[] } | { error: string } {
    if (this.format === 'text') return { ranges: parseText(stdout) };
    let json: unknown;
    try {
      json = JSON.parse(stdout);
    } catch (error) {
      return { error: `does not parse: ${(error as Error).message}; starts ${JSON.stringify(stdout.slice(0, 200))}` };
    }
    try {
      return { ranges: this.format === 'json' ? jsonRanges(json) : sarifRanges(json) };
    } catch (error) {
      return { error: `unexpected shape: ${(error as Error).message}` };
    }
  }

  private run(files: string[], timeoutMs: number): Promise<CliRun> {
    return new Promise((resolve) => {
      const started = performance.now();
      const preload = ['-r', require.resolve('./cpu-report')];
      const child = spawn(
        this.options.command[0],
        [...preload, ...this.options.command.slice(1), '--format', this.format, ...files],
        { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => err.push(c));
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      child.on('close', (status, signal) => {
        clearTimeout(timer);
        const ms = performance.now() - started;
        const stderr = Buffer.concat(err).toString('utf8');
        const marker = stderr.lastIndexOf(`\n${CPU_MARKER}`);
        const cpuMs = marker === -1 ? ms : Number(stderr.slice(marker + CPU_MARKER.length + 1).trim());
        resolve({
          status,
          signal,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: marker === -1 ? stderr : stderr.slice(0, marker),
          ms,
          cpuMs,
          timedOut,
        });
      });
    });
  }
}

const one = (n: unknown, what: string): number => {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
    throw new Error(`${what} is ${JSON.stringify(n)}, not a 1-based integer`);
  return n - 1;
};

function jsonRanges(json: unknown): PrintedRange[] {
  const report = json as { version?: unknown; findings?: unknown };
  if (report.version !== 1 || !Array.isArray(report.findings)) throw new Error('no version 1 / findings array');
  return report.findings.map((raw: Record<string, unknown>) => ({
    file: String(raw.file),
    ruleId: String(raw.ruleId),
    start: { line: one(raw.line, 'line'), character: one(raw.column, 'column') },
    end: { line: one(raw.endLine, 'endLine'), character: one(raw.endColumn, 'endColumn') },
    what: `${raw.ruleId}: ${raw.message}`,
  }));
}

interface SarifRegion {
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

function sarifRanges(json: unknown): PrintedRange[] {
  const log = json as { runs?: { results?: Record<string, unknown>[] }[] };
  const results = log.runs?.[0]?.results;
  if (!Array.isArray(results)) throw new Error('no runs[0].results');
  const ranges: PrintedRange[] = [];
  const region = (file: string, ruleId: string, r: SarifRegion, what: string): PrintedRange => ({
    file,
    ruleId,
    what,
    start: { line: one(r.startLine, 'startLine'), character: one(r.startColumn, 'startColumn') },
    end: { line: one(r.endLine, 'endLine'), character: one(r.endColumn, 'endColumn') },
  });
  for (const result of results) {
    const ruleId = String(result.ruleId);
    const message = (result.message as { text?: string } | undefined)?.text ?? '';
    for (const location of (result.locations as {
      physicalLocation: { artifactLocation: { uri: string }; region: SarifRegion };
    }[]) ?? []) {
      const file = decodeURIComponent(location.physicalLocation.artifactLocation.uri);
      ranges.push(region(file, ruleId, location.physicalLocation.region, `${ruleId}: ${message}`));
    }
    type SarifFix = {
      artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: SarifRegion }[] }[];
    };
    for (const fix of (result.fixes as SarifFix[] | undefined) ?? []) {
      for (const change of fix.artifactChanges) {
        for (const replacement of change.replacements) {
          ranges.push(
            region(
              decodeURIComponent(change.artifactLocation.uri),
              `${ruleId} (fix)`,
              replacement.deletedRegion,
              `fix of ${ruleId}`,
            ),
          );
        }
      }
    }
  }
  return ranges;
}

/** Text output: a file's path on its own line, then `  LINE:COL  severity  message [rule]` lines. */
function parseText(stdout: string): PrintedRange[] {
  const ranges: PrintedRange[] = [];
  let file: string | undefined;
  for (const line of stdout.split('\n')) {
    const finding = /^ {2}(\d+):(\d+)\s+(?:error|warning|info)\s+(.*) \[([^\]\s]+)\]$/.exec(line);
    if (finding && file) {
      ranges.push({
        file,
        ruleId: finding[4],
        start: { line: Number(finding[1]) - 1, character: Number(finding[2]) - 1 },
        what: `${finding[4]}: ${finding[3]}`,
      });
    } else if (/^\d+\/\S/.test(line)) {
      file = line;
    }
  }
  return ranges;
}
