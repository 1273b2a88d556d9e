/** Every Compose rule, in the order the documentation lists them. */
import type { ComposeRule } from '../rule';
import { capabilitiesNotDropped } from './capabilities-not-dropped';
import { dangerousCapability } from './dangerous-capability';
import { dockerSocket } from './docker-socket';
import { hostDevices } from './host-devices';
import { hostNamespace } from './host-namespace';
import { imageWithoutDigest } from './image-without-digest';
import { macUnconfined } from './mac-unconfined';
import { missingHealthcheckCompose } from './missing-healthcheck';
import { noCpuLimit } from './no-cpu-limit';
import { noMemoryLimit } from './no-memory-limit';
import { noNewPrivileges } from './no-new-privileges';
import { noPidsLimit } from './no-pids-limit';
import { oomKillDisabled } from './oom-kill-disabled';
import { portAllInterfaces } from './port-all-interfaces';
import { privileged } from './privileged';
import { rootUserCompose } from './root-user';
import { seccompUnconfined } from './seccomp-unconfined';
import { secretInEnvironment } from './secret-in-environment';
import { sensitiveHostPathRule } from './sensitive-host-path';
import { sensitivePort } from './sensitive-port';
import { sharedMountPropagation } from './shared-mount-propagation';
import { unboundedRestart } from './unbounded-restart';
import { unencryptedOverlay } from './unencrypted-overlay';
import { unpinnedImage } from './unpinned-image';
import { unsafeSysctl } from './unsafe-sysctl';
import { writableRootFilesystem } from './writable-root-filesystem';

export const COMPOSE_RULES: readonly ComposeRule[] = [
  privileged,
  dangerousCapability,
  capabilitiesNotDropped,
  seccompUnconfined,
  macUnconfined,
  noNewPrivileges,
  writableRootFilesystem,
  noMemoryLimit,
  noCpuLimit,
  noPidsLimit,
  hostNamespace,
  dockerSocket,
  sensitiveHostPathRule,
  sharedMountPropagation,
  hostDevices,
  secretInEnvironment,
  rootUserCompose,
  unpinnedImage,
  imageWithoutDigest,
  portAllInterfaces,
  sensitivePort,
  unencryptedOverlay,
  missingHealthcheckCompose,
  oomKillDisabled,
  unboundedRestart,
  unsafeSysctl,
];
