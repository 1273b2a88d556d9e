/** Documentation is generated from rule metadata and must stay in step with it, in both languages. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULE_DOCS } from '../../server/src/core/docs';
import { ALL_RULES } from '../../server/src/core/rules';
import { CONCERNS } from '../../server/src/core/concerns';
import { expectedPages, readmeWithTable, ROOT } from '../../scripts/generate-docs';

describe('documentation', () => {
  it('every rule has English and Japanese documentation, and no documentation lacks a rule', () => {
    for (const language of ['en', 'ja'] as const) {
      assert.deepStrictEqual(Object.keys(RULE_DOCS[language]).sort(), ALL_RULES.map((r) => r.id).sort(), language);
      for (const [id, doc] of Object.entries(RULE_DOCS[language])) {
        assert.ok(doc.title && doc.why.length > 80 && doc.fix.length > 30, `${language} docs of ${id} are complete`);
      }
    }
  });

  it('the English doc title matches the rule title', () => {
    for (const meta of ALL_RULES) assert.strictEqual(RULE_DOCS.en[meta.id].title, meta.title);
  });

  it('every concern of concerns.json has a rule of its kind', () => {
    const covered = new Set(ALL_RULES.map((r) => `${r.kind} ${r.concern}`));
    const missing = CONCERNS.filter((c) => !covered.has(`${c.kind} ${c.id}`)).map((c) => c.id);
    assert.deepStrictEqual(missing, []);
  });

  it('README rule table and docs/rules pages are up to date (run `npm run docs`)', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    assert.strictEqual(readme, readmeWithTable(readme), 'README rule table differs from rule metadata');
    for (const [file, text] of expectedPages()) {
      assert.ok(fs.existsSync(file), `${path.relative(ROOT, file)} exists`);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), text, `${path.relative(ROOT, file)} is up to date`);
    }
  });
});
