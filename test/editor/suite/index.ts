/**
 * Test runner loaded by the VS Code extension host through `extensionTestsPath`
 * (code-server's workbench payload, or @vscode/test-electron). Runs every
 * `*.test.js` beside it with mocha and writes a JSON summary when
 * DOCKER_HARDEN_EDITOR_RESULTS names a directory.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // DOCKER_HARDEN_EDITOR_GREP: run only the tests whose title contains it (the harness's Japanese pass).
  const grep = process.env.DOCKER_HARDEN_EDITOR_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const file of fs.readdirSync(__dirname))
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  const resultsDir = process.env.DOCKER_HARDEN_EDITOR_RESULTS;
  const results: { title: string; state: string; error?: string }[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (resultsDir) {
        fs.mkdirSync(resultsDir, { recursive: true });
        fs.writeFileSync(path.join(resultsDir, 'editor-suite.json'), JSON.stringify({ failures, results }, null, 2));
      }
      console.log(
        `[docker-harden editor suite] ${results.filter((r) => r.state === 'passed').length} passed, ${failures} failed`,
      );
      if (failures > 0) reject(new Error(`${failures} editor test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed' }));
    runner.on('fail', (test, error) =>
      results.push({ title: test.fullTitle(), state: 'failed', error: String((error as Error)?.stack ?? error) }),
    );
  });
}
