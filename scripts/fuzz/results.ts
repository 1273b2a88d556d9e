/**
 * What a fuzz run found: failures by kind (each with the input that caused
 * it and how it was made), notes that are not failures (analysis stopped by
 * its budget, a fix that did not remove its finding), timings and memory.
 */
import type { FuzzInput } from './mutations';

/** Failure classes: any of these makes the run fail. */
export const FAILURE_KINDS = [
  'crash',
  'hang',
  'internal-error',
  'bad-range',
  'mismatch',
  'cli-exit-2',
  'bad-output',
] as const;
/** Reported, counted, but not failures. */
export const NOTE_KINDS = ['stopped', 'fix-ineffective', 'fix-breaks-parse'] as const;

export type FailureKind = (typeof FAILURE_KINDS)[number];
export type NoteKind = (typeof NOTE_KINDS)[number];

export interface Failure {
  kind: FailureKind | NoteKind;
  stream: 'server' | 'cli';
  seed: number;
  index: number;
  name: string;
  mutations: string[];
  message: string;
  /** Time spent on the input (server) or on the CLI run that showed the failure. */
  ms: number;
  /** CLI output format of the run. */
  format?: string;
  /** The input's bytes as written to disk (CLI) or its initial text (server). */
  bytes: Buffer;
  /** Server inputs: the initial text and every message sent, to replay the session. */
  replay?: unknown;
}

export interface Timing {
  stream: 'server' | 'cli';
  index: number;
  name: string;
  ms: number;
  mutations: string[];
  /** For CLI runs: how many inputs the timed process analysed. */
  inputs?: number;
}

export interface Summary {
  seed: number;
  inputs: { server: number; cli: number };
  counts: Record<FailureKind | NoteKind, number>;
  /** Failure count per stream, for the report. */
  byStream: {
    server: Partial<Record<FailureKind | NoteKind, number>>;
    cli: Partial<Record<FailureKind | NoteKind, number>>;
  };
  serverRestarts: number;
  slowest: Timing[];
  /** Median and 95th percentile time per input (CLI: per input of a batch process). */
  msPerInput: { server: { p50: number; p95: number }; cli: { p50: number; p95: number } };
  peakServerRssMiB: number;
  totalMs: number;
  failed: boolean;
}

export class Results {
  readonly counts = Object.fromEntries([...FAILURE_KINDS, ...NOTE_KINDS].map((k) => [k, 0])) as Record<
    FailureKind | NoteKind,
    number
  >;
  readonly byStream: Summary['byStream'] = { server: {}, cli: {} };
  /** Failures as recorded, without their (possibly large) inputs. */
  readonly failures: Omit<Failure, 'bytes' | 'replay'>[] = [];
  private readonly timings: Timing[] = [];
  private readonly seen = new Set<string>();
  /** Every server input's time, and every CLI process's time per input it analysed. */
  private readonly allMs = { server: [] as number[], cli: [] as number[] };
  inputs = { server: 0, cli: 0 };
  serverRestarts = 0;
  peakServerRssKiB = 0;

  constructor(
    readonly seed: number,
    private readonly onFailure: (failure: Failure) => void = () => undefined,
    /** Failures kept in memory (counts are always complete). */
    private readonly keep = 1000,
  ) {}

  /** Records a failure; counted (and saved) once per input and kind: the first message is the one kept. */
  record(
    kind: FailureKind | NoteKind,
    input: FuzzInput,
    message: string,
    extra: { ms?: number; format?: string; bytes?: Buffer; replay?: unknown; mutations?: string[] } = {},
  ): void {
    const key = `${input.stream}:${input.index}:${kind}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.counts[kind] += 1;
    const stream = this.byStream[input.stream];
    stream[kind] = (stream[kind] ?? 0) + 1;
    const failure: Failure = {
      kind,
      stream: input.stream,
      seed: this.seed,
      index: input.index,
      name: input.name,
      mutations: extra.mutations ?? input.mutations,
      message,
      ms: Math.round(extra.ms ?? 0),
      ...(extra.format ? { format: extra.format } : {}),
      bytes: extra.bytes ?? input.bytes,
      ...(extra.replay ? { replay: extra.replay } : {}),
    };
    this.onFailure(failure);
    const { bytes: _bytes, replay: _replay, ...kept } = failure;
    if (this.failures.length < this.keep) this.failures.push(kept);
  }

  time(timing: Timing): void {
    this.allMs[timing.stream].push(timing.ms / (timing.inputs ?? 1));
    this.timings.push(timing);
    if (this.timings.length > 200) {
      this.timings.sort((a, b) => b.ms - a.ms);
      this.timings.length = 50;
    }
  }

  summary(totalMs: number): Summary {
    const slowest = [...this.timings]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 10)
      .map((t) => ({ ...t, ms: Math.round(t.ms) }));
    return {
      seed: this.seed,
      inputs: { ...this.inputs },
      counts: { ...this.counts },
      byStream: this.byStream,
      serverRestarts: this.serverRestarts,
      slowest,
      msPerInput: { server: percentiles(this.allMs.server), cli: percentiles(this.allMs.cli) },
      peakServerRssMiB: Math.round(this.peakServerRssKiB / 1024),
      totalMs: Math.round(totalMs),
      failed: FAILURE_KINDS.some((k) => this.counts[k] > 0),
    };
  }
}

function percentiles(values: number[]): { p50: number; p95: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number =>
    sorted.length === 0 ? 0 : Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 10) / 10;
  return { p50: at(0.5), p95: at(0.95) };
}
