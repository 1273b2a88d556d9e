/**
 * Where common images write at run time, outside the volumes they declare:
 * a read-only root filesystem needs a tmpfs there, or the service fails to
 * start. Only paths that hold nothing to keep (caches, pid files, sockets);
 * data directories are the images' declared volumes, which stay writable.
 *
 * Sources: the images' documentation on Docker Hub (docker-library/docs):
 * nginx, "Running nginx in read-only mode" ("the default nginx
 * configuration requires write access to /var/cache/nginx and /var/run");
 * the official postgres Dockerfile (docker-library/postgres), which makes
 * /var/run/postgresql the server's socket directory; the official httpd
 * image's configuration (its PidFile in /usr/local/apache2/logs).
 */
import { hubRepository, type ImageReference } from '../dockerfile/image-reference';

const WRITABLE_PATHS = new Map<string, readonly string[]>([
  ['nginx', ['/var/cache/nginx', '/var/run']],
  ['postgres', ['/var/run/postgresql']],
  ['httpd', ['/usr/local/apache2/logs']],
]);

/** The paths the image writes to at run time (besides its volumes); none when unknown. */
export function runtimeWritablePaths(image: ImageReference | null): readonly string[] {
  const repository = image ? hubRepository(image) : null;
  return (repository && WRITABLE_PATHS.get(repository)) || [];
}
