/**
 * What package managers do, for the rules that read package installs: the
 * programs and verbs of each manager, where it keeps its cache and how it
 * is cleaned (Docker's "Best practices for writing Dockerfiles" — apt lists,
 * `apk --no-cache`, `pip --no-cache-dir`, `yum/dnf clean all`), the verbs
 * that move a distribution to a new release, and the options that turn
 * signature checks off (apt-get(8), dnf(8), rpm(8), apk(8), zypper(8)).
 */

export interface PackageManager {
  id: 'apt' | 'apk' | 'rpm' | 'zypper' | 'pip' | 'yarn';
  /** Program names that invoke it (pip2, pip3.12 ... included). */
  program: RegExp;
  /** Sub-commands that download packages, and so fill the cache: installs and upgrades. */
  downloadVerbs: string[];
  /** Evidence in the same RUN that the cache is not kept: an option or a clean command (a global pattern)... */
  cleanCommand: RegExp | null;
  /** ... or an `rm` of one of these directories in the same simple command. */
  removedCaches: string[];
  /** Cache directories a `--mount=type=cache,target=...` may cover. */
  cacheTargets: RegExp;
  /** An install option that avoids the cache altogether, and where to put it. */
  noCacheOption?: string;
  /** Clean-up to append to the RUN when no option exists. */
  cleanup?: string;
  label: string;
}

/** The package managers whose installs the hygiene rule reads, with their caches and clean-ups. */
export const MANAGERS: PackageManager[] = [
  {
    id: 'apt',
    program: /^(apt-get|apt|aptitude)$/,
    downloadVerbs: ['install', 'reinstall', 'upgrade', 'dist-upgrade', 'full-upgrade'],
    // `apt-get dist-clean` (apt 2.7+) removes the package lists as well as the archives.
    cleanCommand: /\bapt(?:-get)?(?:\s+-\S+)*\s+dist-clean\b/g,
    removedCaches: ['/var/lib/apt/lists'],
    cacheTargets: /^\/var\/lib\/apt(\/lists)?\/?$/,
    cleanup: ' && rm -rf /var/lib/apt/lists/*',
    label: 'apt package lists',
  },
  {
    id: 'apk',
    program: /^apk$/,
    downloadVerbs: ['add', 'upgrade'],
    // `--no-network` installs local packages only: nothing is downloaded, nothing cached.
    cleanCommand: /--no-cache\b|--no-network\b|\bapk(?:\s+-\S+)*\s+cache(?:\s+-\S+)*\s+clean/g,
    removedCaches: ['/var/cache/apk'],
    cacheTargets: /\/var\/cache\/apk|\/etc\/apk\/cache/,
    noCacheOption: '--no-cache',
    label: 'the apk cache',
  },
  {
    id: 'rpm',
    program: /^(yum|dnf|microdnf|tdnf)$/,
    downloadVerbs: [
      'install',
      'in',
      'groupinstall',
      'reinstall',
      'rei',
      'upgrade',
      'update',
      'up',
      'upgrade-minimal',
      'up-min',
      'distro-sync',
      'dsync',
    ],
    // Options may come anywhere: `microdnf -y clean all`, `dnf clean all -y`.
    cleanCommand: /\b(?:yum|dnf|dnf5|microdnf|tdnf)(?:\s+-\S+)*\s+clean(?:\s+-\S+)*\s+all\b/g,
    removedCaches: ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'],
    cacheTargets: /\/var\/cache\/(yum|dnf|libdnf5)/,
    cleanup: ' && {program} clean all',
    label: 'the {program} cache',
  },
  {
    id: 'zypper',
    program: /^zypper$/,
    downloadVerbs: ['install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch'],
    cleanCommand: /\bzypper(?:\s+-\S+)*\s+(?:clean|cc)\b/g,
    removedCaches: ['/var/cache/zypp'],
    cacheTargets: /\/var\/cache\/zypp/,
    cleanup: ' && zypper clean --all',
    label: 'the zypper cache',
  },
  {
    id: 'pip',
    program: /^pip[0-9.]*$/,
    downloadVerbs: ['install'],
    cleanCommand: /--no-cache-dir\b|pip[0-9.]*(?:\s+-\S+)*\s+cache\s+purge/g,
    removedCaches: ['.cache/pip'],
    cacheTargets: /\.cache\/pip|\.cache$/,
    noCacheOption: '--no-cache-dir',
    label: 'the pip cache',
  },
  {
    id: 'yarn',
    program: /^yarn$/,
    downloadVerbs: ['install', 'add'],
    cleanCommand: /\byarn(?:\s+-\S+)*\s+cache\s+clean/g,
    removedCaches: [],
    cacheTargets: /yarn|\.cache/,
    cleanup: ' && yarn cache clean',
    label: 'the yarn cache',
  },
];

/**
 * Distribution upgrades: they move the image across releases, pull in new
 * package sets and give a different image on every build. Upgrades within
 * the release (`apt-get upgrade`, `apk upgrade`, `dnf upgrade`) apply
 * security fixes, lower the image's known CVEs, and are not reported.
 */
export const DISTRIBUTION_UPGRADE: Record<string, RegExp> = {
  'apt-get': /^(dist-upgrade|full-upgrade)$/,
  apt: /^(dist-upgrade|full-upgrade)$/,
  aptitude: /^(dist-upgrade|full-upgrade)$/,
  dnf: /^(distro-sync|dsync|system-upgrade)$/,
  yum: /^distro-sync$/,
  zypper: /^(dist-upgrade|dup)$/,
};

/** Install verbs per program: installing `sudo` or `doas` with them leaves a way back to root. */
export const INSTALLERS: Record<string, string[]> = {
  'apt-get': ['install'],
  apt: ['install'],
  apk: ['add'],
  yum: ['install'],
  dnf: ['install'],
  microdnf: ['install'],
  tdnf: ['install'],
  zypper: ['install', 'in'],
};

/** Options per program that install without verifying package signatures. */
export const SIGNATURE_CHECK_OFF: Record<string, RegExp> = {
  'apt-get': /^--(allow-unauthenticated|allow-insecure-repositories|force-yes|no-check-gpg)$/,
  apt: /^--(allow-unauthenticated|allow-insecure-repositories|force-yes|no-check-gpg)$/,
  aptitude: /^--allow-untrusted$/,
  yum: /^--nogpgcheck$/,
  dnf: /^--nogpgcheck$/,
  microdnf: /^--nogpgcheck$/,
  tdnf: /^--nogpgcheck$/,
  'yum-config-manager': /^--nogpgcheck$/,
  'dnf-config-manager': /^--nogpgcheck$/,
  rpm: /^--(nosignature|nodigest|noverify|nofiledigest)$/,
  apk: /^--allow-untrusted$/,
  zypper: /^--no-gpg-checks$/,
};

/** Options that carry their own removal: an option whose removal keeps the command valid. */
export const REMOVABLE_SIGNATURE_OPTIONS = new RegExp(
  '^--(' +
    'allow-unauthenticated|allow-insecure-repositories|force-yes|nogpgcheck|' +
    'nosignature|nodigest|nofiledigest|allow-untrusted|no-gpg-checks' +
    ')$',
);
