/**
 * Secret detection shared by Dockerfile and Compose rules: by variable name
 * (whole tokens, with an allow-list of names that only point at a secret) and
 * by value (well-known credential formats). Values are never echoed: callers
 * describe what was found, not what it is.
 *
 * The same knowledge masks secrets in text shown to people: `quote` for every
 * user value a message or fix title repeats, `maskSecrets` as the last pass
 * over every finding (URL user-info, credential query parameters and
 * assignments, known token formats, private key blocks, long high-entropy
 * strings). Every pattern is linear in the text's length: analysis runs on
 * each keystroke and a line may be 100,000 characters long.
 */

/** Tokens that make a variable name secret on their own. */
const SECRET_TOKENS = new Set([
  'PASSWORD',
  'PASSWORDS',
  'PASSWD',
  'PASS',
  'PWORD',
  'PASSPHRASE',
  'SECRET',
  'SECRETS',
  'TOKEN',
  'TOKENS',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'CREDS',
  'AUTH',
  'PRIVATEKEY',
  'ACCESSKEY',
  'SECRETKEY',
  'AUTHTOKEN',
  'PSW',
  'PWD',
]);

/** `KEY` is only secret with a qualifier: GPG_KEY and PGP_KEY name public key fingerprints. */
const KEY_QUALIFIERS = new Set([
  'API',
  'PRIVATE',
  'SECRET',
  'ACCESS',
  'SIGNING',
  'ENCRYPTION',
  'MASTER',
  'CLIENT',
  'APP',
  'LICENSE',
  'SSH',
  'AUTH',
  'SERVICE',
  'ACCOUNT',
  'ADMIN',
  'SESSION',
  'JWT',
  'HMAC',
  'STRIPE',
  'OPENAI',
  'ANTHROPIC',
  'SENDGRID',
  'MAILGUN',
  'TWILIO',
  'DEPLOY',
  'WEBHOOK',
  'CRYPT',
  'AES',
  'CIPHER',
  'SHARED',
  'STORAGE',
]);

/** A trailing token that says the variable names where a secret is, or describes it, rather than holding it. */
const REFERENCE_SUFFIXES = new Set([
  'FILE',
  'FILES',
  'PATH',
  'DIR',
  'DIRECTORY',
  'LENGTH',
  'LEN',
  'SIZE',
  'TTL',
  'EXPIRY',
  'EXPIRES',
  'EXPIRATION',
  'TIMEOUT',
  'VERSION',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'PORT',
  'NAME',
  'ID',
  'TYPE',
  'MODE',
  'ENABLED',
  'ENABLE',
  'DISABLED',
  'REQUIRED',
  'HEADER',
  'FIELD',
  'PARAM',
  'LOCATION',
  'ALGORITHM',
  'ALG',
  'POLICY',
  'PREFIX',
  'PROVIDER',
  'METHOD',
  'COMMAND',
  'CMD',
  'MIN',
  'MAX',
  'COUNT',
  'ROTATION',
  'STORE',
  'BACKEND',
  'FORMAT',
  'KIND',
  'ISSUER',
  'AUDIENCE',
  'SCOPE',
  'SCOPES',
  'REALM',
  'KEYRING',
  'LIFETIME',
  'PLUGIN',
  // Settings of an authentication scheme, not its credentials (`DJANGO_AUTH_BACKENDS`, `AUTH_LDAP_USER_SEARCH`).
  'BACKENDS',
  'SEARCH',
  'FILTER',
  'CLASS',
  'CLASSES',
  'SERVER',
  'SERVERS',
  'HOSTS',
  'DOMAIN',
  'DOMAINS',
  'MECHANISM',
  'MECHANISMS',
  'METHODS',
  'USER',
  'USERNAME',
  'LEVEL',
  'STRATEGY',
  'DN',
  'ATTRIBUTE',
  'ATTR',
  'GROUP',
  'GROUPS',
  'MODULE',
  'PROTOCOL',
  'ATTEMPTS',
  'RETRIES',
  'LIMIT',
  'INTERVAL',
  'DURATION',
  'AGE',
  'REGEX',
  'PATTERN',
  'COMPLEXITY',
  'STRENGTH',
  'ROUNDS',
]);

/**
 * Words that make the name a switch about a secret rather than the secret
 * (`ENABLE_AUTH`, `MYSQL_RANDOM_ROOT_PASSWORD`, `MYSQL_ALLOW_EMPTY_PASSWORD`,
 * `SILK_DEBUG_TOKENS`) when they come before the secret word.
 */
const SWITCH_WORDS = new Set([
  'ENABLE',
  'ENABLED',
  'DISABLE',
  'DISABLED',
  'USE',
  'ALLOW',
  'REQUIRE',
  'SKIP',
  'NO',
  'DEBUG',
  'RANDOM',
  'EMPTY',
  'GENERATE',
]);

/** Tokens for which any literal is a password, digits too (`123456` is a password, not a number). */
const PASSWORD_TOKENS = new Set(['PASSWORD', 'PASSWORDS', 'PASSWD', 'PASS', 'PWORD', 'PASSPHRASE', 'PSW', 'PWD']);

/**
 * Credential names written without a separator: `PGPASSWORD` (libpq), `DBPASSWORD`, and `*PASS`/`*PWD` after
 * a word that says whose (`DBPASS`, `ROOTPWD`); a bare `*PASS` is too often another word (BYPASS, COMPASS).
 */
const JOINED_PASSWORD =
  /^[A-Z0-9]+(PASSWORD|PASSWD)$|^(PG|DB|SQL|MYSQL|MARIADB|ROOT|ADMIN|SMTP|LDAP|MAIL|FTP|VNC|REDIS|USER|RPC|SA|MQ|MONGO|SU)(PASS|PWD|PW)$/;

/** Names that contain a secret token yet are well known not to be secrets. */
const NOT_SECRET_NAMES = new Set([
  'PWD',
  'OLDPWD',
  'PASSENGER_APP_ENV',
  'AUTH_TYPE',
  'NO_AUTH',
  'AUTH_DISABLED',
  'SKIP_AUTH',
]);

/** Splits `dbPassword`, `DB_PASSWORD`, `db.password`, `db-password` into upper-case tokens. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((t) => t.toUpperCase());
}

/** Names that are credentials although their last token reads like an identifier. */
const KNOWN_SECRET_NAMES = new Set([
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AZURE_CLIENT_SECRET',
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALICLOUD_ACCESS_KEY',
]);

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
    if (SWITCH_WORDS.has(token)) return false;
    // AUTH names a credential only as the last word (`REDIS_AUTH`); before others it names a scheme's setting.
    if (token === 'AUTH' && i < tokens.length - 1) continue;
    if (SECRET_TOKENS.has(token) || JOINED_PASSWORD.test(token)) return true;
    if ((token === 'KEY' || token === 'KEYS') && i > 0 && KEY_QUALIFIERS.has(tokens[i - 1])) return true;
  }
  return false;
}

/** Values that are switches, not secrets: `MYSQL_RANDOM_ROOT_PASSWORD: "yes"` asks for a random password. */
const SWITCH_VALUE = /^(true|false|yes|no|on|off|enabled?|disabled?|none|null|nil|required|optional)$/i;
/** A value that says it stands in for a secret (`build-time-dummy`, `placeholder`, `not-a-secret`). */
const DUMMY_VALUE = /(^|[^a-z])(dummy|placeholder|not[-_]?a[-_]?secret)([^a-z]|$)/i;
/** A file path (absolute, `./`, `../` or `~/`) without blanks. */
const PATH_VALUE = /^(~|\.{1,2})?\/[\w.@%+=,-]+(\/[\w.@%+=,-]*)*$/;
/** A URL; it is no secret when it carries no credential (user-info, token format, credential parameter). */
const URL_VALUE = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
/** A dotted class or module name (`django.contrib.auth.backends.ModelBackend`), or a list of such names. */
const NAME_LIST = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*(\s*[,;]\s*[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*)*$/;

/**
 * Whether a secret-named variable's literal value shows that it is no
 * secret: a switch (`true`, `yes`), a file path, a URL without credentials,
 * and — unless the name says password, where any literal may be one — a
 * number, a dotted class name or a list of names. Name and value are judged
 * together: `SILK_AUTH_BACKENDS=a.b.Backend` is configuration, `DB_PASSWORD=123456` a password.
 */
export function isNonSecretValue(name: string, value: string): boolean {
  const trimmed = value.trim().replace(/^(['"])(.*)\1$/s, '$2');
  if (SWITCH_VALUE.test(trimmed) || PATH_VALUE.test(trimmed) || DUMMY_VALUE.test(trimmed)) return true;
  if (URL_VALUE.test(trimmed)) return findSecretValues(trimmed).length === 0 && maskSecrets(trimmed) === trimmed;
  if (nameTokens(name).some((token) => PASSWORD_TOKENS.has(token) || JOINED_PASSWORD.test(token))) return false;
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return true;
  const dotted = trimmed.includes('.') || /[,;]/.test(trimmed);
  return dotted && NAME_LIST.test(trimmed) && findSecretValues(trimmed).length === 0;
}

export interface SecretValueMatch {
  /** What kind of credential it looks like, for the message. */
  description: string;
  start: number;
  end: number;
}

/**
 * Credential formats, with the prefix that only names the format (shown when
 * the rest is masked). Linear-time by construction: a pattern either ends in
 * an open-ended run (a failed attempt stops within its minimum length), or
 * starts only where a run of its characters starts (the look-behind), so no
 * position is scanned again by later attempts.
 */
const TOKEN_FORMATS: { description: string; pattern: RegExp; kept: RegExp }[] = [
  {
    description: 'an AWS access key id',
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}(?![A-Za-z0-9])/g,
    kept: /^[A-Z]{4}/,
  },
  {
    description: 'a GitHub token',
    pattern: /(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g,
    kept: /^(gh[pousr]_|github_pat_)/,
  },
  // Formats whose characters include '-' start and end where the run of such characters does, with a bounded
  // length (real tokens are far shorter): a 200,000-character `xoxb-xoxb-...` is no token, one match at most.
  {
    description: 'a GitLab token',
    pattern: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,255}(?![A-Za-z0-9_-])/g,
    kept: /^glpat-/,
  },
  {
    description: 'a Slack token',
    pattern: /(?<![A-Za-z0-9_-])xox[abposr]-[A-Za-z0-9-]{10,255}(?![A-Za-z0-9_-])/g,
    kept: /^xox[a-z]-/,
  },
  {
    description: 'a Slack webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]+/g,
    kept: /^https:\/\/hooks\.slack\.com\/services\//,
  },
  { description: 'a Stripe secret key', pattern: /(?<![A-Za-z0-9])[rs]k_live_[0-9A-Za-z]{16,}/g, kept: /^[rs]k_live_/ },
  { description: 'a Google API key', pattern: /(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35,}/g, kept: /^AIza/ },
  {
    description: 'a JSON Web Token',
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
    kept: /^eyJ/,
  },
  { description: 'a private key', pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----/g, kept: /^[^]*$/ },
  { description: 'an npm token', pattern: /(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36,}/g, kept: /^npm_/ },
  {
    description: 'an OpenAI API key',
    pattern:
      /(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}|(?<![A-Za-z0-9])sk-(?:proj|svcacct)-[A-Za-z0-9_-]{40,}/g,
    kept: /^sk-(proj-|svcacct-)?/,
  },
  { description: 'an Anthropic API key', pattern: /(?<![A-Za-z0-9])sk-ant-[A-Za-z0-9_-]{30,}/g, kept: /^sk-ant-/ },
  { description: 'a Hugging Face token', pattern: /(?<![A-Za-z0-9])hf_[A-Za-z0-9]{30,}/g, kept: /^hf_/ },
  {
    description: 'a SendGrid API key',
    pattern: /(?<![A-Za-z0-9_.-])SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{30,}/g,
    kept: /^SG\./,
  },
  {
    description: 'a DigitalOcean token',
    pattern: /(?<![A-Za-z0-9])do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9])/g,
    kept: /^do[a-z]_v1_/,
  },
  { description: 'an Azure storage account key', pattern: /AccountKey=[A-Za-z0-9+/=]{40,}/g, kept: /^AccountKey=/ },
];

/**
 * Credentials inside a URL: `scheme://user:password@host`, where the password is not a variable.
 * The scheme starts where a run of scheme characters starts (linear time).
 */
const URL_CREDENTIALS = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/([^\s/:@'"]+):([^\s/@'"]+)@[^\s'"]/gi;

/** Finds credential-looking substrings in a value (a shared answer: read it, do not change it). */
export const findSecretValues: (value: string) => readonly SecretValueMatch[] = memoised(secretValues, 5000);

function secretValues(value: string): SecretValueMatch[] {
  const matches: SecretValueMatch[] = [];
  if (value.length < 8) return matches;
  for (const { description, pattern } of TOKEN_FORMATS) {
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

/** What a masked secret is replaced with. */
export const MASK = '***';

/** Query parameters that carry a credential in URLs (compared lower-case), besides secret-looking names. */
const CREDENTIAL_PARAMETERS = new Set([
  'access_token',
  'accesstoken',
  'token',
  'key',
  'api_key',
  'apikey',
  'api-key',
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'client_secret',
  'sig',
  'signature',
  'x-amz-signature',
  'x-amz-credential',
  'x-amz-security-token',
  'x-goog-signature',
  'x-goog-credential',
  'auth',
  'authorization',
  'private_token',
  'refresh_token',
  'id_token',
  'session_token',
  'credential',
  'credentials',
  'code',
]);

/** Something in the text starts like one of TOKEN_FORMATS (one pass instead of one per format). */
const TOKEN_START = new RegExp(
  [
    'A[KSB]IA',
    'ACCA',
    'gh[pousr]_',
    'github_pat_',
    'glpat-',
    'xox[abposr]-',
    'hooks\\.slack',
    'k_live_',
    'AIza',
    'eyJ',
    '-----BEGIN',
    'npm_',
    'sk-',
    'hf_',
    'SG\\.',
    '_v1_',
    'AccountKey=',
  ].join('|'),
);

interface MaskSpan {
  start: number;
  end: number;
  /** What replaces text[start, end). */
  replacement: string;
}

/**
 * The text with every secret in it masked: URL user-info (`https://***@host`),
 * credential query parameters and `SECRET_NAME=value` assignments (the name
 * stays, the value goes), known token formats (their format prefix stays:
 * `ghp_***`), private key blocks and long high-entropy strings. Variable
 * references (`${TOKEN}`) and placeholders stay. Linear time.
 */
export function maskSecrets(text: string): string {
  if (text.length > MAX_REMEMBERED_LENGTH) return masked(text);
  let result = MASKED_TEXTS.get(text);
  if (result === undefined) {
    if (MASKED_TEXTS.size >= MAX_REMEMBERED_TEXTS) MASKED_TEXTS.clear();
    MASKED_TEXTS.set(text, (result = masked(text)));
  }
  return result;
}

function masked(text: string): string {
  const spans = secretSpans(text);
  return spans.length === 0 ? text : applySpans(text, spans);
}

/**
 * Texts masked lately, and what they became: every message and fix title is
 * masked on every analysis, and from one version of a document to the next
 * nearly all are the same strings (a tenth of a large Dockerfile's edit).
 * Bounded: cleared when full; long texts are not kept.
 */
const MASKED_TEXTS = new Map<string, string>();
const MAX_REMEMBERED_TEXTS = 20_000;
const MAX_REMEMBERED_LENGTH = 1_000;

function secretSpans(text: string): MaskSpan[] {
  const spans: MaskSpan[] = [];
  if (text.length < 8) return spans;
  if (text.includes('://')) urlUserInfo(text, spans);
  if (text.includes('=')) credentialAssignments(text, spans);
  if (TOKEN_START.test(text)) tokenFormats(text, spans);
  highEntropyRuns(text, spans);
  return spans;
}

/**
 * A value shown in a normalised form (`shown`: a lower-cased stage name or
 * repository, an upper-cased keyword), masked when the form it is written in
 * (`written`) is a secret: case folding would hide a token's shape.
 */
export function quoteAs(shown: string, written: string): string {
  const masked = quote(written);
  return masked === written ? quote(shown) : masked;
}

/** The last line quoteInContext was asked about, with its secret spans. */
let contextSpans: { text: string; spans: ReturnType<typeof secretSpans> } = { text: '', spans: [] };

/**
 * `text.slice(start, end)` quoted, judged in its context: a piece that is
 * only recognisable as a secret with its surroundings (the password of a URL
 * a comment was split into words) is masked too.
 */
export function quoteInContext(text: string, start: number, end: number): string {
  const piece = text.slice(start, end);
  // Asked for each id of one comment line in turn: the line's spans are found once (a line of 30,000 ids was quadratic).
  if (text !== contextSpans.text) contextSpans = { text, spans: secretSpans(text) };
  const clipped = contextSpans.spans
    .filter((span) => span.start < end && start < span.end)
    .map((span) => ({
      start: Math.max(span.start, start) - start,
      end: Math.min(span.end, end) - start,
      replacement: MASK,
    }));
  return clipped.length === 0 ? quote(piece) : applySpans(piece, clipped);
}

/**
 * A user value quoted in a message or fix title: every value shown to people
 * passes through here first (before any shortening, which could cut a secret
 * out of the shape that gives it away). Renders like a template literal does.
 */
export function quote(value: string | number | null | undefined): string {
  return maskSecrets(String(value));
}

/** `scheme://user:password@host` and `scheme://token@host`: the user-info is masked (a bare user name stays). */
function urlUserInfo(text: string, spans: MaskSpan[]): void {
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    const start = at + 3;
    let end = start;
    let userInfoEnd = -1;
    // The authority ends at the path, query, fragment, or anything that cannot be in a URL.
    for (; end < text.length && !/[/?#\s'"<>`\\]/.test(text[end]); end++) if (text[end] === '@') userInfoEnd = end;
    if (userInfoEnd === -1) continue;
    const userInfo = text.slice(start, userInfoEnd);
    const colon = userInfo.indexOf(':');
    const password = colon === -1 ? null : userInfo.slice(colon + 1);
    const user = colon === -1 ? userInfo : userInfo.slice(0, colon);
    const harmless =
      password === null
        ? /^[A-Za-z][A-Za-z0-9._-]{0,31}$/.test(user) && !looksRandom(user)
        : password === '' || isVariableReference(password) || isPlaceholder(password) || password.startsWith('$');
    if (!harmless && userInfo !== '') spans.push({ start, end: userInfoEnd, replacement: MASK });
    at = end - 3;
  }
}

/** `?access_token=...`, `&sig=...` in URLs; `DB_PASSWORD=...`, `--password=...` anywhere: the value is masked. */
function credentialAssignments(text: string, spans: MaskSpan[]): void {
  const assignment = /(?<![A-Za-z0-9_.[\]])([A-Za-z_][A-Za-z0-9_.[\]-]{0,63})=/g;
  for (let m = assignment.exec(text); m; m = assignment.exec(text)) {
    const name = m[1];
    const before = text[m.index - 1];
    const inQuery = before === '?' || before === '&' || before === ';';
    if (!(inQuery && CREDENTIAL_PARAMETERS.has(name.toLowerCase())) && !isSecretName(name)) continue;
    const start = m.index + m[0].length;
    const quoteChar = text[start] === '"' || text[start] === "'" ? text[start] : '';
    let end = start + quoteChar.length;
    if (quoteChar) {
      const close = text.indexOf(quoteChar, end);
      end = close === -1 ? text.length : close;
    } else {
      while (end < text.length && !/[\s&#'"<>`,;)\]}]/.test(text[end])) end += 1;
    }
    const value = text.slice(start + quoteChar.length, end);
    if (value === '' || value.startsWith('$') || isVariableReference(value) || isPlaceholder(value)) continue;
    spans.push({ start: start + quoteChar.length, end, replacement: MASK });
    assignment.lastIndex = Math.max(assignment.lastIndex, end);
  }
}

/** Known credential formats keep their format prefix (`ghp_***`); a private key block is masked to its END line. */
function tokenFormats(text: string, spans: MaskSpan[]): void {
  for (const { description, pattern, kept } of TOKEN_FORMATS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const prefix = kept.exec(m[0])?.[0] ?? '';
      const start = m.index + prefix.length;
      let end = m.index + m[0].length;
      if (description === 'a private key') {
        const footer = text.indexOf('-----END', end);
        end = footer === -1 ? text.length : footer;
        if (end > start) spans.push({ start, end, replacement: MASK });
        pattern.lastIndex = Math.max(pattern.lastIndex, end);
        continue;
      }
      if (end > start) spans.push({ start, end, replacement: MASK });
    }
  }
}

/**
 * Long random-looking strings (API keys and passwords of no known format):
 * runs of base64/base62 characters, judged per path segment so that paths
 * and image references keep their ordinary parts.
 */
function highEntropyRuns(text: string, spans: MaskSpan[]): void {
  let runStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    if (code < 128 && RUN_CHARACTER[code] === 1) continue;
    if (i - runStart >= 20) maskRandomSegments(text, runStart, i, spans);
    runStart = i + 1;
  }
}

/** Base64 and base62 characters (a lookup table: this scan runs over every message). */
const RUN_CHARACTER = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-') {
  RUN_CHARACTER[c.charCodeAt(0)] = 1;
}

function maskRandomSegments(text: string, start: number, end: number, spans: MaskSpan[]): void {
  const segments = text.slice(start, end).split('/');
  const random = segments.map(looksRandom);
  if (!random.includes(true)) return;
  const path = text[start] === '/' || text[start - 1] === '.' || text[start - 1] === '~';
  let offset = start;
  segments.forEach((segment, index) => {
    const segmentEnd = offset + segment.length;
    // Base64 has `/` too: beside a random segment, anything but a plain word is part of the same secret
    // (in a path, `/home/User1/...`, only the random segments are).
    const masked = random[index] || (!path && segment !== '' && !PLAIN_SEGMENT.test(segment));
    // A known format found here already keeps its prefix.
    if (masked && !spans.some((s) => s.start < segmentEnd && offset < s.end)) {
      spans.push({ start: offset, end: segmentEnd, replacement: MASK });
    }
    offset = segmentEnd + 1;
  });
}

/** `team`, `v1`, `Release-2024`, `python3-debian12`: words and numbers, each word one case or capitalised. */
const PLAIN_WORD = '(?:[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+)';
const PLAIN_SEGMENT = new RegExp(`^${PLAIN_WORD}(?:[._=+-]+${PLAIN_WORD})*[._=+-]*$`);

/** Words, camelCase humps, upper-case runs and numbers. */
const PIECES = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+/g;

function averagePieceLength(value: string): number {
  const pieces = value.match(PIECES)?.length ?? 0;
  return pieces === 0 ? Infinity : value.length / pieces;
}

/**
 * Whether a string reads as random rather than as words: at least 20
 * characters mixing lower case, upper case and digits, broken into short
 * pieces (words, camelCase humps and numbers run three or more characters
 * on average, random text about two), or changing character class as often
 * as random text does (a third of the time) with pieces under four. Hex
 * digests and identifiers stay; about one random string of 7,000 (of 32
 * characters) reads as words.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 20 || !/[a-z]/.test(value) || !/[A-Z]/.test(value) || !/[0-9]/.test(value)) return false;
  const pieceLength = averagePieceLength(value);
  return pieceLength < 3 || (pieceLength < 4 && classChanges(value) >= 0.3);
}

/** The share of neighbouring letters and digits that differ in class (lower, upper, digit). */
function classChanges(value: string): number {
  let pairs = 0;
  let changes = 0;
  let previous = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const kind = code >= 97 && code <= 122 ? 1 : code >= 65 && code <= 90 ? 2 : code >= 48 && code <= 57 ? 3 : 0;
    if (kind !== 0 && previous !== 0) {
      pairs += 1;
      if (kind !== previous) changes += 1;
    }
    previous = kind;
  }
  return pairs === 0 ? 0 : changes / pairs;
}

/** Replaces the spans (overlapping ones merged, the first replacement kept). */
function applySpans(text: string, spans: MaskSpan[]): string {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const span of spans) {
    if (span.end <= at) continue;
    if (span.start < at) {
      // Overlaps the previous span: that one already replaced up to `at`; hide the rest too.
      at = span.end;
      continue;
    }
    out += text.slice(at, span.start) + span.replacement;
    at = span.end;
  }
  return out + text.slice(at);
}
