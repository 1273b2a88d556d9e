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
    else value = value.replace(/\s+#.*$/, '');
    entries.push({ name: match[1], value, line });
  }
  return entries;
}

export function dotEnvValues(text: string | undefined): Map<string, string> {
  return new Map(text ? parseDotEnv(text).map((e) => [e.name, e.value]) : []);
}
