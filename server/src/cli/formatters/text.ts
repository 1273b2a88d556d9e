/**
 * `--format text`: findings grouped by file, for people; colour only on a terminal. Each finding's line
 * starts `file:line:col`, the form terminals and editors turn into a link to the place.
 */
import type { Severity } from '../../core/types';
import type { Language } from '../../core/l10n';
import { TEXT_OUTPUT_WORDS } from './text-l10n';
import type { FileReport, TargetScore } from './types';

const COLOURS: Record<Severity | 'dim' | 'bold' | 'reset', string> = {
  error: '\x1b[31m',
  warning: '\x1b[33m',
  info: '\x1b[36m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  reset: '\x1b[0m',
};

/** "web — 16 of 23 measures", "final stage runtime — 6 of 11 measures" (unnamed stages go by their place). */
function scoreLine(score: TargetScore, language: Language): string {
  const words = TEXT_OUTPUT_WORDS[language];
  const label = score.kind === 'service' ? score.name : words.finalStage(/^\d+$/.test(score.name) ? null : score.name);
  return `${label} — ${words.measures(score.applied, score.of)}`;
}

export function formatText(reports: FileReport[], colour: boolean, language: Language = 'en'): string {
  const words = TEXT_OUTPUT_WORDS[language];
  const paint = (style: keyof typeof COLOURS, text: string): string =>
    colour ? `${COLOURS[style]}${text}${COLOURS.reset}` : text;
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let filesWithFindings = 0;
  for (const report of reports) {
    if (report.findings.length === 0) continue;
    filesWithFindings += 1;
    out.push(paint('bold', report.displayPath));
    // Positions padded to the widest of the file, so severities and messages line up.
    const places = report.findings.map(
      (f) => `${report.displayPath}:${f.range.start.line + 1}:${f.range.start.character + 1}`,
    );
    const width = Math.max(...places.map((place) => place.length)) + 2;
    for (const [index, f] of report.findings.entries()) {
      counts[f.severity] += 1;
      out.push(
        `${paint('dim', places[index].padEnd(width))}${paint(f.severity, words.severity[f.severity].padEnd(8))}${f.message} ${paint('dim', `[${f.ruleId}]`)}`,
      );
      for (const fix of f.fixes) out.push(`${' '.repeat(width + 8)}${paint('dim', `${words.fix}: ${fix.title}`)}`);
    }
    for (const score of report.scores ?? []) out.push(`  ${paint('bold', scoreLine(score, language))}`);
    out.push('');
  }
  const total = counts.error + counts.warning + counts.info;
  if (total === 0) out.push(words.noProblems(reports.length));
  else out.push(words.problems({ total, ...counts, withFindings: filesWithFindings, files: reports.length }));
  return out.join('\n') + '\n';
}
