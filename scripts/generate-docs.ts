/**
 * Generates docs/rules/<id>.md, and the rule and measure tables in
 * README.md, from rule metadata, the measures catalog and the docs module, and
 * schemas/docker-harden.schema.json from the configuration's description. `npm run docs` writes them; the docs test
 * fails when the committed files differ from what this produces.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../server/src/core/analyze';
import { rulePageMarkdown } from '../server/src/core/docs';
import { MEASURES } from '../server/src/core/measures/catalog';
import { ALL_RULES } from '../server/src/core/rules';
import { configJsonSchema } from '../server/src/core/config/schema';
import type { RuleMeta } from '../server/src/core/rules/rule';

export const ROOT = path.resolve(__dirname, '..', '..');
const TABLE_START = '<!-- rules:start -->';
const TABLE_END = '<!-- rules:end -->';

const MEASURES_START = '<!-- measures:start -->';
const MEASURES_END = '<!-- measures:end -->';

/**
 * What fixing offers for a rule, read off its own bad example: the preferred
 * fix's title (fix-all, `--fix` and the light bulb's first entry apply it),
 * "offered" when its fixes are there to choose but none is applied
 * automatically, or a dash.
 */
function fixColumn(meta: RuleMeta): string {
  const path = meta.kind === 'compose' ? '/project/compose.yaml' : '/project/Dockerfile';
  const findings = analyze(meta.examples.bad, { path, files: { read: () => undefined } }).findings;
  const fixes = findings.filter((f) => f.ruleId === meta.id).flatMap((f) => f.fixes);
  const preferred = fixes.find((f) => f.preferred);
  if (preferred) return `yes: ${preferred.title.replace(/\|/g, '\\|')}`;
  return fixes.length > 0 ? 'offered' : '—';
}

export function ruleTable(): string {
  const rows = ALL_RULES.map(
    (meta) =>
      `| [\`${meta.id}\`](docs/rules/${meta.id}.md) | ${meta.kind} | \`${meta.concern}\` | ${meta.severity} | ` +
      `${meta.title} | ${fixColumn(meta)} |`,
  );
  return [
    TABLE_START,
    '| Rule | File | Concern | Severity | What it finds | Fix |',
    '|---|---|---|---|---|---|',
    ...rows,
    TABLE_END,
  ].join('\n');
}

export function measureTable(): string {
  const rows = MEASURES.map((m) => {
    const inputs = m.inputs.map((i) => `\`${i.id}\`${i.default ? ` = \`${i.default}\`` : ''}`).join(', ');
    const concerns = m.concerns.map((c) => `\`${c}\``).join(', ');
    return `| ${m.target} | \`${m.id}\` | ${concerns} | ${m.recommended ? 'yes' : 'no'} | ${inputs || '—'} | ${m.why} |`;
  });
  return [
    MEASURES_START,
    '| Target | Measure id | Concerns | Recommended | Inputs (default) | Why |',
    '|---|---|---|---|---|---|',
    ...rows,
    MEASURES_END,
  ].join('\n');
}

function replaceBetween(text: string, startMarker: string, endMarker: string, content: string): string {
  const start = text.indexOf(startMarker);
  const end = text.indexOf(endMarker);
  if (start === -1 || end === -1) throw new Error(`README.md has no ${startMarker} ... ${endMarker} markers`);
  return text.slice(0, start) + content + text.slice(end + endMarker.length);
}

export function readmeWithTable(readme: string): string {
  const withRules = replaceBetween(readme, TABLE_START, TABLE_END, ruleTable());
  return replaceBetween(withRules, MEASURES_START, MEASURES_END, measureTable());
}

/** Where the configuration's JSON Schema is shipped (package.json `contributes.yamlValidation`). */
export const CONFIG_SCHEMA_PATH = path.join(ROOT, 'schemas', 'docker-harden.schema.json');

export function configSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

export function expectedPages(): Map<string, string> {
  return new Map(ALL_RULES.map((meta) => [path.join(ROOT, 'docs', 'rules', `${meta.id}.md`), rulePageMarkdown(meta)]));
}

if (require.main === module) {
  fs.mkdirSync(path.join(ROOT, 'docs', 'rules'), { recursive: true });
  for (const [file, text] of expectedPages()) fs.writeFileSync(file, text);
  const readmePath = path.join(ROOT, 'README.md');
  fs.writeFileSync(readmePath, readmeWithTable(fs.readFileSync(readmePath, 'utf8')));
  fs.mkdirSync(path.join(ROOT, 'schemas'), { recursive: true });
  fs.writeFileSync(CONFIG_SCHEMA_PATH, configSchemaText());
  console.log(`wrote ${ALL_RULES.length} rule pages, the README rule and measure tables and the configuration schema`);
}
