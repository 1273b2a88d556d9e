import type { Finding } from '../../core/types';

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
  findings: Finding[];
  /** The scores of its services, or of its final stage. */
  scores?: TargetScore[];
}
