/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning dashboards. Every rule and
 * built-in check is described (helpUri, default level, concern); results
 * carry stable fingerprints that survive lines moving, fixes as artifact
 * changes, and the other file a finding comes from as a related location.
 * Paths are relative to the working directory (%SRCROOT%), which the log
 * does not spell out: no path of the machine that ran it appears.
 * Messages are the findings' own, whose secrets the core masked; the
 * fingerprint hashes the finding's line with its secrets masked too, so a
 * dashboard never holds a hash a short password could be guessed from.
 */
import { createHash } from 'crypto';
import { ruleDoc } from '../../core/docs';
import { maskSecrets } from '../../core/knowledge/secrets';
import { ruleDocsUrl, TOOL_NAME } from '../../core/docs/urls';
import { ALL_RULES, ruleMeta } from '../../core/rules';
import type { Finding, Severity } from '../../core/types';
import { BUILTIN_RULE_IDS, BUILTIN_RULES, BUILTIN_RULES_JA } from './builtin-rules';
import type { Language } from '../../core/l10n';
import { machinePathsHidden, region, relatedLocations, relativeUri, sarifFixes } from './sarif-locations';
import type { FileReport } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

/** `language`: of the rules' descriptions and the results' messages (SARIF takes any; English unless asked). */
export function formatSarif(
  reports: FileReport[],
  texts: Map<string, string>,
  version: string,
  cwd: string,
  language: Language = 'en',
): string {
  const builtinRules = BUILTIN_RULE_IDS.map((id) => {
    const { severity } = BUILTIN_RULES[id];
    const { title, description } = language === 'ja' ? BUILTIN_RULES_JA[id] : BUILTIN_RULES[id];
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: title },
      fullDescription: { text: description },
      help: { text: description, markdown: description },
      defaultConfiguration: { level: LEVEL[severity] },
      properties: { tags: ['builtin'], concern: null },
    };
  });
  const ruleRules = ALL_RULES.map((meta) => {
    const doc = ruleDoc(meta.id, language);
    const title = (language !== 'en' && doc?.title) || meta.title;
    return {
      id: meta.id,
      name: meta.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: title },
      fullDescription: { text: doc?.why ?? title },
      helpUri: ruleDocsUrl(meta.id),
      help: {
        text: doc ? `${doc.why}\n\n${doc.fix}` : title,
        markdown: doc ? `${doc.why}\n\n**${language === 'ja' ? '修正' : 'Fix'}:** ${doc.fix}` : title,
      },
      defaultConfiguration: { level: LEVEL[meta.severity] },
      properties: {
        tags: ['security', meta.kind],
        concern: meta.concern,
        'security-severity': SECURITY_SEVERITY[meta.severity],
      },
    };
  });
  const rules = [...ruleRules, ...builtinRules];
  const hide = machinePathsHidden(cwd);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = reports.flatMap((report) => {
    const lines = (texts.get(report.displayPath) ?? '').split(/\r\n|\r|\n/);
    const occurrences = new Map<string, number>();
    // A line's masked digest, once per line: a generated line of 200,000 characters can hold 10,000 findings.
    const lineDigests = new Map<number, string>();
    const digestOf = (f: Finding): string => {
      const line = lines[f.range.start.line] ?? '';
      if (isSecretFinding(f)) return digest(fingerprintText(f, line));
      let known = lineDigests.get(f.range.start.line);
      if (known === undefined) lineDigests.set(f.range.start.line, (known = digest(fingerprintText(f, line))));
      return known;
    };
    return report.findings.map((f) => {
      const key = `${f.ruleId}\u0000${report.displayPath}\u0000${digestOf(f)}`;
      const occurrence = (occurrences.get(key) ?? 0) + 1;
      occurrences.set(key, occurrence);
      const fingerprint = createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32);
      const uri = relativeUri(report.absolutePath ?? report.displayPath, cwd);
      return {
        ruleId: f.ruleId,
        ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
        level: LEVEL[f.severity],
        message: { text: hide(f.message) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
              region: region(f.range),
            },
          },
        ],
        ...relatedLocations(f, hide),
        partialFingerprints: { 'dockerHarden/v1': fingerprint },
        properties: { concern: f.concern, ...(ruleMeta(f.ruleId) ? {} : { builtin: true }) },
        ...sarifFixes(f, uri, hide),
      };
    });
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version,
            semanticVersion: version,
            informationUri: 'https://github.com/docker-harden/docker-harden',
            rules,
          },
        },
        // No `uri`: the consumer (code scanning: the checkout) supplies the directory the CLI ran in.
        originalUriBaseIds: {
          '%SRCROOT%': { description: { text: 'The working directory docker-harden ran in.' } },
        },
        results,
        // SARIF's run.language: the language of the log's messages (en-US when absent).
        ...(language === 'en' ? {} : { language }),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/**
 * The text a finding's fingerprint is computed from: its line, secrets
 * masked. For a secret finding, whose line holds a value the masking may not
 * recognise (`ENV DB_PASSWORD hunter2`), only the line up to the finding and
 * the message (which names the variable, never the value).
 */
function isSecretFinding(finding: Finding): boolean {
  return finding.concern !== null && finding.concern.includes('.secret.');
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function fingerprintText(finding: Finding, line: string): string {
  if (isSecretFinding(finding)) {
    return `${maskSecrets(line.slice(0, finding.range.start.character).trim())}\u0000${finding.message}`;
  }
  return maskSecrets(line.trim());
}
