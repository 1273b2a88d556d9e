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

/** A value a message is made with: document text already masked (`quote`), numbers, flags, lists. JSON-safe. */
export type MessageParam = string | number | boolean | null | readonly MessageParam[] | MessageParams;
export interface MessageParams {
  readonly [name: string]: MessageParam;
}

/**
 * Which entry of its rule's message (or fix-title) table a text was made
 * from, and with what values: what a translation needs besides the rule id.
 */
export interface MessageRef {
  id: string;
  params: MessageParams;
}

/** A quick fix: a minimal set of edits to the analysed document. */
export interface Fix {
  title: string;
  /** The entry of the rule's fix-title table the title was made from. */
  titleRef?: MessageRef;
  edits: TextEdit[];
  /** The fix an editor may apply with "auto fix" / the lightbulb's first entry. */
  preferred?: boolean;
  /**
   * Edits of other files the fix makes too (the Dockerfile a Compose service
   * builds), by absolute path. The editor applies them with the rest; fix-all
   * and `--fix`, which change one file at a time, leave such fixes out.
   */
  otherFiles?: { path: string; edits: TextEdit[] }[];
}

export type DocumentKind = 'dockerfile' | 'compose';

/**
 * What a finding is about: a Compose service or a Dockerfile stage, and the
 * range that stands for it (the service key; the first line of the stage's
 * `FROM`). Findings of one subject are grouped by it (merged at a shared
 * anchor, later fixed together) without reading their messages.
 */
export interface FindingSubject {
  kind: 'service' | 'stage';
  /** The service's name; the stage's `AS` name, or its index for an unnamed stage (as `COPY --from=0` names it). */
  name: string;
  range: Range;
  /**
   * For a service that builds a Dockerfile docker-harden could read: its
   * path. The plan then hardens the service end to end, with measures that
   * edit that file.
   */
  dockerfile?: string;
  /**
   * In the analysis's list of subjects: false for a service that builds (its
   * `image:`, if any, names what is built) or has no image, and a stage
   * `FROM scratch` or an earlier stage: none has a base image of its own to
   * pin or replace.
   */
  namesImage?: boolean;
}

export interface Finding {
  ruleId: string;
  /** A concern id from concerns.json, or null for findings that are not hardening concerns (syntax, suppressions). */
  concern: ConcernId | null;
  severity: Severity;
  message: string;
  /**
   * The entry of the rule's message table the message was made from. What
   * the core adds to a message afterwards (where another file's setting is
   * pulled in, the other services an anchor affects) is not part of it.
   */
  messageRef?: MessageRef;
  range: Range;
  fixes: Fix[];
  /** Another file this finding was caused by (a built Dockerfile, an extends target...). */
  relatedFile?: string;
  /** Where in `relatedFile` the cause is written (its USER, its final FROM, the override's key), when known. */
  relatedRange?: Range;
  /** The service or stage it is about; none for document-wide findings (networks, syntax). Not in the CLI's JSON. */
  subject?: FindingSubject;
  /**
   * Services besides the subject that the message already names (the users
   * of an anchor): a finding merged at a shared anchor adds only the others.
   */
  namedServices?: readonly string[];
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
