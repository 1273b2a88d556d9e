/**
 * Variable substitution as Dockerfiles (BuildKit) and Compose files do it:
 * $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:+alt}, ${VAR+alt},
 * ${VAR:?error}, ${VAR?error}. A variable whose value cannot be known makes
 * the result unknown rather than empty: an unresolved variable is neither
 * secure nor insecure.
 */

/** A variable's value: a string, or undefined when it is not set at all. */
export type VariableLookup = (name: string) => string | undefined;

export interface SubstitutionResult {
  /** The substituted text; unresolved variables are left as written. */
  value: string;
  /** Names whose value could not be determined. */
  unresolved: string[];
}

export interface SubstitutionOptions {
  /** Dockerfiles escape `$` with a backslash; Compose files write `$$`. */
  dialect: 'dockerfile' | 'compose';
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Defaults nested in defaults (`${A:-${B:-${C:-x}}}`) expanded before the
 * value counts as unknown. Each level looks for its closing brace across
 * the rest of the value, so without a bound 60,000 levels took seconds (and
 * deeper ones could overflow the stack); real files nest two or three.
 */
export const MAX_NESTED_DEFAULTS = 32;

export function substitute(text: string, lookup: VariableLookup, options: SubstitutionOptions): SubstitutionResult {
  return substituteNested(text, lookup, options, 0);
}

function substituteNested(
  text: string,
  lookup: VariableLookup,
  options: SubstitutionOptions,
  depth: number,
): SubstitutionResult {
  if (!text.includes('$')) return { value: text, unresolved: [] };
  const unresolved: string[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (options.dialect === 'dockerfile' && ch === '\\' && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (ch !== '$') {
      out += ch;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (options.dialect === 'compose' && next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const close = findClosingBrace(text, i + 2);
      if (close === -1) {
        out += text.slice(i);
        break;
      }
      out += expandBraced(text.slice(i + 2, close), text.slice(i, close + 1), lookup, options, unresolved, depth);
      i = close + 1;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1));
    if (!name) {
      out += '$';
      i += 1;
      continue;
    }
    const value = lookup(name[0]);
    if (value === undefined) {
      unresolved.push(name[0]);
      out += '$' + name[0];
    } else out += value;
    i += 1 + name[0].length;
  }
  return { value: out, unresolved };
}

function findClosingBrace(text: string, from: number): number {
  let depth = 1;
  for (let j = from; j < text.length; j++) {
    if (text[j] === '{') depth += 1;
    else if (text[j] === '}') {
      depth -= 1;
      if (depth === 0) return j;
    }
  }
  return -1;
}

function expandBraced(
  inner: string,
  original: string,
  lookup: VariableLookup,
  options: SubstitutionOptions,
  unresolved: string[],
  depth: number,
): string {
  const name = NAME.exec(inner);
  if (!name) return original;
  const rest = inner.slice(name[0].length);
  const value = lookup(name[0]);
  if (rest === '') {
    if (value === undefined) {
      unresolved.push(name[0]);
      return original;
    }
    return value;
  }
  const operator = /^(:?[-+?])/.exec(rest);
  if (!operator) return original;
  const word = rest.slice(operator[0].length);
  const colon = operator[0].startsWith(':');
  const isSet = value !== undefined && (!colon || value !== '');
  const expandWord = (): string => {
    if (depth >= MAX_NESTED_DEFAULTS && word.includes('$')) {
      unresolved.push(name[0]);
      return original;
    }
    const nested = substituteNested(word, lookup, options, depth + 1);
    unresolved.push(...nested.unresolved);
    return nested.value;
  };
  switch (operator[0].replace(':', '')) {
    case '-':
      return isSet ? (value as string) : expandWord();
    case '+':
      return isSet ? expandWord() : '';
    default:
      // ${VAR:?error}: the build/compose run fails when unset, so the value is whatever will be supplied.
      if (isSet) return value as string;
      unresolved.push(name[0]);
      return original;
  }
}
