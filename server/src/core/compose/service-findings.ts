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
 * Each range of a finding (its own, and every fix edit's) lies in one
 * segment and moves with it: a fix may edit the service's segment, an
 * anchor's and the top level (a secret's definition, appended in the last
 * segment), and is reused only while every one of those segments is the
 * very object it was computed on; segments start at a line start, so a move
 * is a whole number of lines. A range spread over two segments is never
 * stored. What a fix reads of the top level without editing there is in
 * the model's `serviceContext`.
 */
import type { Document } from 'yaml';
import type { FileReader, Finding, Range } from '../types';
import type { ComposeModel, ComposeService } from './model';
import { documentReferences } from './document-references';

/** The segment one range lies in. */
interface Place {
  document: object;
  /** The line the segment started on when the range was placed. */
  line: number;
}

/** Where each range of a finding lies: its own range, then every fix's edits in order. */
type Placement = Place[];

interface StoredService {
  findings: Finding[];
  /** Where each finding lies. */
  places: Placement[];
  usesAliases: boolean;
  /** The services it names (`extends`, `service:`), and those they name in turn, with the segment each was read from. */
  named: { name: string; document: Document }[];
}

/** Services followed from one service's references before it is simply checked again each time. */
const MAX_NAMED_SERVICES = 16;

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
        if (stored.named.some(({ name, document }) => model.service(name)?.segment?.document !== document)) return null;
        const now = stored.places.map((placement) =>
          placement.map((place) => ({ document: place.document, line: startLines.get(place.document) })),
        );
        if (now.some((placement) => placement.some((place) => place.line === undefined))) return null;
        const places = now as Placement[];
        stored.findings = stored.findings.map((finding, i) => {
          const lines = places[i].map((place, k) => place.line - stored.places[i][k].line);
          return lines.every((line) => line === 0) ? finding : moved(finding, lines);
        });
        stored.places = places;
        next.set(service.segment!.document, stored);
        return stored.findings;
      },
      keep: (service, findings) => {
        const segment = service.segment;
        if (!model.standalone || !segment) return;
        const named = namedServices(model, service);
        if (!named) return;
        const places = findings.map((finding) => placementOf(finding, model, startLines));
        if (!places.every((p): p is Placement => p !== null)) return;
        const documents = [segment.document, ...named.map((n) => n.document)];
        next.set(segment.document, {
          findings: [...findings],
          places,
          usesAliases: documents.some((document) => documentReferences(document).aliases.size > 0),
          named,
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

/**
 * Every service a service's findings may read through its references
 * (`extends`, `service:`), followed transitively, each with its segment;
 * null when one cannot be followed here (a name not defined in this file,
 * a form not read, more than MAX_NAMED_SERVICES) or a name comes back (a
 * cycle, which an analysis reports once, from whichever run meets it
 * first): then it is checked anew each time.
 */
function namedServices(model: ComposeModel, service: ComposeService): { name: string; document: Document }[] | null {
  const named: { name: string; document: Document }[] = [];
  const seen = new Set([service.name]);
  const queue = [service];
  while (queue.length > 0) {
    const references = documentReferences(queue.pop()!.segment!.document).namedServices;
    if (!references) return null;
    for (const name of references) {
      if (seen.has(name)) return null;
      const other = model.service(name);
      if (!other?.segment || named.length >= MAX_NAMED_SERVICES) return null;
      seen.add(name);
      named.push({ name, document: other.segment.document });
      queue.push(other);
    }
  }
  return named;
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

/** The segment each range of a finding (its own, then its fixes' edits) lies in; null when one spans segments. */
function placementOf(finding: Finding, model: ComposeModel, startLines: Map<object, number>): Placement | null {
  const ranges = [finding.range, ...finding.fixes.flatMap((fix) => fix.edits.map((edit) => edit.range))];
  const segments = model.segments;
  const placement: Placement = [];
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
    placement.push({ document: segment.document, line: startLines.get(segment.document)! });
  }
  return placement;
}

function sameObjects(a: readonly object[], b: readonly object[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** The finding with each of its ranges (its own, then its fixes' edits in order) moved by its own number of lines. */
function moved(finding: Finding, lines: readonly number[]): Finding {
  const shift = (range: Range, by: number): Range =>
    by === 0
      ? range
      : {
          start: { line: range.start.line + by, character: range.start.character },
          end: { line: range.end.line + by, character: range.end.character },
        };
  let next = 1;
  return {
    ...finding,
    range: shift(finding.range, lines[0]),
    fixes: finding.fixes.map((fix) => ({
      ...fix,
      edits: fix.edits.map((edit) => ({ ...edit, range: shift(edit.range, lines[next++]) })),
    })),
  };
}
