/** Documentation prose written over several source lines reads as one paragraph, and the docs modules stay narrow. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { japaneseProse, prose } from '../../server/src/core/docs/prose';
import { ROOT } from '../../scripts/generate-docs';

describe('documentation prose', () => {
  it('joins English lines with one space, dropping the opening and closing breaks and the indentation', () => {
    const text = prose`
      Add \`USER app\` after the
      package installs.
    `;
    assert.strictEqual(text, 'Add `USER app` after the package installs.');
  });

  it('joins Japanese lines directly, with no space', () => {
    const text = japaneseProse`
      USERがないとコンテナは
      rootで動きます。
    `;
    assert.strictEqual(text, 'USERがないとコンテナはrootで動きます。');
  });

  it('keeps escaped backticks, dollar signs and backslashes as an untagged literal does', () => {
    assert.strictEqual(prose`\`\${VAR}\` \\`, '`${VAR}` \\');
  });

  it('keeps every line of the docs modules within 120 columns (a wide character counts two)', () => {
    const dir = path.join(ROOT, 'server', 'src', 'core', 'docs');
    const wide = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;
    const tooWide: string[] = [];
    for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      fs.readFileSync(path.join(dir, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (line.length + (line.match(wide)?.length ?? 0) > 120) tooWide.push(`${file}:${index + 1}`);
        });
    }
    assert.deepStrictEqual(tooWide, []);
  });
});
