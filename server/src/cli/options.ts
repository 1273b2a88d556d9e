/** Command-line parsing for `docker-harden`, with clear usage errors (exit status 2). */
import { isLanguage, type Language } from '../core/l10n';
import { SEVERITY_ORDER, type Severity } from '../core/types';
import { CONFIGURABLE_IDS } from '../core/config/structure';
import { cliText, LocalizedError, type CliTexts } from './messages';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'ctrf';

export interface CliOptions {
  format: OutputFormat;
  /** Exit 1 when a finding is at or above this severity; `none` never fails. */
  failOn: Severity | 'none';
  minimumSeverity: Severity;
  disabledRules: string[];
  colour: boolean;
  paths: string[];
  help: boolean;
  version: boolean;
  listRules: boolean;
  /** Per-file analysis budget; unset means the pool's default. */
  timeLimitMs?: number;
  memoryLimitMb?: number;
  /** Files analysed at once (worker threads); unset means one per core, at most two. */
  jobs?: number;
  /** `--fix`: write each file's preferred fixes in place; `--diff`: print them as a unified diff instead. */
  fix: 'none' | 'write' | 'diff';
  /** `--config FILE`: this configuration file for every analysed file, instead of the nearest `.docker-harden.yaml`. */
  config?: string;
  /** `--locale`: the language of messages; unset, text output follows the environment and JSON/SARIF are English. */
  locale?: Language;
}

/** A mistake in the command line: said in every language, with the usage after it. */
export class UsageError extends LocalizedError {}

/** A usage error said by one entry of the CLI's texts. */
export function usageError(make: (texts: CliTexts) => string): UsageError {
  return new UsageError(cliText(make));
}

export const USAGE = `usage: docker-harden [options] PATH...

Reports hardening problems in Dockerfiles and Docker Compose files.
PATH is a file or a directory (walked, honouring .gitignore).

options:
  --format text|json|sarif|ctrf
                              output format (default: text; ctrf: a CTRF test report for CI dashboards)
  --fail-on error|warning|info|none
                              exit 1 when a finding is at or above this severity (default: warning)
  --min-severity error|warning|info
                              do not report findings below this severity (default: info)
  --disable ID[,ID...]        rule ids or concern ids to skip (repeatable)
  --config FILE               use this configuration file instead of the nearest .docker-harden.yaml
  --time-limit SECONDS        stop analysing a file after this long and report that instead (default: 10)
  --memory-limit MB           stop analysing a file that needs more memory than this (default: 384)
  --jobs N                    files analysed in parallel (default: the number of cores, at most 2)
  --fix                       apply every preferred fix in place, then report what remains
  --diff                      print a unified diff of what --fix would change; write nothing
  --locale en|ja              language of messages (default: text follows LC_ALL/LC_MESSAGES/LANG,
                              json and sarif are English)
  --no-color                  plain text output
  --list-rules                print the rules and exit
  --version, --help

exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or I/O error`;

/** The usage text in Japanese: the same options, in the same order (a test compares them). */
export const USAGE_JA = `使い方: docker-harden [オプション] PATH...

Dockerfile と Docker Compose ファイルのハードニング上の問題を報告します。
PATH はファイルかディレクトリです(ディレクトリは .gitignore に従ってたどります)。

オプション:
  --format text|json|sarif|ctrf
                              出力形式(既定: text。ctrf は CI ダッシュボード向けの CTRF テストレポート)
  --fail-on error|warning|info|none
                              この重大度以上の指摘があれば終了コード 1 で終わる(既定: warning)
  --min-severity error|warning|info
                              この重大度より低い指摘は報告しない(既定: info)
  --disable ID[,ID...]        除外するルール ID か懸念 ID(繰り返し指定可)
  --config FILE               最も近い .docker-harden.yaml の代わりにこの設定ファイルを使う
  --time-limit SECONDS        1 ファイルの解析をこの秒数で打ち切り、そのことを報告する(既定: 10)
  --memory-limit MB           これより多くのメモリを要するファイルの解析を打ち切る(既定: 384)
  --jobs N                    並列に解析するファイル数(既定: コア数、最大 2)
  --fix                       優先される修正をすべてその場で適用し、残った指摘を報告する
  --diff                      --fix が変更する内容を unified diff で表示する(何も書き込まない)
  --locale en|ja              メッセージの言語(既定: text は LC_ALL/LC_MESSAGES/LANG に従い、
                              json と sarif は英語)
  --no-color                  色を付けずに出力する
  --list-rules                ルールの一覧を表示して終了する
  --version, --help

終了コード: 0 --fail-on 以上の指摘なし、1 指摘あり、2 使い方または入出力のエラー`;

/** The usage text in a language. */
export function usageText(language: Language): string {
  return language === 'ja' ? USAGE_JA : USAGE;
}

function severity(value: string | undefined, flag: string, allowNone: boolean): Severity | 'none' {
  if (value && (value in SEVERITY_ORDER || (allowNone && value === 'none'))) return value as Severity | 'none';
  const values = [...Object.keys(SEVERITY_ORDER), ...(allowNone ? ['none'] : [])];
  throw usageError((t) => t.takesOneOf({ flag, values, got: value }));
}

function positiveNumber(value: string | undefined, flag: string, min: number, max: number): number {
  const number = value === undefined || value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(number) || number < min || number > max) {
    throw usageError((t) => t.takesNumber({ flag, min, max, got: value }));
  }
  return number;
}

export function parseArguments(argv: string[], isTty: boolean): CliOptions {
  const options: CliOptions = {
    format: 'text',
    failOn: 'warning',
    minimumSeverity: 'info',
    disabledRules: [],
    colour: isTty && !process.env.NO_COLOR,
    paths: [],
    help: false,
    version: false,
    listRules: false,
    fix: 'none',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--format':
      case '-f': {
        const format = value();
        if (format !== 'text' && format !== 'json' && format !== 'sarif' && format !== 'ctrf')
          throw usageError((t) =>
            t.takesChoice({ flag: '--format', values: ['text', 'json', 'sarif', 'ctrf'], got: format }),
          );
        options.format = format;
        break;
      }
      case '--fail-on':
        options.failOn = severity(value(), '--fail-on', true);
        break;
      case '--min-severity':
        options.minimumSeverity = severity(value(), '--min-severity', false) as Severity;
        break;
      case '--disable':
        options.disabledRules.push(
          ...(value() ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
        break;
      case '--config': {
        const file = value();
        if (!file) throw usageError((t) => t.takesFile({ flag: '--config' }));
        options.config = file;
        break;
      }
      case '--time-limit':
        options.timeLimitMs = positiveNumber(value(), '--time-limit', 0.1, 3600) * 1000;
        break;
      case '--memory-limit':
        options.memoryLimitMb = Math.round(positiveNumber(value(), '--memory-limit', 64, 16384));
        break;
      case '--jobs':
      case '-j':
        options.jobs = Math.round(positiveNumber(value(), '--jobs', 1, 64));
        break;
      case '--no-color':
      case '--no-colour':
        options.colour = false;
        break;
      case '--color':
        options.colour = true;
        break;
      case '--locale': {
        const locale = value();
        if (!isLanguage(locale))
          throw usageError((t) => t.takesChoice({ flag: '--locale', values: ['en', 'ja'], got: locale }));
        options.locale = locale;
        break;
      }
      case '--list-rules':
        options.listRules = true;
        break;
      case '--fix':
      case '--diff': {
        if (inline !== undefined) throw usageError((t) => t.takesNoValue({ flag }));
        const mode = flag === '--fix' ? 'write' : 'diff';
        if (options.fix !== 'none' && options.fix !== mode) throw usageError((t) => t.fixOrDiff());
        options.fix = mode;
        break;
      }
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--version':
      case '-V':
        options.version = true;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw usageError((t) => t.unknownOption({ option: arg }));
        options.paths.push(arg);
    }
  }
  if (!options.help && !options.version && !options.listRules && options.paths.length === 0)
    throw usageError((t) => t.noPath());
  const unknown = options.disabledRules.find((id) => !CONFIGURABLE_IDS.includes(id));
  if (unknown !== undefined) throw usageError((t) => t.unknownDisabledId({ id: unknown, known: CONFIGURABLE_IDS }));
  return options;
}
