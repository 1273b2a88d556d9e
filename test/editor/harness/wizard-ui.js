// The "Harden this service" wizard as a user drives it in code-server: the command palette, the
// measures multi-select (recommended ones ticked), the inputs (defaults accepted), the refactor
// preview, Apply; then one undo restores the file, and Escape in the middle changes nothing.
// Screenshots go to the run's results directory (--screenshots DIR copies them, for the README).
'use strict';
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
    await step('Escape at the measures question changes nothing', async () => {
      await palette('Docker Harden: Harden this service');
      await page
        .locator('.quick-input-widget .monaco-list-row', { hasText: 'Do not run privileged' })
        .waitFor({ timeout: 20000 });
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
      if (!(await editorText()).includes('privileged: true')) throw new Error('the file changed after Escape');
    });
    await step('palette → measures (recommended ticked) → inputs → refactor preview → Apply', async () => {
      await palette('Docker Harden: Harden this service');
      await page
        .locator('.quick-input-widget .monaco-list-row', { hasText: 'Do not run privileged' })
        .waitFor({ timeout: 20000 });
      await shot('wizard-2-measures');
      await page.keyboard.press('Enter');
      // One input box per input of the chosen measures, each filled with its default: accept them until the
      // refactor preview's Apply button shows (a box closes and the next opens a moment later under load).
      const apply = page.locator('.monaco-workbench .monaco-button', { hasText: /^Apply$/ }).first();
      const box = page.locator('.quick-input-widget:visible input');
      let inputs = 0;
      for (const deadline = Date.now() + 60000; Date.now() < deadline;) {
        if (await apply.isVisible().catch(() => false)) break;
        if (await box.isVisible().catch(() => false)) {
          if (inputs++ === 0) await shot('wizard-3-input');
          await page.keyboard.press('Enter');
        }
        await page.waitForTimeout(250);
      }
      await apply.waitFor({ timeout: 20000 });
      // Changes that need confirmation start unticked in VS Code's refactor preview: tick the file's box (all of them).
      const fileBox = page
        .locator(
          '.monaco-workbench .part.panel .monaco-list-row input[type=checkbox], .monaco-workbench .part.panel .monaco-list-row .monaco-custom-toggle',
        )
        .first();
      await fileBox.click();
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
