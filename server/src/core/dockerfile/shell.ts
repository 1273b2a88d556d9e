/**
 * A small, position-keeping reader for the shell commands of RUN, CMD and
 * ENTRYPOINT. It splits a command line into simple commands (at `&&`, `||`,
 * `;`, `&`, newlines) grouped into pipelines (`|`), and each command into
 * words with their quotes removed. It is not a full POSIX parser: it aims at
 * telling `apt-get install sudo` from `sudo apt-get install`, and at exact
 * ranges, which regexes over the raw text cannot do.
 */

export interface ShellWord {
  /** The word with quotes and escapes removed. */
  value: string;
  /** Offsets in the text given to the parser. */
  start: number;
  end: number;
}

export interface SimpleCommand {
  words: ShellWord[];
  start: number;
  end: number;
  /** Commands of one pipeline share this number; `curl x | sh` gives both the same pipeline. */
  pipeline: number;
}

/** Parses shell text between `from` and `to` (offsets into `text`); offsets in the result index `text`. */
export function parseShellCommands(text: string, from = 0, to = text.length): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: ShellWord[] = [];
  let pipeline = 0;
  const finish = (nextPipeline: boolean): void => {
    if (words.length > 0) {
      commands.push({ words, start: words[0].start, end: words[words.length - 1].end, pipeline });
      words = [];
    }
    if (!nextPipeline) pipeline += 1;
  };
  let i = from;
  while (i < to) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i += 1;
      continue;
    }
    if (
      ch === '\n' ||
      ch === ';' ||
      ch === '(' ||
      ch === ')' ||
      (ch === '{' && isBlockBrace(text, i, to)) ||
      (ch === '}' && words.length === 0)
    ) {
      finish(false);
      i += 1;
      continue;
    }
    if (ch === '&' || ch === '|') {
      const double = text[i + 1] === ch;
      finish(ch === '|' && !double);
      i += double ? 2 : 1;
      continue;
    }
    if (ch === '#' && words.length === 0) {
      // A comment runs to the end of the line.
      while (i < to && text[i] !== '\n') i += 1;
      continue;
    }
    const word = readWord(text, i, to);
    words.push(word);
    i = word.end;
  }
  finish(false);
  return commands;
}

function isBlockBrace(text: string, i: number, to: number): boolean {
  // `{ cmd; }` groups commands; `${VAR}` and `{a,b}` are parts of words and are read by readWord.
  return i + 1 < to && /\s/.test(text[i + 1]);
}

function readWord(text: string, start: number, to: number): ShellWord {
  let value = '';
  let i = start;
  while (i < to) {
    const ch = text[i];
    if (
      ch === ' ' ||
      ch === '\t' ||
      ch === '\n' ||
      ch === '\r' ||
      ch === ';' ||
      ch === '&' ||
      ch === '|' ||
      ch === '(' ||
      ch === ')'
    ) {
      if (ch === '(' && value.endsWith('$')) {
        // $( ... ) command substitution stays inside the word.
        const close = matching(text, i, to, '(', ')');
        value += text.slice(i, close);
        i = close;
        continue;
      }
      if (ch === '(' && (value.endsWith('<') || value.endsWith('>'))) {
        const close = matching(text, i, to, '(', ')');
        value += text.slice(i, close);
        i = close;
        continue;
      }
      break;
    }
    if (ch === '\\' && i + 1 < to) {
      value += text[i + 1];
      i += 2;
    } else if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close === -1 || close >= to ? to : close;
      value += text.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < to && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < to) {
          value += text[j + 1];
          j += 2;
        } else {
          value += text[j];
          j += 1;
        }
      }
      i = j + 1;
    } else if (ch === '`') {
      const close = text.indexOf('`', i + 1);
      const end = close === -1 || close >= to ? to : close + 1;
      value += text.slice(i, end);
      i = end;
    } else {
      value += ch;
      i += 1;
    }
  }
  return { value, start, end: Math.min(i, to) };
}

function matching(text: string, open: number, to: number, openCh: string, closeCh: string): number {
  let depth = 0;
  for (let j = open; j < to; j++) {
    if (text[j] === openCh) depth += 1;
    else if (text[j] === closeCh) {
      depth -= 1;
      if (depth === 0) return j + 1;
    }
  }
  return to;
}

const WRAPPERS = new Set([
  'sudo',
  'doas',
  'env',
  'exec',
  'nohup',
  'time',
  'command',
  'builtin',
  'nice',
  'ionice',
  'su-exec',
  'gosu',
  'chroot',
  'stdbuf',
  'timeout',
]);

/**
 * The index of the word that names the program actually run, skipping
 * variable assignments (`DEBIAN_FRONTEND=noninteractive apt-get`) and
 * wrappers with their options (`sudo -E apt-get`, `env -i x`).
 */
export function programIndex(command: SimpleCommand, skipWrappers = true): number {
  let i = 0;
  const words = command.words;
  while (i < words.length) {
    const word = words[i].value;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) {
      i += 1;
      continue;
    }
    if (skipWrappers && WRAPPERS.has(basename(word))) {
      i += 1;
      while (i < words.length && (words[i].value.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].value))) {
        // `sudo -u user cmd`: options with a separate value.
        if (/^-(u|g|-user|-group)$/.test(words[i].value)) i += 1;
        i += 1;
      }
      if (basename(word) === 'timeout' && i < words.length && /^\d/.test(words[i].value)) i += 1;
      continue;
    }
    return i;
  }
  return words.length;
}

export function basename(word: string): string {
  const slash = word.lastIndexOf('/');
  return slash === -1 ? word : word.slice(slash + 1);
}

/** The program name of a command (`apt-get`), or '' for an empty command. */
export function programName(command: SimpleCommand, skipWrappers = true): string {
  const index = programIndex(command, skipWrappers);
  return index < command.words.length ? basename(command.words[index].value) : '';
}

/** The words after the program name. */
export function programArguments(command: SimpleCommand): ShellWord[] {
  return command.words.slice(programIndex(command) + 1);
}

/** Whether a short-option cluster (`-fsSLk`) or long option (`--insecure`) is among the arguments. */
export function hasOption(args: ShellWord[], short: string | null, long: string | null): ShellWord | undefined {
  return args.find((word) => {
    const v = word.value;
    if (long && (v === long || v.startsWith(long + '='))) return true;
    return short !== null && /^-[A-Za-z0-9]+$/.test(v) && !v.startsWith('--') && v.slice(1).includes(short);
  });
}
