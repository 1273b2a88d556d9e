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
import type { ComposeRule } from '../rule';
import {
  addServiceKeys,
  anchorNote,
  namedAnchorUsers,
  quickFix,
  replaceScalar,
  serviceSubject,
  setting,
} from './helpers';

export const rootUserCompose: ComposeRule = {
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
  check({ model, report, options }) {
    for (const service of model.services) {
      const user = setting(model, service, 'user');
      if (user) {
        if (!user.unknown && user.text !== null && isRootUser(user.text)) {
          report(
            user.range,
            `Service "${quote(service.name)}" runs as ${quote(user.text)}${anchorNote(model, user.entry)}: a process that escapes the container is root on the host side too. Use an unprivileged user.`,
            {
              subject: serviceSubject(service),
              namedServices: namedAnchorUsers(model, user.entry),
              fixes: quickFix(`Run as ${options.suggestedUser}`, [
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
            `Service "${quote(service.name)}" builds ${quote(built.path)}, whose final stage runs as root${last ? ` (USER ${quote(last.written)})` : ' (no USER)'}, and sets no user:. Add a USER to the Dockerfile or user: to the service.`,
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
        `Service "${quote(service.name)}" sets no user: and ${quote(image.text)} runs as root by default.${facts.builtInUser ? ` The image has the unprivileged user "${facts.builtInUser}".` : ''}`,
        { subject: serviceSubject(service), fixes: quickFix(`Add user: "${suggested}"`, [add]) },
      );
    }
  },
};
