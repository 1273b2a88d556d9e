/**
 * YAML text for values the fixes write: scalars quoted only where a reader
 * would otherwise see something else (YAML 1.2 as `yaml` reads it, and the
 * YAML 1.1 booleans, octals and sexagesimals older Compose readers still
 * resolve: `"true"`, `"0755"`, `"80:80"`), and collections in block or flow
 * style. Pure text: yaml-edits.ts places it in the document.
 */
import { isAlias, isCollection, isScalar, Scalar, type Node } from 'yaml';

export type YamlScalar = string | number | boolean | null;
export type YamlValue = YamlScalar | readonly YamlValue[] | { readonly [key: string]: YamlValue };

const BOOLEAN_OR_NULL = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
const NUMBER_LIKE = [
  /^[-+]?(\d[\d_]*(\.[\d_]*)?|\.\d[\d_]*)([eE][-+]?\d+)?$/,
  /^[-+]?0[xob][0-9a-f_]+$/i,
  /^[-+]?\.(inf|nan)$/i,
  // YAML 1.1 base 60 (`80:80` was 4880) and timestamps.
  /^[-+]?\d[\d_]*(:[0-5]?\d)+(\.\d*)?$/,
  /^\d{4}-\d\d?-\d\d?([Tt ]|$)/,
  // Port mappings (`8080:80`): Compose's documentation quotes them, as readers disagree on some.
  /^[\d:]*:[\d:]*$/,
];
/** Characters that start something other than a plain scalar (`- ` and `? ` only when a blank follows). */
const INDICATOR_START = /^([,[\]{}#&*!|>'"%@`]|[-?:](\s|$))/;

/** Whether `text` reads back as the same string when written without quotes. */
export function isPlainSafe(text: string, inFlow: boolean): boolean {
  if (text === '' || text.trim() !== text) return false;
  if (hasControlCharacter(text) || /[\ufeff]/.test(text)) return false;
  if (INDICATOR_START.test(text) || /^[?:]/.test(text) || /^(---|\.\.\.)/.test(text) || text === '<<') return false;
  if (/:(\s|$)|\s#/.test(text)) return false;
  if (inFlow && /[,[\]{}]/.test(text)) return false;
  return !BOOLEAN_OR_NULL.test(text) && !NUMBER_LIKE.some((pattern) => pattern.test(text));
}

/** Control characters (tabs and line breaks among them) and Unicode line separators: never written bare. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x85 || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}

export function doubleQuoted(text: string): string {
  // JSON string escapes are all YAML double-quoted escapes.
  return JSON.stringify(text);
}

/** Single-quoted when it can be (one line), double-quoted otherwise. */
export function singleQuoted(text: string): string {
  return hasControlCharacter(text) ? doubleQuoted(text) : `'${text.replace(/'/g, "''")}'`;
}

export function renderScalar(value: YamlScalar, inFlow: boolean): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  return isPlainSafe(value, inFlow) ? value : doubleQuoted(value);
}

/** A scalar in the quoting style of one already written (`"x"` stays double-quoted, `'x'` single). */
export function renderScalarLike(style: Scalar['type'], value: YamlScalar, inFlow: boolean): string {
  if (typeof value === 'string' && style === Scalar.QUOTE_DOUBLE) return doubleQuoted(value);
  if (typeof value === 'string' && style === Scalar.QUOTE_SINGLE) return singleQuoted(value);
  return renderScalar(value, inFlow);
}

function isScalarValue(value: YamlValue): value is YamlScalar {
  return value === null || typeof value !== 'object';
}

function entriesOf(value: { readonly [key: string]: YamlValue }): [string, YamlValue][] {
  return Object.entries(value);
}

export function renderFlow(value: YamlValue): string {
  if (isScalarValue(value)) return renderScalar(value, true);
  if (Array.isArray(value)) return `[${(value as readonly YamlValue[]).map(renderFlow).join(', ')}]`;
  const pairs = entriesOf(value as { readonly [key: string]: YamlValue });
  return `{${pairs.map(([key, item]) => `${renderScalar(key, true)}: ${renderFlow(item)}`).join(', ')}}`;
}

/** Whether a value is written on its key's line in block style (a scalar or an empty collection). */
export function isInline(value: YamlValue): boolean {
  if (isScalarValue(value)) return true;
  return Array.isArray(value) ? value.length === 0 : entriesOf(value as { [key: string]: YamlValue }).length === 0;
}

/** The lines of `key: value` in block style at `indent`; nested levels go `unit` deeper. */
export function renderBlockEntry(key: string, value: YamlValue, indent: string, unit: string): string[] {
  const head = `${indent}${renderScalar(key, false)}:`;
  if (isInline(value)) return [`${head} ${isScalarValue(value) ? renderScalar(value, false) : renderFlow(value)}`];
  return [head, ...renderBlockBody(value, indent + unit, unit)];
}

/** The lines of a non-empty collection's content in block style, at `indent`. */
export function renderBlockBody(value: YamlValue, indent: string, unit: string): string[] {
  if (Array.isArray(value))
    return (value as readonly YamlValue[]).flatMap((item) => renderBlockItem(item, indent, unit));
  return entriesOf(value as { [key: string]: YamlValue }).flatMap(([key, item]) =>
    renderBlockEntry(key, item, indent, unit),
  );
}

/** The lines of `- item` at `indent`: a mapping item's first key shares the dash's line. */
export function renderBlockItem(item: YamlValue, indent: string, unit: string): string[] {
  if (isInline(item) || Array.isArray(item))
    return [`${indent}- ${isScalarValue(item) ? renderScalar(item, false) : renderFlow(item)}`];
  const lines = renderBlockBody(item, `${indent}  `, unit);
  return [`${indent}- ${lines[0].slice(indent.length + 2)}`, ...lines.slice(1)];
}

/** Whether a written node holds exactly `value` (scalars by value and type; collections deeply); aliases never. */
export function holdsValue(node: Node | null | undefined, value: YamlValue): boolean {
  if (isAlias(node)) return false;
  if (isScalarValue(value)) {
    if (!isScalar(node)) return value === null && (node === null || node === undefined);
    return node.value === value || (value === null && node.value === undefined);
  }
  if (!isCollection(node)) return false;
  try {
    return JSON.stringify(node.toJSON()) === JSON.stringify(value);
  } catch {
    return false;
  }
}
