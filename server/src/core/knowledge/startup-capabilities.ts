/**
 * Capabilities an image needs at start-up when it starts as root, as its
 * official entrypoint does before it steps down to its own user: with
 * `cap_drop: [ALL]` and none of them added back, the container exits at
 * once ("chown: Operation not permitted", "gosu: operation not permitted").
 * When the service sets an unprivileged `user:`, the entrypoint skips that
 * step and needs none of them.
 *
 * What each needs, and why (the images' own entrypoints and configuration):
 * - postgres, mysql, mariadb (docker-library/postgres, docker-library/mysql,
 *   MariaDB/mariadb-docker `docker-entrypoint.sh`): create and `chown` the
 *   data and socket directories, `chmod` them (files another user owns:
 *   FOWNER), read directories only their user may (DAC_OVERRIDE), then
 *   `exec gosu <user>` (SETUID, SETGID);
 * - mongo, rabbitmq, redis (docker-library/mongo, /rabbitmq, /redis):
 *   `find … \! -user <user> -exec chown <user>` over the data directory,
 *   then `gosu`/`su-exec` to it (mongo and rabbitmq also read their data
 *   directory as root before: DAC_OVERRIDE);
 * - nginx (nginxinc/docker-nginx): the master process creates its temp
 *   directories under /var/cache/nginx owned by `nginx` (CHOWN), its workers
 *   switch to the `nginx` user (SETUID, SETGID), and it listens on port 80;
 * - httpd (docker-library/httpd): its children switch to `daemon`, port 80;
 * - caddy (caddyserver/caddy-docker): the binary carries the file
 *   capability cap_net_bind_service, which the kernel refuses to `exec`
 *   when it is not in the bounding set; port 80 and 443;
 * - traefik (traefik/traefik-library-image): listens on 80 and 443 as root.
 * Binding a port below 1024 needs NET_BIND_SERVICE on engines before 20.10
 * or with the host network; it is kept for those images, as for any
 * service that publishes such a port.
 */
import { hubRepository, type ImageReference } from '../dockerfile/image-reference';

const STEPS_DOWN_AND_CHOWNS = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'];

const STARTUP_CAPABILITIES = new Map<string, readonly string[]>([
  ['postgres', STEPS_DOWN_AND_CHOWNS],
  ['mysql', STEPS_DOWN_AND_CHOWNS],
  ['mariadb', STEPS_DOWN_AND_CHOWNS],
  ['mongo', ['CHOWN', 'DAC_OVERRIDE', 'SETGID', 'SETUID']],
  ['rabbitmq', ['CHOWN', 'DAC_OVERRIDE', 'SETGID', 'SETUID']],
  ['redis', ['CHOWN', 'SETGID', 'SETUID']],
  ['nginx', ['CHOWN', 'SETGID', 'SETUID', 'NET_BIND_SERVICE']],
  ['httpd', ['SETGID', 'SETUID', 'NET_BIND_SERVICE']],
  ['caddy', ['NET_BIND_SERVICE']],
  ['traefik', ['NET_BIND_SERVICE']],
]);

/**
 * The capabilities the image needs to start when it starts as root (its
 * default user); none when the image is not known to need any.
 */
export function startupCapabilities(image: ImageReference | null): readonly string[] {
  const repository = image ? hubRepository(image) : null;
  return (repository && STARTUP_CAPABILITIES.get(repository)) || [];
}
