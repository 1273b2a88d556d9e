/**
 * Shared vocabulary of the analysis core: positions, findings and fixes.
 * Deliberately free of LSP or VS Code types so the core can run anywhere;
 * the shapes match LSP's (0-based lines, UTF-16 character offsets) so the
 * adapters convert without arithmetic.
 */
import type { ConcernId } from './concerns';

/** 0-based line and UTF-16 column, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_ORDER: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix: a minimal set of edits to the analysed document. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor may apply with "auto fix" / the lightbulb's first entry. */
  preferred?: boolean;
}

export type DocumentKind = 'dockerfile' | 'compose';

export interface Finding {
  ruleId: string;
  /** A concern id from concerns.json, or null for findings that are not hardening concerns (syntax, suppressions). */
  concern: ConcernId | null;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  /** Another file this finding was caused by (a built Dockerfile, an extends target...). */
  relatedFile?: string;
  /**
   * First line (0-based) of the instruction or entry that holds the finding:
   * where a `docker-harden-ignore` comment for it goes.
   */
  statementLine?: number;
}

/** Larger documents are not analysed, and larger files are not read for cross-file reasoning (5 MiB of text). */
export const DEFAULT_MAX_LENGTH = 5 * 1024 * 1024;

/** Read access to other files, for cross-file reasoning; the core never touches the file system itself. */
export interface FileReader {
  /** Returns the file's text, or undefined when it does not exist or cannot be read. */
  read(path: string): string | undefined;
}
