// npm run test:vscode: the same editor suite with @vscode/test-electron, on machines that can
// download VS Code (not this offline CI; there, npm run test:editor runs it in code-server).
'use strict';
const path = require('path');
const fs = require('fs');

const repo = path.resolve(__dirname, '..', '..');
let runTests;
try {
  ({ runTests } = require(path.join(__dirname, 'node_modules', '@vscode', 'test-electron')));
} catch {
  console.error('@vscode/test-electron is not installed: cd test/editor && npm install');
  process.exit(2);
}
const workspace = fs.mkdtempSync(path.join(require('os').tmpdir(), 'docker-harden-vscode-'));
fs.cpSync(path.join(__dirname, 'fixture'), workspace, { recursive: true });
runTests({
  extensionDevelopmentPath: repo,
  extensionTestsPath: path.join(repo, 'out', 'test', 'editor', 'suite', 'index.js'),
  launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
}).then(
  () => process.exit(0),
  (error) => {
    console.error(`editor suite failed: ${error}`);
    process.exit(1);
  },
);
