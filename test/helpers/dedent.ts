/**
 * `dedent` for test documents written as indented template literals: drops
 * the first line break and the indentation the lines share, so a YAML or
 * Dockerfile case can sit at the test's indentation and still show its own.
 */
export function dedent(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((text, piece, i) => text + piece + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '\n')
    .split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join('\n');
}
