/**
 * root-user — the last USER of the final image is root (root, 0, root:root, 0:0).
 * USER root in a builder stage, or followed by a switch back, is fine.
 */
import type { From } from 'dockerfile-ast';
import { concern } from '../../concerns';
import { quote, quoteAs } from '../../knowledge/secrets';
import { isRootUser, userSettings } from '../../dockerfile/users';
import type { Fix } from '../../types';
import type { DockerfileRule } from '../rule';
import { rangeInInstruction, replaceEdit, stageSubject } from './helpers';
import { suggestedUser } from './missing-user';

export const rootUser: DockerfileRule = {
  meta: {
    id: 'root-user',
    concern: concern('df.user.root').id,
    severity: 'warning',
    title: 'The final image runs as root',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM debian:bookworm-slim\nRUN useradd -r app\nUSER root\nCMD ["/app/run"]\n',
      good: 'FROM debian:bookworm-slim\nRUN useradd -r app\nUSER app\nCMD ["/app/run"]\n',
    },
  },
  check({ model, report, options }) {
    const stage = model.finalStage;
    if (!stage) return;
    const settings = userSettings(model, stage);
    const last = settings[settings.length - 1];
    if (!last || last.resolved === null || !isRootUser(last.resolved)) return;
    // An earlier user that reads as a secret is not copied: a fix never writes a credential to a new place.
    const earlierNonRoot = [...settings]
      .reverse()
      .find((s) => s.resolved !== null && !isRootUser(s.resolved) && quote(s.written) === s.written);
    const replacement = earlierNonRoot?.written ?? suggestedUser(stage, options);
    const fixes: Fix[] = [
      {
        title: `Run as "${quote(replacement)}" instead of root`,
        edits: [replaceEdit(model, last.instruction, last.valueStart, last.valueEnd, replacement)],
        preferred: true,
      },
    ];
    const inherited =
      last.stage !== stage
        ? ` (inherited from stage "${last.stage.name === null ? last.stage.index : quoteAs(last.stage.name, (last.stage.from.node as From).getBuildStage() ?? '')}")`
        : '';
    report(
      rangeInInstruction(model, last.instruction, last.valueStart, last.valueEnd),
      `The last USER of the final image is "${quote(last.written)}"${inherited}: the container runs as root. Switch to an unprivileged user after the steps that need root.`,
      { subject: stageSubject(model, stage), fixes },
    );
  },
};
