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
