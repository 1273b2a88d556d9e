/** POSIX-style path helpers for the core (no Node `path` in the core; Windows separators are normalised). */
export function dirname(path: string): string {
  const normalised = path.replace(/\\/g, '/');
  const slash = normalised.lastIndexOf('/');
  return slash <= 0 ? (slash === 0 ? '/' : '.') : normalised.slice(0, slash);
}

export function joinPath(base: string, relative: string): string {
  const normalised = relative.replace(/\\/g, '/');
  if (normalised.startsWith('/')) return normalised;
  const parts = `${base.replace(/\\/g, '/')}/${normalised}`.split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') {
      if (out.length > 1 || (out.length === 1 && out[0] !== '')) out.pop();
    } else if (part !== '.' && !(part === '' && out.length > 0)) out.push(part);
  }
  return out.join('/') || '/';
}

/** Whether the path is absolute, POSIX or Windows (`/srv/app`, `C:\\app`). */
export function isAbsolutePath(path: string): boolean {
  return /^(\/|[A-Za-z]:[\\/])/.test(path);
}

export function basename(path: string): string {
  const normalised = path.replace(/\\/g, '/');
  return normalised.slice(normalised.lastIndexOf('/') + 1);
}

/** `to` as seen from directory `from` (`../common/compose.yaml`), for messages; `to` unchanged when they share no root. */
export function relativePath(from: string, to: string): string {
  const a = from.replace(/\\/g, '/').split('/').filter(Boolean);
  const b = to.replace(/\\/g, '/').split('/').filter(Boolean);
  if (from.startsWith('/') !== to.startsWith('/')) return to;
  let common = 0;
  while (common < a.length && common < b.length - 1 && a[common] === b[common]) common += 1;
  return [...Array(a.length - common).fill('..'), ...b.slice(common)].join('/') || basename(to);
}
