/**
 * The CLI's side of the project configuration: each discovered file's
 * settings from its nearest `.docker-harden.yaml` (or the `--config` file),
 * the files `ignore:` leaves out, and the problems of every configuration
 * used, which stop the run (exit status 2) before anything is analysed.
 */
import * as path from 'path';
import { ConfigFiles, describeProblems, readDiskText, type ResolvedFile } from '../config-files';
import type { DiscoveredFile } from './discover';
import type { Language } from '../core/l10n';
import { CLI_TEXTS } from './messages';

export interface ConfiguredFiles {
  /** The files to analyse, with what applies to each. */
  files: { file: DiscoveredFile; resolved: ResolvedFile }[];
  /** Messages for standard error: `file:line:column: problem` per configuration problem, or a read error. */
  errors: string[];
  /** Files named on the command line that `ignore:` leaves out: said on standard error, not an error. */
  notes: string[];
}

export function configureFiles(
  discovered: DiscoveredFile[],
  explicit: string | undefined,
  cwd: string,
  language: Language = 'en',
): ConfiguredFiles {
  const texts = CLI_TEXTS[language];
  const configs = new ConfigFiles(readDiskText, () => language);
  const explicitPath = explicit === undefined ? undefined : path.resolve(cwd, explicit);
  if (explicit !== undefined && explicitPath !== undefined && configs.load(explicitPath) === undefined)
    return { files: [], errors: [texts.configCannotRead({ path: explicit })], notes: [] };
  const errors: string[] = [];
  const reported = new Set<string>();
  const files: ConfiguredFiles['files'] = [];
  const notes: string[] = [];
  for (const file of discovered) {
    const resolved = configs.forFile(file.absolutePath, explicitPath);
    if (resolved.configPath && resolved.problems.length > 0 && !reported.has(resolved.configPath)) {
      reported.add(resolved.configPath);
      const shown = path.relative(cwd, resolved.configPath) || resolved.configPath;
      errors.push(...describeProblems(shown, resolved.problems));
    }
    if (!resolved.ignored) files.push({ file, resolved });
    else if (file.explicit && resolved.configPath)
      notes.push(texts.ignoredByConfig({ path: file.displayPath, config: path.relative(cwd, resolved.configPath) }));
  }
  return { files, errors, notes };
}
