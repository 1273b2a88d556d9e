// `npm run package [-- --base-url URL] [--out FILE]`: the installable extension, docker-harden-VERSION.vsix.
// Packs the bundles `npm run build` made (dist/: client, server, analysis worker), the grammar, the icon and
// walkthrough media, the licence and a Marketplace README made from README.md (scripts/package-readme.js),
// with @vscode/vsce and no network: the bundles hold every dependency, so vsce lists none (--no-dependencies).
// Fails when the package is larger than 1.5 MB, lacks one of the files the extension needs at run time, or
// holds sources, source maps, tests or dependencies (which the bundles already contain).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { optionReader } = require('./script-options');
const { marketplaceReadme, relativeLinks } = require('./package-readme');

const ROOT = path.resolve(__dirname, '..');
const MAX_BYTES = 1.5 * 1000 * 1000;
/** What the installed extension loads: without one of them it does not start or shows nothing. */
const REQUIRED = ['dist/client.js', 'dist/server.js', 'dist/analysis-worker.js', 'package.json'];
/** Where the Marketplace README is written: inside the project, as vsce only packs files below it. */
const README_OUT = path.join('dist', 'marketplace', 'README.md');

/** Packed paths that would only make the package larger: sources, maps, tests, node_modules. */
const UNWANTED = /\.(ts|map)$|^extension\/(server|client|test|scripts|node_modules|out)\//;

/** The names of a zip archive's entries, from its central directory (a .vsix is a zip). */
function zipEntries(file) {
  const zip = fs.readFileSync(file);
  // The end-of-central-directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error(`${file} is not a zip archive`);
  const count = zip.readUInt16LE(end + 10);
  const names = [];
  for (let at = zip.readUInt32LE(end + 16), i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

/** The base URL relative README links resolve against: --base-url, else a GitHub `repository`, else none. */
function baseUrlOf(manifest, given) {
  if (given) return given.endsWith('/') ? given : `${given}/`;
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  const github = repository && /github\.com[/:]([^/]+\/[^/]+?)(\.git)?\/?$/.exec(repository);
  return github ? `https://github.com/${github[1]}/blob/HEAD/` : undefined;
}

function main() {
  const args = process.argv.slice(2);
  const option = optionReader(args);
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const out = path.resolve(option('--out', path.join(ROOT, `${manifest.name}-${manifest.version}.vsix`)));
  const baseUrl = baseUrlOf(manifest, option('--base-url'));
  if (args.length > 0) fail(`unknown arguments: ${args.join(' ')}`);
  for (const file of REQUIRED)
    if (!fs.existsSync(path.join(ROOT, file))) fail(`${file} is missing: run npm run build first`);

  const readme = marketplaceReadme(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), { baseUrl });
  const left = relativeLinks(readme);
  if (left.length > 0) fail(`the Marketplace README still has relative links: ${left.join(', ')}`);
  fs.mkdirSync(path.dirname(path.join(ROOT, README_OUT)), { recursive: true });
  fs.writeFileSync(path.join(ROOT, README_OUT), readme);

  const vsce = [
    require.resolve('@vscode/vsce/vsce'),
    'package',
    '--no-dependencies',
    '--readme-path',
    README_OUT,
    '--out',
    out,
    ...(manifest.repository ? [] : ['--allow-missing-repository']),
  ];
  const result = spawnSync(process.execPath, vsce, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) fail(`vsce package exited ${result.status ?? result.signal}`);
  const entries = zipEntries(out);
  const grammars = manifest.contributes.grammars.map((grammar) => grammar.path.replace(/^\.\//, ''));
  const missing = [...REQUIRED, 'media/icon.png', 'LICENSE.txt', 'readme.md', ...grammars]
    .map((file) => `extension/${file}`)
    .filter((entry) => !entries.includes(entry));
  if (missing.length > 0) fail(`${path.relative(ROOT, out)} lacks ${missing.join(', ')}`);
  const unwanted = entries.filter((entry) => UNWANTED.test(entry));
  if (unwanted.length > 0) fail(`${path.relative(ROOT, out)} holds ${unwanted.join(', ')}: see .vscodeignore`);
  const bytes = fs.statSync(out).size;
  if (bytes > MAX_BYTES) fail(`${path.relative(ROOT, out)} is ${bytes} bytes, more than ${MAX_BYTES}`);
  console.log(`package: ${path.relative(process.cwd(), out)} (${(bytes / 1e6).toFixed(2)} MB)`);
}

main();
