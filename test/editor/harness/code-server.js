// Starting an isolated code-server (a real VS Code served on loopback) and a headless Debian
// Chromium driven by playwright-core. Every run gets fresh user-data, extensions and workspace
// directories under test/editor/.runs, so runs never touch the repository or each other.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const EDITOR_DIR = path.resolve(__dirname, '..');
const REPO = path.resolve(EDITOR_DIR, '..', '..');
const CODE_SERVER = path.join(EDITOR_DIR, 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Settings that keep the welcome page, trust prompt, telemetry and tips out of the way. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'git.enabled': false,
  'editor.hover.delay': 150,
  'files.autoSave': 'off',
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Light Modern',
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Makes `locale` code-server's display language without downloading a language pack: VS Code
 * resolves a display language from `languagepacks.json` in the user-data directory, and a pack
 * whose translations are empty leaves the workbench's own strings English while
 * `vscode.env.language` (what extensions follow) becomes `locale`.
 */
function addEmptyLanguagePack(run, locale) {
  const translations = path.join(run.dir, 'language-pack', 'main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  // `extensions` names the pack's extension: VS Code reads the first entry's id when it lists the languages.
  const extension = { extensionIdentifier: { id: `docker-harden-test.language-pack-${locale}` }, version: '0.0.1' };
  const pack = {
    hash: `docker-harden-test-${locale}`,
    extensions: [extension],
    translations: { vscode: translations },
  };
  fs.writeFileSync(
    path.join(run.userData, 'languagepacks.json'),
    JSON.stringify({ [locale]: { ...pack, label: locale } }),
  );
}

/** `locale`: the display language (`ja`), English when unset. */
function makeRunDir(name, { locale } = {}) {
  fs.mkdirSync(path.join(EDITOR_DIR, '.runs'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(EDITOR_DIR, '.runs', `${name}-`));
  const userData = path.join(dir, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const workspace = path.join(dir, 'workspace');
  fs.cpSync(path.join(EDITOR_DIR, 'fixture'), workspace, { recursive: true });
  const extensions = path.join(dir, 'extensions');
  const results = path.join(dir, 'results');
  fs.mkdirSync(extensions);
  fs.mkdirSync(results);
  const run = { dir, userData, workspace, extensions, results, locale };
  if (locale) addEmptyLanguagePack(run, locale);
  return run;
}

async function startCodeServer(run, env = {}) {
  if (!fs.existsSync(CODE_SERVER)) throw new Error('code-server is not installed: run test/editor/setup.sh');
  const port = await freePort();
  const args = [
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--config',
    path.join(run.dir, 'config.yaml'),
    '--user-data-dir',
    run.userData,
    '--extensions-dir',
    run.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(run.locale ? ['--locale', run.locale] : []),
  ];
  // Its own process group: stopping it must also stop the extension host and our language server.
  const child = spawn(CODE_SERVER, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, ...env },
  });
  const log = fs.createWriteStream(path.join(run.dir, 'code-server.log'));
  let output = '';
  const onData = (chunk) => {
    output += chunk;
    log.write(chunk);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${output}`)), 60000);
    const check = () => {
      if (/HTTP server listening on/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early (${code}):\n${output}`));
    });
  });
  const authority = `127.0.0.1:${port}`;
  return {
    authority,
    origin: `http://${authority}`,
    async stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await new Promise((r) => setTimeout(r, 1500));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      log.end();
    },
  };
}

async function launchChromium() {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * The workbench URL for a folder, with the extension under development loaded from the
 * repository (and optionally a test runner). Paths use the vscode-remote scheme with the
 * same authority as the page, so they resolve in code-server's Node extension host.
 */
function workbenchUrl(server, folder, { testsPath } = {}) {
  const remote = (p) => `vscode-remote://${server.authority}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(REPO)],
    ['skipWelcome', 'true'],
  ];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${server.origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

module.exports = { EDITOR_DIR, REPO, makeRunDir, startCodeServer, launchChromium, workbenchUrl };
