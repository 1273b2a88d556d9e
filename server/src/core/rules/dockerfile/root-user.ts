/**
 * root-user — the last USER of the final image is root (root, 0, root:root, 0:0).
 * USER root in a builder stage, or followed by a switch back, is fine.
 */
import type { From } from 'dockerfile-ast';
import { concern } from '../../concerns';
import { quote, quoteAs } from '../../knowledge/secrets';
import { isRootUser, userSettings } from '../../dockerfile/users';
import type { Fix } from '../../types';
import { dockerfileRule, fixOf } from '../rule';
import { rangeInInstruction, replaceEdit, stageSubject } from './helpers';
import { chooseUser, userFix, userFixTitles, type UserChoice, userFixTitlesJa } from './user-fix';

export const rootUser = dockerfileRule({
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
  messages: {
    /** `inheritedFrom`: the stage (name or index) the USER is written in, when it is not the final stage. */
    lastUserRoot: (p: { user: string; inheritedFrom: string | null }) =>
      `The last USER of the final image is "${p.user}"` +
      `${p.inheritedFrom !== null ? ` (inherited from stage "${p.inheritedFrom}")` : ''}: ` +
      'the container runs as root. ' +
      'Switch to an unprivileged user after the steps that need root.',
  },
  fixTitles: {
    runAs: (p: { user: string }) => `Run as "${p.user}" instead of root`,
    ...userFixTitles,
  },
  ja: {
    messages: {
      lastUserRoot: (p) =>
        `最終イメージの最後の USER は "${p.user}" です` +
        `${p.inheritedFrom !== null ? `(ステージ "${p.inheritedFrom}" から継承)` : ''}。` +
        'コンテナは root で動きます。root が必要な手順の後で特権のないユーザーに切り替えてください。',
    },
    fixTitles: {
      runAs: (p) => `root ではなく "${p.user}" で実行`,
      ...userFixTitlesJa,
    },
  },
  check({ model, report, options, fixTitle }) {
    const stage = model.finalStage;
    if (!stage) return;
    const settings = userSettings(model, stage);
    const last = settings[settings.length - 1];
    if (!last || last.resolved === null || !isRootUser(last.resolved)) return;
    // An earlier user that reads as a secret is not copied: a fix never writes a credential to a new place.
    const earlierNonRoot = [...settings]
      .reverse()
      .find((s) => s.resolved !== null && !isRootUser(s.resolved) && quote(s.written) === s.written);
    const choice: UserChoice = earlierNonRoot
      ? { user: earlierNonRoot.written, creation: null, uid: '', tool: '' }
      : chooseUser(model, stage, options);
    // Root is still needed when a RUN comes after this USER: the fix then adds the user after that RUN instead.
    const rootNeededAfter =
      last.stage !== stage ||
      stage.instructions.some((i) => i.keyword === 'RUN' && i.startOffset > last.instruction.startOffset);
    const fixes: Fix[] = [];
    if (!rootNeededAfter && choice.creation === null)
      fixes.push(
        fixOf(
          fixTitle('runAs', { user: quote(choice.user) }),
          [replaceEdit(model, last.instruction, last.valueStart, last.valueEnd, choice.user)],
          true,
        ),
      );
    else {
      const added = userFix(model, stage, choice, fixTitle);
      if (added) fixes.push(added);
    }
    const from = last.stage;
    const inheritedFrom =
      from === stage
        ? null
        : from.name === null
          ? String(from.index)
          : quoteAs(from.name, (from.from.node as From).getBuildStage() ?? '');
    report(
      rangeInInstruction(model, last.instruction, last.valueStart, last.valueEnd),
      'lastUserRoot',
      { user: quote(last.written), inheritedFrom },
      { subject: stageSubject(model, stage), fixes },
    );
  },
});
