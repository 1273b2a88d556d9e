/** English documentation of the Compose rules (facts from the security guide; our wording). */
import { prose } from './prose';
import type { RuleDoc } from './types';

export const EN_COMPOSE: Record<string, RuleDoc> = {
  'compose-privileged': {
    title: 'The service runs privileged',
    why: prose`
      \`privileged: true\` hands the container every Linux capability and every host device, and disables the seccomp
      and AppArmor/SELinux confinement Docker applies by default. Namespaces are not a strong boundary on their own;
      without the other layers a compromise of the container is a compromise of the host.
    `,
    fix: prose`
      Remove \`privileged\` and grant only the capabilities and devices the service really needs (\`cap_drop: [ALL]\`
      plus \`cap_add\`, \`devices\`).
    `,
  },
  'compose-dangerous-capability': {
    title: 'cap_add grants a dangerous capability',
    why: prose`
      Capabilities split root's power so a container gets only what it needs. SYS_ADMIN, SYS_PTRACE, SYS_MODULE,
      NET_ADMIN, DAC_READ_SEARCH, SYS_RAWIO, BPF and ALL give back exactly the parts that let a process escape its
      container or take over the host.
    `,
    fix: prose`
      Remove the capability; find the narrower one the service needs (NET_BIND_SERVICE for low ports, CHOWN for file
      ownership) and add only that, after \`cap_drop: [ALL]\`.
    `,
  },
  'compose-capabilities-not-dropped': {
    title: 'Capabilities are not dropped',
    why: prose`
      Docker's default capability set (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW, ...) is broader than most
      services need. The principle of least privilege in the guide is \`--cap-drop=ALL\` and adding back only what is
      required; a container cannot re-add a dropped capability.
    `,
    fix: prose`
      Add \`cap_drop: [ALL]\` and then \`cap_add\` only the capabilities the service needs, e.g. NET_BIND_SERVICE.
    `,
  },
  'compose-seccomp-unconfined': {
    title: 'seccomp is disabled',
    why: prose`
      seccomp limits the system calls a container can make; Docker's default profile blocks about 40–50 of Linux's 300+
      calls to shrink the kernel attack surface. \`seccomp:unconfined\` removes that filter entirely.
    `,
    fix: prose`
      Remove the option to get the default profile, or point \`seccomp:\` at a custom profile that allows only the extra
      calls needed.
    `,
  },
  'compose-mac-unconfined': {
    title: 'AppArmor or SELinux confinement is disabled',
    why: prose`
      Docker applies a mandatory access control profile (AppArmor on Debian/Ubuntu, SELinux on Red Hat) to every new
      container. \`apparmor:unconfined\` or \`label:disable\` turns that layer off, so a process that gets root in the
      container is no longer fenced in by it.
    `,
    fix: prose`
      Remove the option (the default profile is applied), or use a custom AppArmor profile / SELinux label that fits the
      service.
    `,
  },
  'compose-no-new-privileges': {
    title: 'no-new-privileges is not set',
    why: prose`
      Without \`no-new-privileges\`, a process can gain privileges through setuid/setgid binaries (su, sudo, ping...).
      The guide's secure \`docker run\` example sets \`--security-opt=no-new-privileges\`.
    `,
    fix: prose`
      Add \`security_opt: [no-new-privileges:true]\`.
    `,
  },
  'compose-writable-root-filesystem': {
    title: 'The root filesystem is writable',
    why: prose`
      A read-only root filesystem (\`--read-only\`) stops an attacker from dropping tools or changing binaries and
      configuration inside the container; it is on the guide's runtime checklist.
    `,
    fix: prose`
      Set \`read_only: true\` and give the service \`tmpfs\` or volumes only for the paths it must write (e.g. /tmp,
      /var/run).
    `,
  },
  'compose-no-memory-limit': {
    title: 'No memory limit',
    why: prose`
      Control groups exist to keep one container from exhausting shared resources. Without a memory limit, a leak or an
      attack can consume the host's memory and starve every other service — a denial of service.
    `,
    fix: prose`
      Set \`deploy.resources.limits.memory\` (or \`mem_limit\`) to what the service needs, e.g. 512M.
    `,
  },
  'compose-no-cpu-limit': {
    title: 'No CPU limit',
    why: prose`
      Without a CPU limit a busy or compromised service can take every core and starve the others; cgroups let you cap
      it (\`--cpus\`).
    `,
    fix: prose`
      Set \`deploy.resources.limits.cpus\` (or \`cpus\`), e.g. '1.0'.
    `,
  },
  'compose-no-pids-limit': {
    title: 'No process-count limit',
    why: prose`
      A fork bomb inside a container with no PID limit can exhaust the host's process table and bring every container
      down; cgroups can cap the number of processes.
    `,
    fix: prose`
      Set \`pids_limit\` (or \`deploy.resources.limits.pids\`), e.g. 200.
    `,
  },
  'compose-host-namespace': {
    title: 'The service shares a host namespace',
    why: prose`
      Namespaces give each container its own view of processes (pid), network (net), IPC, hostname (uts), users and
      cgroups. \`network_mode: host\`, \`pid: host\`, \`ipc: host\`, \`uts: host\`, \`userns_mode: host\` or \`cgroup:
      host\` remove that isolation for the shared namespace. Joining another service's namespace (\`network_mode:
      service:vpn\`, \`pid: service:x\`) shares whatever that service has, the host's included.
    `,
    fix: prose`
      Remove the setting; publish ports instead of using the host network, and use dedicated tools instead of seeing
      host processes.
    `,
  },
  'compose-docker-socket': {
    title: 'The Docker socket is mounted',
    why: prose`
      The Docker daemon runs as root; its API socket lets any client start a privileged container with the host
      filesystem mounted. Mounting \`/var/run/docker.sock\` (even read-only, and also through a named volume whose
      \`driver_opts\` bind it) gives whoever controls the container root on the host.
    `,
    fix: prose`
      Remove the mount. If the service really needs the API, use a socket proxy that allows only the calls needed, or
      rootless Docker.
    `,
  },
  'compose-sensitive-host-path': {
    title: 'A sensitive host path is mounted',
    why: prose`
      The mount namespace gives each container its own \`/\`, \`/etc\`, \`/var\`, \`/dev\`. Bind-mounting host system
      paths (/, /etc, /proc, /sys, /boot, /dev, /root, /usr, /var/log, /var/lib/docker, /run...), a whole home
      directory, or the credentials kept in one (~/.ssh, ~/.aws, ~/.docker, ~/.kube) hands the container the host's
      files; read-write makes it worse. A named volume with \`driver_opts: {o: bind, device: /path}\` is the same bind
      mount. Read-only mounts of the time zone (/etc/localtime, /usr/share/zoneinfo) and of CA certificates are not
      reported.
    `,
    fix: prose`
      Mount only the specific directory the service needs, from a project path, and read-only (\`:ro\`) where possible;
      give credentials through secrets instead of mounting them.
    `,
  },
  'compose-shared-mount-propagation': {
    title: 'A bind mount propagates mounts to the host',
    why: prose`
      With \`shared\`/\`rshared\` propagation, mounts created inside the container appear on the host, breaking the
      mount namespace's isolation in the dangerous direction.
    `,
    fix: prose`
      Remove \`bind.propagation\` (the default is private) or use \`rslave\` if the container must see host mounts.
    `,
  },
  'compose-host-devices': {
    title: 'Host devices are mapped into the container',
    why: prose`
      Device access bypasses the isolation namespaces provide; raw disks, /dev/mem or broad device_cgroup_rules let a
      container read or change the host directly. Both the short form (\`/dev/sda:/dev/xvda:r\`) and the long form
      (\`source:\`, \`target:\`, \`permissions:\`) map a host device.
    `,
    fix: prose`
      Map only the specific device the service needs, read-only where possible, and avoid wildcard device_cgroup_rules.
    `,
  },
  'compose-secret-in-environment': {
    title: 'A secret is set in the environment',
    why: prose`
      Environment variables are visible through \`docker inspect\`, in process listings and often in logs, and a literal
      in the Compose file ends up in version control. The guide: keep secrets out of environment variables; use secrets,
      mounted in memory at /run/secrets.
    `,
    fix: prose`
      Use Compose \`secrets:\` and the image's \`*_FILE\` variables (e.g. \`POSTGRES_PASSWORD_FILE:
      /run/secrets/db_password\`), or reference a \`\${VARIABLE}\` from the deployment environment.
    `,
  },
  'compose-root-user': {
    title: 'The service runs as root',
    why: prose`
      Avoiding root is the first runtime recommendation: with root in the container, a breakout or a writable host mount
      becomes a host compromise. The service runs as root when \`user:\` says so, or when it sets none and its image (or
      the final stage of the Dockerfile it builds) runs as root.
    `,
    fix: prose`
      Set \`user:\` to an unprivileged user (e.g. "1000:1000" or the image's own user), or add a USER to the Dockerfile.
    `,
  },
  'compose-unpinned-image': {
    title: 'The image has no tag or uses :latest',
    why: prose`
      No tag means \`:latest\`; it and other rolling tags (stable, edge, nightly) move when the publisher pushes.
      Deployments stop being reproducible and a tampered image arrives without any change to the file — a supply-chain
      risk.
    `,
    fix: prose`
      Pin a version tag (\`nginx:1.27-alpine\`), ideally with its digest, and update deliberately.
    `,
  },
  'compose-image-without-digest': {
    title: 'The image is not pinned by digest',
    why: prose`
      A digest names exact content, which is what content trust and signature verification protect; a tag can be
      re-pointed.
    `,
    fix: prose`
      Append \`@sha256:<digest>\` to the image and let Renovate or Dependabot keep it current.
    `,
  },
  'compose-port-all-interfaces': {
    title: 'A port is published on every interface',
    why: prose`
      A port published without a host address (or with 0.0.0.0 / ::) is reachable from every network the host is on, and
      Docker's iptables rules bypass host firewalls such as ufw. The guide: avoid publishing ports you do not need.
    `,
    fix: prose`
      Bind to 127.0.0.1 (\`"127.0.0.1:8080:80"\`, or \`host_ip\` in long syntax) unless the port must be public, and put
      a reverse proxy in front of public services.
    `,
  },
  'compose-sensitive-port': {
    title: 'A remote-administration port is published',
    why: prose`
      SSH (22), Telnet (23), the Docker API (2375/2376), RDP (3389) and VNC (5900) in a container add a remote-login
      attack surface; 2375 is the unauthenticated Docker API.
    `,
    fix: prose`
      Remove the port and the daemon; administer containers with \`docker exec\`.
    `,
  },
  'compose-unencrypted-overlay': {
    title: 'An overlay network is not encrypted',
    why: prose`
      Swarm encrypts its control plane, but overlay data traffic between nodes is only encrypted when the network asks
      for it; otherwise it crosses the network in clear text.
    `,
    fix: prose`
      Add \`driver_opts: { encrypted: "true" }\` to the overlay network.
    `,
  },
  'compose-missing-healthcheck': {
    title: 'The service has no healthcheck',
    why: prose`
      Without a health check Docker only knows whether the process exists, not whether it works: \`docker ps\` cannot
      show a hung service as unhealthy, \`depends_on: condition: service_healthy\` cannot wait for it, and Swarm or an
      orchestrator cannot replace it. (Plain Docker does not restart an unhealthy container by itself: restart
      policies act on exit, only Swarm and orchestrators act on health.) A HEALTHCHECK in the image counts.
    `,
    fix: prose`
      Add \`healthcheck:\` with a \`test\` that exercises the service, or a HEALTHCHECK in its Dockerfile; do not set
      \`disable: true\`.
    `,
  },
  'compose-oom-kill-disabled': {
    title: 'The OOM killer is disabled',
    why: prose`
      With \`oom_kill_disable: true\` the kernel will not kill the container when it runs out of memory; without a
      memory limit it can take the whole host and the kernel kills other processes instead.
    `,
    fix: prose`
      Remove the option, and set a memory limit.
    `,
  },
  'compose-unbounded-restart': {
    title: 'The restart policy has no bound',
    why: prose`
      \`restart: always\`, \`unless-stopped\`, or \`on-failure\` without a retry count turns a crash loop into endless
      restarts that burn CPU and fill logs — a slow denial of service. (Low priority; many deployments accept it.)
    `,
    fix: prose`
      Use \`restart: on-failure:5\`, or \`deploy.restart_policy\` with \`max_attempts\`.
    `,
  },
  'compose-unsafe-sysctl': {
    title: 'A sysctl is not namespaced (the container cannot start)',
    why: prose`
      Only some kernel parameters are namespaced per container: net.* (in the container's own network namespace),
      kernel.shm*, kernel.msg*, kernel.sem and fs.mqueue.*. Any other sysctl would change the host kernel for every
      container, so the runtime (runc) refuses it: the container fails to start with "sysctl ... is not in a
      separate kernel namespace" (with \`network_mode: host\`, net.* is refused too). The setting is a broken
      deployment waiting to happen, or a sign that the service expects a host-wide change.
    `,
    fix: prose`
      Remove the sysctl, or set it on the host deliberately; use only namespaced sysctls in services.
    `,
  },
};
