/** What each setting the rules read means for a container's isolation, in English (facts from the security guide). */
import { prose } from './prose';
import type { SettingDoc, SettingDocId } from './setting-ids';

export const SETTINGS_EN: Record<SettingDocId, SettingDoc> = {
  privileged: {
    title: '`privileged`',
    meaning: prose`
      Gives the container every Linux capability and every host device, and turns off the seccomp filter and the
      AppArmor/SELinux profile Docker applies by default. Namespaces alone are not a strong boundary: a privileged
      container is one step from the host.
    `,
  },
  cap_add: {
    title: '`cap_add`',
    meaning: prose`
      Capabilities split root's power into pieces (binding low ports, changing file owners, administering the system).
      \`cap_add\` grants pieces beyond Docker's default set; SYS_ADMIN, SYS_PTRACE, SYS_MODULE, NET_ADMIN and ALL hand
      back what isolation takes away. Grant only the narrow ones the service needs, after \`cap_drop: [ALL]\`.
    `,
  },
  cap_drop: {
    title: '`cap_drop`',
    meaning: prose`
      Removes capabilities from the container. Docker's default set (CHOWN, DAC_OVERRIDE, SETUID, SETGID, NET_RAW...)
      is more than most services use; \`cap_drop: [ALL]\` and \`cap_add\` of what is needed is least privilege, and a
      dropped capability cannot be regained from inside the container.
    `,
  },
  security_opt: {
    title: '`security_opt`',
    meaning: prose`
      Security options of the container: \`no-new-privileges:true\` stops setuid/setgid programs and file capabilities
      from raising a process's privileges; \`seccomp=...\` chooses the system-call filter (Docker's default profile
      blocks about 40-50 of the 300+ calls); \`apparmor=...\` and \`label=...\` choose the AppArmor or SELinux profile.
      \`unconfined\` and \`label:disable\` remove a layer.
    `,
  },
  user: {
    title: '`user`',
    meaning: prose`
      The user (and group) the container's process runs as, overriding the image's USER. Without user namespaces,
      root in the container is root on the host: a process that escapes keeps UID 0. An unprivileged UID limits what
      an escape or a compromised process can do.
    `,
  },
  read_only: {
    title: '`read_only`',
    meaning: prose`
      Mounts the container's root filesystem read-only. An attacker can then neither drop tools nor change the
      application's binaries and configuration; give \`tmpfs\` or volumes only where the service must write.
    `,
  },
  ports: {
    title: '`ports`',
    meaning: prose`
      Publishes container ports on the host. Without a host address a port is published on every interface
      (0.0.0.0), reachable from the network, and Docker's iptables rules bypass host firewalls such as ufw;
      \`127.0.0.1:8080:8080\` keeps it local.
    `,
  },
  expose: {
    title: '`expose`',
    meaning: prose`
      Declares container ports other services may reach on the project's networks, without publishing them on the
      host. A remote-administration port (SSH, a database, the Docker API) here still invites attacks from the
      network's other containers.
    `,
  },
  volumes: {
    title: '`volumes`',
    meaning: prose`
      Mounts named volumes or host paths into the container. A bind mount crosses the mount namespace: a writable
      /, /etc, /proc, /sys or the Docker socket hands the host to the container; mount only what the service needs,
      read-only (\`:ro\`) where it can.
    `,
  },
  devices: {
    title: '`devices` / `device_cgroup_rules`',
    meaning: prose`
      Gives the container host devices (or, with \`device_cgroup_rules\`, whole classes of them). Raw access to a
      disk or to /dev/mem bypasses every other isolation; map only the devices the service needs.
    `,
  },
  namespaces: {
    title: '`network_mode` / `pid` / `ipc` / `uts` / `userns_mode` / `cgroup`',
    meaning: prose`
      Namespaces give each container its own view of processes (pid), network stack (net), shared memory (ipc),
      host name (uts), users (user) and cgroups. \`host\` shares the host's namespace instead — the container then
      sees the host's processes or network as its own — and \`service:x\` joins another container's.
    `,
  },
  sysctls: {
    title: '`sysctls`',
    meaning: prose`
      Kernel parameters set for the container. Only namespaced ones are allowed: net.* (in the container's own
      network namespace), kernel.shm*, kernel.msg*, kernel.sem and fs.mqueue.*. The runtime refuses any other —
      it would change the host kernel for every container — and the container does not start.
    `,
  },
  deploy: {
    title: '`deploy`',
    meaning: prose`
      Deployment settings; \`deploy.resources.limits\` (memory, cpus, pids) become the container's cgroup limits, so
      one leaking or attacked service cannot exhaust the host's memory, CPU or process table and take its neighbours
      down. \`deploy.restart_policy\` bounds restarts.
    `,
  },
  limits: {
    title: '`mem_limit` / `cpus` / `pids_limit`',
    meaning: prose`
      The container's cgroup limits, in the older service-level form of \`deploy.resources.limits\`: memory, CPU and
      the number of processes. Without them one service can starve the host and every other container.
    `,
  },
  oom_kill_disable: {
    title: '`oom_kill_disable`',
    meaning: prose`
      Stops the kernel from killing the container when it runs out of memory. Without a memory limit, a leak then
      takes the whole host, and the kernel kills other processes instead.
    `,
  },
  healthcheck: {
    title: '`healthcheck`',
    meaning: prose`
      A command Docker runs to tell whether the service works, not only whether its process exists. The state shows
      in \`docker ps\`, \`depends_on: condition: service_healthy\` waits for it, and Swarm and orchestrators replace
      unhealthy containers; plain Docker does not restart an unhealthy container by itself.
    `,
  },
  restart: {
    title: '`restart`',
    meaning: prose`
      When Docker restarts the container after it exits (\`no\`, \`on-failure[:N]\`, \`always\`, \`unless-stopped\`).
      Restart policies act on exit, not on health. Without a bound, a crash loop restarts forever, burning CPU and
      filling logs; \`on-failure:5\` ends it.
    `,
  },
  secrets: {
    title: '`secrets`',
    meaning: prose`
      Compose secrets the service reads, mounted as files under /run/secrets (a tmpfs, never in an image layer).
      Unlike environment values, they do not show in \`docker inspect\`, logs or child processes' environments.
    `,
  },
  environment: {
    title: '`environment` / `env_file`',
    meaning: prose`
      Environment variables of the container. Values are readable with \`docker inspect\`, inherited by every child
      process and often logged; a literal secret here also ends up in version control. Pass secrets as Compose
      secrets or as \`\${VARIABLE}\` from the shell.
    `,
  },
  image: {
    title: '`image`',
    meaning: prose`
      The image the service runs. A tag can move (\`:latest\` always does); a digest (\`@sha256:...\`) pins the bytes.
      With Docker Content Trust (\`DOCKER_CONTENT_TRUST=1\`) pulls are verified against the publisher's signature.
      The image decides the default user and how much software an attacker finds inside.
    `,
  },
  build: {
    title: '`build`',
    meaning: prose`
      Builds the service's image from a Dockerfile. The final stage of that Dockerfile decides who the container
      runs as and whether it has a HEALTHCHECK, unless the service overrides them (\`user:\`, \`healthcheck:\`).
    `,
  },
  tmpfs: {
    title: '`tmpfs`',
    meaning: prose`
      In-memory filesystems mounted in the container. With \`read_only: true\` they are where the service may still
      write (/tmp, a cache); their contents disappear with the container.
    `,
  },
  USER: {
    title: '`USER`',
    meaning: prose`
      Sets the user (and group) the following RUN steps and the container run as. The last USER of the final stage
      decides who the image runs as; without one it is the base image's user, root for most official images.
      Switch to an unprivileged user after the steps that need root.
    `,
  },
  FROM: {
    title: '`FROM`',
    meaning: prose`
      Starts a build stage from a base image. The final stage's base decides what the image ships and its default
      user: a minimal or hardened base (slim, distroless, Chainguard, Docker Hardened Images) has fewer packages to
      patch and exploit. Pin a version tag and a digest; \`DOCKER_CONTENT_TRUST=1\` verifies signatures on pull.
    `,
  },
  ADD: {
    title: '`ADD`',
    meaning: prose`
      Copies files into the image, and also downloads URLs and unpacks local archives. A download without
      \`--checksum=sha256:...\` runs whatever the server (or the network) sends; for local files COPY does only what
      is meant.
    `,
  },
  COPY: {
    title: '`COPY`',
    meaning: prose`
      Copies files from the build context or another stage into the image. What a layer gets stays in the image even
      if a later step deletes it: credentials must come through \`RUN --mount=type=secret\` and be listed in
      .dockerignore.
    `,
  },
  HEALTHCHECK: {
    title: '`HEALTHCHECK`',
    meaning: prose`
      The command Docker runs to tell whether the container works. The state shows in \`docker ps\`, Compose can wait
      for it, and Swarm and orchestrators replace unhealthy containers; plain Docker does not restart them by itself.
      \`HEALTHCHECK NONE\` turns the base image's check off.
    `,
  },
  EXPOSE: {
    title: '`EXPOSE`',
    meaning: prose`
      Documents the ports the application listens on; it publishes nothing by itself (\`docker run -P\` and Compose
      decide that). A remote-administration port (SSH 22, a database, the Docker API) tells of a daemon the image
      should not run; administer containers with \`docker exec\`.
    `,
  },
  ARG_ENV: {
    title: '`ARG` / `ENV`',
    meaning: prose`
      Build arguments and environment variables. ENV values are stored in the image configuration, readable by anyone
      who can pull the image; ARG values used by a RUN are recorded in its history. Neither is a place for a secret:
      use \`RUN --mount=type=secret\`.
    `,
  },
  RUN_MOUNT: {
    title: '`RUN --mount`',
    meaning: prose`
      Mounts something for one RUN step only: \`type=secret\` a build secret at /run/secrets (never stored in a
      layer), \`type=ssh\` the SSH agent, \`type=cache\` a package cache kept between builds but not shipped, and
      \`type=bind\` files of the context or another stage.
    `,
  },
};
