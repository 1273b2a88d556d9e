/**
 * Project configurations and what they must give, shared by the CLI's and
 * the language server's specifications so both adapters are held to the
 * same findings: each case is a small workspace (files by relative path),
 * the file analysed, and the flags or editor settings on top.
 */
import * as assert from 'assert';
import * as path from 'path';
import { run } from './cli';
import { dedent } from './dedent';

export interface ConfigCase {
  name: string;
  files: Record<string, string>;
  /** The analysed file, relative to the workspace. */
  analysed: string;
  /** `--disable` / `dockerHarden.disabledRules`. */
  disabledRules?: string[];
  /** `--min-severity` / `dockerHarden.minimumSeverity`. */
  minimumSeverity?: 'error' | 'warning' | 'info';
  /** What must hold of the findings (`ruleId:severity` strings), besides both adapters agreeing. */
  expect: (findings: string[]) => void;
}

export const COMPOSE = dedent`
  services:
    web:
      image: registry.example.com/team/web:1.4
      cap_add: [SYS_ADMIN]
      privileged: true
`;

export const DOCKERFILE = dedent`
  FROM alpine:3.20 AS build
  RUN curl -k https://example.com/tool -o /tool
  FROM alpine:3.20
  # docker-harden-ignore tls-verification-disabled
  RUN curl -k https://example.com/x -o /x
`;

const has = (findings: string[], id: string): boolean => findings.some((f) => f.startsWith(`${id}:`));

function check(condition: boolean, what: string, findings: string[]): void {
  if (!condition) throw new Error(`${what}; findings: ${findings.join(', ')}`);
}

export const CONFIG_CASES: ConfigCase[] = [
  {
    name: 'no configuration: the defaults',
    files: { 'compose.yaml': COMPOSE },
    analysed: 'compose.yaml',
    expect: (f) =>
      check(f.includes('compose-no-pids-limit:info') && has(f, 'compose-dangerous-capability'), 'defaults', f),
  },
  {
    name: 'rules: by rule id and concern id',
    files: {
      'compose.yaml': COMPOSE,
      '.docker-harden.yaml': 'rules:\n  compose-privileged: off\n  cs.limits.pids: error\n',
    },
    analysed: 'compose.yaml',
    expect: (f) => check(!has(f, 'compose-privileged') && f.includes('compose-no-pids-limit:error'), 'severities', f),
  },
  {
    name: 'extends: strict',
    files: { 'compose.yaml': COMPOSE, '.docker-harden.yml': 'extends: strict\n' },
    analysed: 'compose.yaml',
    expect: (f) =>
      check(f.includes('compose-no-pids-limit:warning') && f.includes('compose-no-memory-limit:error'), 'strict', f),
  },
  {
    name: 'options: allowed capabilities and trusted registries',
    files: {
      'compose.yaml': COMPOSE,
      '.docker-harden.yaml':
        'options:\n  allowedCapabilities: [SYS_ADMIN]\n  trustedRegistries: [registry.example.com]\n',
    },
    analysed: 'compose.yaml',
    expect: (f) =>
      check(!has(f, 'compose-dangerous-capability') && !has(f, 'compose-image-without-digest'), 'options', f),
  },
  {
    name: 'overrides: by path glob',
    files: {
      'legacy/compose.yaml': COMPOSE,
      '.docker-harden.yaml': 'overrides:\n  - files: [legacy/**]\n    rules: { compose-privileged: info }\n',
    },
    analysed: 'legacy/compose.yaml',
    expect: (f) => check(f.includes('compose-privileged:info'), 'override', f),
  },
  {
    name: 'the nearest configuration in a subfolder wins over the one above',
    files: {
      'services/api/compose.yaml': COMPOSE,
      '.docker-harden.yaml': 'rules:\n  compose-privileged: off\n',
      'services/.docker-harden.yaml': 'rules:\n  compose-no-pids-limit: off\n',
    },
    analysed: 'services/api/compose.yaml',
    expect: (f) => check(has(f, 'compose-privileged') && !has(f, 'compose-no-pids-limit'), 'nearest', f),
  },
  {
    name: 'ignore: the file is not analysed',
    files: { 'vendor/compose.yaml': COMPOSE, '.docker-harden.yaml': 'ignore: [vendor/]\n' },
    analysed: 'vendor/compose.yaml',
    expect: (f) => check(f.length === 0, 'ignored', f),
  },
  {
    name: 'flags and settings win: disabledRules over an error in the file',
    files: { 'compose.yaml': COMPOSE, '.docker-harden.yaml': 'rules:\n  compose-no-pids-limit: error\n' },
    analysed: 'compose.yaml',
    disabledRules: ['compose-no-pids-limit'],
    expect: (f) => check(!has(f, 'compose-no-pids-limit') && has(f, 'compose-privileged'), 'disabled', f),
  },
  {
    name: 'flags and settings win: the minimum severity applies after the configured severities',
    files: { 'compose.yaml': COMPOSE, '.docker-harden.yaml': 'rules:\n  compose-no-pids-limit: warning\n' },
    analysed: 'compose.yaml',
    minimumSeverity: 'warning',
    expect: (f) =>
      check(f.includes('compose-no-pids-limit:warning') && !f.some((x) => x.endsWith(':info')), 'minimum', f),
  },
  {
    name: 'suppressions.requireReason and a stage scope in a Dockerfile',
    files: {
      Dockerfile: `# docker-harden-ignore-stage tls-verification-disabled -- build tools only\n${DOCKERFILE}`,
      '.docker-harden.yaml': 'suppressions:\n  requireReason: true\n',
    },
    analysed: 'Dockerfile',
    expect: (f) =>
      check(
        f.includes('suppression-without-reason:warning') && !has(f, 'tls-verification-disabled'),
        'require reason',
        f,
      ),
  },
];

/** A finding of the CLI's JSON output. */
export interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** The CLI's findings (`--format json`, the case's flags) for the case's analysed file, run on the whole workspace. */
export async function cliFindings(dir: string, testCase: ConfigCase, extra: string[] = []): Promise<JsonFinding[]> {
  const flags = [
    ...(testCase.disabledRules ? ['--disable', testCase.disabledRules.join(',')] : []),
    ...(testCase.minimumSeverity ? ['--min-severity', testCase.minimumSeverity] : []),
  ];
  const { status, stdout, stderr } = await run(['--format', 'json', ...flags, ...extra, '.'], dir);
  assert.ok(status === 0 || status === 1, `exit ${status}: ${stderr}`);
  const findings = (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
  return findings.filter((f) => f.file === testCase.analysed.split('/').join(path.sep));
}
