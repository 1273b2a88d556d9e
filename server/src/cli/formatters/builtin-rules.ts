/**
 * What the CLI's reports say about the checks that are not rules (core/rules BUILTIN_IDS): code-scanning
 * dashboards show a result's rule description, so each built-in id gets one, and a level to default to.
 * The `Record` over BUILTIN_IDS makes a new built-in id fail to compile until it is described here.
 */
import { BUILTIN_IDS } from '../../core/rules';
import type { Severity } from '../../core/types';

type BuiltinId = (typeof BUILTIN_IDS)[keyof typeof BUILTIN_IDS];

export interface BuiltinRule {
  title: string;
  description: string;
  severity: Severity;
}

export const BUILTIN_RULES: Record<BuiltinId, BuiltinRule> = {
  'syntax-error': {
    title: 'The file does not parse',
    description:
      'Docker or Compose would reject this text. Nothing after the error is checked the way it will run, so fix it first.',
    severity: 'error',
  },
  'broken-reference': {
    title: 'A reference Compose cannot follow',
    description:
      'An extends, include or service: reference names a file or service that is missing, or closes a cycle; ' +
      'docker compose would fail on it.',
    severity: 'error',
  },
  'file-too-large': {
    title: 'The file is too large to analyse',
    description: 'docker-harden skips files above its size limit rather than slow the editor or the CI job down.',
    severity: 'warning',
  },
  'unknown-suppression': {
    title: 'A suppression comment names no known rule or concern',
    description: 'A docker-harden-ignore comment whose id matches no rule or concern suppresses nothing.',
    severity: 'warning',
  },
  'unused-suppression': {
    title: 'A suppression comment matches no finding',
    description:
      'A docker-harden-ignore comment that suppresses nothing where it stands could hide a future problem: remove it.',
    severity: 'info',
  },
  'internal-error': {
    title: 'docker-harden could not finish',
    description: 'A check failed on this file; the other checks ran. Please report it with the file that caused it.',
    severity: 'warning',
  },
  'config-error': {
    title: 'The configuration file has a problem',
    description:
      'A .docker-harden.yaml key, value or rule id docker-harden does not know, or YAML it cannot read. ' +
      'The CLI stops with exit status 2; the editor analyses with the defaults until it is fixed.',
    severity: 'error',
  },
  'suppression-without-reason': {
    title: 'A suppression comment gives no reason',
    description:
      'The configuration asks every docker-harden-ignore comment for a reason (suppressions.requireReason): ' +
      'add one after "--" so reviewers know why the finding does not apply.',
    severity: 'warning',
  },
  'analysis-stopped': {
    title: 'The analysis ran out of its time or memory budget',
    description:
      'No other finding is reported for the file; other files are analysed as usual. ' +
      'Splitting the file, or a higher --time-limit or --memory-limit, helps.',
    severity: 'warning',
  },
};

export const BUILTIN_RULE_IDS = Object.keys(BUILTIN_RULES) as BuiltinId[];
