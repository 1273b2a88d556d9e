/**
 * compose-root-user — the service runs as root: `user: root`/`0`, or no
 * `user:` and its image runs as root by default, or it builds a Dockerfile
 * whose final stage runs as root (reported at `build:`, naming the file).
 */
import { isScalar } from 'yaml';
import { concern } from '../../concerns';
import type { BuiltDockerfile } from '../../compose/model';
import { isAbsolutePath } from '../../compose/paths';
import { setKey } from '../../compose/yaml-edits';
import { quote } from '../../knowledge/secrets';
import { parseImageReference } from '../../dockerfile/image-reference';
import { lineageHas, rootBase } from '../../dockerfile/model';
import { isRootUser, userSettings } from '../../dockerfile/users';
import { describeBaseImage, repositoryUserFacts } from '../../knowledge/base-images';
import { defaultUserOf } from '../../image-facts';
import { rootImageFacts, serviceImageFacts } from '../image-queries';
import type { Fix } from '../../types';
import { chooseUser, userEdits, type UserChoice } from '../dockerfile/user-fix';
import { composeRule, type FixTitle } from '../rule';
import {
  anchorNote,
  anchorNoteText,
  type AnchorNote,
  namedAnchorUsers,
  serviceSubject,
  setting,
  anchorNoteTextJa,
} from './helpers';
import { anchorChangeText, editFix, ownerOf, anchorChangeTextJa } from './fixes';

/**
 * The fix that adds USER to the Dockerfile a service builds: an edit of
 * that file (so fix-all, one file at a time, leaves it to the editor).
 * None for an inline Dockerfile, which has no file of its own.
 */
function dockerfileUserFix(built: BuiltDockerfile, choice: UserChoice, title: FixTitle): Fix[] {
  const stage = built.model.finalStage;
  if (!stage || !isAbsolutePath(built.path)) return [];
  const edits = userEdits(built.model, stage, choice);
  if (!edits) return [];
  return [{ title: title.text, titleRef: title.ref, edits: [], otherFiles: [{ path: built.path, edits }] }];
}

export const rootUserCompose = composeRule({
  meta: {
    id: 'compose-root-user',
    concern: concern('cs.user.root').id,
    severity: 'warning',
    kind: 'compose',
    title: 'The service runs as root',
    examples: {
      bad: 'services:\n  app:\n    image: node:20-slim\n',
      good: 'services:\n  app:\n    image: node:20-slim\n    user: node\n',
    },
  },
  messages: {
    root: (p: { service: string; user: string; anchor: AnchorNote | null }) =>
      `Service "${p.service}" runs as ${p.user}${anchorNoteText(p.anchor)}: ` +
      'a process that escapes the container is root on the host side too. Use an unprivileged user.',
    /** `user`: the final stage's last USER as written; null when it has none. */
    builtAsRoot: (p: { service: string; dockerfile: string; user: string | null }) =>
      `Service "${p.service}" builds ${p.dockerfile}, whose final stage runs as root` +
      `${p.user !== null ? ` (USER ${p.user})` : ' (no USER)'}, and sets no user:. ` +
      'Add a USER to the Dockerfile or user: to the service.',
    /** `builtInUser`: the unprivileged user the image has, if it has one. */
    imageRunsAsRoot: (p: { service: string; image: string; builtInUser: string | null }) =>
      `Service "${p.service}" sets no user: and ${p.image} runs as root by default.` +
      `${p.builtInUser !== null ? ` The image has the unprivileged user "${p.builtInUser}".` : ''}`,
  },
  fixTitles: {
    runAs: (p: { user: string; anchor: AnchorNote | null }) => `Run as ${p.user}${anchorChangeText(p.anchor)}`,
    addUser: (p: { user: string }) => `Add user: "${p.user}"`,
    /** `dockerfile`: the path of the Dockerfile the service builds. */
    addDockerfileUser: (p: { user: string; dockerfile: string }) =>
      `Add "USER ${p.user}" to the final stage of ${p.dockerfile}`,
  },
  ja: {
    messages: {
      root: (p) =>
        `サービス "${p.service}" は ${p.user} で動いています${anchorNoteTextJa(p.anchor)}。` +
        'コンテナから抜け出したプロセスはホスト側でも root です。特権のないユーザーを使ってください。',
      builtAsRoot: (p) =>
        `サービス "${p.service}" がビルドする ${p.dockerfile} の最終ステージは root で動き` +
        `${p.user !== null ? `(USER ${p.user})` : '(USER なし)'}、サービスにも user: がありません。` +
        'Dockerfile に USER を、またはサービスに user: を追加してください。',
      imageRunsAsRoot: (p) =>
        `サービス "${p.service}" には user: がなく、${p.image} は既定で root として動きます。` +
        `${p.builtInUser !== null ? `このイメージには特権のないユーザー "${p.builtInUser}" があります。` : ''}`,
    },
    fixTitles: {
      runAs: (p) => `${p.user} で実行${anchorChangeTextJa(p.anchor)}`,
      addUser: (p) => `user: "${p.user}" を追加`,
      addDockerfileUser: (p) => `${p.dockerfile} の最終ステージに "USER ${p.user}" を追加`,
    },
  },
  check({ model, report, options, fixTitle, images }) {
    for (const service of model.services) {
      const user = setting(model, service, 'user');
      if (user) {
        if (!user.unknown && user.text !== null && isRootUser(user.text)) {
          const owner = ownerOf(model, service, 'user');
          const image = setting(model, service, 'image');
          const reference = image?.text && !image.unknown ? parseImageReference(image.text) : null;
          const runAs = (reference ? describeBaseImage(reference).builtInUser : undefined) ?? options.suggestedUser;
          report(
            user.range,
            'root',
            { service: quote(service.name), user: quote(user.text), anchor: anchorNote(model, user.entry) },
            {
              subject: serviceSubject(service),
              namedServices: namedAnchorUsers(model, user.entry),
              fixes: owner
                ? editFix(model, fixTitle('runAs', { user: quote(runAs), anchor: owner.anchor }), [
                    setKey(model, owner.map, 'user', runAs),
                  ])
                : [],
            },
          );
        }
        continue;
      }
      const build = service.entries.get('build');
      if (build) {
        const built = model.builtDockerfile(service);
        if (!built?.model.finalStage) continue;
        const settings = userSettings(built.model, built.model.finalStage);
        const last = settings[settings.length - 1];
        const { base } = rootBase(built.model.finalStage);
        const root = last
          ? last.resolved !== null && isRootUser(last.resolved)
          : !lineageHas(built.model, 'USER') &&
            (defaultUserOf(base?.facts, rootImageFacts(images, built.model.finalStage)) === 'root' ||
              built.model.finalStage.isScratch);
        if (!root) continue;
        const choice = chooseUser(built.model, built.model.finalStage, options);
        const runAs = choice.user;
        // A user the Dockerfile's fix would create exists only once that fix is made: named in user: alone, the
        // container would not start ("unable to find user app"). By number it runs either way (no passwd entry
        // needed), as the same uid and gid the Dockerfile's fix creates.
        const serviceUser = choice.creation !== null ? `${choice.uid}:${choice.uid}` : runAs;
        const own = ownerOf(model, service, 'user');
        const fixes = [
          ...(own
            ? editFix(model, fixTitle('addUser', { user: quote(serviceUser) }), [
                setKey(model, own.map, 'user', serviceUser),
              ])
            : []),
          ...dockerfileUserFix(
            built,
            choice,
            fixTitle('addDockerfileUser', { user: quote(runAs), dockerfile: quote(built.shownPath) }),
          ),
        ];
        report(
          build.keyRange,
          'builtAsRoot',
          { service: quote(service.name), dockerfile: quote(built.shownPath), user: last ? quote(last.written) : null },
          {
            subject: serviceSubject(service),
            relatedFile: built.path,
            // The USER that sets root, else the final FROM whose image runs as root.
            relatedRange: (last?.instruction ?? built.model.finalStage.from).range,
            fixes,
          },
        );
        continue;
      }
      const image = setting(model, service, 'image');
      if (!image?.text) continue;
      // `postgres:${POSTGRES_TAG}`: the tag is unknown, the family (and the user it starts as) is not.
      const written = isScalar(image.node) ? String(image.node.value) : image.text;
      const reference = image.unknown ? null : parseImageReference(image.text);
      const facts = reference ? describeBaseImage(reference) : image.unknown ? repositoryUserFacts(written) : null;
      // The registry's config, when asked: an image without User runs as root even when the table does not know it.
      if (defaultUserOf(facts, serviceImageFacts(images, model, service)) !== 'root') continue;
      const suggested = facts?.builtInUser ?? options.suggestedUser;
      const own = ownerOf(model, service, 'user');
      report(
        service.keyRange,
        'imageRunsAsRoot',
        { service: quote(service.name), image: quote(written), builtInUser: facts?.builtInUser ?? null },
        {
          subject: serviceSubject(service),
          // nginx under a user of its own cannot write its pid file and caches: a user: alone would stop it
          // starting (its non-root image, which changes the port, is the Dockerfile rule's fix).
          fixes:
            own && !(reference && describeBaseImage(reference).userAloneBreaks)
              ? editFix(model, fixTitle('addUser', { user: quote(suggested) }), [
                  setKey(model, own.map, 'user', suggested),
                ])
              : [],
        },
      );
    }
  },
});
