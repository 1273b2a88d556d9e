/**
 * Environment variables that turn TLS certificate verification off for a
 * tool, and the values that do it. From the tools' documentation: git
 * (GIT_SSL_NO_VERIFY), Node.js (NODE_TLS_REJECT_UNAUTHORIZED=0), Python's
 * PEP 493 (PYTHONHTTPSVERIFY=0), npm and Yarn (strict-ssl false), pip
 * (PIP_TRUSTED_HOST), curl (CURL_INSECURE, read by some wrappers), Go
 * (GOINSECURE, GOFLAGS=-insecure), Composer (COMPOSER_DISABLE_NETWORK_TLS).
 */

/** Environment variables that turn verification off, with the values that do it (null: any value). */
const INSECURE_VARIABLES: Record<string, RegExp | null> = {
  GIT_SSL_NO_VERIFY: null,
  NODE_TLS_REJECT_UNAUTHORIZED: /^0$/,
  PYTHONHTTPSVERIFY: /^0$/,
  NPM_CONFIG_STRICT_SSL: /^false$/i,
  YARN_STRICT_SSL: /^false$/i,
  YARN_ENABLE_STRICT_SSL: /^false$/i,
  PIP_TRUSTED_HOST: null,
  CURL_INSECURE: /^(1|true)$/i,
  GOINSECURE: null,
  GOFLAGS: /-insecure/,
  COMPOSER_DISABLE_NETWORK_TLS: null,
};

/** Values arrive unquoted (by dockerfile-ast or the shell reader), so the patterns match the bare value. */
export function insecureVariable(name: string, value: string | null): boolean {
  const upper = name.toUpperCase();
  if (!(upper in INSECURE_VARIABLES)) return false;
  const pattern = INSECURE_VARIABLES[upper];
  return pattern === null ? true : pattern.test((value ?? '').trim());
}

/** `https://localhost:8443/health`, `127.0.0.1`, `[::1]`: the container itself, no network path to tamper on. */
const LOOPBACK_URL =
  /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/\s]*@)?(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)(?::\d+)?(?:[/?#]|$)/i;

/**
 * Whether a download tool's URL operands all point back at the container
 * (a probe of its own TLS port with a self-signed certificate): turning
 * verification off there downgrades nothing on a network path. False when
 * there is no URL to judge.
 */
export function onlyLoopbackUrls(operands: readonly string[]): boolean {
  const urls = operands.filter((value) => /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || LOOPBACK_URL.test(value));
  return urls.length > 0 && urls.every((url) => LOOPBACK_URL.test(url));
}
