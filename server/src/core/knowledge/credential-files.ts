/**
 * Files that hold credentials, by name: what must not be copied from the
 * build context into a layer. Default locations of the tools' credentials
 * (OpenSSH's id_* keys and ~/.ssh, npm's .npmrc, pip's .pypirc, curl's and
 * git's .netrc/.git-credentials, PostgreSQL's .pgpass, MySQL's .my.cnf,
 * the AWS CLI's ~/.aws/credentials, the Docker CLI's ~/.docker/config.json,
 * kubectl's ~/.kube/config, Google service-account and OAuth client JSON,
 * gcloud and Azure CLI folders), key and certificate stores by extension,
 * and dotenv files (`.env`, `.env.production`; not `.env.example`). Public
 * material in the same formats is left out: Diffie-Hellman parameters
 * (nginx's and Mozilla's `dhparam.pem`, RFC 7919 `ffdhe*.pem`) and
 * certificates named as such.
 */

export interface CredentialFile {
  pattern: RegExp;
  what: string;
}

/** Matched against the source path with forward slashes, case-insensitively. */
export const CREDENTIAL_FILES: CredentialFile[] = [
  {
    pattern: /(^|\/)\.env(\.(?!example$|sample$|template$|dist$|defaults?$|schema$)[\w.-]+)?$/i,
    what: 'an environment file with secrets',
  },
  { pattern: /(^|\/)id_(rsa|dsa|ecdsa|ed25519)$/i, what: 'an SSH private key' },
  { pattern: /(^|\/)\.ssh(\/|$)/i, what: 'an SSH directory' },
  // Not the public ones: Diffie-Hellman parameters (`dhparam.pem`, `dhparams.pem`, `dh2048.pem`, RFC 7919's
  // `ffdhe2048.pem`) and certificates without their keys (`cert.pem`, `fullchain.pem`, `ca.pem`, `*.pub.pem`).
  {
    pattern: new RegExp(
      '^(?!(?:.*/)?(?:' +
        '(?:[\\w.-]*[-_.])?(?:dhparams?|dh\\d+|ffdhe\\d+)|' +
        '(?:[\\w.-]*[-_.])?(?:cert|certificate|fullchain|chain|ca|cacert|ca-bundle|pub|public)' +
        ')\\.pem$).*\\.(pem|key|p12|pfx|jks|keystore|ppk)$',
      'i',
    ),
    what: 'a key or certificate store',
  },
  { pattern: /(^|\/)\.(npmrc|pypirc|netrc|git-credentials|htpasswd|pgpass|my\.cnf)$/i, what: 'a credentials file' },
  { pattern: /(^|\/)\.aws\/credentials$|(^|\/)\.aws\/?$/i, what: 'AWS credentials' },
  { pattern: /(^|\/)\.docker\/config\.json$/i, what: 'Docker registry credentials' },
  { pattern: /(^|\/)\.kube\/config$|(^|\/)kubeconfig$/i, what: 'a Kubernetes credentials file' },
  {
    pattern: /(^|\/)(credentials|service[-_]?account[\w-]*|client_secrets?)\.json$/i,
    what: 'a cloud credentials file',
  },
  { pattern: /(^|\/)\.?(gcloud|azure)\/?$/i, what: 'cloud CLI credentials' },
  { pattern: /(^|\/)secrets?\.(ya?ml|json|env|txt)$/i, what: 'a secrets file' },
];

/**
 * A destination that names a public key (`/war/jenkins-key.pub`,
 * `/usr/share/keyrings/vendor.gpg`, `public.pem`): the file copied there is
 * the public half, whatever its name in the build context.
 */
export function namesPublicKey(destination: string): boolean {
  const name = destination.replace(/\\/g, '/');
  // A folder keeps the source's own name.
  if (name.endsWith('/')) return false;
  return /\.(pub|asc|gpg)$|(^|[/._-])(pub|public)([._-][^/]*)?$/i.test(name.slice(name.lastIndexOf('/') + 1));
}
