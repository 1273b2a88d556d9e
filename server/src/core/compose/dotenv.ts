/**
 * `.env` and `env_file` files as Compose reads them: `KEY=VALUE` lines, an
 * optional `export `, quotes removed, comments and blank lines ignored.
 */
export interface DotEnvEntry {
  name: string;
  value: string;
  /** 0-based line in the file. */
  line: number;
}

export function parseDotEnv(text: string): DotEnvEntry[] {
  const entries: DotEnvEntry[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let line = 0; line < lines.length; line++) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(lines[line]);
    if (!match) continue;
    let value = match[2].trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    else value = withoutComment(value);
    entries.push({ name: match[1], value, line });
  }
  return entries;
}

export function dotEnvValues(text: string | undefined): Map<string, string> {
  return new Map(text ? parseDotEnv(text).map((e) => [e.name, e.value]) : []);
}

/**
 * The value before a ` # comment` (what `/\s+#.*$/` removed: from the blanks
 * before the first `#` that follows a blank), found without the pattern,
 * which rescanned a long run of blanks from each of its characters.
 */
function withoutComment(value: string): string {
  for (let hash = value.indexOf('#'); hash !== -1; hash = value.indexOf('#', hash + 1)) {
    if (hash === 0) continue;
    if (!/\s/.test(value[hash - 1])) continue;
    let start = hash - 1;
    while (start > 0 && /\s/.test(value[start - 1])) start -= 1;
    return value.slice(0, start);
  }
  return value;
}
