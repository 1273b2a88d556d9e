import type { Finding } from '../../core/types';

/** One analysed file's findings, as the formatters receive them. */
export interface FileReport {
  displayPath: string;
  findings: Finding[];
}
