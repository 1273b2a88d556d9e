/**
 * Which kind of document a file is: by name first (CONTRACT.md patterns),
 * then by content. A YAML file is a Compose file only when its top level is
 * a mapping with `services` (or another Compose-only top-level key with
 * services elsewhere); CI workflows, Kubernetes manifests and Helm values
 * are not.
 */
import type { DocumentKind } from './types';

const DOCKERFILE_NAME =
  /^(Dockerfile(\..+)?|Containerfile(\..+)?|.+\.(Dockerfile|dockerfile|Containerfile|containerfile))$/;
/** Suffixes of template files (Jinja, Go templates, ERB, Mustache, autoconf), rendered into the real file. */
const TEMPLATE_SUFFIX = /\.(j2|jinja2?|tmpl|tpl|template|erb|mustache|hbs|in)$/i;
const COMPOSE_NAME = /^(docker-)?compose([.-].*)?\.ya?ml$/i;

export function kindFromFileName(path: string): DocumentKind | null {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  if (DOCKERFILE_NAME.test(name)) return 'dockerfile';
  if (COMPOSE_NAME.test(name)) return 'compose';
  return null;
}

export function isYamlFileName(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/**
 * A top-level `services:` key at column 0, outside block scalars: cheap and without parsing. A byte order mark
 * may precede the first line (`^` with the `m` flag also starts a line after a lone CR).
 */
export function looksLikeCompose(text: string): boolean {
  return (
    /^\uFEFF?services[ \t]*:/m.test(text) &&
    !/^\uFEFF?(apiVersion|kind)[ \t]*:/m.test(text) &&
    !/^\uFEFF?(on|jobs)[ \t]*:/m.test(text)
  );
}

/** Dockerfile by content: the first instruction (after comments, directives and ARGs) is FROM. */
export function looksLikeDockerfile(text: string): boolean {
  for (const raw of text.split(/\r\n|\r|\n/, 200)) {
    // trim() also removes a byte order mark.
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (/^ARG\s/i.test(line)) continue;
    return /^FROM\s+\S/i.test(line);
  }
  return false;
}

/** Decides the kind of a document from its name and, when the name does not tell, its content. */
export function detectKind(path: string | undefined, text: string, hint?: string): DocumentKind | null {
  if (hint === 'dockerfile') return 'dockerfile';
  if (hint === 'dockercompose' || hint === 'compose') return 'compose';
  const byName = path ? kindFromFileName(path) : null;
  // `Dockerfile.j2`, `Dockerfile.tmpl`: a template for a Dockerfile is one only when its text already reads as one.
  if (byName === 'dockerfile' && path && TEMPLATE_SUFFIX.test(path))
    return looksLikeDockerfile(text) && !/\{%|\{\{/.test(text) ? 'dockerfile' : null;
  if (byName) return byName;
  if (hint === 'yaml' || (path && isYamlFileName(path))) return looksLikeCompose(text) ? 'compose' : null;
  if (looksLikeCompose(text)) return 'compose';
  if (looksLikeDockerfile(text)) return 'dockerfile';
  return null;
}
