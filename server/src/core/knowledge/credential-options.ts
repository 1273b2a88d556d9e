/**
 * Command options that take a credential on the command line, where it is
 * stored in the image history. From the programs' manuals: wget's
 * --password/--http-password/--proxy-password, keytool's -storepass and
 * -keypass, MySQL/MariaDB clients' attached `-pSECRET`, sshpass' and the
 * registry CLIs' (docker/podman/skopeo/helm login) separate `-p SECRET`.
 */

/** Long options that take a credential, for any program. */
export const SECRET_OPTIONS = new RegExp(
  '^--?(' +
    'password|passwd|pass|token|secret|api-?key|access-token|auth-token|client-secret|' +
    'http-password|proxy-password|storepass|keypass|db-password|registry-password' +
    ')$',
  'i',
);

/** Programs whose `-p` (attached or separate) is a password. */
export const PASSWORD_SHORT_OPTION = new Map<string, 'attached' | 'separate'>([
  ['mysql', 'attached'],
  ['mysqladmin', 'attached'],
  ['mysqldump', 'attached'],
  ['mariadb', 'attached'],
  ['mariadb-dump', 'attached'],
  ['sshpass', 'separate'],
  ['docker', 'separate'],
  ['podman', 'separate'],
  ['skopeo', 'separate'],
  ['helm', 'separate'],
]);
