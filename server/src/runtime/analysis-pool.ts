/**
 * Runs analyses in worker threads under a time and memory budget that no
 * input can exceed. A runaway analysis (a pathological file, a bug) costs
 * its document one `analysis-stopped` finding: the pool terminates that
 * worker and starts a fresh one, while documents on other workers keep being
 * served. Used by the language server (documents keep a parse cache in the
 * worker that last analysed them) and by the CLI (files spread over the
 * machine's cores).
 */
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { analysisStoppedFinding, type AnalysisResult, type AnalysisStop } from '../core/analyze';
import type {
  AnalysisAnswer,
  AnalysisRequestOptions,
  AnalyzeMessage,
  FixRequest,
  FromWorker,
  Overlay,
} from './analysis-protocol';

export interface AnalysisBudget {
  /** Wall-clock time one analysis may take, from the moment a worker starts it. */
  timeLimitMs: number;
  /** Heap (old generation) a worker may grow to; an analysis that needs more is stopped. */
  memoryLimitMb: number;
}

/** Generous for any real file (the largest real Compose files take well under a second), tight for a denial of service. */
export const DEFAULT_BUDGET: AnalysisBudget = { timeLimitMs: 10_000, memoryLimitMb: 384 };

/** One worker per core, at most two: analyses are short, and each worker holds its own parse caches. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length));
}

export interface PoolOptions {
  budget?: Partial<AnalysisBudget>;
  /** Most workers at once (default: the number of cores, at most 2). */
  maxWorkers?: number;
  /**
   * A document waits for the worker holding its parse cache, unless that
   * worker has been busy this long with another document: then another
   * worker takes it (and parses it afresh), so one slow document does not
   * hold up the others.
   */
  waitForOwnWorkerMs?: number;
  /** Extra workers (beyond the first) idle this long are stopped, returning their memory. */
  idleWorkerMs?: number;
  /**
   * Have each worker run every rule's examples before its first job (a few
   * hundred milliseconds), so the first document an editor opens is analysed
   * as fast as an edit. Worth it for a long-lived server, not for a CLI run.
   */
  warmUp?: boolean;
  /** The worker script (default: analysis-worker.js beside this module, as both the bundle and tsc lay it out). */
  workerFile?: string;
}

export interface AnalysisRequest {
  text: string;
  options: AnalysisRequestOptions;
  /** Successive analyses with one key reuse parse state (an editor document's URI). */
  cacheKey?: string;
  /** Fixes to apply; the outcome then analyses the fixed text and carries it. */
  fix?: FixRequest;
}

export interface AnalysisOutcome extends AnalysisResult {
  /** Other files the analysis read: a change to one calls for a new analysis. */
  filesRead: string[];
  /** Set when the budget stopped the analysis; `findings` then holds the one finding that says so. */
  stopped?: AnalysisStop['reason'];
  /** Wall-clock time from start on a worker to the answer. */
  elapsedMs: number;
  /** With `fix`: the fixed text and how many fixes made it (absent when the analysis was stopped). */
  fixed?: AnalysisAnswer['fixed'];
  planError?: string;
}

interface Job {
  id: number;
  request: AnalysisRequest;
  resolve(outcome: AnalysisOutcome): void;
}

interface Slot {
  worker: Worker;
  current: Job | null;
  startedAt: number;
  deadline: NodeJS.Timeout | null;
  idleTimer: NodeJS.Timeout | null;
  /** Overlay versions this worker has been sent, by path. */
  knownOverlays: Map<string, number>;
  /** Set once the worker is gone (terminated, crashed, out of memory). */
  gone: boolean;
  /** Settles when the worker has loaded and warmed up (or is gone). */
  ready: Promise<void>;
  isReady: boolean;
  markReady(): void;
}

export class AnalysisPool {
  private readonly budget: AnalysisBudget;
  private readonly maxWorkers: number;
  private readonly waitForOwnWorkerMs: number;
  private readonly idleWorkerMs: number;
  private readonly workerFile: string;
  private readonly warmUp: boolean;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly owner = new Map<string, Slot>();
  private readonly overlays = new Map<string, { text: string | null; version: number }>();
  private overlayVersion = 0;
  private nextId = 1;
  private disposed = false;
  private stealTimer: NodeJS.Timeout | null = null;

  constructor(options: PoolOptions = {}) {
    this.budget = { ...DEFAULT_BUDGET, ...options.budget };
    this.maxWorkers = Math.max(1, options.maxWorkers ?? defaultWorkerCount());
    this.waitForOwnWorkerMs = options.waitForOwnWorkerMs ?? 150;
    this.idleWorkerMs = options.idleWorkerMs ?? 30_000;
    this.workerFile = options.workerFile ?? path.join(__dirname, 'analysis-worker.js');
    this.warmUp = options.warmUp ?? false;
  }

  get limits(): AnalysisBudget {
    return { ...this.budget };
  }

  /** Settles when a first worker has started and warmed up (started now if there is none). */
  async ready(): Promise<void> {
    if (this.disposed) return;
    await (this.slots.find((s) => !s.gone) ?? this.spawn()).ready;
  }

  analyze(request: AnalysisRequest): Promise<AnalysisOutcome> {
    if (this.disposed) return Promise.reject(new Error('the analysis pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, request, resolve });
      this.dispatch();
    });
  }

  /** An open editor's text for `path`, which analyses read instead of the disk; `null` when it closes. */
  setOverlay(file: string, text: string | null): void {
    this.overlays.set(file, { text, version: ++this.overlayVersion });
  }

  /** Drops the parse state kept for a key (a closed document). */
  forget(cacheKey: string): void {
    const slot = this.owner.get(cacheKey);
    this.owner.delete(cacheKey);
    if (slot && !slot.gone) slot.worker.postMessage({ type: 'forget', cacheKey });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.stealTimer) clearTimeout(this.stealTimer);
    const stopped = this.queue.splice(0);
    for (const job of stopped) job.resolve(this.stoppedOutcome(job, 'crash', 0, 'the analysis pool was closed'));
    await Promise.all(this.slots.splice(0).map((slot) => this.retire(slot)));
  }

  private dispatch(): void {
    if (this.disposed) return;
    let waitingForBusyOwner = false;
    for (let i = 0; i < this.queue.length;) {
      const job = this.queue[i];
      const slot = this.slotFor(job);
      if (slot === 'wait') {
        waitingForBusyOwner = true;
        i++;
        continue;
      }
      if (!slot) break;
      this.queue.splice(i, 1);
      this.start(slot, job);
    }
    // Re-check once the busy owner has run long enough for another worker to take over its waiting documents.
    if (waitingForBusyOwner && !this.stealTimer) {
      this.stealTimer = setTimeout(() => {
        this.stealTimer = null;
        this.dispatch();
      }, this.waitForOwnWorkerMs);
      this.stealTimer.unref?.();
    }
  }

  /** The worker to run `job` on now, 'wait' to leave it queued for its busy owner, or null when none is free. */
  private slotFor(job: Job): Slot | 'wait' | null {
    const key = job.request.cacheKey;
    const own = key === undefined ? undefined : this.owner.get(key);
    if (own && !own.gone) {
      if (!own.current) return own;
      if (Date.now() - own.startedAt < this.waitForOwnWorkerMs) return 'wait';
    }
    // A document another job is already analysing must wait for it: its versions are analysed in order.
    if (key !== undefined && this.slots.some((s) => s.current?.request.cacheKey === key)) return 'wait';
    const idle = this.slots.find((s) => !s.current && !s.gone);
    if (idle) return idle;
    return this.slots.length < this.maxWorkers ? this.spawn() : null;
  }

  private start(slot: Slot, job: Job): void {
    const { request } = job;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    const key = request.cacheKey;
    if (key !== undefined) {
      const previous = this.owner.get(key);
      if (previous && previous !== slot && !previous.gone)
        previous.worker.postMessage({ type: 'forget', cacheKey: key });
      this.owner.set(key, slot);
    }
    const overlays: Overlay[] = [];
    let textIsOverlay = false;
    for (const [file, overlay] of this.overlays) {
      if ((slot.knownOverlays.get(file) ?? 0) >= overlay.version) continue;
      slot.knownOverlays.set(file, overlay.version);
      // The analysed document's own overlay is its text: sent once, not twice.
      if (file === request.options.path && overlay.text === request.text) textIsOverlay = true;
      else overlays.push([file, overlay.text]);
    }
    const message: AnalyzeMessage = {
      type: 'analyze',
      id: job.id,
      text: request.text,
      options: request.options,
      cacheKey: key,
      overlays,
      textIsOverlay,
      ...(request.fix ? { fix: request.fix } : {}),
    };
    slot.current = job;
    slot.worker.ref();
    slot.worker.postMessage(message);
    // The clock runs from when the worker can start: loading and warming up a new worker is not the file's time.
    const arm = (): void => {
      if (slot.current !== job || slot.gone) return;
      slot.startedAt = Date.now();
      slot.deadline = setTimeout(() => this.stop(slot, 'time'), this.budget.timeLimitMs);
    };
    if (slot.isReady) arm();
    else void slot.ready.then(arm);
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerFile, {
      workerData: { warmUp: this.warmUp },
      resourceLimits: { maxOldGenerationSizeMb: this.budget.memoryLimitMb, maxYoungGenerationSizeMb: 48 },
      stdout: false,
      stderr: false,
    });
    let markReady = (): void => undefined;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    const slot: Slot = {
      worker,
      current: null,
      startedAt: Date.now(),
      deadline: null,
      idleTimer: null,
      knownOverlays: new Map(),
      gone: false,
      ready,
      isReady: false,
      markReady: () => {
        slot.isReady = true;
        markReady();
      },
    };
    worker.on('message', (message: FromWorker) =>
      message.type === 'ready' ? slot.markReady() : this.finish(slot, message),
    );
    worker.on('error', (error: Error & { code?: string }) => {
      this.stop(slot, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash', error.message);
    });
    worker.on('exit', () => {
      if (!slot.gone) this.stop(slot, 'crash', 'the analysis thread exited');
    });
    // Referenced while it warms up or works, so a CLI waiting for it stays alive; an idle worker keeps no process alive.
    void ready.then(() => {
      if (!slot.current) worker.unref();
    });
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot, message: Exclude<FromWorker, { type: 'ready' }>): void {
    const job = slot.current;
    if (!job || job.id !== message.id) return;
    this.release(slot);
    const elapsedMs = Date.now() - slot.startedAt;
    if (message.type === 'analyzed') {
      const { result, filesRead, fixed, planError } = JSON.parse(message.answer) as AnalysisAnswer;
      job.resolve({
        ...result,
        filesRead,
        elapsedMs,
        ...(fixed ? { fixed } : {}),
        ...(planError ? { planError } : {}),
      });
    } else job.resolve(this.stoppedOutcome(job, 'crash', elapsedMs, message.error.split('\n')[0]));
    this.scheduleIdleStop(slot);
    this.dispatch();
  }

  /** The budget ran out, or the worker died: answer its job with a finding that says so, and replace the worker. */
  private stop(slot: Slot, reason: AnalysisStop['reason'], detail?: string): void {
    if (slot.gone) return;
    const job = slot.current;
    const elapsedMs = Date.now() - slot.startedAt;
    this.release(slot);
    this.remove(slot);
    if (job) job.resolve(this.stoppedOutcome(job, reason, elapsedMs, detail));
    this.dispatch();
  }

  private stoppedOutcome(
    job: Job,
    reason: AnalysisStop['reason'],
    elapsedMs: number,
    detail?: string,
  ): AnalysisOutcome {
    const finding = analysisStoppedFinding({ reason, ...this.budget, detail }, job.request.options.language);
    return { kind: null, findings: [finding], filesRead: [], stopped: reason, elapsedMs };
  }

  private release(slot: Slot): void {
    if (slot.deadline) clearTimeout(slot.deadline);
    slot.deadline = null;
    slot.current = null;
    slot.worker.unref();
  }

  private scheduleIdleStop(slot: Slot): void {
    if (this.slots.indexOf(slot) <= 0) return;
    slot.idleTimer = setTimeout(() => {
      if (!slot.current && !slot.gone) this.remove(slot);
    }, this.idleWorkerMs);
    slot.idleTimer.unref?.();
  }

  /** Takes a worker out of service: its documents' parse caches go with it, and it is terminated. */
  private remove(slot: Slot): void {
    slot.gone = true;
    const index = this.slots.indexOf(slot);
    if (index !== -1) this.slots.splice(index, 1);
    for (const [key, owner] of this.owner) if (owner === slot) this.owner.delete(key);
    void this.retire(slot);
  }

  private async retire(slot: Slot): Promise<void> {
    slot.gone = true;
    slot.markReady();
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    if (slot.deadline) clearTimeout(slot.deadline);
    try {
      await slot.worker.terminate();
    } catch {
      // already gone
    }
  }
}
