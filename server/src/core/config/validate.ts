/**
 * Reading a `.docker-harden.yaml`: the YAML is parsed with its source
 * ranges and walked against the configuration's description
 * (structure.ts). Every problem (a YAML error, an unknown key or id, a
 * value of the wrong type) becomes a `config-error` finding at the exact
 * text that is wrong; a configuration with any problem is not used, so a
 * typo never silently changes what is reported. Pure and total: whatever
 * the text, it returns, never throws.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { didYouMeanText } from '../did-you-mean';
import { quote } from '../knowledge/secrets';
import { BUILTIN_IDS } from '../rules';
import { LineIndex } from '../text';
import type { Finding, Range } from '../types';
import {
  CONFIGURABLE_IDS,
  OVERRIDE_KEYS,
  SEVERITY_SETTINGS,
  TOP_LEVEL_KEYS,
  type KeyShape,
  type ValueShape,
} from './structure';
import type { ProjectConfig } from './types';
import type { Language } from '../l10n';
import { yamlErrorText } from '../yaml-errors';
import { CONFIG_TEXTS, type ConfigPlace, type ConfigTexts, type WrongValue } from './messages';

export interface ParsedConfig {
  /** The configuration, or null when it has problems (the defaults then apply). */
  config: ProjectConfig | null;
  problems: Finding[];
}

const configurable = new Set(CONFIGURABLE_IDS);

/** Parses and validates a configuration file's text; problems are written in `language`. */
export function parseConfig(text: string, language: Language = 'en'): ParsedConfig {
  const texts = CONFIG_TEXTS[language];
  const lines = new LineIndex(text);
  const problems: Finding[] = [];
  const report = (range: Range, message: string): void => {
    problems.push({ ruleId: BUILTIN_IDS.configError, concern: null, severity: 'error', message, range, fixes: [] });
  };
  const rangeOf = (node: Node | null | undefined, fallback = 0): Range => {
    const [start, end] = node?.range ?? [fallback, fallback];
    return lines.rangeOf(start, Math.max(start, end));
  };
  let value: unknown = undefined;
  try {
    const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
    for (const error of document.errors) {
      const [start, pastEnd] = error.pos;
      // The parser marks a duplicate key by its first character: the whole key is what to change.
      const end =
        error.code === 'DUPLICATE_KEY' ? start + (/^[^\s:]+/.exec(text.slice(start))?.[0].length ?? 1) : pastEnd;
      const range = lines.rangeOf(start, Math.max(start, Math.min(end, text.length)));
      report(range, yamlErrorText(error.code, error.message, language));
    }
    if (document.errors.length === 0) {
      const walker = new Walker(report, rangeOf, texts, language);
      value = document.contents === null ? {} : walker.object(document.contents, TOP_LEVEL_KEYS, { file: true });
    }
  } catch (error) {
    // The parser is not expected to throw; if it does, the file is reported, not the tool.
    report(lines.rangeOf(0, 0), texts.unreadable({ detail: quote(String(error)) }));
  }
  if (problems.length > 0 || value === undefined) return { config: null, problems };
  return { config: normalise(value as RawConfig), problems };
}

type Report = (range: Range, message: string) => void;

/** Walks YAML nodes against shapes, reporting mismatches; returns plain values (undefined for a bad one). */
class Walker {
  constructor(
    private readonly report: Report,
    private readonly rangeOf: (node: Node | null | undefined) => Range,
    private readonly texts: ConfigTexts,
    private readonly language: Language,
  ) {}

  object(
    node: Node,
    keys: Readonly<Record<string, KeyShape>>,
    place: ConfigPlace,
  ): Record<string, unknown> | undefined {
    if (!isMap(node)) {
      this.report(this.rangeOf(node), this.texts.notAMapping({ place }));
      return undefined;
    }
    const result: Record<string, unknown> = {};
    for (const pair of node.items as Pair<Node, Node>[]) {
      const key = this.keyText(pair.key);
      if (key === undefined) continue;
      const shape = keys[key];
      if (!shape) {
        const hint = didYouMeanText(key, Object.keys(keys), this.language);
        this.report(
          this.rangeOf(pair.key),
          this.texts.unknownKey({ key: quote(key), place, hint, known: Object.keys(keys) }),
        );
        continue;
      }
      const value = this.value(pair.value, pair.key, shape.shape, { key });
      if (value !== undefined) result[key] = value;
    }
    for (const [key, shape] of Object.entries(keys))
      if (shape.required && !(key in result) && !node.items.some((p) => this.keyText(p.key as Node, true) === key))
        this.report(this.rangeOf(node), this.texts.missingKey({ place, key }));
    return result;
  }

  private keyText(key: Node | null, quiet = false): string | undefined {
    if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
    if (!quiet) this.report(this.rangeOf(key), this.texts.keyNotPlain());
    return undefined;
  }

  private value(node: Node | null, key: Node | null, shape: ValueShape, place: ConfigPlace): unknown {
    if (node === null || (isScalar(node) && node.value === null)) {
      this.report(this.rangeOf(key ?? node), this.texts.noValue({ place, shape }));
      return undefined;
    }
    switch (shape.type) {
      case 'object':
        return this.object(node, shape.properties, place);
      case 'severities':
        return this.severities(node, place);
      case 'overrides':
        return this.overrides(node, place);
      case 'list': {
        if (!isSeq(node)) {
          this.report(this.rangeOf(node), this.texts.notAList({ place, shape }));
          return undefined;
        }
        if (shape.minItems !== undefined && node.items.length < shape.minItems)
          this.report(this.rangeOf(node), this.texts.tooFewItems({ place, minimum: shape.minItems }));
        const item = { itemOf: place };
        const items = (node.items as Node[]).map((entry) => this.value(entry, entry, shape.items, item));
        return items.every((item) => item !== undefined) ? items : undefined;
      }
      default:
        return this.scalar(node, shape, place);
    }
  }

  private scalar(node: Node, shape: ValueShape, place: ConfigPlace): unknown {
    const value = isScalar(node) ? node.value : undefined;
    const fail = (): undefined => {
      this.report(this.rangeOf(node), this.texts.wrongValue({ place, value: described(value), shape }));
      return undefined;
    };
    switch (shape.type) {
      case 'boolean':
        return typeof value === 'boolean' ? value : fail();
      case 'integer':
        return typeof value === 'number' && Number.isInteger(value) && value >= shape.minimum && value <= shape.maximum
          ? value
          : fail();
      case 'enum':
        if (typeof value === 'string' && shape.values.includes(value)) return value;
        if (typeof value === 'string')
          this.report(
            this.rangeOf(node),
            this.texts.notAnEnumValue({
              place,
              value: quote(value),
              hint: didYouMeanText(value, shape.values, this.language),
              shape,
            }),
          );
        else fail();
        return undefined;
      case 'string': {
        // A number written where a string is expected (`cpuLimit: 1.5`) is the string it reads as.
        const text = typeof value === 'number' && isScalar(node) ? (node.source ?? String(value)) : value;
        if (typeof text !== 'string') return fail();
        if (shape.pattern !== undefined && !new RegExp(shape.pattern).test(text)) {
          this.report(this.rangeOf(node), this.texts.notValid({ place, value: quote(text), example: shape.example }));
          return undefined;
        }
        return text;
      }
      default:
        return fail();
    }
  }

  private severities(node: Node, place: ConfigPlace): Record<string, string> | undefined {
    if (!isMap(node)) {
      this.report(this.rangeOf(node), this.texts.severitiesNotAMapping({ place }));
      return undefined;
    }
    const result: Record<string, string> = {};
    for (const pair of node.items as Pair<Node, Node>[]) {
      const id = this.keyText(pair.key);
      if (id === undefined) continue;
      if (!configurable.has(id)) {
        const hint = didYouMeanText(id, CONFIGURABLE_IDS, this.language);
        this.report(this.rangeOf(pair.key), this.texts.unknownId({ id: quote(id), hint }));
        continue;
      }
      const severity = this.scalar(pair.value ?? pair.key, { type: 'enum', values: SEVERITY_SETTINGS }, { key: id });
      if (typeof severity === 'string') result[id] = severity;
    }
    return result;
  }

  private overrides(node: Node, place: ConfigPlace): unknown[] | undefined {
    if (!isSeq(node)) {
      this.report(this.rangeOf(node), this.texts.overridesNotAList({ place }));
      return undefined;
    }
    return (node.items as Node[]).map((item, index) => this.object(item, OVERRIDE_KEYS, { override: index + 1 }));
  }
}

/** A scalar that does not fit, for the message: none, a text (quoted), or another value as written. */
function described(value: unknown): WrongValue {
  if (value === undefined) return { none: true };
  return typeof value === 'string' ? { text: quote(value) } : { other: String(value) };
}

/** The validated file as plain values, before normalisation. */
type RawConfig = Partial<Record<keyof typeof TOP_LEVEL_KEYS, unknown>>;

function normalise(raw: RawConfig): ProjectConfig {
  const overrides = (raw.overrides as Record<string, unknown>[] | undefined) ?? [];
  return {
    profile: (raw.extends as ProjectConfig['profile'] | undefined) ?? 'recommended',
    rules: (raw.rules as ProjectConfig['rules'] | undefined) ?? {},
    options: (raw.options as ProjectConfig['options'] | undefined) ?? {},
    requireReason: (raw.suppressions as { requireReason?: boolean } | undefined)?.requireReason === true,
    ignore: (raw.ignore as string[] | undefined) ?? [],
    overrides: overrides.map((entry) => ({
      files: entry.files as string[],
      rules: (entry.rules as ProjectConfig['rules'] | undefined) ?? {},
      options: (entry.options as ProjectConfig['options'] | undefined) ?? {},
    })),
  };
}
