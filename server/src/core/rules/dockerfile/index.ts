/** Every Dockerfile rule, in the order the documentation lists them. */
import type { DockerfileRule } from '../rule';
import { addInsteadOfCopy } from './add-instead-of-copy';
import { baseImageWithoutDigest } from './base-image-without-digest';
import { inlineSecret } from './inline-secret';
import { missingHealthcheck } from './missing-healthcheck';
import { missingUser } from './missing-user';
import { nonMinimalBaseImage } from './non-minimal-base-image';
import { packageInstallHygiene } from './package-install-hygiene';
import { packageSignatureCheckDisabled } from './package-signature-check-disabled';
import { pipeToShell } from './pipe-to-shell';
import { privilegeEscalationTools } from './privilege-escalation-tools';
import { rootBaseImage } from './root-base-image';
import { rootUser } from './root-user';
import { secretFileCopied } from './secret-file-copied';
import { secretInEnvArg } from './secret-in-env-arg';
import { sensitivePortExposed } from './sensitive-port-exposed';
import { tlsVerificationDisabled } from './tls-verification-disabled';
import { unpinnedBaseImage } from './unpinned-base-image';

export const DOCKERFILE_RULES: readonly DockerfileRule[] = [
  missingUser,
  rootUser,
  rootBaseImage,
  unpinnedBaseImage,
  baseImageWithoutDigest,
  nonMinimalBaseImage,
  secretInEnvArg,
  secretFileCopied,
  inlineSecret,
  addInsteadOfCopy,
  pipeToShell,
  tlsVerificationDisabled,
  packageSignatureCheckDisabled,
  privilegeEscalationTools,
  sensitivePortExposed,
  missingHealthcheck,
  packageInstallHygiene,
];
