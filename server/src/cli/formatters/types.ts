import type { DocumentKind, Finding } from '../../core/types';

/** A service's or stage's hardening score: the measures in place of those that apply (as the wizard counts them). */
export interface TargetScore {
  kind: 'service' | 'stage';
  name: string;
  /** 0-based, as findings' ranges. */
  line: number;
  applied: number;
  of: number;
}

/** One analysed file's findings, as the formatters receive them. */
export interface FileReport {
  displayPath: string;
  /** Where the file is; reports that must not hold the machine's paths (SARIF) use it relative to the cwd. */
  absolutePath?: string;
  /** What the file was read as: its rules are the ones a CTRF report lists; null for YAML that is not Compose. */
  kind?: DocumentKind | null;
  findings: Finding[];
  /** The scores of its services, or of its final stage. */
  scores?: TargetScore[];
}
