/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning dashboards. Every rule is
 * described (helpUri, default level, concern); results carry stable
 * fingerprints that survive lines moving, and fixes as artifact changes.
 * Messages are the findings' own, which never contain secret values.
 */
import { createHash } from 'crypto';
import { ruleDoc } from '../../core/docs';
import { ruleDocsUrl, TOOL_NAME } from '../../core/docs/urls';
import { ALL_RULES, ruleMeta } from '../../core/rules';
import type { Severity } from '../../core/types';
import type { FileReport } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

export function formatSarif(reports: FileReport[], texts: Map<string, string>, version: string): string {
  const rules = ALL_RULES.map((meta) => {
    const doc = ruleDoc(meta.id, 'en');
    return {
      id: meta.id,
      name: meta.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: meta.title },
      fullDescription: { text: doc?.why ?? meta.title },
      helpUri: ruleDocsUrl(meta.id),
      help: { text: doc ? `${doc.why}\n\n${doc.fix}` : meta.title, markdown: doc ? `${doc.why}\n\n**Fix:** ${doc.fix}` : meta.title },
      defaultConfiguration: { level: LEVEL[meta.severity] },
      properties: { tags: ['security', meta.kind], concern: meta.concern, 'security-severity': SECURITY_SEVERITY[meta.severity] },
    };
  });
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = reports.flatMap((report) => {
    const lines = (texts.get(report.displayPath) ?? '').split(/\r\n|\r|\n/);
    const occurrences = new Map<string, number>();
    return report.findings.map((f) => {
      const lineText = (lines[f.range.start.line] ?? '').trim();
      const key = `${f.ruleId}\u0000${report.displayPath}\u0000${lineText}`;
      const occurrence = (occurrences.get(key) ?? 0) + 1;
      occurrences.set(key, occurrence);
      const fingerprint = createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32);
      const uri = report.displayPath.split('\\').join('/');
      return {
        ruleId: f.ruleId,
        ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
            region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
          },
        }],
        partialFingerprints: { 'dockerHarden/v1': fingerprint },
        properties: { concern: f.concern, ...(ruleMeta(f.ruleId) ? {} : { builtin: true }) },
        ...(f.fixes.length
          ? {
              fixes: f.fixes.map((fix) => ({
                description: { text: fix.title },
                artifactChanges: [{
                  artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
                  replacements: fix.edits.map((edit) => ({
                    deletedRegion: { startLine: edit.range.start.line + 1, startColumn: edit.range.start.character + 1, endLine: edit.range.end.line + 1, endColumn: edit.range.end.character + 1 },
                    insertedContent: { text: edit.newText },
                  })),
                }],
              })),
            }
          : {}),
      };
    });
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: TOOL_NAME, version, semanticVersion: version, informationUri: 'https://github.com/docker-harden/docker-harden', rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileUri(process.cwd()) } },
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function pathToFileUri(directory: string): string {
  const normalised = directory.split('\\').join('/');
  return `file://${normalised.startsWith('/') ? '' : '/'}${encodeURI(normalised)}/`;
}
