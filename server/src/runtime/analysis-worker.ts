/**
 * The body of an analysis worker thread (bundled as dist/analysis-worker.js):
 * runs the core's `analyze` for the pool, keeping each document's parse
 * cache between its versions. It reads other files itself (an open editor's
 * unsaved text first, as the pool forwards it), so a slow or runaway
 * analysis never blocks the thread that talks to the editor or the CLI's
 * output, and the pool can stop it at any moment by terminating the thread.
 */
import * as fs from 'fs';
import { parentPort, workerData } from 'worker_threads';
import { analyze, AnalysisCache, type AnalysisResult, type AnalyzeOptions } from '../core/analyze';
import { fixAll, type FixAllResult } from '../core/fix-all';
import { applyPlans, PlanError } from '../core/measures/plan';
import { ALL_RULES } from '../core/rules';
import type { FileReader, Finding, TextEdit } from '../core/types';
import { imageFactsFrom } from '../core/image-facts';
import {
  warmUpPath,
  type AnalysisAnswer,
  type AnalyzeMessage,
  type FromWorker,
  type ToWorker,
} from './analysis-protocol';

const caches = new Map<string, AnalysisCache>();

/**
 * Each document's latest analysis, with what it read of other files: the
 * fix-all an editor asks for right after (on save) starts from it instead
 * of analysing the same text again — a third of fix-all's time on a large
 * Compose file.
 */
interface LatestAnalysis {
  text: string;
  options: string;
  result: AnalysisResult;
  filesRead: Map<string, string | undefined>;
}
const latest = new Map<string, LatestAnalysis>();
const overlays = new Map<string, string>();
/** Files read from disk, kept only for the duration of one analysis: the disk may change between two. */
let diskCache = new Map<string, string | undefined>();

function readFile(path: string): string | undefined {
  const open = overlays.get(path);
  if (open !== undefined) return open;
  if (!diskCache.has(path)) {
    let text: string | undefined;
    try {
      text = fs.readFileSync(path, 'utf8');
    } catch {
      text = undefined;
    }
    diskCache.set(path, text);
  }
  return diskCache.get(path);
}

function run(message: AnalyzeMessage): FromWorker {
  for (const [path, text] of message.overlays) {
    if (text === null) overlays.delete(path);
    else overlays.set(path, text);
  }
  if (message.textIsOverlay && message.options.path !== undefined) overlays.set(message.options.path, message.text);
  let cache: AnalysisCache | undefined;
  if (message.cacheKey !== undefined) {
    cache = caches.get(message.cacheKey);
    if (!cache) caches.set(message.cacheKey, (cache = new AnalysisCache()));
  }
  const filesRead = new Map<string, string | undefined>();
  const files: FileReader = {
    read(path) {
      const text = readFile(path);
      filesRead.set(path, text);
      return text;
    },
  };
  diskCache = new Map();
  try {
    const { imageFacts, ...requested } = message.options;
    const images = imageFacts?.length ? imageFactsFrom(imageFacts) : undefined;
    const answer = answerTo(message, { ...requested, files, cache, ...(images ? { imageFacts: images } : {}) });
    answer.filesRead = [...filesRead.keys()];
    if (message.cacheKey !== undefined && !message.fix) {
      const options = JSON.stringify(message.options);
      latest.set(message.cacheKey, { text: message.text, options, result: answer.result, filesRead });
    }
    return { type: 'analyzed', id: message.id, answer: JSON.stringify(answer) };
  } catch (error) {
    return {
      type: 'failed',
      id: message.id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  } finally {
    diskCache = new Map();
  }
}

/** An analysis, or fixes applied then an analysis of the result; `filesRead` is filled in by the caller. */
function answerTo(message: AnalyzeMessage, options: AnalyzeOptions): AnalysisAnswer {
  const request = message.fix;
  if (!request) return { result: analyze(message.text, options), filesRead: [] };
  let fixed: FixAllResult;
  let planEdits: { edit: TextEdit; measures: string[] }[] | undefined;
  try {
    if (request.kind === 'plan') {
      const plan = applyPlans(message.text, options, request.choices);
      fixed = plan.fixed;
      planEdits = plan.edits.map((edit, i) => ({ edit, measures: plan.editMeasures[i] }));
    } else {
      const original = latestAnalysisOf(message);
      const include = request.kind === 'rule' ? (finding: Finding) => finding.ruleId === request.ruleId : undefined;
      fixed = fixAll(message.text, options, { include, original });
    }
  } catch (error) {
    // A plan naming an unknown measure or an invalid input: the caller says so; the analysis is still good.
    if (!(error instanceof PlanError)) throw error;
    return { result: analyze(message.text, options), filesRead: [], planError: error.message };
  }
  const answer = { text: fixed.text, applied: fixed.applied, ...(planEdits ? { edits: planEdits } : {}) };
  return { result: fixed.analysis, filesRead: [], fixed: answer };
}

/** The document's latest analysis when it is one of this text, with these options, and the other files unchanged. */
function latestAnalysisOf(message: AnalyzeMessage): AnalysisResult | undefined {
  const last = message.cacheKey !== undefined ? latest.get(message.cacheKey) : undefined;
  if (!last || last.text !== message.text || last.options !== JSON.stringify(message.options)) return undefined;
  for (const [path, text] of last.filesRead) if (readFile(path) !== text) return undefined;
  return last.result;
}

/**
 * Runs every rule's examples through the paths an editor's documents take
 * (a file path, other files looked up, the parse cache), so the first
 * document a user opens is analysed by compiled code, about as fast as an
 * edit, rather than paying the JIT's start-up (ten times slower).
 */
function warmUp(): void {
  const noOtherFiles: FileReader = { read: () => undefined };
  for (let round = 0; round < 5; round++) {
    for (const meta of ALL_RULES) {
      const path = warmUpPath(meta.kind);
      const cache = new AnalysisCache();
      for (const text of [meta.examples.bad, meta.examples.good, meta.examples.bad])
        analyze(text, { path, files: noOtherFiles, cache });
    }
  }
}

if (parentPort) {
  const port = parentPort;
  if ((workerData as { warmUp?: boolean } | undefined)?.warmUp) warmUp();
  port.postMessage({ type: 'ready' } satisfies FromWorker);
  port.on('message', (message: ToWorker) => {
    if (message.type === 'forget') {
      caches.delete(message.cacheKey);
      latest.delete(message.cacheKey);
    } else port.postMessage(run(message));
  });
}
