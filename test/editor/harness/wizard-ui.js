// The "Harden this service" wizard as a user drives it in code-server: its code lens, the command palette, the
// measures multi-select (recommended ones ticked), the inputs (defaults accepted), the refactor
// preview, Apply; then one undo restores the file, and Escape in the middle changes nothing.
// Then on a two-service file with the cursor in neither service: the target pick lists both with
// their scores, the second is picked, a typed input reaches the file on disk, and one undo (saved)
// puts the original back on disk.
// Screenshots go to the run's results directory (--screenshots DIR copies them, for the README).
'use strict';
const fs = require('fs');
const path = require('path');
const { REPO, makeRunDir, startCodeServer, launchChromium, workbenchUrl } = require('./code-server');
const { screenshots, step } = require('./ui-steps');

(async () => {
  const run = makeRunDir('wizard-ui');
  const server = await startCodeServer(run);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const { shot, copy } = screenshots(page, run.results);
  const editorText = () =>
    page.evaluate(() =>
      (document.querySelector('.editor-instance .view-lines')?.textContent ?? '').replace(/\u00a0/g, ' '),
    );
  const waitForText = (needle, present = true) =>
    page.waitForFunction(
      ([n, p]) =>
        (document.querySelector('.editor-instance .view-lines')?.textContent ?? '')
          .replace(/\u00a0/g, ' ')
          .includes(n) === p,
      [needle, present],
      { timeout: 20000 },
    );
  const palette = async (command) => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(`>${command}`);
    await page
      .locator('.quick-input-widget .monaco-list-row', { hasText: command })
      .first()
      .waitFor({ timeout: 10000 });
    await page.keyboard.press('Enter');
  };
  /** Accepts the wizard's input boxes (typing `values[title]` where the box's title contains it) up to the preview. */
  const acceptInputsUntilPreview = async (values = {}, onFirst = async () => {}) => {
    const apply = page.locator('.monaco-workbench .monaco-button', { hasText: /^Apply$/ }).first();
    const box = page.locator('.quick-input-widget:visible input');
    const title = page.locator('.quick-input-widget:visible .quick-input-title');
    const typed = new Set();
    let inputs = 0;
    for (const deadline = Date.now() + 60000; Date.now() < deadline;) {
      if (await apply.isVisible().catch(() => false)) break;
      if (await box.isVisible().catch(() => false)) {
        if (inputs++ === 0) await onFirst();
        const shown = (await title.textContent().catch(() => '')) ?? '';
        const wanted = Object.keys(values).find((part) => shown.includes(part) && !typed.has(part));
        if (wanted) {
          await box.fill(values[wanted]);
          typed.add(wanted);
        }
        await page.keyboard.press('Enter');
      }
      await page.waitForTimeout(250);
    }
    const missed = Object.keys(values).filter((part) => !typed.has(part));
    if (missed.length > 0) throw new Error(`no input box titled ${missed.join(', ')}`);
    await apply.waitFor({ timeout: 20000 });
    return apply;
  };
  // Changes that need confirmation start unticked in VS Code's refactor preview: tick the file's box (all of them).
  const tickPreview = () =>
    page
      .locator(
        '.monaco-workbench .part.panel .monaco-list-row input[type=checkbox], .monaco-workbench .part.panel .monaco-list-row .monaco-custom-toggle',
      )
      .first()
      .click();
  const waitForDisk = async (file, accept, what) => {
    for (const deadline = Date.now() + 20000; Date.now() < deadline;) {
      if (accept(fs.readFileSync(file, 'utf8'))) return;
      await page.waitForTimeout(250);
    }
    throw new Error(`${path.basename(file)} on disk: ${what}; it holds:\n${fs.readFileSync(file, 'utf8')}`);
  };
  /** Opens a workspace file by Quick Open (focusing its editor when it is open already). */
  const quickOpen = async (file, rowText) => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(file);
    await page
      .locator('.quick-input-widget .monaco-list-row', { hasText: rowText })
      .first()
      .waitFor({ timeout: 10000 });
    await page.keyboard.press('Enter');
  };
  let ok = true;
  try {
    await step('open compose.yaml and wait for its diagnostics', async () => {
      await page.goto(workbenchUrl(server, run.workspace));
      await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 90000 });
      const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'compose.yaml' }).first();
      await row.waitFor({ timeout: 90000 });
      await row.click();
      await waitForText('privileged: true');
      await page.waitForSelector('.editor-instance .squiggly-error', { timeout: 60000 });
    });
    await step('the code lens shows the score', async () => {
      await page
        .locator('.editor-instance .codelens-decoration', { hasText: 'Harden this service' })
        .first()
        .waitFor({ timeout: 30000 });
    });
    await shot('wizard-1-code-lens');
    await step(
      'the code lens opens the wizard on its service; Escape at the measures question changes nothing',
      async () => {
        await page
          .locator('.editor-instance .codelens-decoration a', { hasText: 'Harden this service' })
          .first()
          .click();
        await page
          .locator('.quick-input-widget .monaco-list-row', { hasText: 'Do not run privileged' })
          .waitFor({ timeout: 20000 });
        await page.keyboard.press('Escape');
        await page.waitForTimeout(500);
        if (!(await editorText()).includes('privileged: true')) throw new Error('the file changed after Escape');
      },
    );
    await step('palette → measures (recommended ticked) → inputs → refactor preview → Apply', async () => {
      await palette('Docker Harden: Harden this service');
      await page
        .locator('.quick-input-widget .monaco-list-row', { hasText: 'Do not run privileged' })
        .waitFor({ timeout: 20000 });
      await shot('wizard-2-measures');
      await page.keyboard.press('Enter');
      // One input box per input of the chosen measures, each filled with its default: accept them until the
      // refactor preview's Apply button shows (a box closes and the next opens a moment later under load).
      const apply = await acceptInputsUntilPreview({}, () => shot('wizard-3-input'));
      await tickPreview();
      await shot('wizard-4-preview');
      await apply.click();
      await waitForText('privileged: false');
    });
    await shot('wizard-5-applied');
    await step('one undo brings the original back', async () => {
      await page.locator('.editor-instance .view-lines').first().click();
      await page.keyboard.press('Control+Z');
      await waitForText('privileged: true');
      await waitForText('no-new-privileges', false);
    });
    const twoServices = path.join(run.workspace, 'wizard', 'compose.yaml');
    const original = fs.readFileSync(twoServices, 'utf8');
    await step('open wizard/compose.yaml (two services) with the cursor above both', async () => {
      await quickOpen('wizard/compose.yaml', 'wizard');
      await waitForText('cache:');
      await page.locator('.editor-instance .view-lines').first().click();
      await page.keyboard.press('Control+Home');
    });
    await step('the target pick lists both services with their scores; the second is picked', async () => {
      await palette('Docker Harden: Harden this service');
      const rows = page.locator('.quick-input-widget .monaco-list-row');
      await rows.filter({ hasText: 'cache —' }).first().waitFor({ timeout: 20000 });
      const labels = (await rows.allTextContents()).map((text) => /^(\S+) — (\d+) of (\d+) measures/.exec(text.trim()));
      const scores = Object.fromEntries(labels.filter(Boolean).map(([, name, applied, of]) => [name, [+applied, +of]]));
      if (Object.keys(scores).join() !== 'web,cache') throw new Error(`targets: ${JSON.stringify(scores)}`);
      // The two differ by web's read_only: true alone; both are services, so both count the same measures.
      const [[webApplied, webOf], [cacheApplied, cacheOf]] = [scores.web, scores.cache];
      if (webOf !== cacheOf || webApplied !== cacheApplied + 1 || cacheApplied < 1)
        throw new Error(`scores: ${JSON.stringify(scores)}`);
      await shot('wizard-6-target');
      await rows.filter({ hasText: 'cache —' }).first().click();
      await page
        .locator('.quick-input-widget .quick-input-title', { hasText: 'Harden cache: which measures?' })
        .waitFor({ timeout: 20000 });
    });
    await step('measures → the memory limit typed → preview → Apply: the second service changes on disk', async () => {
      await page.keyboard.press('Enter');
      const applyButton = await acceptInputsUntilPreview({ 'Memory limit': '256M' });
      await tickPreview();
      await applyButton.click();
      await applyButton.waitFor({ state: 'hidden', timeout: 20000 });
      // The preview leaves its diff editor in front: save the file's own editor.
      await quickOpen('wizard/compose.yaml', 'wizard');
      await waitForText('privileged: false');
      await page.keyboard.press('Control+S');
      await waitForDisk(twoServices, (text) => text !== original, 'saved after Apply');
      const saved = fs.readFileSync(twoServices, 'utf8');
      const [web, cache] = saved.split('\n  cache:\n');
      if (web !== original.split('\n  cache:\n')[0]) throw new Error(`web changed:\n${saved}`);
      for (const expected of ['privileged: false', 'memory: 256M', 'no-new-privileges:true', 'read_only: true'])
        if (!cache.includes(expected)) throw new Error(`cache lacks ${expected}:\n${saved}`);
    });
    await step('one undo, saved, puts the original back on disk', async () => {
      await quickOpen('wizard/compose.yaml', 'wizard');
      await waitForText('privileged: false');
      await page.keyboard.press('Control+Z');
      await waitForText('privileged: false', false);
      await page.keyboard.press('Control+S');
      await waitForDisk(twoServices, (text) => text === original, 'the original after one undo');
    });
  } catch {
    ok = false;
    await shot('failure').catch(() => {});
  } finally {
    await browser.close();
    await server.stop();
  }
  copy();
  console.log(`wizard ui: ${ok ? 'OK' : 'FAILED'}; screenshots in ${path.relative(REPO, run.results)}`);
  process.exit(ok ? 0 : 1);
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
