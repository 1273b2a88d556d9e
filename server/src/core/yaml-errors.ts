/**
 * The `yaml` parser's errors for the user, in every language. English is
 * the parser's own message, as it was always shown. Japanese translates the
 * parser's fixed messages sentence by sentence; a message that carries the
 * document's text (an escape, a tag, a token) is said by its error code,
 * with the parser's words after it so no fact is lost. The codes are the
 * yaml package's `ErrorCode` (yaml/dist/errors.d.ts).
 */
import type { ErrorCode } from 'yaml';
import { quote } from './knowledge/secrets';
import type { Language, Localized } from './l10n';

/** The parser's fixed messages (yaml 2.x, compose/ and parse/), in Japanese. */
const MESSAGES_JA: Readonly<Record<string, string>> = {
  'An alias node must not specify any properties': 'エイリアスにはアンカーやタグを付けられません。',
  'Alias cannot be an empty string': 'エイリアス名が空です。',
  'Alias ending in : is ambiguous': 'エイリアス名が : で終わっていて、どこまでが名前か曖昧です。',
  'Anchor cannot be an empty string': 'アンカー名が空です。',
  'Anchor ending in : is ambiguous': 'アンカー名が : で終わっていて、どこまでが名前か曖昧です。',
  'All sequence items must start at the same column': 'シーケンスの項目はすべて同じ桁から始める必要があります。',
  'A block sequence may not be used as an implicit map key': 'ブロックシーケンスは暗黙のマップキーに使えません。',
  'Nested mappings are not allowed in compact mappings': 'コンパクトなマッピングの中にマッピングは入れられません。',
  'Map keys must be unique': 'マップのキーが重複しています。キーは一意である必要があります。',
  'Block scalar header not found': 'ブロックスカラーのヘッダーが見つかりません。',
  'Map comment with trailing content': 'マップのコメントの後ろに内容が続いています。',
  "Missing closing 'quote": "閉じる引用符 (') がありません。",
  'Missing closing "quote': '閉じる引用符 (") がありません。',
  'Block collection cannot start on same line with directives-end marker':
    'ブロックコレクションはディレクティブ終了マーカー (---) と同じ行では始められません。',
  'Comments must be separated from other tokens by white space characters': 'コメント (#) の前には空白が必要です。',
  'Implicit map keys need to be followed by map values': 'キーの後ろに値がありません(キーの後には : と値が必要です)。',
  'Missing directives-end indicator line': 'ディレクティブ終了行 (---) がありません。',
  'Missing directives-end/doc-start indicator line':
    'ディレクティブ終了行またはドキュメント開始行 (---) がありません。',
  'Sequence item without - indicator': 'シーケンスの項目に - がありません。',
  'Tags and anchors must be separated from the next token by white space': 'タグやアンカーの後ろには空白が必要です。',
  'Implicit keys need to be on a single line': 'キーは 1 行に収める必要があります。',
  'Implicit keys of flow sequence pairs need to be on a single line':
    'フローシーケンス内のペアのキーは 1 行に収める必要があります。',
  'A node can have at most one anchor': '1 つのノードに付けられるアンカーは 1 つだけです。',
  'A node can have at most one tag': '1 つのノードに付けられるタグは 1 つだけです。',
  'Tabs are not allowed as indentation': 'インデントにタブは使えません。',
  'Source contains multiple documents; please use YAML.parseAllDocuments()':
    'ファイルに複数の YAML ドキュメント (--- 区切り) が含まれています。',
  'Block scalars with more-indented leading empty lines must use an explicit indentation indicator':
    '先頭の空行が深くインデントされたブロックスカラーには、インデント指示子 (|2 など) が必要です。',
  'Block scalar values in collections must be indented': 'コレクション内のブロックスカラーの値はインデントが必要です。',
  'Block collections are not allowed within flow collections':
    'フローコレクション ([...] や {...}) の中にブロックコレクションは書けません。',
  'Flow end indicator should be more indented than parent':
    'フローの閉じ記号 (] や }) は親より深くインデントしてください。',
  'All mapping items must start at the same column': 'マッピングの項目はすべて同じ桁から始める必要があります。',
  'Unexpected doc-end without preceding document': 'ドキュメントがないのに終了記号 (...) があります。',
  'Missing newline after block sequence props': 'ブロックシーケンスのアンカーやタグの後に改行がありません。',
};

/** What each error code means, for messages that carry the document's text. */
const CODES_JA: Readonly<Record<ErrorCode, string>> = {
  ALIAS_PROPS: 'エイリアスにはアンカーやタグを付けられません',
  BAD_ALIAS: 'アンカーかエイリアスの名前が正しくありません',
  BAD_DIRECTIVE: 'ディレクティブが正しくありません',
  BAD_DQ_ESCAPE: 'ダブルクォート文字列のエスケープシーケンスが正しくありません',
  BAD_INDENT: 'インデントが正しくありません',
  BAD_PROP_ORDER: 'アンカーとタグの位置が正しくありません',
  BAD_SCALAR_START: 'この文字ではクォートなしの値を始められません',
  BLOCK_AS_IMPLICIT_KEY: 'ブロックはキーに使えません',
  BLOCK_IN_FLOW: 'フローコレクション ([...] や {...}) の中にブロックは書けません',
  DUPLICATE_KEY: 'マップのキーが重複しています',
  IMPOSSIBLE: 'YAML の構造を読み取れません',
  KEY_OVER_1024_CHARS: 'キーが 1024 文字を超えています',
  MISSING_CHAR: '必要な文字がありません',
  MULTILINE_IMPLICIT_KEY: 'キーは 1 行に収める必要があります',
  MULTIPLE_ANCHORS: '1 つのノードに付けられるアンカーは 1 つだけです',
  MULTIPLE_DOCS: 'ドキュメントが複数あります',
  MULTIPLE_TAGS: '1 つのノードに付けられるタグは 1 つだけです',
  NON_STRING_KEY: 'キーが文字列ではありません',
  RESOURCE_EXHAUSTION: '展開が大きすぎます(エイリアスの展開が上限を超えました)',
  TAB_AS_INDENT: 'インデントにタブは使えません',
  TAG_RESOLVE_FAILED: 'タグを解決できません',
  UNEXPECTED_TOKEN: '予期しない記号があります',
  BAD_COLLECTION_TYPE: 'タグとコレクションの種類が合いません',
};

/** A parser error as a finding's message: `message` as the parser wrote it, `code` its ErrorCode. */
export function yamlErrorText(code: string, message: string, language: Language): string {
  if (language === 'en') return `YAML: ${quote(message)}`;
  const fixed = MESSAGES_JA[message];
  if (fixed) return `YAML: ${fixed}`;
  const meaning = CODES_JA[code as ErrorCode] ?? 'YAML として読み取れません';
  return `YAML: ${meaning}(${quote(message)})。`;
}

/** A parser error in every language (for a model that is built once for all). */
export function yamlErrorTexts(code: string, message: string): Localized<string> {
  return { en: yamlErrorText(code, message, 'en'), ja: yamlErrorText(code, message, 'ja') };
}

/** The codes and fixed messages the Japanese table knows (for the completeness test). */
export const YAML_ERRORS_JA = { messages: MESSAGES_JA, codes: CODES_JA };
