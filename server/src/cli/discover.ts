/**
 * Which files the CLI analyses. Named files always; directories are walked,
 * skipping node_modules, .git and whatever .gitignore files (at any depth)
 * exclude, for Dockerfiles and Compose files by name, and any other YAML
 * whose top level is a Compose document.
 */
import { cliText, LocalizedError } from './messages';
import * as fs from 'fs';
import * as path from 'path';
import ignore, { type Ignore } from 'ignore';
import { isYamlFileName, kindFromFileName, looksLikeCompose } from '../core/detect';

export interface DiscoveredFile {
  /** Path as the user gave it, or joined onto the directory they gave. */
  displayPath: string;
  absolutePath: string;
  explicit: boolean;
}

/** A path that cannot be found or read: said in every language. */
export class DiscoveryError extends LocalizedError {}

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

export function discoverFiles(inputs: string[], cwd = process.cwd()): DiscoveredFile[] {
  const found: DiscoveredFile[] = [];
  const seen = new Set<string>();
  const add = (file: DiscoveredFile): void => {
    if (seen.has(file.absolutePath)) return;
    seen.add(file.absolutePath);
    found.push(file);
  };
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new DiscoveryError(cliText((t) => t.noSuchFile({ path: input })));
    }
    if (stat.isDirectory()) walk(absolute, input, [], add);
    else add({ displayPath: input, absolutePath: absolute, explicit: true });
  }
  return found;
}

interface IgnoreScope {
  base: string;
  rules: Ignore;
}

function walk(directory: string, display: string, scopes: IgnoreScope[], add: (file: DiscoveredFile) => void): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    const detail = (error as Error).message;
    throw new DiscoveryError(cliText((t) => t.cannotWalk({ path: display, detail })));
  }
  const gitignore = path.join(directory, '.gitignore');
  let active = scopes;
  if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
    active = [...scopes, { base: directory, rules: ignore().add(fs.readFileSync(gitignore, 'utf8')) }];
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const absolute = path.join(directory, entry.name);
    const isDirectory = entry.isDirectory();
    if (isIgnored(absolute, isDirectory, active)) continue;
    const shown = path.join(display, entry.name);
    if (isDirectory) walk(absolute, shown, active, add);
    else if (entry.isFile() && isCandidate(absolute, entry.name))
      add({ displayPath: shown, absolutePath: absolute, explicit: false });
  }
}

function isIgnored(absolute: string, isDirectory: boolean, scopes: IgnoreScope[]): boolean {
  for (const scope of scopes) {
    const relative = path.relative(scope.base, absolute).split(path.sep).join('/');
    if (relative && scope.rules.ignores(isDirectory ? `${relative}/` : relative)) return true;
  }
  return false;
}

function isCandidate(absolute: string, name: string): boolean {
  if (kindFromFileName(name)) return true;
  if (!isYamlFileName(name)) return false;
  try {
    // Only the start is needed to see a top-level `services:`; large data files are not read whole.
    const fd = fs.openSync(absolute, 'r');
    const buffer = Buffer.alloc(65536);
    const bytes = fs.readSync(fd, buffer, 0, buffer.length, 0);
    fs.closeSync(fd);
    return looksLikeCompose(buffer.subarray(0, bytes).toString('utf8'));
  } catch {
    return false;
  }
}
