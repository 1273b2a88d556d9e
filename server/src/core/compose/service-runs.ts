/**
 * How the Compose rules run over one document: once over the document's own
 * top-level sections (its networks; no service), then once per service,
 * each run seeing only what it checks (`services`, `networks`) while every
 * lookup (`service`, `network`, `volume`, `allServices`) sees the whole
 * project. A service's run reads nothing it does not name, so the findings
 * of a service unchanged since the last version are reused when the editor
 * keeps a cache (service-findings.ts says when that is safe).
 */
import type { Finding, Range } from '../types';
import type { ComposeEntry, ComposeModel, ComposeService } from './model';
import type { RecordingReader, ServiceFindingsCache } from './service-findings';

/** Runs the rules over one view of the model. */
export type RunRules = (model: ComposeModel) => Finding[];

const NO_SERVICES: readonly ComposeService[] = [];
const NO_NETWORKS: ReadonlyMap<string, ComposeEntry> = new Map();

/** The run over the document's top-level sections: every network to check, no service. */
export function documentRunModel(model: ComposeModel): ComposeModel {
  return { ...model, services: NO_SERVICES };
}

/**
 * One service's run: that service to check and no network (the document's run checks them; `network` finds
 * them). `reportReference`, when given, stands in for the model's (to see whether the run reported).
 */
export function serviceRunModel(
  model: ComposeModel,
  service: ComposeService,
  reportReference: ComposeModel['reportReference'] = model.reportReference,
): ComposeModel {
  return { ...model, services: [service], networks: NO_NETWORKS, reportReference };
}

/**
 * The findings of every run over the document: the document's run, then each
 * service's, reusing those of unchanged services when `reusable` holds the
 * last version's. `files` is the analysis's own recording reader.
 */
export function checkServices(
  model: ComposeModel,
  run: RunRules,
  files?: RecordingReader,
  reusable?: ServiceFindingsCache,
): Finding[] {
  const session = reusable?.begin(model, files);
  const findings = run(documentRunModel(model));
  for (const service of model.allServices) {
    const reused = session?.reuse(service);
    if (reused) {
      for (const finding of reused) findings.push(withSubjectAt(finding, service));
      continue;
    }
    // A run that reports a broken reference to the document is not reusable: the report would be lost.
    let reported = false;
    const own = run(
      serviceRunModel(model, service, (message, range) => {
        reported = true;
        model.reportReference(message, range);
      }),
    );
    if (!reported) session?.keep(service, own);
    findings.push(...own);
  }
  session?.end();
  return findings;
}

/**
 * A reused finding moves with the segment it lies in, which may be an
 * anchor's rather than its service's: its subject is re-anchored at the
 * service key where the service now is.
 */
function withSubjectAt(finding: Finding, service: ComposeService): Finding {
  const subject = finding.subject;
  if (!subject || sameRange(subject.range, service.keyRange)) return finding;
  return { ...finding, subject: { ...subject, range: service.keyRange } };
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
