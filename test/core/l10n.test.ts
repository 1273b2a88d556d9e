/**
 * Every text a rule writes exists in English and Japanese: each id of a
 * rule's message and fix-title tables has a Japanese entry beside it (and
 * no Japanese entry names an id the English table lacks); Japanese findings
 * are Japanese and repeat the same names (services, images, paths) as the
 * English ones; the language is picked from a locale as editors and POSIX
 * environments write it.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/core/analyze';
import { environmentLanguage, languageOf } from '../../server/src/core/l10n';
import { MEASURES } from '../../server/src/core/measures/catalog';
import { INPUT_TITLES_JA, MEASURE_TEXTS_JA } from '../../server/src/core/measures/catalog-ja';
import { planTargets } from '../../server/src/core/measures/plan';
import { COMPOSE_RULES, DOCKERFILE_RULES } from '../../server/src/core/rules';
import type { MessageParam, MessageParams } from '../../server/src/core/types';
import { ANALYSIS_TEXTS } from '../../server/src/core/analysis-messages';
import { SUPPRESSION_TEXTS } from '../../server/src/core/suppression-messages';
import { actionTitles } from '../../server/src/lsp/action-titles';
import { CONFIG_TEXTS } from '../../server/src/core/config/messages';
import { YAML_ERRORS_JA } from '../../server/src/core/yaml-errors';
import { COMPOSE_PROBLEM_TEXTS } from '../../server/src/core/compose/problem-messages';
import { CLI_TEXTS } from '../../server/src/cli/messages';
import { TEXT_OUTPUT_WORDS } from '../../server/src/cli/formatters/text-l10n';
import { BUILTIN_RULES, BUILTIN_RULES_JA } from '../../server/src/cli/formatters/builtin-rules';

/**
 * The tables of texts the tool writes besides the rules' (each a Localized
 * table: one object of functions per language), by where they live.
 */
const TEXT_TABLES: Record<string, Record<'en' | 'ja', object>> = {
  'core/analysis-messages': ANALYSIS_TEXTS,
  'core/suppression-messages': SUPPRESSION_TEXTS,
  'lsp/action-titles': { en: actionTitles('en'), ja: actionTitles('ja') },
  'core/config/messages': CONFIG_TEXTS,
  'core/compose/problem-messages': COMPOSE_PROBLEM_TEXTS,
  'cli/messages': CLI_TEXTS,
  'cli/formatters/text-l10n': TEXT_OUTPUT_WORDS,
  'cli/formatters/builtin-rules (SARIF)': { en: BUILTIN_RULES, ja: BUILTIN_RULES_JA },
};

/** The fixed messages the yaml package reports errors with (`onError(offset, 'CODE', 'message')`), from its source. */
function yamlFixedMessages(): string[] {
  const messages = new Set<string>();
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith('.js'))
        for (const [, , message] of fs
          .readFileSync(file, 'utf8')
          .matchAll(/'[A-Z_]{5,}',\s*(['"])((?:(?!\1)[^\\\n])+)\1\s*[,)]/g))
          messages.add(message);
    }
  };
  visit(path.dirname(require.resolve('yaml')));
  return [...messages];
}

const RULES = [...DOCKERFILE_RULES, ...COMPOSE_RULES];
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Values a message states in words of its own language instead of repeating them (enums, descriptions). */
const WORDED = new Set([
  'how',
  'system',
  'policy',
  'value',
  'secret',
  'what',
  'grants',
  'shares',
  'after',
  'cache',
  'basis',
  'differs',
]);

function namesIn(params: MessageParams, english: string): string[] {
  const names: string[] = [];
  const visit = (name: string, value: MessageParam): void => {
    if (typeof value === 'string' && value.length > 1 && !WORDED.has(name) && english.includes(value))
      names.push(value);
    else if (Array.isArray(value)) for (const item of value) visit(name, item);
  };
  for (const [name, value] of Object.entries(params)) visit(name, value);
  return names;
}

describe('l10n: every rule text in English and Japanese', () => {
  it('has a Japanese text for every message id and fix-title id, and none for an id English lacks', () => {
    const problems: string[] = [];
    for (const rule of RULES) {
      const id = rule.meta.id;
      for (const [kind, english, japanese] of [
        ['message', rule.messages, rule.ja?.messages ?? {}],
        ['fix title', rule.fixTitles, rule.ja?.fixTitles ?? {}],
      ] as const) {
        for (const key of Object.keys(english))
          if (typeof (japanese as Record<string, unknown>)[key] !== 'function')
            problems.push(`${id}: ${kind} "${key}" has no Japanese text (add it to the rule's ja table)`);
        for (const key of Object.keys(japanese))
          if (!(key in english)) problems.push(`${id}: Japanese ${kind} "${key}" has no English text`);
      }
    }
    assert.deepStrictEqual(problems, []);
  });

  it("has a Japanese text for every text id of the tool's own tables, and none English lacks", () => {
    const problems: string[] = [];
    for (const [table, { en, ja }] of Object.entries(TEXT_TABLES)) {
      for (const [id, text] of Object.entries(en))
        if (typeof text !== typeof (ja as Record<string, unknown>)[id])
          problems.push(`${table}: "${id}" has no Japanese text`);
      for (const id of Object.keys(ja))
        if (!(id in en)) problems.push(`${table}: Japanese "${id}" has no English text`);
    }
    assert.deepStrictEqual(problems, []);
  });

  it('has a Japanese text for every fixed message of the yaml parser', () => {
    const messages = yamlFixedMessages();
    assert.ok(messages.length > 20, `read the parser's messages (${messages.length})`);
    assert.deepStrictEqual(
      messages.filter((message) => !(message in YAML_ERRORS_JA.messages)),
      [],
    );
  });

  for (const rule of RULES) {
    it(`${rule.meta.id}: the bad example's findings and fixes read in Japanese, with the same names`, () => {
      const kind = rule.meta.kind;
      const english = analyze(rule.meta.examples.bad, { kind }).findings;
      const japanese = analyze(rule.meta.examples.bad, { kind, language: 'ja' }).findings;
      assert.strictEqual(japanese.length, english.length);
      assert.ok(english.some((f) => f.ruleId === rule.meta.id));
      english.forEach((en, i) => {
        const ja = japanese[i];
        assert.strictEqual(ja.ruleId, en.ruleId);
        assert.deepStrictEqual(ja.messageRef, en.messageRef, 'the same entry and values');
        assert.match(ja.message, JAPANESE, `${en.ruleId}: ${ja.message}`);
        for (const name of namesIn(en.messageRef?.params ?? {}, en.message))
          assert.ok(ja.message.includes(name), `${en.ruleId}: "${name}" is in "${ja.message}"`);
        en.fixes.forEach((fix, j) => {
          const jaFix = ja.fixes[j];
          assert.match(jaFix.title, JAPANESE, `${en.ruleId} fix: ${jaFix.title}`);
          assert.deepStrictEqual(jaFix.edits, fix.edits, 'the same edits');
          for (const name of namesIn(fix.titleRef?.params ?? {}, fix.title))
            assert.ok(jaFix.title.includes(name), `${en.ruleId} fix: "${name}" is in "${jaFix.title}"`);
        });
      });
    });
  }

  it('writes what the analysis adds (another file pulled in, services an anchor affects) in the language', () => {
    const text =
      'x-base: &base\n  image: alpine:3.20\n  privileged: true\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n';
    const ja = analyze(text, { kind: 'compose', language: 'ja' }).findings.find(
      (f) => f.ruleId === 'compose-privileged',
    );
    assert.ok(ja);
    assert.match(ja.message, /アンカー &base/);
    assert.match(ja.fixes[0].title, /アンカー &base 内/);
  });

  it('writes Dockerfile syntax problems in Japanese', () => {
    const [finding] = analyze('RUN true\n', { kind: 'dockerfile', language: 'ja' }).findings.filter(
      (f) => f.ruleId === 'syntax-error',
    );
    assert.match(finding.message, /最初の FROM より前/);
  });

  it('has a Japanese title and why for every measure, and a Japanese title for every input', () => {
    const problems: string[] = [];
    for (const measure of MEASURES) {
      const key = `${measure.target}/${measure.id}`;
      const ja = MEASURE_TEXTS_JA[key];
      if (!ja?.title || !ja.why) problems.push(`measure "${key}" has no Japanese title and why (catalog-ja.ts)`);
      for (const input of measure.inputs)
        if (!INPUT_TITLES_JA[input.id]) problems.push(`input "${input.id}" of "${key}" has no Japanese title`);
    }
    for (const key of Object.keys(MEASURE_TEXTS_JA))
      if (!MEASURES.some((m) => `${m.target}/${m.id}` === key))
        problems.push(`Japanese measure "${key}" is no measure`);
    assert.deepStrictEqual(problems, []);
  });

  it('plans in Japanese: measure titles, whys, input titles and input problems', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n';
    const [target] = planTargets(analyze(text, { kind: 'compose', language: 'ja' }), undefined, 'ja');
    const memory = target.measures.find((m) => m.id === 'memory-limit');
    assert.strictEqual(memory?.title, 'メモリを制限する');
    assert.match(memory?.why ?? '', /隣のサービス/);
    assert.strictEqual(memory?.inputs[0].title, 'メモリの上限');
    const input = MEASURES.find((m) => m.id === 'memory-limit')!.inputs[0];
    assert.strictEqual(input.validate('lots', 'ja'), '512M のようなサイズを入力してください');
    assert.strictEqual(input.validate('lots'), 'expected a size such as 512M');
  });

  it('reads a language from editor and POSIX locales', () => {
    for (const locale of ['ja', 'ja-JP', 'ja_JP.UTF-8', 'JA', 'ja@x']) assert.strictEqual(languageOf(locale), 'ja');
    for (const locale of ['en', 'en-US', 'C', 'POSIX', 'jav', '', undefined])
      assert.strictEqual(languageOf(locale), 'en');
    assert.strictEqual(environmentLanguage({ LANG: 'ja_JP.UTF-8' }), 'ja');
    assert.strictEqual(environmentLanguage({ LC_ALL: 'C', LANG: 'ja_JP.UTF-8' }), 'en', 'LC_ALL wins');
    assert.strictEqual(environmentLanguage({ LC_ALL: '', LC_MESSAGES: 'ja_JP', LANG: 'en_US' }), 'ja');
    assert.strictEqual(environmentLanguage({}), 'en');
  });
});
