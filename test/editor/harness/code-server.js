// Starting an isolated code-server (a real VS Code served on loopback) and a headless Debian
// Chromium driven by playwright-core. Every run gets fresh user-data, extensions and workspace
// directories under test/editor/.runs, so runs never touch the repository or each other.
// A run uses the extension from the development folder (the repository) or, with `vsix`, the
// package `npm run package` built, installed as a user installs it; with `restricted`, workspace
// trust is on and the folder is not trusted (Restricted Mode).
'use strict';
const { spawn, spawnSync } = require('child_process');
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

/** Workspace trust on, no start-up prompt: a folder opened for the first time is in Restricted Mode. */
const RESTRICTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'always',
};

/** The package `npm run package` writes (test/editor/run.sh builds it before the checks). */
function vsixPath() {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  return process.env.DOCKER_HARDEN_VSIX || path.join(REPO, `${name}-${version}.vsix`);
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

/**
 * A fresh run directory. `vsix: true` installs the package into the run's extensions directory with
 * code-server's own `--install-extension`; `restricted: true` turns workspace trust on; `locale` is
 * the display language (`ja`), English when unset.
 */
function makeRunDir(name, { vsix = false, restricted = false, locale } = {}) {
  fs.mkdirSync(path.join(EDITOR_DIR, '.runs'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(EDITOR_DIR, '.runs', `${name}-`));
  const userData = path.join(dir, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  const settings = { ...USER_SETTINGS, ...(restricted ? RESTRICTED_SETTINGS : {}) };
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const workspace = path.join(dir, 'workspace');
  fs.cpSync(path.join(EDITOR_DIR, 'fixture'), workspace, { recursive: true });
  const extensions = path.join(dir, 'extensions');
  const results = path.join(dir, 'results');
  fs.mkdirSync(extensions);
  fs.mkdirSync(results);
  // The extension host runs a test runner only beside an extension under development: with the package
  // installed, that is an empty folder, which holds no extension.
  const developmentPath = vsix ? path.join(dir, 'no-extension-under-development') : REPO;
  fs.mkdirSync(developmentPath, { recursive: true });
  const run = { dir, userData, workspace, extensions, results, vsix, restricted, developmentPath, locale };
  if (vsix) installVsix(run, vsixPath());
  if (locale) addEmptyLanguagePack(run, locale);
  return run;
}

function installVsix(run, file) {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run package first`);
  const args = ['--config', '/dev/null', '--user-data-dir', run.userData, '--extensions-dir', run.extensions];
  const installed = spawnSync(CODE_SERVER, [...args, '--install-extension', file], { encoding: 'utf8' });
  fs.writeFileSync(path.join(run.dir, 'install-extension.log'), `${installed.stdout}\n${installed.stderr}`);
  if (installed.status !== 0 || !/successfully installed/i.test(installed.stdout))
    throw new Error(`code-server --install-extension ${file} failed:\n${installed.stdout}\n${installed.stderr}`);
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
    ...(run.restricted ? [] : ['--disable-workspace-trust']),
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
    developmentPath: run.developmentPath,
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
 * repository unless the run installed the package (and optionally a test runner). Paths use the
 * vscode-remote scheme with the same authority as the page, so they resolve in code-server's
 * Node extension host.
 */
function workbenchUrl(server, folder, { testsPath } = {}) {
  const remote = (p) => `vscode-remote://${server.authority}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(server.developmentPath)],
    ['skipWelcome', 'true'],
  ];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${server.origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

module.exports = { EDITOR_DIR, REPO, makeRunDir, startCodeServer, launchChromium, workbenchUrl, vsixPath };
