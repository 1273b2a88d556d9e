/**
 * `--fix` and `--diff`: what the CLI does with a file's fixed text. The
 * fixing itself (the core's fix-all, the same as the editor's) ran in an
 * analysis worker; here the result is checked, then written in place or
 * printed as a unified diff.
 *
 * A user's file is never corrupted: it is written only when its bytes read
 * back as the text that was fixed (a file that is not valid UTF-8 would lose
 * its undecodable bytes), atomically (a temporary file beside it, then a
 * rename, so an interrupted run leaves the old file or the new one), through
 * symbolic links to the real file, keeping its mode. The text keeps its
 * byte-order mark and line breaks, as the fixes insert the document's own.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createTwoFilesPatch } from 'diff';

/** A file's text as read, or why it cannot be fixed in place. */
export interface ReadFile {
  text: string;
  /** The bytes read: the file is written only if it still holds them. */
  bytes: Buffer;
  /** Why the file is analysed but never rewritten: its bytes are not UTF-8 (the CLI words it in its language). */
  notFixable?: 'not-utf8';
}

export function readForFixing(absolutePath: string): ReadFile {
  const bytes = fs.readFileSync(absolutePath);
  const text = bytes.toString('utf8');
  // Decoding replaces invalid sequences with U+FFFD; writing that back would change bytes no fix touched.
  if (!Buffer.from(text, 'utf8').equals(bytes)) return { text, bytes, notFixable: 'not-utf8' };
  return { text, bytes };
}

let temporaryCount = 0;

/**
 * Replaces the file's content with `text` in one rename; the file keeps its
 * mode (and owner, where allowed). With `expected`, a file whose bytes are no
 * longer those (saved by someone else during the run) is left alone.
 */
export function writeAtomically(file: string, text: string, expected?: Buffer): void {
  const target = fs.realpathSync(file);
  if (expected && !fs.readFileSync(target).equals(expected)) throw new Error('it changed on disk during the run');
  const stat = fs.statSync(target);
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.docker-harden-${process.pid}-${++temporaryCount}.tmp`,
  );
  try {
    fs.writeFileSync(temporary, text, { encoding: 'utf8', flag: 'wx', mode: stat.mode & 0o7777 });
    // The mode given to writeFileSync passes through the umask; set it exactly.
    fs.chmodSync(temporary, stat.mode & 0o7777);
    try {
      fs.chownSync(temporary, stat.uid, stat.gid);
    } catch {
      // Only root may give a file away; a user's own files already have their owner.
    }
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** A unified diff from `before` to `after`, both sides named by the path relative to the working directory. */
export function unifiedDiff(displayPath: string, before: string, after: string, cwd: string): string {
  const name = path.relative(cwd, path.resolve(cwd, displayPath)).split(path.sep).join('/');
  const patch = createTwoFilesPatch(name, name, before, after, undefined, undefined, { context: 3 });
  // jsdiff starts with an "Index:" line and a "===" rule (Subversion's style); plain unified diffs start at "---".
  return patch.replace(/^Index: [^\n]*\n=+\n/, '');
}
