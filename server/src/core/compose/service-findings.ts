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
import type { LineIndex } from '../text';
import type { FileReader, Finding, Range } from '../types';
import type { ComposeModel, ComposeService } from './model';

/** Service text whose findings depend on text elsewhere: aliases, merge keys, extends, joined namespaces. */
const READS_ELSEWHERE = /(^|[\s[{,:-])\*[^\s,\]}]|<<\s*:|^\s*extends\s*:|service:/m;

/** A service's findings, with their ranges as offsets from its segment's start and where that start was. */
interface StoredService {
  findings: Finding[];
  offsets: { range: [number, number]; edits: [number, number][][] }[];
  start: number;
  line: number;
  character: number;
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
        const at = model.lines.positionAt(segment!.start);
        // Unmoved (same offset, line and column): every position inside is unchanged too.
        if (stored.start !== segment!.start || stored.line !== at.line || stored.character !== at.character) {
          stored.findings = stored.findings.map((finding, i) => relocate(finding, stored.offsets[i], segment!.start, model.lines));
          Object.assign(stored, { start: segment!.start, line: at.line, character: at.character });
        }
        return stored.findings;
      },
      keep: (service, findings) => {
        const segment = service.segment;
        if (!model.standalone || !segment || READS_ELSEWHERE.test(model.text.slice(segment.start, segment.end))) return;
        const offsets = findings.map((finding) => offsetsOf(finding, segment.start, segment.end, model.lines));
        if (!offsets.every((o): o is StoredService['offsets'][number] => o !== null)) return;
        const at = model.lines.positionAt(segment.start);
        next.set(segment.document, { findings: [...findings], offsets, start: segment.start, line: at.line, character: at.character });
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

/** A finding's range and fix edit ranges as offsets from `start`; null when one lies outside the segment. */
function offsetsOf(finding: Finding, start: number, end: number, lines: LineIndex): StoredService['offsets'][number] | null {
  const offsets = (range: Range): [number, number] | null => {
    const from = lines.offsetAt(range.start);
    const to = lines.offsetAt(range.end);
    return from >= start && to <= end ? [from - start, to - start] : null;
  };
  const range = offsets(finding.range);
  const edits = finding.fixes.map((fix) => fix.edits.map((edit) => offsets(edit.range)));
  if (!range || edits.some((fix) => fix.some((edit) => edit === null))) return null;
  return { range, edits: edits as [number, number][][] };
}

function relocate(finding: Finding, offsets: StoredService['offsets'][number], start: number, lines: LineIndex): Finding {
  const at = ([from, to]: [number, number]): Range => lines.rangeOf(start + from, start + to);
  return {
    ...finding,
    range: at(offsets.range),
    fixes: finding.fixes.map((fix, i) => ({ ...fix, edits: fix.edits.map((edit, j) => ({ ...edit, range: at(offsets.edits[i][j]) })) })),
  };
}
