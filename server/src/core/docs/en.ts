/**
 * English rule documentation. Facts come from the project's security guide
 * (defence in depth: namespaces, cgroups, capabilities, MAC, seccomp, content
 * trust, secrets, supply chain); the wording is ours.
 */
import { prose } from './prose';
import type { RuleDoc } from './types';

export const EN: Record<string, RuleDoc> = {
  'missing-user': {
    title: 'The final stage never sets a non-root USER',
    why: prose`
      Without USER the container runs as root. Namespaces are not a strong security boundary: a root process that
      escapes the container, or reaches a mounted host path, acts as root on the host. Running as an unprivileged user
      is the first item of the runtime checklist. Only the final stage counts; a USER in a builder stage does not change
      the image you ship.
    `,
    fix: prose`
      Add \`USER <name or uid>\` to the final stage after the steps that need root (package installs), before
      CMD/ENTRYPOINT. Images such as node (\`node\`) or distroless \`:nonroot\` already have an unprivileged user.
    `,
  },
  'root-user': {
    title: 'The final image runs as root',
    why: prose`
      The last USER of the final stage is root (\`root\`, \`0\`, \`root:root\`, \`0:0\`), so every process in the
      container starts with root privileges. With root, a container escape or a writable host mount becomes a host
      compromise.
    `,
    fix: prose`
      Switch back to an unprivileged user after the steps that need root, e.g. \`USER app\` or \`USER 65532:65532\`.
    `,
  },
  'root-base-image': {
    title: 'The final base image runs as root by default',
    why: prose`
      Most official distribution and language images run as root unless told otherwise. Hardened images (distroless
      \`:nonroot\`, Chainguard, Docker Hardened Images, Bitnami) run as an unprivileged user and ship far fewer
      packages, which keeps known CVEs close to zero.
    `,
    fix: prose`
      Set a USER in the final stage, or build on a non-root hardened variant of the image.
    `,
  },
  'unpinned-base-image': {
    title: 'Base image has no tag or uses :latest',
    why: prose`
      A missing tag means \`:latest\`, which moves whenever the publisher pushes. Builds stop being reproducible, and a
      tampered or broken image arrives without any change to your Dockerfile: a supply-chain risk.
    `,
    fix: prose`
      Pin a version tag (\`node:20.18-slim\`), ideally with its digest, and update it deliberately (Renovate,
      Dependabot).
    `,
  },
  'base-image-without-digest': {
    title: 'Base image is not pinned by digest',
    why: prose`
      Tags are mutable: the bytes behind \`alpine:3.20\` can change. A digest (\`@sha256:...\`) names exact content,
      which is what content trust and signature verification protect. Pinning by digest makes builds reproducible and
      tampering visible.
    `,
    fix: prose`
      Append the digest: \`FROM alpine:3.20@sha256:<digest>\` (find it with \`docker buildx imagetools inspect\`). Keep
      the tag for readability; let a bot update both.
    `,
  },
  'non-minimal-base-image': {
    title: 'The final stage uses a full base image',
    why: prose`
      Every package in the runtime image is something to patch and something an attacker can use. Minimal images (slim,
      alpine, distroless, hardened images) shrink the attack surface; multi-stage builds keep compilers and build tools
      out of the final image.
    `,
    fix: prose`
      Build in the full image, then copy the result into a slim, alpine, distroless or hardened runtime image in the
      final stage.
    `,
  },
  'secret-in-env-arg': {
    title: 'A secret is passed through ENV or ARG',
    why: prose`
      ENV values are stored in the image configuration and readable by anyone who can pull the image (\`docker
      inspect\`). ARG values used by RUN are recorded in the build history (\`docker history\`). The guide is explicit:
      do not put secrets in environment variables or hard-code them into images.
    `,
    fix: prose`
      Use build secrets: \`RUN --mount=type=secret,id=token,env=TOKEN ...\` on the steps that need it (\`env=\` needs
      \`# syntax=docker/dockerfile:1\`; older syntax reads \`/run/secrets/token\`), passed with \`docker build --secret
      id=token,env=TOKEN\`, and runtime secrets (Docker/Compose secrets) for the running container.
    `,
  },
  'secret-file-copied': {
    title: 'A credential file is copied into the image',
    why: prose`
      COPY/ADD writes the file into a layer. Deleting it in a later step does not remove it: every layer ships with the
      image. Keys, \`.env\` files, \`.npmrc\` tokens and cloud credentials copied this way leak to everyone who can pull
      the image.
    `,
    fix: prose`
      Mount the file only for the step that needs it (\`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\`,
      built with \`docker build --secret id=npmrc,src=.npmrc\`; for an SSH key, \`RUN --mount=type=ssh\` with
      \`docker build --ssh default\`), and list it in \`.dockerignore\` so \`COPY . .\` cannot pick it up.
    `,
  },
  'inline-secret': {
    title: 'A command hard-codes a credential',
    why: prose`
      The text of RUN, CMD, ENTRYPOINT and LABEL is stored in the image history and configuration. A token in a URL, a
      \`--password=...\` option or \`echo user:pass | chpasswd\` ships the credential with the image.
    `,
    fix: prose`
      Read credentials from a build secret (\`RUN --mount=type=secret\`) or supply them at run time from a secret store;
      never write them into the Dockerfile.
    `,
  },
  'add-instead-of-copy': {
    title: 'ADD downloads without a checksum, or ADD is used where COPY suffices',
    why: prose`
      ADD of a URL fetches content at build time with no integrity check: whoever controls the server or the network
      path controls that layer. ADD of a local file also auto-extracts archives, a surprise when you only meant to copy.
    `,
    fix: prose`
      For downloads, add \`--checksum=sha256:<digest>\` (or download and verify in RUN). For local files, use COPY; keep
      ADD for local tar archives you want unpacked.
    `,
  },
  'pipe-to-shell': {
    title: 'A download is piped straight into a shell',
    why: prose`
      \`curl ... | sh\` runs whatever the server returns, as root, with nothing verified: a compromised server, a
      hijacked DNS name or a truncated download all execute in your build. This is the supply-chain attack the guide
      warns about.
    `,
    fix: prose`
      Download to a file, verify its checksum or signature, then run it; or install the tool from a signed package
      repository.
    `,
  },
  'tls-verification-disabled': {
    title: 'TLS certificate verification is turned off',
    why: prose`
      With verification off (\`curl -k\`, \`wget --no-check-certificate\`, \`pip --trusted-host\`, \`strict-ssl false\`,
      \`GIT_SSL_NO_VERIFY\`, \`NODE_TLS_REJECT_UNAUTHORIZED=0\`), anyone on the network path can impersonate the server
      and replace what the build installs.
    `,
    fix: prose`
      Remove the option or variable and install the right CA certificates (\`ca-certificates\`, or COPY your corporate
      CA into the trust store).
    `,
  },
  'package-signature-check-disabled': {
    title: 'Package signature checks are turned off',
    why: prose`
      Package managers verify signatures so a tampered or spoofed package is refused. \`--allow-unauthenticated\`,
      \`[trusted=yes]\`, \`--nogpgcheck\`, \`gpgcheck=0\`, \`rpm --nosignature\` and \`apk --allow-untrusted\` install
      whatever arrives.
    `,
    fix: prose`
      Import the repository's signing key (apt \`signed-by=\`, \`rpm --import\`, \`/etc/apk/keys\`) and drop the option.
    `,
  },
  'privilege-escalation-tools': {
    title: 'sudo/su, world-writable or setuid permissions in the image',
    why: prose`
      Least privilege: sudo or su in the runtime image is a way back to root; setuid/setgid binaries run with their
      owner's privileges; world-writable files can be replaced by any process in the container.
    `,
    fix: prose`
      Use \`USER root\` / \`USER app\` around the steps that need root instead of sudo; give files to the user that
      writes them (\`chown\`) with 755/644-style modes; do not install sudo or set the setuid bit.
    `,
  },
  'sensitive-port-exposed': {
    title: 'A remote-administration port is exposed',
    why: prose`
      Publishing only the ports you need is part of network hardening. SSH (22), Telnet (23), the Docker API
      (2375/2376), RDP (3389) and VNC (5900) inside a container add a remote-login attack surface; port 2375 is the
      unauthenticated Docker API, which means root on the host.
    `,
    fix: prose`
      Remove the port from EXPOSE and the daemon from the image; administer containers with \`docker exec\`.
    `,
  },
  'missing-healthcheck': {
    title: 'The final image has no HEALTHCHECK',
    why: prose`
      Without a health check, Docker and orchestrators only know whether the process exists, not whether it works.
      Hardened images are tested for starting and running correctly; a HEALTHCHECK does the same at run time, so a hung
      service shows as unhealthy and Swarm or an orchestrator replaces it (plain Docker only reports the state: it
      restarts containers that exit, not unhealthy ones).
    `,
    fix: prose`
      Add \`HEALTHCHECK CMD <command that exercises the service>\` with sensible \`--interval\`, \`--timeout\` and
      \`--retries\`. Images without a shell (distroless, scratch) are skipped.
    `,
  },
  'package-install-hygiene': {
    title: 'Package installs widen the attack surface',
    why: prose`
      Recommended packages, caches left in a layer and distribution upgrades (dist-upgrade) all add software you did not
      ask for. Fewer packages means fewer CVEs to patch; the guide recommends minimal images and multi-stage builds that
      leave tools behind.
    `,
    fix: prose`
      Use \`apt-get install --no-install-recommends\` and \`rm -rf /var/lib/apt/lists/*\` in the same RUN, \`apk add
      --no-cache\`, \`pip install --no-cache-dir\`, \`yum/dnf clean all\`, or cache mounts; update the base image tag
      instead of \`dist-upgrade\` inside the image. Upgrades within the release (\`apt-get upgrade\`) apply security
      fixes and are not reported.
    `,
  },
};
