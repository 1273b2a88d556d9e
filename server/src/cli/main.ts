/**
 * `docker-harden`: the CI adapter over the analysis core. Discovers files,
 * analyses each, prints text/JSON/SARIF, and exits 0 (clean), 1 (findings
 * at or above --fail-on) or 2 (usage or I/O error).
 */
import * as fs from 'fs';

import { analyze } from '../core/analyze';
import { ALL_RULES } from '../core/rules';
import { SEVERITY_ORDER, type FileReader } from '../core/types';
import { DiscoveryError, discoverFiles } from './discover';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import type { FileReport } from './formatters/types';
import { parseArguments, USAGE, UsageError } from './options';

export const CLI_VERSION = '0.1.0';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  isTty: boolean;
}

/** Runs the CLI and returns its exit status; never calls process.exit, so tests can run it in-process. */
export function runCli(argv: string[], io: CliIo): number {
  let options;
  try {
    options = parseArguments(argv, io.isTty);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`docker-harden: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (options.version) {
    io.stdout(`docker-harden ${CLI_VERSION}\n`);
    return 0;
  }
  if (options.listRules) {
    for (const meta of ALL_RULES) io.stdout(`${meta.id.padEnd(36)} ${meta.severity.padEnd(8)} ${meta.concern.padEnd(34)} ${meta.title}\n`);
    return 0;
  }
  let files;
  try {
    files = discoverFiles(options.paths, io.cwd);
  } catch (error) {
    if (error instanceof DiscoveryError) {
      io.stderr(`docker-harden: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const cache = new Map<string, string | undefined>();
  const reader: FileReader = {
    read(file) {
      if (!cache.has(file)) {
        try {
          cache.set(file, fs.readFileSync(file, 'utf8'));
        } catch {
          cache.set(file, undefined);
        }
      }
      return cache.get(file);
    },
  };
  const reports: FileReport[] = [];
  const texts = new Map<string, string>();
  let ioError = false;
  for (const file of files) {
    const text = reader.read(file.absolutePath);
    if (text === undefined) {
      io.stderr(`docker-harden: cannot read ${file.displayPath}\n`);
      ioError = true;
      continue;
    }
    const result = analyze(text, { path: file.absolutePath, disabledRules: options.disabledRules, minimumSeverity: options.minimumSeverity, files: reader });
    if (result.kind === null && !file.explicit) continue;
    texts.set(file.displayPath, text);
    reports.push({ displayPath: file.displayPath, findings: result.findings });
  }
  if (options.format === 'json') io.stdout(formatJson(reports));
  else if (options.format === 'sarif') io.stdout(formatSarif(reports, texts, CLI_VERSION));
  else io.stdout(formatText(reports, options.colour));
  if (ioError) return 2;
  const threshold = options.failOn === 'none' ? Infinity : SEVERITY_ORDER[options.failOn];
  return reports.some((r) => r.findings.some((f) => SEVERITY_ORDER[f.severity] >= threshold)) ? 1 : 0;
}

/** Process entry: runs the CLI on process.argv and exits with its status once stdout is flushed. */
export function main(): void {
  const chunks: string[] = [];
  const status = runCli(process.argv.slice(2), {
    stdout: (text) => chunks.push(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    isTty: Boolean(process.stdout.isTTY),
  });
  // Write everything at once and exit only after the write is flushed: large JSON on a pipe must not be cut.
  process.stdout.write(chunks.join(''), () => process.exit(status));
}
