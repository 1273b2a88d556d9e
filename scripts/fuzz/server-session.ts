/**
 * One language-server process over stdio, as an editor drives it: JSON-RPC
 * requests with a deadline, published diagnostics by URI and version, error
 * log messages, the process's exit, and its memory (VmHWM / VmRSS from
 * /proc, sampled while it runs).
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

/** Kernel clock ticks per second (USER_HZ), the unit of utime/stime in /proc/<pid>/stat: 100 on Linux. */
const CLOCK_TICKS = 100;
/** How much longer than its budget a server may take in wall time while it is not using the CPU. */
const WALL_FACTOR = 3;

export type Outcome<T> =
  { kind: 'ok'; value: T } | { kind: 'timeout' } | { kind: 'dead'; detail: string } | { kind: 'error'; detail: string };

export class ServerSession {
  private readonly child: ChildProcess;
  private readonly connection: MessageConnection;
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private readonly wakers = new Set<() => void>();
  private stderrTail = '';
  private exit: string | undefined;
  private readonly sampler: NodeJS.Timeout;
  /** Error-level log messages (a failed analysis is logged, not published). */
  readonly errorLogs: string[] = [];
  peakRssKiB = 0;

  constructor(command: readonly string[], cwd: string) {
    this.child = spawn(command[0], command.slice(1), { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-4000);
    });
    this.child.on('exit', (code, signal) => {
      this.exit = `server exited (code ${code}, signal ${signal})${this.stderrTail ? `: ${this.stderrTail.trim()}` : ''}`;
      this.wake();
    });
    this.child.on('error', (error) => {
      this.exit = `server could not run: ${error.message}`;
      this.wake();
    });
    // A write to a dead server must not take the fuzzer down with EPIPE.
    this.child.stdin?.on('error', () => undefined);
    this.connection = createMessageConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      if (params.type === 1) {
        this.errorLogs.push(params.message);
        this.wake();
      }
    });
    this.connection.onRequest('workspace/configuration', () => [{}]);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onError(() => undefined);
    this.connection.onClose(() => this.wake());
    this.connection.listen();
    this.sampler = setInterval(() => this.sampleMemory(), 200);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get exited(): string | undefined {
    return this.exit;
  }

  async initialize(timeoutMs: number): Promise<Outcome<unknown>> {
    const result = await this.request(
      'initialize',
      {
        processId: process.pid,
        rootUri: null,
        capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
        locale: 'en',
      },
      timeoutMs,
    );
    if (result.kind === 'ok') this.notify('initialized', {});
    return result;
  }

  notify(method: string, params: unknown): void {
    if (this.exit) return;
    this.connection.sendNotification(method, params).catch(() => undefined);
  }

  async request<T>(method: string, params: unknown, timeoutMs: number): Promise<Outcome<T>> {
    if (this.exit) return { kind: 'dead', detail: this.exit };
    let watch: NodeJS.Timeout | undefined;
    const deadline = new Promise<Outcome<T>>((resolve) => {
      const budget = this.budget(timeoutMs);
      watch = setInterval(() => {
        if (this.exit) resolve({ kind: 'dead', detail: this.exit });
        else if (budget.spent()) resolve({ kind: 'timeout' });
      }, 100);
    });
    const answer = this.connection.sendRequest<T>(method, params).then(
      (value): Outcome<T> => ({ kind: 'ok', value }),
      (error: { code?: number; message?: string }): Outcome<T> =>
        this.exit
          ? { kind: 'dead', detail: this.exit }
          : { kind: 'error', detail: `${method}: JSON-RPC error ${error.code}: ${error.message}` },
    );
    const outcome = await Promise.race([answer, deadline]);
    clearInterval(watch);
    return outcome;
  }

  /** Diagnostics published for `uri` at `version`; stops early on an error log newer than `logsBefore`. */
  async diagnostics(
    uri: string,
    version: number,
    timeoutMs: number,
    logsBefore: number,
  ): Promise<Outcome<PublishDiagnosticsParams>> {
    const budget = this.budget(timeoutMs);
    for (;;) {
      const found = (this.published.get(uri) ?? []).find((p) => p.version === version);
      if (found) return { kind: 'ok', value: found };
      if (this.exit) return { kind: 'dead', detail: this.exit };
      if (this.errorLogs.length > logsBefore)
        return { kind: 'error', detail: this.errorLogs.slice(logsBefore).join('\n') };
      if (budget.spent()) return { kind: 'timeout' };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 200);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.wakers.add(() => done());
      });
    }
  }

  /**
   * A waiting budget: spent once the server has used `ms` of CPU since now, or after WALL_FACTOR times
   * `ms` of wall time whatever it used (a busy machine stretches wall time; a starved server is not hung).
   */
  private budget(ms: number): { spent: () => boolean } {
    const wallStart = Date.now();
    const cpuStart = this.cpuMs();
    return {
      spent: () => {
        const wall = Date.now() - wallStart;
        if (wall < ms) return false;
        if (wall >= ms * WALL_FACTOR) return true;
        const cpuNow = this.cpuMs();
        return cpuStart === undefined || cpuNow === undefined || cpuNow - cpuStart >= ms;
      },
    };
  }

  /** CPU time (user + system) of the server process so far, from /proc; undefined where unavailable. */
  private cpuMs(): number | undefined {
    if (!this.child.pid) return undefined;
    try {
      const stat = fs.readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    } catch {
      return undefined;
    }
  }

  /** Forgets what was published for `uri` (after it is closed). */
  forget(uri: string): void {
    this.published.delete(uri);
  }

  private wake(): void {
    const wakers = [...this.wakers];
    this.wakers.clear();
    wakers.forEach((w) => w());
  }

  private sampleMemory(): void {
    if (!this.child.pid || this.exit) return;
    try {
      const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      this.peakRssKiB = Math.max(this.peakRssKiB, hwm, rss);
    } catch {
      // not on Linux, or the process is gone
    }
  }

  /** Ends the server (killed: a hung server does not answer shutdown). */
  async dispose(): Promise<void> {
    this.sampleMemory();
    clearInterval(this.sampler);
    if (!this.exit) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGKILL');
      await exited;
    }
    this.connection.dispose();
  }
}
