/**
 * The hardening measures: one stable id per hardening step a Compose service
 * or a Dockerfile stage can take, the concerns it resolves, whether it is
 * recommended, a one-line why, and the inputs its edits need. Quick fixes,
 * fix-all, `--fix` and the wizard's plan are views of these (DESIGN.md,
 * "Findings, measures and plans"); the edits themselves are the rules'
 * fixes, computed with the measure's inputs as rule options.
 *
 * Ids are part of the interface (`dockerHarden.plan` / `applyPlan`,
 * documented in the README): never rename one.
 */
import type { ConcernId } from '../concerns';
import type { Language, Localized } from '../l10n';

export type MeasureTarget = 'service' | 'stage';

export interface MeasureInput {
  /** Also the rule option the value is handed to. */
  id: string;
  title: string;
  default: string;
  /** Null when `value` is acceptable, otherwise why not (shown while the user types), in `language` (default English). */
  validate(value: string, language?: Language): string | null;
}

export interface MeasureDefinition {
  id: string;
  target: MeasureTarget;
  title: string;
  /** One line: what the measure protects against. */
  why: string;
  concerns: readonly ConcernId[];
  /** Recommended measures are pre-selected in the wizard; the others change behaviour a team must judge. */
  recommended: boolean;
  /** Whether it `adds` a setting the target lacks or `removes` something risky (the wizard groups them so). */
  effect: 'adds' | 'removes';
  inputs: readonly MeasureInput[];
  /** A measure on the base image: not applicable to a target that names none (FindingSubject.namesImage). */
  onImage?: true;
}

const MEMORY = /^[0-9]+(?:\.[0-9]+)?\s*[bkmg]?b?$/i;
const USER = /^(?:[a-z_][a-z0-9_.-]*[$]?|[0-9]+)(?::(?:[a-z_][a-z0-9_.-]*|[0-9]+))?$/i;
const CAPABILITY = /^(?:CAP_)?[A-Z_]+$/;

type Validate = MeasureInput['validate'];

/** What an input expects, in each language (`a size such as 512M`). */
type Expected = Localized<string>;

function pattern(expression: RegExp, what: Expected): Validate {
  return (value, language = 'en') =>
    expression.test(value.trim()) ? null : language === 'ja' ? `${what.ja}を入力してください` : `expected ${what.en}`;
}

function number(min: number, max: number, what: Expected, whole = false): Validate {
  return (value, language = 'en') => {
    const n = Number(value.trim());
    if (value.trim() !== '' && Number.isFinite(n) && n >= min && n <= max && (!whole || Number.isInteger(n)))
      return null;
    return language === 'ja'
      ? `${min} から ${max} までの${what.ja}を入力してください`
      : `expected ${what.en} from ${min} to ${max}`;
  };
}

/** A user name or uid[:gid] that is not root: the measure is running as someone else. */
function nonRootUser(value: string, language: Language = 'en'): string | null {
  const trimmed = value.trim();
  if (!USER.test(trimmed))
    return language === 'ja'
      ? 'ユーザー名か uid を入力してください(:group を付けても構いません)'
      : 'expected a user name or uid, optionally with :group';
  const user = trimmed.split(':')[0];
  if (user !== 'root' && !/^0+$/.test(user)) return null;
  return language === 'ja'
    ? 'この対策は root をやめるためのものです。別のユーザーを選んでください'
    : 'root is what this measure moves away from: choose another user';
}

function list(item: RegExp, what: Expected, allowEmpty: boolean): Validate {
  return (value, language = 'en') => {
    const items = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (items.length === 0) {
      if (allowEmpty) return null;
      return language === 'ja' ? `${what.ja}を 1 つ以上入力してください` : `expected at least one ${what.en}`;
    }
    const bad = items.find((s) => !item.test(s));
    if (bad === undefined) return null;
    return language === 'ja' ? `${what.ja}ではありません: ${bad}` : `not a ${what.en}: ${bad}`;
  };
}

const userInput: MeasureInput = {
  id: 'user',
  title: 'User to run as (name or uid[:gid])',
  default: '65532:65532',
  validate: nonRootUser,
};

const healthcheckInput: MeasureInput = {
  id: 'healthcheckCommand',
  title: 'Health check command (leave the default to use what is known of the image)',
  default: '',
  validate: () => null,
};

const SERVICE_MEASURES: MeasureDefinition[] = [
  {
    id: 'no-privileged',
    target: 'service',
    title: 'Do not run privileged',
    why: 'A privileged container gets every capability and device: one step from the host.',
    concerns: ['cs.privileged'],
    effect: 'removes',
    recommended: true,
    inputs: [],
  },
  {
    id: 'drop-all-capabilities',
    target: 'service',
    title: 'Drop all capabilities, keep only those it needs',
    why: 'Default capabilities (NET_RAW, CHOWN, SETUID...) help an attacker more than the service.',
    concerns: ['cs.cap.no-drop-all'],
    effect: 'adds',
    recommended: true,
    inputs: [
      {
        id: 'keepCapabilities',
        title: 'Capabilities to keep (comma-separated)',
        default: '',
        validate: list(CAPABILITY, { en: 'capability name', ja: 'ケーパビリティ名' }, true),
      },
    ],
  },
  {
    id: 'no-dangerous-capabilities',
    target: 'service',
    title: 'Remove dangerous added capabilities',
    why: 'SYS_ADMIN, SYS_PTRACE, NET_ADMIN and the like let a process escape or spy on the host.',
    concerns: ['cs.cap.dangerous-add'],
    effect: 'removes',
    recommended: true,
    inputs: [],
  },
  {
    id: 'no-new-privileges',
    target: 'service',
    title: 'Forbid gaining privileges (no-new-privileges)',
    why: 'Stops setuid binaries and file capabilities from raising a process above its user.',
    concerns: ['cs.no-new-privileges.missing'],
    effect: 'adds',
    recommended: true,
    inputs: [],
  },
  {
    id: 'keep-seccomp',
    target: 'service',
    title: 'Keep the seccomp profile',
    why: 'seccomp blocks the system calls most kernel exploits need.',
    concerns: ['cs.seccomp.unconfined'],
    effect: 'removes',
    recommended: true,
    inputs: [],
  },
  {
    id: 'keep-mandatory-access-control',
    target: 'service',
    title: 'Keep AppArmor / SELinux confinement',
    why: 'apparmor:unconfined and label:disable remove a layer that contains a compromised process.',
    concerns: ['cs.mac.unconfined'],
    effect: 'removes',
    recommended: true,
    inputs: [],
  },
  {
    id: 'read-only-root-filesystem',
    target: 'service',
    title: 'Read-only root filesystem, with tmpfs for the paths it writes',
    why: 'An attacker cannot drop tools or change the application in a read-only container.',
    concerns: ['cs.read-only.missing'],
    effect: 'adds',
    recommended: true,
    inputs: [
      {
        id: 'writablePaths',
        title: 'Paths the service writes (tmpfs, comma-separated)',
        default: '/tmp',
        validate: list(/^\/\S*$/, { en: 'absolute path', ja: '絶対パス' }, true),
      },
    ],
  },
  {
    id: 'memory-limit',
    target: 'service',
    title: 'Limit memory',
    why: 'Without a limit one service can exhaust the host and take its neighbours down.',
    concerns: ['cs.limits.memory'],
    effect: 'adds',
    recommended: true,
    inputs: [
      {
        id: 'memoryLimit',
        title: 'Memory limit',
        default: '512M',
        validate: pattern(MEMORY, { en: 'a size such as 512M', ja: '512M のようなサイズ' }),
      },
    ],
  },
  {
    id: 'cpu-limit',
    target: 'service',
    title: 'Limit CPU',
    why: 'Without a limit one service can starve the others of CPU.',
    concerns: ['cs.limits.cpu'],
    effect: 'adds',
    recommended: true,
    inputs: [
      {
        id: 'cpuLimit',
        title: 'CPUs',
        default: '1.0',
        validate: number(0.01, 1024, { en: 'a number of CPUs', ja: 'CPU 数' }),
      },
    ],
  },
  {
    id: 'pids-limit',
    target: 'service',
    title: 'Limit processes',
    why: 'A pids limit stops a fork bomb inside the container from exhausting the host.',
    concerns: ['cs.limits.pids'],
    effect: 'adds',
    recommended: true,
    inputs: [
      {
        id: 'pidsLimit',
        title: 'Processes',
        default: '200',
        validate: number(1, 4194304, { en: 'a whole number', ja: '整数' }, true),
      },
    ],
  },
  {
    id: 'no-host-namespaces',
    target: 'service',
    title: "Do not share the host's namespaces",
    why: "network_mode/pid/ipc/uts: host let the container see and touch the host's processes and network.",
    concerns: ['cs.ns.host'],
    effect: 'removes',
    recommended: true,
    inputs: [],
  },
  {
    id: 'no-docker-socket',
    target: 'service',
    title: 'Do not mount the Docker socket',
    why: 'Access to the Docker socket is root on the host.',
    concerns: ['cs.docker-socket'],
    effect: 'removes',
    recommended: false,
    inputs: [],
  },
  {
    id: 'no-sensitive-host-mounts',
    target: 'service',
    title: 'Do not mount sensitive host paths writable',
    why: 'A writable /, /etc, /proc or /sys mount hands the host to the container.',
    concerns: ['cs.mount.sensitive-host-path'],
    effect: 'removes',
    recommended: false,
    inputs: [],
  },
  {
    id: 'private-mount-propagation',
    target: 'service',
    title: 'Private mount propagation',
    why: 'Shared propagation lets mounts made in the container appear on the host.',
    concerns: ['cs.mount.propagation-shared'],
    effect: 'removes',
    recommended: true,
    inputs: [],
  },
  {
    id: 'no-host-devices',
    target: 'service',
    title: 'Do not pass host devices',
    why: 'A raw device (a disk, /dev/mem) bypasses every other isolation.',
    concerns: ['cs.devices'],
    effect: 'removes',
    recommended: false,
    inputs: [],
  },
  {
    id: 'secrets-not-in-environment',
    target: 'service',
    title: 'Move secrets out of the environment',
    why: 'Environment values show in docker inspect, logs and child processes; Compose secrets do not.',
    concerns: ['cs.secret.env'],
    effect: 'adds',
    recommended: true,
    inputs: [],
  },
  {
    id: 'non-root-user',
    target: 'service',
    title: 'Run as a non-root user',
    why: 'Root in the container is root on the host once any isolation fails.',
    concerns: ['cs.user.root'],
    effect: 'adds',
    recommended: true,
    inputs: [userInput],
  },
  {
    id: 'ports-on-localhost',
    target: 'service',
    title: 'Publish ports on 127.0.0.1 only',
    why: 'A port published on every interface is reachable from the network, past the host firewall.',
    concerns: ['cs.ports.all-interfaces'],
    effect: 'adds',
    recommended: false,
    inputs: [
      {
        id: 'hostAddress',
        title: 'Host address to publish on',
        default: '127.0.0.1',
        validate: pattern(/^(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|\[?[0-9a-f:]+\]?)$/i, {
          en: 'an IP address',
          ja: 'IP アドレス',
        }),
      },
    ],
  },
  {
    id: 'no-sensitive-ports',
    target: 'service',
    title: 'Do not publish administration ports',
    why: 'SSH, database and Docker API ports published to the network invite attacks the service does not need.',
    concerns: ['cs.ports.sensitive'],
    effect: 'removes',
    recommended: false,
    inputs: [],
  },
  {
    id: 'healthcheck',
    target: 'service',
    title: 'Add a healthcheck',
    why: 'Without one, a hung service looks healthy: nothing waits for it to be ready, and no orchestrator replaces it.',
    concerns: ['cs.healthcheck.missing'],
    effect: 'adds',
    recommended: true,
    inputs: [healthcheckInput],
  },
  {
    id: 'keep-oom-killer',
    target: 'service',
    title: 'Keep the OOM killer',
    why: 'With it disabled, a leaking service freezes the host instead of being killed.',
    concerns: ['cs.oom-kill-disabled'],
    effect: 'removes',
    recommended: true,
    inputs: [],
  },
  {
    id: 'bounded-restart',
    target: 'service',
    title: 'Bound the restart policy',
    why: 'An endless restart loop hides a crash and can be used to grind the host.',
    concerns: ['cs.restart.unbounded'],
    effect: 'adds',
    recommended: false,
    inputs: [
      {
        id: 'maxRestarts',
        title: 'Restarts at most',
        default: '5',
        validate: number(1, 1000, { en: 'a whole number', ja: '整数' }, true),
      },
    ],
  },
  {
    id: 'safe-sysctls',
    target: 'service',
    title: 'Remove unsafe sysctls',
    why: 'A sysctl that is not namespaced would change the host kernel, so the runtime refuses it: the service does not start.',
    concerns: ['cs.sysctls.unsafe'],
    effect: 'removes',
    recommended: true,
    inputs: [],
  },
  {
    id: 'pin-to-digest',
    target: 'service',
    title: 'Pin the image to its digest',
    why: 'A tag can be moved to other bytes; a digest cannot. Needs image facts (the registry says the digest).',
    concerns: ['cs.image.no-digest'],
    effect: 'adds',
    recommended: false,
    onImage: true,
    inputs: [],
  },
];

const STAGE_MEASURES: MeasureDefinition[] = [
  {
    id: 'non-root-user',
    target: 'stage',
    title: 'Run as a non-root user',
    why: 'Root in the container is root on the host once any isolation fails.',
    concerns: ['df.user.missing', 'df.user.root'],
    effect: 'adds',
    recommended: true,
    inputs: [userInput],
  },
  {
    id: 'non-root-base-image',
    target: 'stage',
    title: 'Use the non-root variant of the base image',
    why: 'An image built to run unprivileged needs no user of its own and keeps working that way.',
    concerns: ['df.base.root-image'],
    effect: 'adds',
    recommended: false,
    onImage: true,
    inputs: [],
  },
  {
    id: 'minimal-base-image',
    target: 'stage',
    title: 'Use a minimal base image',
    why: 'Fewer packages mean fewer vulnerabilities and fewer tools for an attacker.',
    concerns: ['df.base.not-minimal'],
    effect: 'adds',
    recommended: false,
    onImage: true,
    inputs: [],
  },
  {
    id: 'build-secrets',
    target: 'stage',
    title: 'Pass secrets as build secrets',
    why: 'ENV, ARG and copied credential files stay in the image layers and history for anyone who pulls it.',
    concerns: ['df.secret.env-arg', 'df.secret.copied'],
    effect: 'adds',
    recommended: true,
    inputs: [],
  },
  {
    id: 'verified-downloads',
    target: 'stage',
    title: 'Verify what is downloaded',
    why: 'An unverified download or curl | sh runs whatever the server (or a man in the middle) sends.',
    concerns: ['df.remote.add', 'df.remote.pipe-shell'],
    effect: 'adds',
    recommended: true,
    inputs: [
      {
        id: 'checksum',
        title: 'sha256 of the download',
        default: '',
        validate: (value, language = 'en') =>
          value.trim() === '' || /^(?:sha256:)?[0-9a-f]{64}$/i.test(value.trim())
            ? null
            : language === 'ja'
              ? 'sha256 ダイジェストを入力してください'
              : 'expected a sha256 digest',
      },
    ],
  },
  {
    id: 'tls-verification',
    target: 'stage',
    title: 'Keep TLS verification on',
    why: 'Without it any network in between can replace what the build downloads.',
    concerns: ['df.tls.verify-disabled'],
    effect: 'removes',
    recommended: true,
    inputs: [],
  },
  {
    id: 'package-signatures',
    target: 'stage',
    title: 'Keep package signature checks on',
    why: 'Unsigned packages can be swapped on the mirror or on the way.',
    concerns: ['df.pkg.signature-disabled'],
    effect: 'removes',
    recommended: true,
    inputs: [],
  },
  {
    id: 'no-privilege-tools',
    target: 'stage',
    title: 'No sudo, su or setuid in the image',
    why: 'They let a compromised process become root again.',
    concerns: ['df.run.privilege-tools'],
    effect: 'removes',
    recommended: true,
    inputs: [],
  },
  {
    id: 'no-sensitive-ports',
    target: 'stage',
    title: 'Do not expose administration ports',
    why: 'SSH, database and Docker API ports invite attacks the application does not need.',
    concerns: ['df.expose.sensitive'],
    effect: 'removes',
    recommended: false,
    inputs: [],
  },
  {
    id: 'healthcheck',
    target: 'stage',
    title: 'Add a HEALTHCHECK',
    why: 'Without one, a hung service looks healthy: nothing waits for it to be ready, and no orchestrator replaces it.',
    concerns: ['df.healthcheck.missing'],
    effect: 'adds',
    recommended: true,
    inputs: [healthcheckInput],
  },
  {
    id: 'package-hygiene',
    target: 'stage',
    title: 'Install only what is needed and clean up',
    why: 'Recommended packages and package caches enlarge the image and its attack surface.',
    concerns: ['df.packages.unhygienic'],
    effect: 'adds',
    recommended: true,
    inputs: [],
  },
  {
    id: 'pin-to-digest',
    target: 'stage',
    title: 'Pin the base image to its digest',
    why: 'A tag can be moved to other bytes; a digest cannot. Needs image facts (the registry says the digest).',
    concerns: ['df.base.no-digest'],
    effect: 'adds',
    recommended: false,
    onImage: true,
    inputs: [],
  },
];

export const MEASURES: readonly MeasureDefinition[] = [...SERVICE_MEASURES, ...STAGE_MEASURES];

export function measuresFor(target: MeasureTarget): readonly MeasureDefinition[] {
  return target === 'service' ? SERVICE_MEASURES : STAGE_MEASURES;
}

/**
 * A measure of a target: for a service, also one of the Dockerfile it builds
 * (`dockerfile:non-root-user`), which is that stage measure's definition.
 */
export function measure(target: MeasureTarget, id: string): MeasureDefinition | undefined {
  const stageId = target === 'service' ? builtDockerfileMeasure(id) : null;
  if (stageId !== null) return BUILT_DOCKERFILE_MEASURES.includes(stageId) ? measure('stage', stageId) : undefined;
  return measuresFor(target).find((m) => m.id === id);
}

/**
 * The stage measures a Compose service that builds a Dockerfile is also
 * offered, as edits of that file's final stage: who the image runs as, how
 * its build reads secrets, and how Docker tells it is healthy — what a
 * `user:`, `secrets:` or `healthcheck:` in the Compose file would otherwise
 * have to make up for. Their ids in the service's plan are these with the
 * `dockerfile:` prefix.
 */
export const BUILT_DOCKERFILE_MEASURES: readonly string[] = ['non-root-user', 'build-secrets', 'healthcheck'];

const BUILT_DOCKERFILE_PREFIX = 'dockerfile:';

/** `dockerfile:<id>`: the id, in a service's plan, of a measure of the Dockerfile it builds. */
export function builtDockerfileMeasureId(stageMeasureId: string): string {
  return `${BUILT_DOCKERFILE_PREFIX}${stageMeasureId}`;
}

/** The stage measure's id when `id` names one of the built Dockerfile's measures (`dockerfile:<id>`), else null. */
export function builtDockerfileMeasure(id: string): string | null {
  return id.startsWith(BUILT_DOCKERFILE_PREFIX) ? id.slice(BUILT_DOCKERFILE_PREFIX.length) : null;
}
