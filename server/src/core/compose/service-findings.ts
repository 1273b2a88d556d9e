/**
 * Findings of unchanged services, reused from one version of a document to
 * the next while it is edited, so a keystroke re-checks the service it
 * touched rather than every service.
 *
 * A service's findings are reused only when nothing they were computed from
 * can have changed: the file stands alone (no override file, include or
 * extends from another file); its own parsed segment is the very object of
 * the last version (its text is unchanged); the top-level named volumes read
 * the same; every file the last analysis read (.env, built Dockerfiles, env
 * files) reads the same; and its text reaches nothing outside it (no alias,
 * merge key, extends or `service:` reference). Reused findings move with
 * their segment; a finding or fix outside the segment is never stored.
 */
import { isScalar, visit, type Document } from 'yaml';
import type { FileReader, Finding, Range } from '../types';
import type { ComposeModel, ComposeService } from './model';

/** Per parsed segment: whether its findings depend on text elsewhere. */
const READS_ELSEWHERE = new WeakMap<object, boolean>();

/** An alias or merge key (an anchor elsewhere), `extends`, or a `service:` value (another service's namespace). */
function readsElsewhere(document: Document): boolean {
  let answer = READS_ELSEWHERE.get(document);
  if (answer === undefined) {
    answer = false;
    visit(document, {
      Alias: () => ((answer = true), visit.BREAK),
      Pair: (_key, pair) => (isScalar(pair.key) && (pair.key.value === '<<' || pair.key.value === 'extends') ? ((answer = true), visit.BREAK) : undefined),
      Scalar: (_key, scalar) => (typeof scalar.value === 'string' && scalar.value.trim().startsWith('service:') ? ((answer = true), visit.BREAK) : undefined),
    });
    READS_ELSEWHERE.set(document, answer);
  }
  return answer;
}

/**
 * A service's findings and the line its segment started on. Segments start
 * at a line start, so positions inside one depend only on its text and that
 * line: a moved segment's findings move by whole lines.
 */
interface StoredService {
  findings: Finding[];
  line: number;
}

/** The reusable findings of one document's last analysis; keep one per open document. */
export class ServiceFindingsCache {
  private stored = new Map<object, StoredService>();
  private context = '';
  private reads = new Map<string, string | undefined>();

  /**
   * Starts an analysis of `model`. `files` is the analysis's own recording
   * reader, so checking the last analysis's reads also carries them forward.
   */
  begin(model: ComposeModel, files: RecordingReader | undefined): ServiceFindingsSession {
    const valid = model.standalone && this.context === model.serviceContext && [...this.reads].every(([path, text]) => files?.read(path) === text);
    const previous = valid ? this.stored : new Map<object, StoredService>();
    const next = new Map<object, StoredService>();
    return {
      reuse: (service) => {
        const segment = service.segment;
        const stored = segment && previous.get(segment.document);
        if (!stored) return null;
        next.set(segment!.document, stored);
        const line = model.lines.positionAt(segment!.start).line;
        if (line !== stored.line) {
          stored.findings = stored.findings.map((finding) => moved(finding, line - stored.line));
          stored.line = line;
        }
        return stored.findings;
      },
      keep: (service, findings) => {
        const segment = service.segment;
        if (!model.standalone || !segment || readsElsewhere(segment.document)) return;
        const first = model.lines.positionAt(segment.start).line;
        // The segment ends where the next one starts (a line start), or at the end of the text.
        const end = segment.end >= model.text.length ? { line: Infinity, character: 0 } : model.lines.positionAt(segment.end);
        const inside = (range: Range): boolean => range.start.line >= first && (range.end.line < end.line || (range.end.line === end.line && range.end.character <= end.character));
        if (findings.every((f) => inside(f.range) && f.fixes.every((fix) => fix.edits.every((edit) => inside(edit.range))))) next.set(segment.document, { findings: [...findings], line: first });
      },
      end: () => {
        this.stored = next;
        this.context = model.serviceContext;
        this.reads = files?.reads ?? new Map();
      },
    };
  }
}

export interface ServiceFindingsSession {
  /** The service's findings from the last version, moved to where it now is; null when it must be checked. */
  reuse(service: ComposeService): Finding[] | null;
  /** Remembers a checked service's findings for the next version, when they can be reused. */
  keep(service: ComposeService, findings: readonly Finding[]): void;
  end(): void;
}

/** A reader that remembers what each path read during one analysis. */
export interface RecordingReader extends FileReader {
  readonly reads: Map<string, string | undefined>;
}

export function recordingReader(files: FileReader): RecordingReader {
  const reads = new Map<string, string | undefined>();
  return {
    reads,
    read(path) {
      if (!reads.has(path)) reads.set(path, files.read(path));
      return reads.get(path);
    },
  };
}

function sameObjects(a: readonly object[], b: readonly object[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function moved(finding: Finding, lines: number): Finding {
  const shift = (range: Range): Range => ({ start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } });
  return { ...finding, range: shift(finding.range), fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, range: shift(edit.range) })) })) };
}
