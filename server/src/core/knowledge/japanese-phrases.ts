/**
 * The phrases of the knowledge modules that messages repeat, in Japanese:
 * what a detected secret or copied credential file is (secrets.ts,
 * credential-files.ts), which cache a package manager leaves
 * (package-managers.ts), what a health probe uses (healthchecks.ts), how a
 * non-root variant differs (base-images.ts). Keyed by the English phrase,
 * so the knowledge stays in one place; an unknown phrase stays English.
 * Product and program names stay as written.
 */
const WHOLE: Readonly<Record<string, string>> = {
  'a password in a URL': 'URL 内のパスワード',
  'a private key': '秘密鍵',
  'an AWS access key id': 'AWS のアクセスキー ID',
  'an Azure storage account key': 'Azure ストレージアカウントのキー',
  'a JSON Web Token': 'JSON Web Token',
};

const KINDS: readonly (readonly [english: string, japanese: string])[] = [
  [' secret key', ' のシークレットキー'],
  [' API key', ' の API キー'],
  [' webhook URL', ' の Webhook URL'],
  [' token', ' のトークン'],
];

/** A secret's description (`a GitHub token`) in Japanese. */
export function secretKindJa(description: string): string {
  const whole = WHOLE[description];
  if (whole) return whole;
  const bare = description.replace(/^an? /, '');
  for (const [english, japanese] of KINDS) if (bare.endsWith(english)) return bare.slice(0, -english.length) + japanese;
  return bare;
}

const CREDENTIAL_FILES: Readonly<Record<string, string>> = {
  'an environment file with secrets': '秘密情報を含む環境ファイル',
  'an SSH private key': 'SSH の秘密鍵',
  'an SSH directory': 'SSH ディレクトリ',
  'a key or certificate store': '鍵または証明書ストア',
  'a credentials file': '認証情報ファイル',
  'AWS credentials': 'AWS の認証情報',
  'Docker registry credentials': 'Docker レジストリの認証情報',
  'a Kubernetes credentials file': 'Kubernetes の認証情報ファイル',
  'a cloud credentials file': 'クラウドの認証情報ファイル',
  'cloud CLI credentials': 'クラウド CLI の認証情報',
  'a secrets file': '秘密情報ファイル',
};

/** A credential file's kind (`an SSH private key`) in Japanese. */
export function credentialKindJa(what: string): string {
  return CREDENTIAL_FILES[what] ?? what;
}

/** What a package manager leaves in the layer (`the pip cache`, `apt package lists`) in Japanese. */
export function cacheLabelJa(label: string): string {
  if (label === 'apt package lists') return 'apt のパッケージリスト';
  const cache = /^the (.+) cache$/.exec(label);
  return cache ? `${cache[1]} のキャッシュ` : label;
}

/** What a health probe uses (`curl on port 8080`, `pg_isready`) in Japanese. */
export function probeBasisJa(basis: string): string {
  if (basis === "the image's healthcheck.sh") return 'イメージの healthcheck.sh';
  if (basis === 'curl (in the image) on the cluster health API') return 'クラスターのヘルス API への curl(イメージ内)';
  const onPort = /^(.+) on port (\d+)$/.exec(basis);
  if (!onPort) return basis;
  const tool = onPort[1]
    .replace(/^node's http module$/, 'node の http モジュール')
    .replace(/^python's urllib$/, 'python の urllib');
  return `ポート ${onPort[2]} への ${tool}`;
}

/** How a non-root variant differs from the image it replaces, in Japanese. */
export function variantDiffersJa(differs: string): string {
  return differs === 'listens on 8080 instead of 80, pid file in /tmp'
    ? '80 ではなく 8080 で待ち受け、pid ファイルは /tmp'
    : differs;
}
