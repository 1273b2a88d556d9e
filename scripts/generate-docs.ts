/**
 * Generates docs/rules/<id>.md and the rule table in README.md from rule
 * metadata and the docs module. `npm run docs` writes them; the docs test
 * fails when the committed files differ from what this produces.
 */
import * as fs from 'fs';
import * as path from 'path';
import { rulePageMarkdown } from '../server/src/core/docs';
import { ALL_RULES } from '../server/src/core/rules';

export const ROOT = path.resolve(__dirname, '..', '..');
const TABLE_START = '<!-- rules:start -->';
const TABLE_END = '<!-- rules:end -->';

export function ruleTable(): string {
  const rows = ALL_RULES.map(
    (meta) =>
      `| [\`${meta.id}\`](docs/rules/${meta.id}.md) | ${meta.kind} | \`${meta.concern}\` | ${meta.severity} | ${meta.title} |`,
  );
  return [
    TABLE_START,
    '| Rule | File | Concern | Severity | What it finds |',
    '|---|---|---|---|---|',
    ...rows,
    TABLE_END,
  ].join('\n');
}

export function readmeWithTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end === -1) throw new Error('README.md has no rules table markers');
  return readme.slice(0, start) + ruleTable() + readme.slice(end + TABLE_END.length);
}

export function expectedPages(): Map<string, string> {
  return new Map(ALL_RULES.map((meta) => [path.join(ROOT, 'docs', 'rules', `${meta.id}.md`), rulePageMarkdown(meta)]));
}

if (require.main === module) {
  fs.mkdirSync(path.join(ROOT, 'docs', 'rules'), { recursive: true });
  for (const [file, text] of expectedPages()) fs.writeFileSync(file, text);
  const readmePath = path.join(ROOT, 'README.md');
  fs.writeFileSync(readmePath, readmeWithTable(fs.readFileSync(readmePath, 'utf8')));
  console.log(`wrote ${ALL_RULES.length} rule pages and the README rule table`);
}
