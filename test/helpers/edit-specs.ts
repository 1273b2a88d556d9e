/** Helpers for edit specifications: documents as indented template literals, in any line break. */

/**
 * A template literal as a document: the first line break and the common
 * indentation dropped, so a document can be written indented in the test.
 * Read raw, so a Dockerfile's `\` continuations are written as they are.
 */
export function text(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.raw.reduce((all, part, i) => all + part + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  if (lines.length > 0 && lines[lines.length - 1].trim() === '') lines[lines.length - 1] = '';
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join('\n');
}

/** The same document with CRLF line breaks. */
export function crlf(document: string): string {
  return document.replace(/\n/g, '\r\n');
}

/** The same document with lone CR line breaks (old Mac files). */
export function cr(document: string): string {
  return document.replace(/\n/g, '\r');
}
