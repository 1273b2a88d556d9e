/**
 * How to create an unprivileged user in a base image, the way its family
 * does it, for the fixes that give a Dockerfile a non-root USER when the
 * image has no user of its own.
 *
 * Sources: the tools each family ships — Debian/Ubuntu `passwd` (groupadd,
 * useradd --system), Alpine and BusyBox `addgroup -S` / `adduser -S`,
 * RHEL/UBI/Fedora `shadow-utils` (useradd -r; absent from ubi-minimal and
 * ubi-micro) — and the official images' Dockerfiles (docker-library), which
 * build on Debian unless the tag says alpine. Images without a shell or
 * package manager (scratch, distroless, Chainguard static) take a numeric
 * user only.
 */
import { hubRepository, type ImageReference } from '../dockerfile/image-reference';

export type OsFamily = 'debian' | 'alpine' | 'rhel' | 'numeric-only';

const DEBIAN = new Set(['debian', 'ubuntu', 'buildpack-deps']);
const RHEL = new Set(['fedora', 'centos', 'rockylinux', 'almalinux', 'oraclelinux', 'amazonlinux']);
/** Official language and service images: Debian-based unless the tag names another base. */
const DEBIAN_BASED_OFFICIAL = new Set([
  'node',
  'python',
  'pypy',
  'ruby',
  'golang',
  'rust',
  'perl',
  'php',
  'openjdk',
  'eclipse-temurin',
  'nginx',
  'httpd',
  'redis',
  'postgres',
  'mariadb',
  'tomcat',
]);

/** The family of an image, or null when nothing is known of it (the fix then uses a numeric user). */
export function osFamilyOf(image: ImageReference | null): OsFamily | null {
  if (!image) return null;
  const repository = hubRepository(image) ?? image.repository;
  const tag = (image.tag ?? '').toLowerCase();
  if (repository === 'scratch' || /distroless|chainguard/.test(repository) || /micro|minimal/.test(image.name))
    return 'numeric-only';
  if (/^(?:cgr\.dev|dhi\.io)$/.test(image.registry ?? '')) return 'numeric-only';
  if (repository === 'alpine' || repository === 'busybox' || tag.includes('alpine')) return 'alpine';
  if (RHEL.has(repository) || /(?:^|\/)ubi[0-9]*(?:-init)?$/.test(repository)) return 'rhel';
  if (DEBIAN.has(repository)) return 'debian';
  if (DEBIAN_BASED_OFFICIAL.has(repository) && !/windows|nanoserver|servercore/.test(tag)) return 'debian';
  return null;
}

export interface UserCreation {
  /** The shell command that creates the user and its group (null: the family cannot, use the numeric user). */
  command: string | null;
  /** What USER is set to. */
  user: string;
}

/** How to create `name` with `uid` (also the group id) in an image of `family`. */
export function userCreation(family: OsFamily | null, name: string, uid: number): UserCreation {
  switch (family) {
    case 'debian':
      return {
        command:
          `groupadd --system --gid ${uid} ${name} && ` +
          `useradd --system --uid ${uid} --gid ${name} --no-create-home --shell /usr/sbin/nologin ${name}`,
        user: `${name}:${name}`,
      };
    case 'alpine':
      return {
        command: `addgroup -S -g ${uid} ${name} && adduser -S -D -H -u ${uid} -G ${name} -s /sbin/nologin ${name}`,
        user: `${name}:${name}`,
      };
    case 'rhel':
      return {
        command: `groupadd -r -g ${uid} ${name} && useradd -r -u ${uid} -g ${name} -M -s /sbin/nologin ${name}`,
        user: `${name}:${name}`,
      };
    default:
      // No user database to write to, or nothing known of the image: a numeric user works in any image.
      return { command: null, user: `${uid}:${uid}` };
  }
}
