/**
 * The problems of a `.docker-harden.yaml` in every language: what is wrong
 * where (the file, a key, an item of a list, an overrides entry) and what
 * the key expects. Each language is a full table of the same shape, so the
 * compiler refuses a missing text; test/core/l10n.test.ts checks it key by
 * key too. Values from the file are quoted (masked) by the caller.
 */
import type { Localized } from '../l10n';
import type { ValueShape } from './structure';

/** Where in the file a problem is: the file itself, a key's value, an item of a list, an entry of `overrides`. */
export type ConfigPlace = { file: true } | { key: string } | { itemOf: ConfigPlace } | { override: number };

/** What a scalar that does not fit is (for "is ..."): no single value, a text, or another value as written. */
export type WrongValue = { none: true } | { text: string } | { other: string };

export interface ConfigTexts {
  notAMapping(p: { place: ConfigPlace }): string;
  unknownKey(p: { key: string; place: ConfigPlace; hint: string; known: readonly string[] }): string;
  missingKey(p: { place: ConfigPlace; key: string }): string;
  keyNotPlain(): string;
  noValue(p: { place: ConfigPlace; shape: ValueShape }): string;
  notAList(p: { place: ConfigPlace; shape: ValueShape }): string;
  tooFewItems(p: { place: ConfigPlace; minimum: number }): string;
  wrongValue(p: { place: ConfigPlace; value: WrongValue; shape: ValueShape }): string;
  notAnEnumValue(p: { place: ConfigPlace; value: string; hint: string; shape: ValueShape }): string;
  notValid(p: { place: ConfigPlace; value: string; example: string }): string;
  severitiesNotAMapping(p: { place: ConfigPlace }): string;
  unknownId(p: { id: string; hint: string }): string;
  overridesNotAList(p: { place: ConfigPlace }): string;
  unreadable(p: { detail: string }): string;
  /** The editor's dockerHarden.disabledRules names an id that is no rule or concern. */
  unknownDisabledSetting(p: { id: string; hint: string }): string;
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function placeEn(place: ConfigPlace): string {
  if ('file' in place) return 'the file';
  if ('key' in place) return `"${place.key}"`;
  if ('itemOf' in place) return `An item of ${placeEn(place.itemOf)}`;
  return `overrides entry ${place.override}`;
}

function expectedEn(shape: ValueShape): string {
  switch (shape.type) {
    case 'string':
      return `expected a string such as ${shape.example}`;
    case 'enum':
      return `expected one of ${shape.values.join(', ')}`;
    case 'integer':
      return `expected a whole number from ${shape.minimum} to ${shape.maximum}`;
    case 'boolean':
      return 'expected true or false';
    case 'list':
      return `expected a list (${expectedEn(shape.items).replace('expected ', 'each ')})`;
    case 'object':
      return `expected a mapping with ${Object.keys(shape.properties).join(', ')}`;
    case 'severities':
      return 'expected a mapping of rule or concern ids to off, info, warning or error';
    case 'overrides':
      return 'expected a list of entries with "files" and "rules" or "options"';
  }
}

function placeJa(place: ConfigPlace): string {
  if ('file' in place) return 'ファイル';
  if ('key' in place) return `"${place.key}"`;
  if ('itemOf' in place) return `${placeJa(place.itemOf)} の項目`;
  return `overrides の ${place.override} 番目のエントリー`;
}

/** The place and a particle after it, spaced as Japanese text spaces Latin words (`"rules" は`, `ファイルは`). */
function withParticle(place: ConfigPlace, particle: string): string {
  const text = placeJa(place);
  return /[\x21-\x7e]$/.test(text) ? `${text} ${particle}` : `${text}${particle}`;
}

/** What a shape accepts, as a noun phrase ("... が必要です"). */
function wantedJa(shape: ValueShape): string {
  switch (shape.type) {
    case 'string':
      return `${shape.example} のような文字列`;
    case 'enum':
      return `${shape.values.join('、')} のいずれか`;
    case 'integer':
      return `${shape.minimum} から ${shape.maximum} までの整数`;
    case 'boolean':
      return 'true か false の値';
    case 'list':
      return `リスト(各項目は${wantedJa(shape.items)})`;
    case 'object':
      return `${Object.keys(shape.properties).join('、')} を持つマッピング`;
    case 'severities':
      return 'ルール id か懸念事項 id から off、info、warning、error への対応付け';
    case 'overrides':
      return '"files" と "rules" または "options" を持つエントリーのリスト';
  }
}

export const CONFIG_TEXTS: Localized<ConfigTexts> = {
  en: {
    notAMapping: (p) => `${capitalised(placeEn(p.place))} must be a mapping of keys to values.`,
    unknownKey: (p) => `Unknown key "${p.key}" in ${placeEn(p.place)}${p.hint}; known keys: ${p.known.join(', ')}.`,
    missingKey: (p) => `${capitalised(placeEn(p.place))} needs a "${p.key}" key.`,
    keyNotPlain: () => 'A key must be a plain name.',
    noValue: (p) => `${placeEn(p.place)} has no value; ${expectedEn(p.shape)}.`,
    notAList: (p) => `${placeEn(p.place)} must be a list; ${expectedEn(p.shape)}.`,
    tooFewItems: (p) => `${placeEn(p.place)} needs at least ${p.minimum} item.`,
    wrongValue: (p) => {
      const is =
        'none' in p.value
          ? 'is not a single value'
          : 'text' in p.value
            ? `is the text "${p.value.text}"`
            : `is ${p.value.other}`;
      return `${placeEn(p.place)} ${is}; ${expectedEn(p.shape)}.`;
    },
    notAnEnumValue: (p) => `${placeEn(p.place)} is "${p.value}"${p.hint}; ${expectedEn(p.shape)}.`,
    notValid: (p) => `${placeEn(p.place)} is "${p.value}", not a valid value; for example ${p.example}.`,
    severitiesNotAMapping: (p) => `${placeEn(p.place)} must be a mapping of rule or concern ids to severities.`,
    unknownId: (p) => `Unknown rule or concern "${p.id}"${p.hint}; \`docker-harden --list-rules\` lists the rule ids.`,
    overridesNotAList: (p) => `${placeEn(p.place)} must be a list of entries with "files" and "rules" or "options".`,
    unreadable: (p) => `The configuration could not be read: ${p.detail}`,
    unknownDisabledSetting: (p) =>
      `docker-harden: dockerHarden.disabledRules names an unknown rule or concern "${p.id}"${p.hint}; ` +
      'it disables nothing.',
  },
  ja: {
    notAMapping: (p) => `${withParticle(p.place, 'は')}キーと値のマッピングである必要があります。`,
    unknownKey: (p) =>
      `${withParticle(p.place, 'に')}不明なキー "${p.key}" があります${p.hint}。使えるキー: ${p.known.join('、')}。`,
    missingKey: (p) => `${withParticle(p.place, 'に')}は "${p.key}" キーが必要です。`,
    keyNotPlain: () => 'キーには単純な名前を書いてください。',
    noValue: (p) => `${withParticle(p.place, 'に')}値がありません。${wantedJa(p.shape)}が必要です。`,
    notAList: (p) => `${withParticle(p.place, 'は')}リストである必要があります。${wantedJa(p.shape)}が必要です。`,
    tooFewItems: (p) => `${withParticle(p.place, 'に')}は少なくとも ${p.minimum} 個の項目が必要です。`,
    wrongValue: (p) => {
      const is =
        'none' in p.value
          ? '単一の値ではありません'
          : 'text' in p.value
            ? `文字列 "${p.value.text}" になっています`
            : ` ${p.value.other} になっています`;
      return `${withParticle(p.place, 'が')}${is}。${wantedJa(p.shape)}が必要です。`;
    },
    notAnEnumValue: (p) =>
      `${withParticle(p.place, 'が')} "${p.value}" になっています${p.hint}。${wantedJa(p.shape)}が必要です。`,
    notValid: (p) => `${withParticle(p.place, 'の')} "${p.value}" は正しい値ではありません。例: ${p.example}。`,
    severitiesNotAMapping: (p) =>
      `${withParticle(p.place, 'は')}ルール id か懸念事項 id から重大度への対応付けである必要があります。`,
    unknownId: (p) =>
      `"${p.id}" はルールでも懸念事項でもありません${p.hint}。ルール id は \`docker-harden --list-rules\` で一覧できます。`,
    overridesNotAList: (p) =>
      `${withParticle(p.place, 'は')} "files" と "rules" または "options" を持つエントリーのリストである必要があります。`,
    unreadable: (p) => `設定ファイルを読み取れませんでした: ${p.detail}`,
    unknownDisabledSetting: (p) =>
      `docker-harden: dockerHarden.disabledRules の "${p.id}" はルールでも懸念事項でもありません${p.hint}。` +
      '何も無効にしません。',
  },
};
