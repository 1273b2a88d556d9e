/**
 * `docker-harden`: the CI adapter over the analysis core. Discovers files,
 * analyses each, prints text/JSON/SARIF, and exits 0 (clean), 1 (findings
 * at or above --fail-on) or 2 (usage or I/O error).
 */

import { ruleDoc } from '../core/docs';
import { ALL_RULES } from '../core/rules';
import { SEVERITY_ORDER } from '../core/types';
import { AnalysisPool, defaultWorkerCount, type AnalysisBudget } from '../runtime/analysis-pool';
import { configureFiles } from './configure';
import { DiscoveryError, discoverFiles } from './discover';
import { readForFixing, unifiedDiff, writeAtomically } from './fix-files';
import { formatCtrf } from './formatters/ctrf';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import type { FileReport, TargetScore } from './formatters/types';
import type { AnalysisResult } from '../core/analyze';
import { planTargets } from '../core/measures/plan';
import { quote } from '../core/knowledge/secrets';
import { environmentLanguage, isLanguage, type Language } from '../core/l10n';
import { CLI_TEXTS } from './messages';
import { parseArguments, usageText, UsageError, type CliOptions } from './options';
import type { ImageFacts } from '../core/image-facts';
import { extractRegistryFlags, imageFactsOfFiles, registryUsageText, type FileToLookUp } from './registry-flags';

export const CLI_VERSION = '0.1.0';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  isTty: boolean;
  /** The environment whose locale text output follows (default: the process's). */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The language of the output: `--locale`, else, for text (read by people),
 * the environment's locale. JSON and SARIF are read by programs and stored
 * in dashboards: English unless `--locale` asks, so a CI log does not change
 * with the machine it ran on.
 */
/** The usage text, the registry flags' after the others. */
function usage(language: Language): string {
  return `${usageText(language)}\n\n${registryUsageText(language)}\n`;
}

function outputLanguage(options: Pick<CliOptions, 'locale' | 'format' | 'fix'>, io: CliIo): Language {
  if (options.locale) return options.locale;
  return options.format === 'text' && options.fix !== 'diff' ? environmentLanguage(io.env ?? process.env) : 'en';
}

/**
 * The output's language for a command line that did not parse: as
 * `outputLanguage` decides it, from the `--locale`, `--format` and `--diff`
 * it can still read.
 */
function usageLanguage(argv: readonly string[], io: CliIo): Language {
  const valueOf = (...flags: string[]): string | undefined => {
    let found: string | undefined;
    argv.forEach((arg, i) => {
      for (const flag of flags) {
        if (arg === flag) found = argv[i + 1];
        else if (arg.startsWith(`${flag}=`)) found = arg.slice(flag.length + 1);
      }
    });
    return found;
  };
  const locale = valueOf('--locale');
  const format = valueOf('--format', '-f') ?? 'text';
  const fix = argv.includes('--diff') ? 'diff' : 'none';
  return outputLanguage(
    { locale: isLanguage(locale) ? locale : undefined, format: format as CliOptions['format'], fix },
    io,
  );
}

/** Runs the CLI and returns its exit status; never calls process.exit, so tests can run it in-process. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const started = Date.now();
  let options;
  let registry;
  try {
    const extracted = extractRegistryFlags(argv);
    registry = extracted.flags;
    options = parseArguments(extracted.rest, io.isTty);
  } catch (error) {
    if (error instanceof UsageError) {
      const language = usageLanguage(argv, io);
      io.stderr(`docker-harden: ${error.in(language)}\n\n${usage(language)}`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    io.stdout(usage(outputLanguage(options, io)));
    return 0;
  }
  if (options.version) {
    io.stdout(`docker-harden ${CLI_VERSION}\n`);
    return 0;
  }
  if (options.listRules) {
    const japanese = outputLanguage(options, io) === 'ja';
    for (const meta of ALL_RULES) {
      const title = (japanese && ruleDoc(meta.id, 'ja')?.title) || meta.title;
      io.stdout(`${meta.id.padEnd(36)} ${meta.severity.padEnd(8)} ${meta.concern.padEnd(34)} ${title}\n`);
    }
    return 0;
  }
  const language = outputLanguage(options, io);
  const say = CLI_TEXTS[language];
  let files;
  try {
    files = discoverFiles(options.paths, io.cwd);
  } catch (error) {
    if (error instanceof DiscoveryError) {
      io.stderr(`docker-harden: ${error.in(language)}\n`);
      return 2;
    }
    throw error;
  }
  const configured = configureFiles(files, options.config, io.cwd, language);
  if (configured.errors.length > 0) {
    io.stderr(configured.errors.map((error) => `docker-harden: ${error}\n`).join(''));
    return 2;
  }
  io.stderr(configured.notes.map((note) => `docker-harden: ${note}\n`).join(''));
  const settingsOf = new Map(configured.files.map(({ file, resolved }) => [file, resolved.settings]));
  files = configured.files.map(({ file }) => file);
  // Each file is analysed in a worker thread under a time and memory budget: a pathological file in a pull
  // request costs its own findings, never the CI job. Files spread over the cores; reports keep their order.
  const budget: Partial<AnalysisBudget> = {};
  if (options.timeLimitMs) budget.timeLimitMs = options.timeLimitMs;
  if (options.memoryLimitMb) budget.memoryLimitMb = options.memoryLimitMb;
  const pool = new AnalysisPool({
    budget,
    maxWorkers: Math.max(1, Math.min(files.length, options.jobs ?? defaultWorkerCount())),
  });
  let ioError = false;
  const fixing = options.fix !== 'none';
  // With --registry, the images of every file are looked up before the real run, which gets their facts.
  const imageFacts = registry.enabled
    ? await imageFactsOfFiles(pool, readableTexts(files), registry, io.stderr, language)
    : new Map<string, ImageFacts[]>();
  const analysed = files.map((file) => {
    let read;
    try {
      read = readForFixing(file.absolutePath);
    } catch {
      io.stderr(`docker-harden: ${say.cannotRead({ path: file.displayPath })}\n`);
      ioError = true;
      return undefined;
    }
    const { text } = read;
    if (fixing && read.notFixable === 'not-utf8')
      io.stderr(`docker-harden: ${say.notFixedNotUtf8({ path: file.displayPath })}\n`);
    const { disabledRules, minimumSeverity } = options;
    const outcome = pool.analyze({
      text,
      // The configuration first; --disable and --min-severity apply after it, so they win.
      options: {
        ...settingsOf.get(file),
        path: file.absolutePath,
        disabledRules,
        minimumSeverity,
        language,
        imageFacts: imageFacts.get(file.absolutePath),
      },
      fix: fixing && !read.notFixable ? { kind: 'all' } : undefined,
    });
    return { file, text, bytes: read.bytes, outcome };
  });
  const reports: FileReport[] = [];
  const texts = new Map<string, string>();
  const diffs: string[] = [];
  const fixed = { files: 0, fixes: 0 };
  try {
    // Every analysis ends before the first file is written: a Compose file's analysis reads the Dockerfiles it
    // builds, and must see them as they were, whatever the order of the files and the number of workers.
    const outcomes = await Promise.all(analysed.map((entry) => entry?.outcome));
    for (const [index, entry] of analysed.entries()) {
      if (!entry) continue;
      const { file } = entry;
      const result = outcomes[index];
      if (!result) continue;
      let text = entry.text;
      if (result.fixed && result.fixed.text !== text) {
        if (options.fix === 'diff') diffs.push(unifiedDiff(file.displayPath, text, result.fixed.text, io.cwd));
        else {
          try {
            writeAtomically(file.absolutePath, result.fixed.text, entry.bytes);
          } catch (error) {
            const detail = (error as Error).message;
            io.stderr(`docker-harden: ${say.cannotWrite({ path: file.displayPath, detail })}\n`);
            ioError = true;
            continue;
          }
        }
        text = result.fixed.text;
        fixed.files++;
        fixed.fixes += result.fixed.applied;
      }
      if (result.kind === null && !result.stopped && !file.explicit) continue;
      texts.set(file.displayPath, text);
      reports.push({
        displayPath: file.displayPath,
        absolutePath: file.absolutePath,
        kind: result.kind,
        findings: result.findings,
        scores: scoresOf(result),
      });
    }
  } finally {
    await pool.dispose();
  }
  if (options.fix === 'diff') io.stdout(diffs.join(''));
  else if (options.format === 'json') io.stdout(formatJson(reports));
  else if (options.format === 'sarif') io.stdout(formatSarif(reports, texts, CLI_VERSION, io.cwd, language));
  else if (options.format === 'ctrf') {
    const { disabledRules } = options;
    io.stdout(formatCtrf(reports, { version: CLI_VERSION, start: started, stop: Date.now(), disabledRules }));
  } else io.stdout(formatText(reports, options.colour, language));
  if (fixing) {
    const preview = options.fix === 'diff';
    io.stderr(`docker-harden: ${say.fixed({ preview, fixes: fixed.fixes, files: fixed.files })}\n`);
  }
  if (ioError) return 2;
  // --diff fails when it shows a change to make, as formatters' check modes do, or when findings would remain.
  if (options.fix === 'diff' && diffs.length > 0) return 1;
  const threshold = options.failOn === 'none' ? Infinity : SEVERITY_ORDER[options.failOn];
  return reports.some((r) => r.findings.some((f) => SEVERITY_ORDER[f.severity] >= threshold)) ? 1 : 0;
}

/** The files' texts for the image look-up (a file that cannot be read is reported by the real run). */
function readableTexts(files: readonly { absolutePath: string }[]): FileToLookUp[] {
  return files.flatMap((file) => {
    try {
      return [{ path: file.absolutePath, text: readForFixing(file.absolutePath).text }];
    } catch {
      return [];
    }
  });
}

/** Each service's score, or the final stage's (the image that runs): the wizard's count of measures in place. */
function scoresOf(result: AnalysisResult): TargetScore[] {
  const targets = planTargets(result);
  const shown = targets.length > 0 && targets[0].kind === 'stage' ? targets.slice(-1) : targets;
  // A name is the user's text: a token pasted as a service name is masked like any quoted text.
  return shown.map((t) => ({ kind: t.kind, name: quote(t.name), line: t.range.start.line, ...t.score }));
}

/** Process entry: runs the CLI on process.argv and exits with its status once stdout is flushed. */
export async function main(): Promise<void> {
  const chunks: string[] = [];
  const status = await runCli(process.argv.slice(2), {
    stdout: (text) => chunks.push(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    isTty: Boolean(process.stdout.isTTY),
  });
  // Write everything at once and exit only after the write is flushed: large JSON on a pipe must not be cut.
  process.stdout.write(chunks.join(''), () => process.exit(status));
}
