/**
 * Template-literal tags for documentation prose written over several source
 * lines, so no line of the docs modules is wider than the code around it.
 * The line breaks of the source are not part of the text: each one, with the
 * indentation around it, becomes one space in English and nothing in
 * Japanese (which puts no space between words). The break and indentation
 * that open and close the literal are dropped.
 */

/** English (or any language that separates words by spaces): a line break joins two words with one space. */
export function prose(strings: TemplateStringsArray, ...values: unknown[]): string {
  return joinLines(interleave(strings, values), ' ');
}

/** Japanese: a line break joins two characters directly, so break lines only where the text has no space. */
export function japaneseProse(strings: TemplateStringsArray, ...values: unknown[]): string {
  return joinLines(interleave(strings, values), '');
}

function joinLines(text: string, joiner: string): string {
  return text.replace(/^[ \t]*\n[ \t]*|[ \t]*\n[ \t]*$/g, '').replace(/[ \t]*\n[ \t]*/g, joiner);
}

/** The literal's text with escapes read (`\``, `\${`, `\\`), as an untagged literal would give it. */
function interleave(strings: TemplateStringsArray, values: unknown[]): string {
  return strings.reduce((text, part, i) => text + String(values[i - 1]) + part);
}
