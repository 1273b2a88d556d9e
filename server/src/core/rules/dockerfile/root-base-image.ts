/**
 * root-base-image — the final image is built on an image that runs as root
 * by default and the Dockerfile never switches user; hardened variants exist.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { lineageHas, rootBase } from '../../dockerfile/model';
import type { DockerfileRule } from '../rule';
import { stageSubject } from './helpers';
import { wholeReferenceRange } from './base-image-range';
import { addUserFix } from './missing-user';

export const rootBaseImage: DockerfileRule = {
  meta: {
    id: 'root-base-image',
    concern: concern('df.base.root-image').id,
    severity: 'info',
    title: 'The final base image runs as root by default',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n',
      good: 'FROM gcr.io/distroless/python3-debian12:nonroot\nCOPY app.py /app/\nCMD ["/app/app.py"]\n',
    },
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage || stage.implicit) return;
    const { base } = rootBase(stage);
    const facts = base?.facts;
    if (!base || !base.image || !facts || facts.defaultUser !== 'root') return;
    if (lineageHas(model, 'USER')) return;
    const alternatives = facts.hardenedAlternatives.length
      ? ` Non-root or hardened alternatives: ${facts.hardenedAlternatives.join(', ')}.`
      : '';
    const fixes = facts.builtInUser ? [addUserFix(model, stage, facts.builtInUser)] : [];
    const builtIn = facts.builtInUser ? ` It already has the unprivileged user "${facts.builtInUser}".` : '';
    report(
      wholeReferenceRange(model, base),
      `${quote(base.image.text)} runs as root by default.${builtIn}${alternatives}`,
      { subject: stageSubject(model, stage), fixes },
    );
  },
};
