// How well a document parses, judged independently of the core: for Compose, the `yaml` library's errors and
// validity against the Compose specification's JSON schema; for Dockerfiles, dockerfile-ast's instructions and
// whether each JSON (exec) form is still a JSON array of strings, as BuildKit requires. Also the comments a
// document holds, with where they are, so a fix that loses one can be told from one that deletes its line.
'use strict';
const fs = require('fs');
const { Lexer, parseAllDocuments } = require('yaml');
const { DockerfileParser } = require('dockerfile-ast');

/** Aliases resolved at most when turning a document into a plain object for the schema (alias bombs). */
const MAX_ALIAS_COUNT = 10000;
/** Instructions with a JSON form: BuildKit parses `[...]` after the flags as a JSON array, else as shell form. */
const JSON_FORM_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'HEALTHCHECK', 'COPY', 'ADD', 'VOLUME']);

/** A validator for the Compose schema at `file` (draft-07), or null without one. */
function loadSchemaValidator(file) {
  if (!file || !fs.existsSync(file)) return null;
  const Ajv = require('ajv');
  const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  // Ajv knows draft-07 by its http id; the spec names it by https, which would be fetched: the meta-schema is not
  // what is being tested here.
  delete schema.$schema;
  return new Ajv({ strict: false, allErrors: false }).compile(schema);
}

/**
 * YAML errors (all documents) and schema validity: `true`, `false` with the first error, or `null` when not
 * decidable (several documents, a parse error, too many aliases, no schema).
 */
function composeState(text, validate) {
  const documents = parseAllDocuments(text, { merge: true });
  const list = Array.isArray(documents) ? documents : [];
  const yamlErrors = Array.isArray(documents)
    ? documents.reduce((sum, document) => sum + document.errors.length, 0)
    : documents.errors.length;
  let schemaValid = null;
  let schemaError = '';
  if (validate && list.length === 1 && yamlErrors === 0) {
    let value;
    try {
      value = list[0].toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      value = undefined;
    }
    if (value !== undefined) {
      schemaValid = validate(value);
      if (!schemaValid) {
        const error = validate.errors[0];
        const extra = error.params && error.params.additionalProperty ? ` (${error.params.additionalProperty})` : '';
        schemaError = `${error.instancePath || '/'} ${error.message}${extra}`;
      }
    }
  }
  return { yamlErrors, schemaValid, schemaError };
}

/** `exec` (a JSON array of strings), `broken` (starts with `[` but is not one: BuildKit runs it as shell) or `shell`. */
function jsonForm(keyword, rawArguments, escape) {
  const continuation = new RegExp(`\\${escape}[ \\t]*\\r?\\n`, 'g');
  let args = rawArguments
    .split(/\r?\n/)
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(continuation, ' ')
    .trim();
  // Flags first (`--mount=...`, `--interval=30s`), then HEALTHCHECK's CMD.
  args = args.replace(/^(--[A-Za-z][\w-]*(=("[^"]*"|\S*))?\s+)*/, '');
  if (keyword === 'HEALTHCHECK') {
    const command = /^CMD\s+/i.exec(args);
    if (!command) return 'shell';
    args = args.slice(command[0].length);
  }
  if (!args.startsWith('[')) return 'shell';
  try {
    const value = JSON.parse(args);
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? 'exec' : 'broken';
  } catch {
    return 'broken';
  }
}

/** The JSON-form instructions of a Dockerfile, with their line spans; null when dockerfile-ast cannot parse it. */
function dockerfileForms(text) {
  let dockerfile;
  try {
    dockerfile = DockerfileParser.parse(text);
  } catch {
    return null;
  }
  const escape = dockerfile.getEscapeCharacter();
  const forms = [];
  for (let instruction of dockerfile.getInstructions()) {
    const range = instruction.getRange();
    if (instruction.getKeyword() === 'ONBUILD' && instruction.getTriggerInstruction)
      instruction = instruction.getTriggerInstruction() ?? instruction;
    const keyword = instruction.getKeyword();
    if (!JSON_FORM_KEYWORDS.has(keyword)) continue;
    const raw = instruction.getRawArgumentsContent();
    if (raw === null) continue;
    const form = jsonForm(keyword, raw, escape);
    if (form !== 'shell') forms.push({ keyword, form, startLine: range.start.line, endLine: range.end.line });
  }
  return forms;
}

function dockerfileState(text) {
  const forms = dockerfileForms(text);
  if (!forms) return { forms: null, exec: 0, broken: 0 };
  return {
    forms,
    exec: forms.filter((f) => f.form === 'exec').length,
    broken: forms.filter((f) => f.form === 'broken').length,
  };
}

/** Start offsets of each line: the comments' positions are compared with edit ranges by line. */
function lineStarts(text) {
  const starts = [0];
  const breaks = /\r\n|\r|\n/g;
  let match;
  while ((match = breaks.exec(text))) starts.push(match.index + match[0].length);
  return starts;
}

function positionAt(starts, offset) {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - starts[low] };
}

/** Tokens the yaml lexer emits that stand for no source text (document, flow-error-end and scalar markers). */
const VIRTUAL_TOKENS = new Set(['\x02', '\x18', '\x1f']);

/**
 * Every comment: its text (trimmed), position and the length of its line. YAML comments come from
 * the lexer (so a `#` in a string or block scalar is none); Dockerfile comments are lines starting with `#`.
 */
function comments(kind, text) {
  const starts = lineStarts(text);
  const found = [];
  const add = (offset, raw) => {
    const start = positionAt(starts, offset);
    const lineText = text.slice(
      starts[start.line],
      start.line + 1 < starts.length ? starts[start.line + 1] : undefined,
    );
    const lineLength = lineText.replace(/(\r\n|\r|\n)$/, '').length;
    found.push({ text: raw.trim(), start, end: positionAt(starts, offset + raw.length), lineLength });
  };
  if (kind === 'compose') {
    let offset = 0;
    for (const token of new Lexer().lex(text)) {
      if (VIRTUAL_TOKENS.has(token)) continue;
      if (token.startsWith('#')) add(offset, token);
      offset += token.length;
    }
  } else {
    const line = /^[ \t]*(#.*)$/gm;
    let match;
    while ((match = line.exec(text))) add(match.index + match[0].length - match[1].length, match[1].replace(/\r$/, ''));
  }
  return found;
}

module.exports = { loadSchemaValidator, composeState, dockerfileState, comments, jsonForm };
