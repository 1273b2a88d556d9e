// Runs the editor suite (out/test/editor/suite) inside code-server's extension host and exits
// with its result: against the development folder, then against the installed .vsix in a trusted
// workspace and in Restricted Mode (workspace trust on, folder untrusted). --self-check also runs
// it with one assertion deliberately broken and requires that run to fail, proving a failure
// reaches the exit code; then the display-language test again with VS Code in Japanese.
// --only dev|vsix|restricted|ja runs one of them.
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const { REPO, makeRunDir, startCodeServer, launchChromium, workbenchUrl } = require('./code-server');

const SUITE = path.join(REPO, 'out', 'test', 'editor', 'suite', 'index.js');
const SELF_CHECK = process.argv.includes('--self-check');
const TIMEOUT_MS = 240000;

/** The runs: where the extension comes from and whether the folder is trusted; the suite checks both. */
const RUNS = [
  { key: 'dev', name: 'editor-suite', vsix: false, restricted: false },
  { key: 'vsix', name: 'editor-suite-vsix', vsix: true, restricted: false },
  { key: 'restricted', name: 'editor-suite-vsix-restricted', vsix: true, restricted: true },
  // The display-language test with VS Code in Japanese: only that test, to keep the pass short.
  {
    key: 'ja',
    name: 'editor-suite-ja',
    vsix: false,
    restricted: false,
    locale: 'ja',
    env: { DOCKER_HARDEN_EDITOR_LANGUAGE: 'ja', DOCKER_HARDEN_EDITOR_GREP: 'in the display language' },
  },
];

async function runSuite(name, env, { vsix = false, restricted = false, locale } = {}) {
  const run = makeRunDir(name, { vsix, restricted, locale });
  const server = await startCodeServer(run, {
    ...env,
    DOCKER_HARDEN_EDITOR_RESULTS: run.results,
    DOCKER_HARDEN_EDITOR_EXPECT: `${vsix ? 'vsix' : 'development'},${restricted ? 'restricted' : 'trusted'}`,
  });
  const browser = await launchChromium();
  const started = Date.now();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let finish;
    const exited = new Promise((resolve) => (finish = resolve));
    // Both must exist before the workbench loads: it reports the runner's exit code and console through them.
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    const consoleLog = fs.createWriteStream(path.join(run.results, 'console.log'));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = util.format(...(args || []));
      consoleLog.write(`[${type}] ${line}\n`);
      if (/^\s*(✔|✓|\d+\) |\d+ passing|\d+ failing)|docker-harden editor suite|AssertionError|Error:/.test(line))
        console.log(`  | ${line}`);
    });
    await page.goto(workbenchUrl(server, run.workspace, { testsPath: SUITE }));
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS))]);
    await page.screenshot({ path: path.join(run.results, `${name}.png`) }).catch(() => {});
    consoleLog.end();
    console.log(
      `${name}: exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s (artifacts: ${path.relative(REPO, run.dir)})`,
    );
    return code;
  } finally {
    await browser.close();
    await server.stop();
  }
}

(async () => {
  if (!fs.existsSync(SUITE)) throw new Error(`${SUITE} is missing: run npm run compile in the repository first`);
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  let status = 0;
  for (const { key, name, env = {}, ...where } of RUNS) {
    if (only && key !== only) continue;
    const code = await runSuite(name, env, where);
    if (code !== 0) status = 1;
  }
  if (SELF_CHECK) {
    const broken = await runSuite('editor-suite-broken', { DOCKER_HARDEN_EDITOR_BREAK: '1' });
    if (broken !== 1) {
      console.log(`self-check: the deliberately broken suite exited ${broken}, expected 1`);
      status = 1;
    } else console.log('self-check: the deliberately broken suite failed, as it must');
  }
  process.exit(status);
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
