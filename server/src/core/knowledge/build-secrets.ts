/**
 * What replaces a credential a Dockerfile bakes into the image: which
 * BuildKit mount brings a copied credential file back for the RUNs that
 * read it (a secret mount at the same place, or the SSH agent for a private
 * key), and which secret-looking variables only package managers read at
 * build time, so that taking them out of the image's environment cannot
 * change what the running container does.
 */

/** How a copied credential file is mounted instead. */
export type CredentialMount =
  | {
      kind: 'secret';
      /** The secret's id, `docker build --secret id=<id>,src=<file>`. */
      id: string;
      /**
       * True for the credentials of build tools (npm, pip's twine, curl and
       * git, the Docker CLI): nothing at run time reads them, so the mount
       * replaces the copy completely. False for files the application may
       * read when the container runs (a key, a .env, cloud credentials).
       */
      buildTool: boolean;
    }
  | { kind: 'ssh' };

interface MountRule {
  pattern: RegExp;
  /** The id, or null to derive it from the file name. */
  id: string | null;
  buildTool: boolean;
  ssh?: boolean;
}

/** Matched against a source path with forward slashes and no trailing slash, case-insensitively. */
const MOUNT_RULES: MountRule[] = [
  { pattern: /(^|\/)\.npmrc$/i, id: 'npmrc', buildTool: true },
  { pattern: /(^|\/)\.pypirc$/i, id: 'pypirc', buildTool: true },
  { pattern: /(^|\/)\.netrc$/i, id: 'netrc', buildTool: true },
  { pattern: /(^|\/)\.git-credentials$/i, id: 'git-credentials', buildTool: true },
  { pattern: /(^|\/)\.docker\/config\.json$/i, id: 'docker-config', buildTool: true },
  // The agent signs with the key; the key itself never enters the build (docker build --ssh default).
  { pattern: /(^|\/)id_(rsa|dsa|ecdsa|ed25519)$/i, id: null, buildTool: true, ssh: true },
  { pattern: /(^|\/)\.aws\/credentials$/i, id: 'aws-credentials', buildTool: false },
  { pattern: /(^|\/)\.kube\/config$|(^|\/)kubeconfig$/i, id: 'kubeconfig', buildTool: false },
  // Directories (.ssh/, .aws/, gcloud/) have no file mount: a secret is one file.
  { pattern: /(^|\/)\.(ssh|aws|gcloud|azure)$|(^|\/)(gcloud|azure)$/i, id: '', buildTool: false },
  { pattern: /[^/]$/, id: null, buildTool: false },
];

/**
 * The mount for a credential file copied from `source` (a path in the
 * build context, as the rule found it); null when no mount can stand in for
 * it (a directory, a wildcard, a variable).
 */
export function credentialMountFor(source: string): CredentialMount | null {
  if (/[*?[$]/.test(source)) return null;
  const rule = MOUNT_RULES.find((candidate) => candidate.pattern.test(source));
  if (!rule || rule.id === '') return null;
  if (rule.ssh) return { kind: 'ssh' };
  return { kind: 'secret', id: rule.id ?? secretIdOf(source), buildTool: rule.buildTool };
}

/** `certs/server.key` → `server.key`, `.env.production` → `env.production`. */
function secretIdOf(source: string): string {
  const base = source.slice(source.lastIndexOf('/') + 1).toLowerCase();
  return base.replace(/^\.+/, '').replace(/[^a-z0-9_.-]/g, '-') || 'secret';
}

/**
 * Variables only package managers read, to authenticate to a registry while
 * dependencies are installed: npm/yarn/pnpm tokens, pip and uv index URLs
 * with credentials, Poetry's and uv's index passwords, twine's upload
 * password, Bundler's per-source credentials, Composer's auth JSON, Cargo's
 * and NuGet's registry tokens.
 */
const BUILD_ONLY_VARIABLES = new RegExp(
  `^(${[
    'NPM_(AUTH_)?TOKEN',
    'NODE_AUTH_TOKEN',
    'YARN_NPM_AUTH_TOKEN',
    'PIP_(EXTRA_)?INDEX_URL',
    'UV_(EXTRA_)?INDEX_URL',
    'UV_INDEX_\\w+_PASSWORD',
    'POETRY_HTTP_BASIC_\\w+_PASSWORD',
    'POETRY_PYPI_TOKEN_\\w+',
    'TWINE_PASSWORD',
    'BUNDLE_[A-Z0-9_]+__[A-Z0-9_]+',
    'COMPOSER_AUTH',
    'CARGO_REGISTRIES_\\w+_TOKEN',
    'CARGO_REGISTRY_TOKEN',
    'NUGET_AUTH_TOKEN',
  ].join('|')})$`,
);

/** Whether only the build reads this variable (a package manager's registry credential). */
export function isBuildOnlyVariable(name: string): boolean {
  return BUILD_ONLY_VARIABLES.test(name);
}
