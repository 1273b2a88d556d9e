/**
 * The fix that makes the final image run as an unprivileged user, shared by
 * missing-user, root-user and root-base-image: which user (one the
 * Dockerfile creates, one the image has, else one created the way the base
 * image's family does it) and where its USER goes (after the last step that
 * may need root, so the build keeps working).
 */
import { commandsOf } from '../../dockerfile/commands';
import { insertInstruction } from '../../dockerfile/dockerfile-edits';
import {
  finalLineage,
  rootBase,
  type DockerInstruction,
  type DockerfileModel,
  type Stage,
} from '../../dockerfile/model';
import { programArguments, programName } from '../../dockerfile/shell';
import { osFamilyOf, userCreation } from '../../knowledge/user-creation';
import type { Fix, TextEdit } from '../../types';
import { DEFAULT_RULE_OPTIONS, type RuleOptions } from '../options';
import { fixOf, type FixTitle, type ParamsOf, type TranslatedTable } from '../rule';
import { wholeReferenceRange } from './base-image-range';
import { resolvedInStage } from './helpers';
import { variantDiffersJa } from '../../knowledge/japanese-phrases';

/** Fix titles for the user fixes, in the tables of every rule that offers them. */
export const userFixTitles = {
  /** `user`: what USER is set to. */
  addUser: (p: { user: string }) => `Add "USER ${p.user}" after the last step that needs root`,
  /** `tool`: the commands that create it (`groupadd/useradd`), as the base image's family does. */
  createUser: (p: { name: string; user: string; uid: string; tool: string }) =>
    `Create the user "${p.name}" (UID ${p.uid}, with ${p.tool}) and add "USER ${p.user}" ` +
    'after the last step that needs root',
  /** `image`: the non-root build of the same software; `runsStayRoot`: the fix keeps the RUN steps as root. */
  useVariant: (p: { image: string; user: string; differs: string | null; runsStayRoot: boolean }) =>
    `Use ${p.image} (runs as ${p.user}${p.differs !== null ? `; ${p.differs}` : ''}` +
    `${p.runsStayRoot ? '; USER root kept around the RUN steps' : ''})`,
};

/** `userFixTitles` in Japanese. */
export const userFixTitlesJa: TranslatedTable<typeof userFixTitles> = {
  addUser: (p) => `root が必要な最後の手順の後に "USER ${p.user}" を追加`,
  createUser: (p) =>
    `ユーザー "${p.name}" を作成し(UID ${p.uid}、${p.tool} を使用)、root が必要な最後の手順の後に ` +
    `"USER ${p.user}" を追加`,
  useVariant: (p) =>
    `${p.image} を使う(${p.user} として動作${p.differs !== null ? `。${variantDiffersJa(p.differs)}` : ''}` +
    `${p.runsStayRoot ? '。RUN の手順の前後では USER root を維持' : ''})`,
};

/** The fix-title maker of a rule whose table has the user fix titles. */
type UserFixTitle = <Id extends keyof typeof userFixTitles & string>(
  id: Id,
  params: ParamsOf<(typeof userFixTitles)[Id]>,
) => FixTitle;

/** The fix switching the final stage to `choice`; null when the USER cannot be added. */
export function userFix(
  model: DockerfileModel,
  stage: Stage,
  choice: UserChoice,
  fixTitle: UserFixTitle,
  preferred = true,
): Fix | null {
  const edits = userEdits(model, stage, choice);
  if (!edits) return null;
  const title = choice.creation
    ? fixTitle('createUser', {
        name: choice.name ?? choice.user,
        user: choice.user,
        uid: choice.uid,
        tool: choice.tool,
      })
    : fixTitle('addUser', { user: choice.user });
  return fixOf(title, edits, preferred);
}

/**
 * The fix replacing the final stage's base image by its non-root build (see
 * NonRootVariant), with `USER root` before its RUN steps and the variant's
 * user after them, so they keep running as they did; null when the image
 * has none or is not written literally in the final stage's FROM.
 */
export function nonRootVariantFix(model: DockerfileModel, stage: Stage, fixTitle: UserFixTitle): Fix | null {
  const base = stage.base;
  const variant = base?.facts?.nonRootVariant;
  if (!base || !variant || !base.literal) return null;
  const edits: TextEdit[] = [{ range: wholeReferenceRange(model, base), newText: variant.image }];
  const runs = stage.instructions.filter((i) => i.keyword === 'RUN');
  if (runs.length > 0) {
    const before = insertInstruction(model, runs[0], 'USER root', 'before');
    const after = userEdits(model, stage, { user: variant.user, creation: null, uid: '', tool: '' });
    if (!before || !after) return null;
    edits.push(...before, ...after);
  }
  const params = { image: variant.image, user: variant.user, differs: variant.differs, runsStayRoot: runs.length > 0 };
  return fixOf(fixTitle('useVariant', params), edits, true);
}

/** The user to switch to, and the command that creates it first when the image does not have it. */
export interface UserChoice {
  /** What USER is set to. */
  user: string;
  /** The RUN command creating the user, or null when it exists (or is numeric). */
  creation: string | null;
  /** The uid a created user gets. */
  uid: string;
  /** The commands `creation` uses, for the title. */
  tool: string;
  /** The created user's name. */
  name?: string;
}

/** Options of useradd/adduser (shadow, Debian adduser, BusyBox) whose value is the next word. */
const VALUE_OPTIONS = new Set([
  ...['-u', '-g', '-G', '-d', '-s', '-c', '-k', '-e', '-f', '-K', '-p', '-R', '-P', '-Z', '-b', '-h'],
  ...['--uid', '--gid', '--groups', '--home-dir', '--home', '--shell', '--comment', '--gecos', '--skel'],
  ...['--expiredate', '--inactive', '--key', '--password', '--root', '--prefix', '--base-dir', '--ingroup'],
  ...['--firstuid', '--lastuid', '--conf', '--selinux-user'],
]);

/** Users the final image's stages create with useradd or adduser, in document order. */
export function createdUsers(model: DockerfileModel): string[] {
  const users: string[] = [];
  for (const stage of finalLineage(model).reverse())
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      for (const command of commandsOf(instruction)) {
        if (!['useradd', 'adduser'].includes(programName(command))) continue;
        const args = programArguments(command);
        const operand = args.find((w, i) => !w.value.startsWith('-') && !VALUE_OPTIONS.has(args[i - 1]?.value ?? ''));
        const name = operand && resolvedInStage(model, stage, instruction, operand.value);
        if (name && /^[a-z_][a-z0-9_.-]*$/i.test(name)) users.push(name);
      }
    }
  return users;
}

/**
 * The user a fix switches the final stage to: the last one the Dockerfile
 * creates, else the image's own, else a new one made from
 * `options.suggestedUser` (`name` or `uid:gid`; a numeric user gets the name
 * `app`), created with the family's tools or, where there are none
 * (scratch, distroless, unknown images), used by number.
 */
export function chooseUser(model: DockerfileModel, stage: Stage, options: RuleOptions): UserChoice {
  const created = createdUsers(model);
  const none = { creation: null, uid: '', tool: '' };
  if (created.length > 0) return { user: created[created.length - 1], ...none };
  const { base, isScratch } = rootBase(stage);
  const builtIn = base?.facts?.builtInUser;
  if (builtIn) return { user: builtIn, ...none };
  const [wanted] = options.suggestedUser.split(':');
  const fallbackUid = DEFAULT_RULE_OPTIONS.suggestedUser.split(':')[0];
  const numeric = /^\d+$/.test(wanted);
  const uid = numeric ? wanted : fallbackUid;
  const family = isScratch ? 'numeric-only' : osFamilyOf(base?.image ?? null);
  const creation = userCreation(family, numeric ? 'app' : wanted, Number(uid));
  if (creation.command === null)
    return { user: numeric ? options.suggestedUser : `${uid}:${uid}`, creation: null, uid, tool: '' };
  const tool = creation.command.startsWith('groupadd') ? 'groupadd/useradd' : 'addgroup/adduser';
  return { user: creation.user, creation: creation.command, uid, tool, name: numeric ? 'app' : wanted };
}

/**
 * The edits adding `USER` (and the RUN creating the user first) to the final
 * stage after the last RUN or USER, which may need root — package
 * installs, chown, writes under /etc, the user's creation — and before the
 * CMD/ENTRYPOINT after it; null when nothing can be added there (an
 * unterminated heredoc or `\`).
 */
export function userEdits(model: DockerfileModel, stage: Stage, choice: UserChoice): TextEdit[] | null {
  const lines = [...(choice.creation ? [`RUN ${choice.creation}`] : []), `USER ${choice.user}`];
  const text = lines.join('\n');
  const instructions = stage.instructions;
  let lastRootStep = -1;
  instructions.forEach((instruction, index) => {
    if (instruction.keyword === 'RUN' || instruction.keyword === 'USER') lastRootStep = index;
  });
  const start: DockerInstruction | undefined = instructions
    .slice(lastRootStep + 1)
    .find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  if (start) return insertInstruction(model, start, text, 'before');
  const after =
    lastRootStep === -1 ? (instructions[instructions.length - 1] ?? stage.from) : instructions[lastRootStep];
  return insertInstruction(model, after, text, 'after');
}
