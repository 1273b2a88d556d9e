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

export type Outcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'timeout' }
  | { kind: 'dead'; detail: string }
  | { kind: 'error'; detail: string };

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
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
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
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
      locale: 'en',
    }, timeoutMs);
    if (result.kind === 'ok') this.notify('initialized', {});
    return result;
  }

  notify(method: string, params: unknown): void {
    if (this.exit) return;
    this.connection.sendNotification(method, params).catch(() => undefined);
  }

  async request<T>(method: string, params: unknown, timeoutMs: number): Promise<Outcome<T>> {
    if (this.exit) return { kind: 'dead', detail: this.exit };
    let timer: NodeJS.Timeout | undefined;
    let watch: NodeJS.Timeout | undefined;
    const deadline = new Promise<Outcome<T>>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
      watch = setInterval(() => {
        if (this.exit) resolve({ kind: 'dead', detail: this.exit });
      }, 100);
    });
    const answer = this.connection.sendRequest<T>(method, params).then(
      (value): Outcome<T> => ({ kind: 'ok', value }),
      (error: { code?: number; message?: string }): Outcome<T> =>
        this.exit ? { kind: 'dead', detail: this.exit } : { kind: 'error', detail: `${method}: JSON-RPC error ${error.code}: ${error.message}` },
    );
    const outcome = await Promise.race([answer, deadline]);
    clearTimeout(timer);
    clearInterval(watch);
    return outcome;
  }

  /** Diagnostics published for `uri` at `version`; stops early on an error log newer than `logsBefore`. */
  async diagnostics(uri: string, version: number, timeoutMs: number, logsBefore: number): Promise<Outcome<PublishDiagnosticsParams>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (this.published.get(uri) ?? []).find((p) => p.version === version);
      if (found) return { kind: 'ok', value: found };
      if (this.exit) return { kind: 'dead', detail: this.exit };
      if (this.errorLogs.length > logsBefore) return { kind: 'error', detail: this.errorLogs.slice(logsBefore).join('\n') };
      const left = deadline - Date.now();
      if (left <= 0) return { kind: 'timeout' };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 1000));
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.wakers.add(() => done());
      });
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
