// What the Playwright UI tests share: a named step that reports ok/FAIL with its time, and screenshots
// kept in the run's results directory and copied to --screenshots DIR when given (README images).
'use strict';
const fs = require('fs');
const path = require('path');

async function step(name, action) {
  const started = Date.now();
  try {
    await action();
    console.log(`  ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    console.log(`  FAIL ${name} (${Date.now() - started} ms): ${String(error.message || error).split('\n')[0]}`);
    throw error;
  }
}

/** `shot(name)` saves a screenshot; `copy()` copies all but the failure one to --screenshots DIR. */
function screenshots(page, resultsDir) {
  const argument = process.argv.indexOf('--screenshots');
  const copyTo = argument === -1 ? null : path.resolve(process.argv[argument + 1]);
  const shots = [];
  return {
    async shot(name) {
      const file = path.join(resultsDir, `${name}.png`);
      await page.screenshot({ path: file });
      shots.push(file);
    },
    copy() {
      if (!copyTo) return;
      fs.mkdirSync(copyTo, { recursive: true });
      for (const file of shots)
        if (!file.endsWith('failure.png')) fs.copyFileSync(file, path.join(copyTo, path.basename(file)));
    },
  };
}

module.exports = { step, screenshots };
