/**
 * root-base-image — the final image is built on an image that runs as root
 * by default and the Dockerfile never switches user; hardened variants exist.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { lineageHas, rootBase } from '../../dockerfile/model';
import { dockerfileRule } from '../rule';
import { stageSubject } from './helpers';
import { wholeReferenceRange } from './base-image-range';
import { addUserFix, addUserTitle } from './missing-user';

export const rootBaseImage = dockerfileRule({
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
  messages: {
    /** `alternatives`: non-root or hardened images to use instead, from the base-image knowledge. */
    rootByDefault: (p: { image: string; builtInUser: string | null; alternatives: readonly string[] }) =>
      `${p.image} runs as root by default.` +
      `${p.builtInUser !== null ? ` It already has the unprivileged user "${p.builtInUser}".` : ''}` +
      `${p.alternatives.length ? ` Non-root or hardened alternatives: ${p.alternatives.join(', ')}.` : ''}`,
  },
  fixTitles: {
    addUser: addUserTitle,
  },
  check({ model, report, fixTitle }) {
    const stage = model.finalStage;
    if (!stage || stage.implicit) return;
    const { base } = rootBase(stage);
    const facts = base?.facts;
    if (!base || !base.image || !facts || facts.defaultUser !== 'root') return;
    if (lineageHas(model, 'USER')) return;
    const user = facts.builtInUser;
    const fixes = user ? [addUserFix(model, stage, user, fixTitle('addUser', { user }))] : [];
    report(
      wholeReferenceRange(model, base),
      'rootByDefault',
      { image: quote(base.image.text), builtInUser: user || null, alternatives: facts.hardenedAlternatives },
      { subject: stageSubject(model, stage), fixes },
    );
  },
});
