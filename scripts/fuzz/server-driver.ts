/**
 * Drives one long-lived language server through fuzz inputs, as an editor
 * would: open, ranged and full-text changes (sometimes in bursts), hovers and
 * code actions at random places, quick fixes applied and sometimes undone,
 * then the final text opened fresh under another URI, whose diagnostics must
 * equal the incrementally maintained ones. A server that dies or stops
 * answering is restarted, and the input that did it recorded.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Command, Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { applyEdits, applyContentChange, hasLoneCr, LspText, type Range, type TextEdit } from './lsp-text';
import { makeInput, mutate, randomReplacement, serverText, type DriveOptions, type FuzzInput } from './mutations';
import { Random } from './random';
import type { Results } from './results';
import { ServerSession } from './server-session';

export interface ServerDriveOptions extends DriveOptions {
  /** Only this input index (replaying one failure). */
  only?: number;
  /** Epoch ms after which no new input is started. */
  deadline?: number;
  progress?: (done: number) => void;
}

const BIG_TEXT = 200_000;

export async function runServerInputs(options: ServerDriveOptions, results: Results): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-fuzz-server-'));
  const start = async (): Promise<ServerSession> => {
    const session = new ServerSession(options.command, workDir);
    const ready = await session.initialize(Math.max(options.budgetMs, 10_000));
    if (ready.kind !== 'ok') throw new Error(`the language server did not initialise: ${JSON.stringify(ready)}`);
    return session;
  };
  let session = await start();
  try {
    const indexes = options.only !== undefined ? [options.only] : Array.from({ length: options.count }, (_, i) => i);
    for (const index of indexes) {
      if (options.deadline !== undefined && Date.now() > options.deadline) break;
      const input = makeInput('server', options.runSeed, index, options.seeds, options.scale);
      const started = performance.now();
      const run = new InputRun(session, input, options, results, workDir);
      await run.drive();
      const ms = performance.now() - started;
      results.inputs.server += 1;
      results.time({ stream: 'server', index, name: input.name, ms, mutations: run.mutations });
      results.peakServerRssKiB = Math.max(results.peakServerRssKiB, session.peakRssKiB);
      if (run.fatal || session.exited) {
        await session.dispose();
        results.peakServerRssKiB = Math.max(results.peakServerRssKiB, session.peakRssKiB);
        results.serverRestarts += 1;
        session = await start();
      }
      options.progress?.(results.inputs.server);
    }
  } finally {
    await session.dispose();
    results.peakServerRssKiB = Math.max(results.peakServerRssKiB, session.peakRssKiB);
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

type Step = { op: string; [key: string]: unknown };

/** One input's session with the server. */
class InputRun {
  fatal = false;
  /** Diagnostics are missing for some version (an analysis failed): the fresh comparison would mislead. */
  private incomplete = false;
  private stoppedNoted = false;
  private readonly rng: Random;
  private readonly started = performance.now();
  readonly mutations: string[];
  private readonly initialText: string;
  private readonly steps: Step[] = [];
  private readonly uriA: string;
  private readonly uriB: string;
  private readonly languageId: string;
  private text: string;
  private version = 1;
  private diagnostics: Diagnostic[] = [];

  constructor(
    private readonly session: ServerSession,
    private readonly input: FuzzInput,
    private readonly options: ServerDriveOptions,
    private readonly results: Results,
    workDir: string,
  ) {
    this.rng = new Random(options.runSeed, 'server-session', input.index);
    const decoded = serverText(input, this.rng);
    this.text = this.initialText = decoded.text;
    this.mutations = [...input.mutations, ...decoded.mutations];
    // Directories that exist and hold nothing else, so cross-file lookups find the same (nothing) for both URIs.
    const untitled = this.rng.chance(0.15);
    const dir = (side: string): string => path.join(workDir, side, String(input.index));
    this.uriA = untitled ? `untitled:${input.name}` : pathToFileURL(path.join(dir('A'), input.name)).href;
    this.uriB = untitled
      ? `untitled:fresh-${input.index}/${input.name}`
      : pathToFileURL(path.join(dir('B'), input.name)).href;
    this.languageId =
      input.kind === 'dockerfile'
        ? this.rng.pick(['dockerfile', 'dockerfile', 'plaintext'])
        : this.rng.pick(['dockercompose', 'yaml', 'yaml']);
  }

  async drive(): Promise<void> {
    const opened = this.send('textDocument/didOpen', {
      textDocument: { uri: this.uriA, languageId: this.languageId, version: 1, text: this.text },
    });
    const first = await this.expect(this.uriA, 1, this.text, opened, 'didOpen');
    if (this.fatal) return;
    if (first) this.diagnostics = first;
    const big = this.text.length > BIG_TEXT;
    const stepCount = big ? 1 : this.rng.int(2, 6);
    for (let i = 0; i < stepCount && !this.fatal; i++) {
      const op = this.rng.weighted<string>([
        [5, 'ranged'],
        [2, 'burst'],
        [1, 'full'],
        [3, 'hover'],
        [4, 'code-action'],
      ]);
      if (op === 'ranged' || op === 'burst') await this.rangedChanges(op === 'burst' ? this.rng.int(2, 4) : 1);
      else if (op === 'full') await this.fullChange();
      else if (op === 'hover') await this.hover();
      else await this.codeActions(big ? 1 : this.rng.int(1, 3));
    }
    if (!this.fatal) await this.compareWithFresh();
    this.send('textDocument/didClose', { textDocument: { uri: this.uriA } });
    this.session.forget(this.uriA);
  }

  private fail(kind: Parameters<Results['record']>[0], message: string): void {
    this.results.record(kind, this.input, message, {
      ms: performance.now() - this.started,
      bytes: Buffer.from(this.initialText, 'utf8'),
      mutations: this.mutations,
      replay: { uri: this.uriA, languageId: this.languageId, initialText: this.initialText, steps: this.steps },
    });
  }

  /** Sends a notification (recorded for replay); returns the error-log mark taken before it. */
  private send(method: string, params: unknown): number {
    const mark = this.session.errorLogs.length;
    this.steps.push({ op: method, params });
    this.session.notify(method, params);
    return mark;
  }

  /** Waits for the diagnostics of `version` and checks them against `text`. */
  private async expect(
    uri: string,
    version: number,
    text: string,
    mark: number,
    after: string,
  ): Promise<Diagnostic[] | undefined> {
    const outcome = await this.session.diagnostics(uri, version, this.options.budgetMs, mark);
    if (outcome.kind === 'timeout') {
      this.fail(
        'hang',
        `no diagnostics for ${uri === this.uriA ? 'the document' : 'the fresh document'} v${version} within ${this.options.budgetMs} ms of server CPU time after ${after}`,
      );
      this.fatal = true;
      return undefined;
    }
    if (outcome.kind === 'dead') {
      this.fail('crash', `${outcome.detail} (after ${after})`);
      this.fatal = true;
      return undefined;
    }
    if (outcome.kind === 'error') {
      this.fail(
        'internal-error',
        `analysis failed after ${after}, no diagnostics published: ${outcome.detail.slice(0, 3000)}`,
      );
      this.incomplete = true;
      return undefined;
    }
    this.checkDiagnostics(outcome.value, text, after);
    return outcome.value.diagnostics;
  }

  private checkDiagnostics(params: PublishDiagnosticsParams, text: string, after: string): void {
    const doc = new LspText(text);
    const bad: string[] = [];
    for (const d of params.diagnostics) {
      const problem = doc.rangeProblem(d.range);
      if (problem) bad.push(`${d.code} ${JSON.stringify(d.range)}: ${problem}`);
      if (d.code === 'internal-error') this.fail('internal-error', `${d.message} (after ${after})`);
      if (d.code === 'analysis-stopped' && !this.stoppedNoted) {
        this.stoppedNoted = true;
        this.fail('stopped', `${d.message} (after ${after})`);
      }
    }
    if (bad.length > 0)
      this.fail(
        'bad-range',
        `diagnostic ranges outside the document after ${after}${loneCrNote(text)}: ${bad.slice(0, 5).join('; ')}`,
      );
  }

  private randomRange(doc: LspText): Range {
    const line = this.rng.int(0, doc.lineCount - 1);
    const start = { line, character: this.rng.int(0, doc.lineLengths[line]) };
    const length = this.rng.weighted([
      [6, 0],
      [4, this.rng.int(1, 10)],
      [1, this.rng.int(10, 500)],
    ]);
    return { start, end: doc.positionAt(doc.offsetAt(start) + length) };
  }

  private async changed(changes: { range?: Range; text: string }[][], after: string): Promise<void> {
    let mark = 0;
    for (const contentChanges of changes) {
      for (const change of contentChanges) this.text = applyContentChange(this.text, change);
      this.version += 1;
      mark = this.send('textDocument/didChange', {
        textDocument: { uri: this.uriA, version: this.version },
        contentChanges,
      });
      if (mark !== this.session.errorLogs.length) break;
    }
    const diagnostics = await this.expect(this.uriA, this.version, this.text, mark, after);
    if (diagnostics) this.diagnostics = diagnostics;
  }

  private async rangedChanges(notifications: number): Promise<void> {
    const all: { range: Range; text: string }[][] = [];
    let text = this.text;
    for (let n = 0; n < notifications; n++) {
      const contentChanges: { range: Range; text: string }[] = [];
      for (let c = this.rng.int(1, 3); c > 0; c--) {
        const change = {
          range: this.randomRange(new LspText(text)),
          text: randomReplacement(this.rng, this.options.seeds),
        };
        text = applyContentChange(text, change);
        contentChanges.push(change);
      }
      all.push(contentChanges);
    }
    await this.changed(all, `${notifications} ranged didChange notification(s)`);
  }

  private async fullChange(): Promise<void> {
    const out = mutate(Buffer.from(this.text, 'utf8'), this.rng, this.options.seeds);
    this.mutations.push(`full-text change: ${out.label}`);
    await this.changed([[{ text: out.bytes.toString('utf8') }]], `full-text didChange (${out.label})`);
  }

  private async hover(): Promise<void> {
    const doc = new LspText(this.text);
    const position = this.rng.chance(0.05) ? { line: doc.lineCount + 2, character: 3 } : this.randomRange(doc).start;
    const params = { textDocument: { uri: this.uriA }, position };
    this.steps.push({ op: 'textDocument/hover', params });
    const outcome = await this.session.request<Hover | null>('textDocument/hover', params, this.options.budgetMs);
    if (!this.requestOk(outcome, 'hover')) return;
    const range = outcome.kind === 'ok' ? outcome.value?.range : undefined;
    const problem = range && doc.rangeProblem(range);
    if (problem) this.fail('bad-range', `hover range ${JSON.stringify(range)}: ${problem}`);
  }

  /** A request's outcome: false (and recorded) when it failed. */
  private requestOk(outcome: { kind: string; detail?: string }, what: string): boolean {
    if (outcome.kind === 'ok') return true;
    if (outcome.kind === 'timeout') {
      this.fail('hang', `${what} request unanswered within ${this.options.budgetMs} ms of server CPU time`);
      this.fatal = true;
    } else if (outcome.kind === 'dead') {
      this.fail('crash', `${outcome.detail} (during ${what})`);
      this.fatal = true;
    } else {
      this.fail('crash', `${what} failed: ${outcome.detail}`);
    }
    return false;
  }

  private async codeActions(maxApplied: number): Promise<void> {
    const doc = new LspText(this.text);
    const range = this.rng.chance(0.2)
      ? { start: { line: 0, character: 0 }, end: doc.positionAt(this.text.length) }
      : this.randomRange(doc);
    const overlapping = this.diagnostics.filter(
      (d) => !(before(d.range.end, range.start) || before(range.end, d.range.start)),
    );
    const context = {
      diagnostics: this.rng.chance(0.3) ? this.diagnostics : overlapping,
      ...(this.rng.chance(0.2) ? { only: ['quickfix'] } : {}),
    };
    const params = { textDocument: { uri: this.uriA }, range, context };
    this.steps.push({
      op: 'textDocument/codeAction',
      params: { ...params, context: { ...context, diagnostics: `${context.diagnostics.length} diagnostics` } },
    });
    const outcome = await this.session.request<(CodeAction | Command)[] | null>(
      'textDocument/codeAction',
      params,
      this.options.budgetMs,
    );
    if (!this.requestOk(outcome, 'codeAction') || outcome.kind !== 'ok') return;
    const fixes: { action: CodeAction; edits: TextEdit[] }[] = [];
    for (const item of outcome.value ?? []) {
      if (!('title' in item) || typeof (item as Command).command === 'string') continue;
      const action = item as CodeAction;
      const edits = this.editsOf(action, doc);
      if (edits) fixes.push({ action, edits });
    }
    for (let applied = 0; applied < maxApplied && fixes.length > 0 && !this.fatal; applied++) {
      const { action, edits } = fixes.splice(this.rng.int(0, fixes.length - 1), 1)[0];
      const keep = await this.applyFix(action, edits);
      if (keep) break; // the other actions were computed for the text before this fix
    }
  }

  /** The edits of a code action for this document, or undefined (recorded) when they do not fit it. */
  private editsOf(action: CodeAction, doc: LspText): TextEdit[] | undefined {
    const byUri = new Map<string, TextEdit[]>(Object.entries(action.edit?.changes ?? {}));
    for (const change of action.edit?.documentChanges ?? []) {
      if ('textDocument' in change)
        byUri.set(change.textDocument.uri, [
          ...(byUri.get(change.textDocument.uri) ?? []),
          ...change.edits.filter((e): e is TextEdit => 'range' in e),
        ]);
    }
    const others = [...byUri.keys()].filter((uri) => uri !== this.uriA);
    if (others.length > 0)
      this.fail('bad-range', `quick fix "${action.title}" edits another document: ${others.join(', ')}`);
    const edits = byUri.get(this.uriA);
    if (!edits || edits.length === 0) return undefined;
    const problems = edits.map((e) => doc.rangeProblem(e.range)).filter(Boolean);
    if (problems.length > 0) {
      this.fail(
        'bad-range',
        `quick fix "${action.title}" (${action.diagnostics?.[0]?.code}) edit ranges outside the document${loneCrNote(this.text)}: ${problems.slice(0, 3).join('; ')}; edits ${JSON.stringify(edits).slice(0, 500)}`,
      );
      return undefined;
    }
    try {
      applyEdits(this.text, edits);
    } catch (error) {
      this.fail('bad-range', `quick fix "${action.title}" edits cannot be applied: ${(error as Error).message}`);
      return undefined;
    }
    return edits;
  }

  /** Applies a fix, checks the result is served, sometimes undoes it; true when the fix was kept. */
  private async applyFix(action: CodeAction, edits: TextEdit[]): Promise<boolean> {
    const before = this.diagnostics;
    const oldText = this.text;
    const target = action.diagnostics?.[0];
    const ranged = edits.length === 1 && this.rng.chance(0.5);
    const change = ranged ? { range: edits[0].range, text: edits[0].newText } : { text: applyEdits(this.text, edits) };
    await this.changed([[change]], `applying quick fix "${action.title}"`);
    if (this.fatal || this.diagnostics === before) return true;
    if (target) {
      const same = (d: Diagnostic): boolean => d.code === target.code && d.message === target.message;
      if (this.diagnostics.filter(same).length >= before.filter(same).length) {
        this.fail(
          'fix-ineffective',
          `quick fix "${action.title}" left ${target.code} ("${target.message.slice(0, 120)}") in place`,
        );
      }
    }
    const syntax = (list: Diagnostic[]): number => list.filter((d) => d.code === 'syntax-error').length;
    if (syntax(this.diagnostics) > syntax(before)) {
      const added = this.diagnostics
        .filter((d) => d.code === 'syntax-error' && !before.some((b) => b.message === d.message))
        .map((d) => d.message);
      this.fail(
        'fix-breaks-parse',
        `quick fix "${action.title}" for ${target?.code} added syntax errors: ${added.slice(0, 2).join('; ').slice(0, 300)}`,
      );
    }
    if (this.rng.chance(0.5)) return true;
    await this.changed([[{ text: oldText }]], `undoing quick fix "${action.title}"`);
    return false;
  }

  private async compareWithFresh(): Promise<void> {
    if (this.incomplete) return;
    const mark = this.send('textDocument/didOpen', {
      textDocument: { uri: this.uriB, languageId: this.languageId, version: 1, text: this.text },
    });
    const fresh = await this.expect(this.uriB, 1, this.text, mark, 'opening the final text fresh');
    this.send('textDocument/didClose', { textDocument: { uri: this.uriB } });
    this.session.forget(this.uriB);
    if (!fresh || this.incomplete) return;
    // A budget-stopped analysis (counted as `stopped`) has no findings to compare: the incremental one may
    // finish in time where a fresh one, with nothing to reuse, does not.
    const stoppedIn = (list: Diagnostic[]): boolean => list.some((d) => d.code === 'analysis-stopped');
    if (stoppedIn(fresh) || stoppedIn(this.diagnostics)) return;
    const key = (d: Diagnostic): string => JSON.stringify([d.code, d.severity, d.message, d.range]);
    const incremental = this.diagnostics.map(key).sort();
    const fromScratch = fresh.map(key).sort();
    if (incremental.join('\n') === fromScratch.join('\n')) return;
    const onlyIncremental = incremental.filter((k) => !fromScratch.includes(k));
    const onlyFresh = fromScratch.filter((k) => !incremental.includes(k));
    this.fail(
      'mismatch',
      `after ${this.version - 1} change(s), incremental and fresh diagnostics differ: only incremental ${onlyIncremental.slice(0, 3).join(' | ') || '-'}; only fresh ${onlyFresh.slice(0, 3).join(' | ') || '-'}${onlyIncremental.length + onlyFresh.length === 0 ? ' (same set, different multiplicity)' : ''}`,
    );
  }
}

function loneCrNote(text: string): string {
  return hasLoneCr(text) ? ' (text has a lone CR)' : '';
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
