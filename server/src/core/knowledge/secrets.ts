/**
 * Secret detection shared by Dockerfile and Compose rules: by variable name
 * (whole tokens, with an allow-list of names that only point at a secret) and
 * by value (well-known credential formats). Values are never echoed: callers
 * describe what was found, not what it is.
 */

/** Tokens that make a variable name secret on their own. */
const SECRET_TOKENS = new Set([
  'PASSWORD', 'PASSWORDS', 'PASSWD', 'PASS', 'PWORD', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS', 'APIKEY',
  'CREDENTIAL', 'CREDENTIALS', 'CREDS', 'AUTH', 'PRIVATEKEY', 'ACCESSKEY', 'SECRETKEY', 'AUTHTOKEN', 'PSW', 'PWD',
]);

/** `KEY` is only secret with a qualifier: GPG_KEY and PGP_KEY name public key fingerprints. */
const KEY_QUALIFIERS = new Set([
  'API', 'PRIVATE', 'SECRET', 'ACCESS', 'SIGNING', 'ENCRYPTION', 'MASTER', 'CLIENT', 'APP', 'LICENSE', 'SSH', 'AUTH',
  'SERVICE', 'ACCOUNT', 'ADMIN', 'SESSION', 'JWT', 'HMAC', 'STRIPE', 'OPENAI', 'ANTHROPIC', 'SENDGRID', 'MAILGUN', 'TWILIO', 'DEPLOY', 'WEBHOOK', 'CRYPT', 'AES', 'CIPHER', 'SHARED', 'STORAGE',
]);

/** A trailing token that says the variable names where a secret is, or describes it, rather than holding it. */
const REFERENCE_SUFFIXES = new Set([
  'FILE', 'FILES', 'PATH', 'DIR', 'DIRECTORY', 'LENGTH', 'LEN', 'SIZE', 'TTL', 'EXPIRY', 'EXPIRES', 'EXPIRATION', 'TIMEOUT',
  'VERSION', 'URL', 'URI', 'ENDPOINT', 'HOST', 'PORT', 'NAME', 'ID', 'TYPE', 'MODE', 'ENABLED', 'ENABLE', 'DISABLED', 'REQUIRED',
  'HEADER', 'FIELD', 'PARAM', 'LOCATION', 'ALGORITHM', 'ALG', 'POLICY', 'PREFIX', 'PROVIDER', 'METHOD', 'COMMAND', 'CMD', 'MIN', 'MAX',
  'COUNT', 'ROTATION', 'STORE', 'BACKEND', 'FORMAT', 'KIND', 'ISSUER', 'AUDIENCE', 'SCOPE', 'SCOPES', 'REALM', 'KEYRING', 'LIFETIME', 'PLUGIN',
]);

/** Names that contain a secret token yet are well known not to be secrets. */
const NOT_SECRET_NAMES = new Set(['PWD', 'OLDPWD', 'PASSENGER_APP_ENV', 'AUTH_TYPE', 'NO_AUTH', 'AUTH_DISABLED', 'SKIP_AUTH']);

/** Splits `dbPassword`, `DB_PASSWORD`, `db.password`, `db-password` into upper-case tokens. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((t) => t.toUpperCase());
}

/** Names that are credentials although their last token reads like an identifier. */
const KNOWN_SECRET_NAMES = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AZURE_CLIENT_SECRET', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY']);

/**
 * Answers for strings seen before: the editor analyses on every keystroke,
 * mostly the same names and values. Bounded; cleared when full.
 */
function memoised<T>(compute: (key: string) => T, limit = 20000): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined) {
      if (answers.size >= limit) answers.clear();
      answers.set(key, (answer = compute(key)));
    }
    return answer;
  };
}

/** Whether a variable name says it holds a secret. */
export const isSecretName = memoised(secretName);

function secretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (KNOWN_SECRET_NAMES.has(upper.replace(/^(VITE|REACT_APP|NEXT_PUBLIC)_/, ''))) return true;
  if (NOT_SECRET_NAMES.has(upper)) return false;
  const tokens = nameTokens(name);
  if (tokens.length === 0) return false;
  if (tokens.includes('PUBLIC') || tokens.includes('PUB')) return false;
  if (REFERENCE_SUFFIXES.has(tokens[tokens.length - 1])) return false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    // `PWD` alone is the shell's working directory; `DB_PWD` is a password.
    if (token === 'PWD' && tokens.length === 1) continue;
    if (SECRET_TOKENS.has(token)) return true;
    if ((token === 'KEY' || token === 'KEYS') && i > 0 && KEY_QUALIFIERS.has(tokens[i - 1])) return true;
  }
  return false;
}

export interface SecretValueMatch {
  /** What kind of credential it looks like, for the message. */
  description: string;
  start: number;
  end: number;
}

/**
 * Every open-ended run is bounded (`{36,255}`, not `{36,}`): credential
 * formats have a bounded length, and an unbounded run tried at each of many
 * starts (`sk-sk-sk-...`, `xoxb-xoxb-...`, a 100,000-character dotted name)
 * rescanned the rest of the value from each one, which took minutes on a
 * long RUN line. A run longer than the bound is not one of these
 * credentials (it is not followed by the word boundary the pattern needs).
 * Formats whose characters include `-` start and end where the run of such
 * characters does (look-behind and look-ahead rather than `\b`, which also
 * holds inside `xoxb-xoxb-...`): one start per run, and a longer run is not
 * cut into several matches.
 */
const VALUE_PATTERNS: { description: string; pattern: RegExp }[] = [
  { description: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  { description: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { description: 'a GitLab token', pattern: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,255}(?![A-Za-z0-9_-])/g },
  { description: 'a Slack token', pattern: /(?<![A-Za-z0-9_-])xox[abposr]-[A-Za-z0-9-]{10,255}(?![A-Za-z0-9_-])/g },
  { description: 'a Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9]{1,64}\/B[A-Za-z0-9]{1,64}\/[A-Za-z0-9]{1,255}/g },
  { description: 'a Stripe secret key', pattern: /\b[rs]k_live_[0-9A-Za-z]{16,255}\b/g },
  { description: 'a Google API key', pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g },
  { description: 'a JSON Web Token', pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{8,4096}/g },
  { description: 'a private key', pattern: /-----BEGIN (?:[A-Z]{1,32} ){0,8}PRIVATE KEY(?: BLOCK)?-----/g },
  { description: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { description: 'an OpenAI API key', pattern: /(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,255}T3BlbkFJ[A-Za-z0-9_-]{20,255}(?![A-Za-z0-9_-])|(?<![A-Za-z0-9_-])sk-(?:proj|svcacct)-[A-Za-z0-9_-]{40,255}(?![A-Za-z0-9_-])/g },
  { description: 'an Anthropic API key', pattern: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{30,255}(?![A-Za-z0-9_-])/g },
  { description: 'a Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{30,255}\b/g },
  { description: 'a SendGrid API key', pattern: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{16,255}\.[A-Za-z0-9_-]{30,255}(?![A-Za-z0-9_-])/g },
  { description: 'a DigitalOcean token', pattern: /\bdo[opr]_v1_[a-f0-9]{64}\b/g },
  { description: 'an Azure storage account key', pattern: /AccountKey=[A-Za-z0-9+/=]{40,}/g },
];

/**
 * Credentials inside a URL: `scheme://user:password@host`, where the
 * password is not a variable. Schemes are short (bounded for the reason
 * above); user and password are bounded too, as a URL's parts are.
 */
const URL_CREDENTIALS = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}:\/\/([^\s/:@'"]{1,255}):([^\s/@'"]{1,255})@[^\s'"]/gi;

/** Finds credential-looking substrings in a value (a shared answer: read it, do not change it). */
export const findSecretValues: (value: string) => readonly SecretValueMatch[] = memoised(secretValues, 5000);

function secretValues(value: string): SecretValueMatch[] {
  const matches: SecretValueMatch[] = [];
  if (value.length < 8) return matches;
  for (const { description, pattern } of VALUE_PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(value); m; m = pattern.exec(value)) {
      matches.push({ description, start: m.index, end: m.index + m[0].length });
    }
  }
  URL_CREDENTIALS.lastIndex = 0;
  for (let m = URL_CREDENTIALS.exec(value); m; m = URL_CREDENTIALS.exec(value)) {
    const password = m[2];
    if (isVariableReference(password) || isPlaceholder(password)) continue;
    const start = m.index + m[0].indexOf(':', m[0].indexOf('://') + 3) + 1;
    matches.push({ description: 'a password in a URL', start, end: start + password.length });
  }
  return matches;
}

/** `$VAR`, `${VAR}`, `${VAR:-x}`, `$(cat /run/secrets/x)`: the value comes from elsewhere at run or build time. */
export function isVariableReference(value: string): boolean {
  const trimmed = value.trim();
  return /^\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*|\(.*\))$/.test(trimmed) || /^`.*`$/.test(trimmed);
}

/** Obvious placeholders in documentation-style values (`<password>`, `***`, `...`). */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  return trimmed === '' || /^(<[^>]*>|\*+|x+|\.\.\.|\{\{.*\}\}|%[A-Za-z_]+%)$/i.test(trimmed);
}

/** A masked rendering of a secret that tells its shape without revealing it. */
export function maskSecret(value: string): string {
  return `${'*'.repeat(Math.min(8, Math.max(4, value.length)))} (${value.length} characters, hidden)`;
}
