/**
 * Programs by what they do, for reading shell commands: downloaders,
 * interpreters (what a download piped into them runs), and tools that only
 * print or search text (so an option-looking argument to them configures
 * nothing).
 */

/** Programs that fetch a URL (curl, wget, BSD fetch, aria2, HTTPie, PowerShell's Invoke-WebRequest...). */
export const DOWNLOADERS = new Set([
  'curl',
  'wget',
  'fetch',
  'aria2c',
  'http',
  'https',
  'lynx',
  'iwr',
  'invoke-webrequest',
]);

/** Shells and script interpreters, and the builtins that run their input (source, ., eval, iex). */
export const INTERPRETERS = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ash',
  'ksh',
  'fish',
  'python',
  'python2',
  'python3',
  'perl',
  'ruby',
  'node',
  'php',
  'pwsh',
  'powershell',
  'iex',
  'invoke-expression',
  'source',
  '.',
  'eval',
]);

/** Programs that only print or search text: an option-looking argument to them configures nothing. */
export const TEXT_TOOLS = new Set([
  'echo',
  'printf',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'sed',
  'awk',
  'cat',
  'test',
  '[',
  'true',
  'false',
  'print',
]);
