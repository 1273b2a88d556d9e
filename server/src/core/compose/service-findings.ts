/**
 * Findings of unchanged services, reused from one version of a document to
 * the next while it is edited, so a keystroke re-checks the service it
 * touched rather than every service.
 *
 * A service's findings are reused only when nothing they were computed from
 * can have changed:
 * - the file stands alone (no override file, include or extends from
 *   another file), and every file the last analysis read (.env, built
 *   Dockerfiles, env files) reads the same;
 * - the service's own parsed segment is the very object of the last version
 *   (its text is unchanged), and it names no other service (`extends`,
 *   `service:`);
 * - the top-level named volumes and networks say the same;
 * - when it uses aliases: every segment that defines an anchor is the same
 *   object, in the same order, so each alias resolves to the same node; and
 *   each anchor is used by the same services, so "used by" notes still hold.
 *
 * A finding lies in one segment (the service's, or an anchor's) and moves
 * with it; segments start at a line start, so a move is a whole number of
 * lines. A finding or fix spread over two segments is never stored.
 */
import type { FileReader, Finding, Range } from '../types';
import type { ComposeModel, ComposeService } from './model';
import { documentReferences } from './document-references';

interface Placement {
  document: object;
  /** The line the segment started on when the finding was placed. */
  line: number;
}

interface StoredService {
  findings: Finding[];
  /** Where each finding lies. */
  places: Placement[];
  usesAliases: boolean;
}

/** What every alias resolves to, and who uses each anchor: see the module comment. */
interface AliasContext {
  anchorDocuments: readonly object[];
  users: string;
}

/** The reusable findings of one document's last analysis; keep one per open document. */
export class ServiceFindingsCache {
  private stored = new Map<object, StoredService>();
  private volumes = '';
  private aliases: AliasContext = { anchorDocuments: [], users: '' };
  private reads = new Map<string, string | undefined>();

  /**
   * Starts an analysis of `model`. `files` is the analysis's own recording
   * reader, so checking the last analysis's reads also carries them forward.
   */
  begin(model: ComposeModel, files: RecordingReader | undefined): ServiceFindingsSession {
    const valid =
      model.standalone &&
      this.volumes === model.serviceContext &&
      [...this.reads].every(([path, text]) => files?.read(path) === text);
    const aliases = aliasContext(model);
    const aliasesValid =
      valid &&
      this.aliases.users === aliases.users &&
      sameObjects(this.aliases.anchorDocuments, aliases.anchorDocuments);
    const previous = valid ? this.stored : new Map<object, StoredService>();
    const next = new Map<object, StoredService>();
    const startLines = new Map(model.segments.map((s) => [s.document as object, model.lines.positionAt(s.start).line]));
    return {
      reuse: (service) => {
        const stored = service.segment && previous.get(service.segment.document);
        if (!stored || (stored.usesAliases && !aliasesValid)) return null;
        const lines = stored.places.map((place) => startLines.get(place.document));
        if (lines.some((line) => line === undefined)) return null;
        stored.findings = stored.findings.map((finding, i) =>
          lines[i] === stored.places[i].line ? finding : moved(finding, lines[i]! - stored.places[i].line),
        );
        stored.places = stored.places.map((place, i) => ({ document: place.document, line: lines[i]! }));
        next.set(service.segment!.document, stored);
        return stored.findings;
      },
      keep: (service, findings) => {
        const segment = service.segment;
        if (!model.standalone || !segment || documentReferences(segment.document).namesServices) return;
        const places = findings.map((finding) => placementOf(finding, model, startLines));
        if (!places.every((p): p is Placement => p !== null)) return;
        next.set(segment.document, {
          findings: [...findings],
          places,
          usesAliases: documentReferences(segment.document).aliases.size > 0,
        });
      },
      end: () => {
        this.stored = next;
        this.volumes = model.serviceContext;
        this.aliases = aliases;
        this.reads = files?.reads ?? new Map();
      },
    };
  }
}

export interface ServiceFindingsSession {
  /** The service's findings from the last version, moved to where they now are; null when it must be checked. */
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

function aliasContext(model: ComposeModel): AliasContext {
  const anchorDocuments = model.segments
    .filter((s) => documentReferences(s.document).anchors.length > 0)
    .map((s) => s.document);
  const users = model.allServices
    .map((s) => (s.segment ? `${s.name}=${[...documentReferences(s.segment.document).aliases].sort().join(',')}` : ''))
    .join('\n');
  return { anchorDocuments, users };
}

/** The segment a finding (range and fix edits) lies in; null when it spans segments or lies outside them. */
function placementOf(finding: Finding, model: ComposeModel, startLines: Map<object, number>): Placement | null {
  const ranges = [finding.range, ...finding.fixes.flatMap((fix) => fix.edits.map((edit) => edit.range))];
  const segments = model.segments;
  let found: Placement | null = null;
  for (const range of ranges) {
    const start = model.lines.offsetAt(range.start);
    const end = model.lines.offsetAt(range.end);
    // The last segment starting at or before the range; the range must end before the next one starts.
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (segments[mid].start <= start) low = mid;
      else high = mid - 1;
    }
    const segment = segments[low];
    if (!segment || segment.start > start || (low + 1 < segments.length && end > segments[low + 1].start)) return null;
    if (found && found.document !== segment.document) return null;
    found = { document: segment.document, line: startLines.get(segment.document)! };
  }
  return found;
}

function sameObjects(a: readonly object[], b: readonly object[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function moved(finding: Finding, lines: number): Finding {
  const shift = (range: Range): Range => ({
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  });
  return {
    ...finding,
    range: shift(finding.range),
    fixes: finding.fixes.map((fix) => ({
      ...fix,
      edits: fix.edits.map((edit) => ({ ...edit, range: shift(edit.range) })),
    })),
  };
}
