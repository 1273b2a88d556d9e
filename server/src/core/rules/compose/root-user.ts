/**
 * compose-root-user — the service runs as root: `user: root`/`0`, or no
 * `user:` and its image runs as root by default, or it builds a Dockerfile
 * whose final stage runs as root (reported at `build:`, naming the file).
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { parseImageReference } from '../../dockerfile/image-reference';
import { lineageHas, rootBase } from '../../dockerfile/model';
import { isRootUser, userSettings } from '../../dockerfile/users';
import { describeBaseImage } from '../../knowledge/base-images';
import { composeRule } from '../rule';
import {
  addServiceKeys,
  anchorNote,
  anchorNoteText,
  type AnchorNote,
  namedAnchorUsers,
  quickFix,
  replaceScalar,
  serviceSubject,
  setting,
} from './helpers';

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
    runAs: (p: { user: string }) => `Run as ${p.user}`,
    addUser: (p: { user: string }) => `Add user: "${p.user}"`,
  },
  check({ model, report, options, fixTitle }) {
    for (const service of model.services) {
      const user = setting(model, service, 'user');
      if (user) {
        if (!user.unknown && user.text !== null && isRootUser(user.text)) {
          report(
            user.range,
            'root',
            { service: quote(service.name), user: quote(user.text), anchor: anchorNote(model, user.entry) },
            {
              subject: serviceSubject(service),
              namedServices: namedAnchorUsers(model, user.entry),
              fixes: quickFix(fixTitle('runAs', { user: options.suggestedUser }), [
                replaceScalar(model, user.range, options.suggestedUser),
              ]),
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
            (base?.facts?.defaultUser === 'root' || built.model.finalStage.isScratch);
        if (root)
          report(
            build.keyRange,
            'builtAsRoot',
            { service: quote(service.name), dockerfile: quote(built.path), user: last ? quote(last.written) : null },
            { subject: serviceSubject(service), relatedFile: built.path },
          );
        continue;
      }
      const image = setting(model, service, 'image');
      if (!image?.text || image.unknown) continue;
      const reference = parseImageReference(image.text);
      const facts = reference ? describeBaseImage(reference) : null;
      if (facts?.defaultUser !== 'root') continue;
      const suggested = facts.builtInUser ?? options.suggestedUser;
      const add = addServiceKeys(model, service, [`user: "${suggested}"`]);
      report(
        service.keyRange,
        'imageRunsAsRoot',
        { service: quote(service.name), image: quote(image.text), builtInUser: facts.builtInUser ?? null },
        { subject: serviceSubject(service), fixes: quickFix(fixTitle('addUser', { user: suggested }), [add]) },
      );
    }
  },
});
