/**
 * secret-file-copied — COPY/ADD brings a credential file from the build
 * context into a layer (.env, SSH keys, *.pem, .npmrc, cloud credentials).
 * Anything in a layer stays in the image even if a later step deletes it.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { CREDENTIAL_FILES, namesPublicKey } from '../../knowledge/credential-files';
import { dockerfileRule } from '../rule';
import { stageSubject } from './helpers';
import { flagsOf } from '../../dockerfile/commands';
import { trimTrailing } from '../../text';

export const secretFileCopied = dockerfileRule({
  meta: {
    id: 'secret-file-copied',
    concern: concern('df.secret.copied').id,
    severity: 'error',
    title: 'A credential file is copied into the image',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM node:20-slim\nCOPY .npmrc package.json /app/\nUSER node\n',
      good:
        'FROM node:20-slim\nCOPY package.json /app/\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n' +
        'USER node\n',
    },
  },
  messages: {
    /** `what`: the kind of credential file, from CREDENTIAL_FILES. */
    copied: (p: { keyword: string; what: string; source: string }) =>
      `${p.keyword} brings ${p.what} (${p.source}) into a layer, where it stays even if a later step deletes it. ` +
      'Use RUN --mount=type=secret, and list the file in .dockerignore.',
  },
  fixTitles: {},
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      // COPY --from copies from another stage or image, not from the build context.
      if (flagsOf(instruction.node).some((f) => f.getName().toLowerCase() === 'from')) continue;
      const args = instruction.node.getArguments();
      // One file copied to a name that says it is a public key: the public half (jenkins.io.key -> jenkins-key.pub).
      const destination = args[args.length - 1]?.getValue().replace(/^\["?|"?\]$/g, '') ?? '';
      if (args.length === 2 && namesPublicKey(destination)) continue;
      for (const arg of args.slice(0, -1)) {
        const raw = arg.getValue();
        // Exec form arrives as `["name",`: point at the name itself, without brackets, quotes and comma.
        const leading = /^\[?"?/.exec(raw)?.[0].length ?? 0;
        const unwrapped = raw.slice(leading).replace(/"?,?\]?$/, '');
        const slashed = unwrapped.replace(/\\/g, '/');
        const source = trimTrailing(slashed, '/');
        if (source.startsWith('<<') || /^[a-z]+:\/\//i.test(source)) continue;
        const match = CREDENTIAL_FILES.find((file) => file.pattern.test(source));
        if (match) {
          const start = model.lines.offsetAt(arg.getRange().start) + leading;
          report(
            model.lines.rangeOf(start, start + unwrapped.length),
            'copied',
            { keyword: instruction.keyword, what: match.what, source: quote(source) },
            { subject: stageSubject(model, instruction.stage) },
          );
        }
      }
    }
  },
});
