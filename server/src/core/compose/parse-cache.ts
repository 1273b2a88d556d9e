/**
 * The state kept between versions of one Compose document while it is
 * edited, so an edit re-parses and re-checks only what changed: its own
 * segments as last parsed, the other files of its project as last parsed,
 * and the findings of services that did not change. Each part lives with the
 * code that uses it (segments.ts, project.ts through the model,
 * service-findings.ts); this module only holds them together.
 */
import { SegmentCache } from './segments';
import { ServiceFindingsCache } from './service-findings';
import type { ComposeSource } from './source';
import type { Language } from '../l10n';

/** Keep one per open document (the language server's worker does, by document URI). */
export class ComposeParseCache {
  /** The document's own segments of its previous version. */
  readonly segments: SegmentCache;
  /** Other files of the document's project (overrides, extends targets, includes), parsed once per text. */
  readonly sources = new Map<string, ComposeSource>();
  /** Findings of services that did not change, for the next version. */
  private serviceFindings = new ServiceFindingsCache();
  private findingsLanguage: Language = 'en';

  /** `minLength`: the smallest text cut into segments (tests pass 0 so that small files exercise reuse). */
  constructor(minLength?: number) {
    this.segments = new SegmentCache(minLength);
  }

  /** The last version's service findings, the English ones by default. */
  get findings(): ServiceFindingsCache {
    return this.serviceFindings;
  }

  /** The service findings to reuse for an analysis in `language`: none when the last one used another. */
  findingsIn(language: Language): ServiceFindingsCache {
    if (language !== this.findingsLanguage) {
      this.serviceFindings = new ServiceFindingsCache();
      this.findingsLanguage = language;
    }
    return this.serviceFindings;
  }
}
