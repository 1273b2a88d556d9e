/**
 * secret-file-copied — COPY/ADD brings a credential file from the build
 * context into a layer (.env, SSH keys, *.pem, .npmrc, cloud credentials).
 * Anything in a layer stays in the image even if a later step deletes it.
 *
 * The fix takes the file out of the COPY (the instruction when it copies
 * nothing else) and mounts it where the COPY put it for the RUNs after it
 * (a secret mount; for an SSH key the SSH agent, unless a RUN names the key
 * file). Preferred for build tools' credentials, which nothing reads at run
 * time; for other files (keys, .env, cloud credentials) the title warns
 * that the running container no longer has them. Not offered where a RUN
 * changes or deletes the file (a mount is read-only and cannot be removed)
 * or where the place it lands is not known.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { CREDENTIAL_FILES, namesPublicKey } from '../../knowledge/credential-files';
import { dockerfileRule } from '../rule';
import { stageSubject } from './helpers';
import { flagsOf } from '../../dockerfile/commands';
import { trimTrailing } from '../../text';
import { credentialKindJa } from '../../knowledge/japanese-phrases';
import { copiedFileFixes } from './secret-file-mount';
import { runsInWords, runsInWordsJa } from './secret-mounts';

/** `TIDIED` in Japanese. */
const TIDIED_JA = (tidied: boolean): string =>
  tidied ? '(マウントには不要で許されない、そのファイルの rm/chmod も除きます)' : '';

/** The note that the commands deleting the copy or setting its mode go too. */
const TIDIED = (tidied: boolean): string =>
  tidied ? ' (dropping the rm/chmod of it, which a mount neither needs nor allows)' : '';

export const secretFileCopied = dockerfileRule({
  meta: {
    id: 'secret-file-copied',
    concern: concern('df.secret.copied').id,
    severity: 'error',
    title: 'A credential file is copied into the image',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM node:20-slim\nWORKDIR /app\nCOPY .npmrc package.json /app/\nRUN npm ci\nUSER node\n',
      good:
        'FROM node:20-slim\nWORKDIR /app\nCOPY package.json /app/\n' +
        'RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci\nUSER node\n',
    },
  },
  messages: {
    /** `what`: the kind of credential file, from CREDENTIAL_FILES. */
    copied: (p: { keyword: string; what: string; source: string }) =>
      `${p.keyword} brings ${p.what} (${p.source}) into a layer, where it stays even if a later step deletes it. ` +
      'Use RUN --mount=type=secret, and list the file in .dockerignore.',
  },
  fixTitles: {
    /**
     * `runtime`: the file may be read at run time too (not a build tool's
     * credentials); `tidied`: commands that deleted the file or set its mode
     * are taken out.
     */
    mountFile: (p: { source: string; id: string; target: string; runs: number; runtime: boolean; tidied: boolean }) =>
      `Mount ${p.source} for ${runsInWords(p.runs)} after it as a build secret ` +
      `(--mount=type=secret,id=${p.id},target=${p.target}) instead of copying it${TIDIED(p.tidied)}: ` +
      `build with docker build --secret id=${p.id},src=${p.source} (Compose: build.secrets)` +
      (p.runtime ? '; the running container no longer has it: if the application reads it, give it at run time' : ''),
    mountSsh: (p: { source: string; runs: number; tidied: boolean }) =>
      `Use your SSH agent in ${runsInWords(p.runs)} after it (--mount=type=ssh) instead of copying ${p.source}` +
      `${TIDIED(p.tidied)}: load the key into ssh-agent and build with docker build --ssh default (Compose: build.ssh)`,
    /** `reason`: why nothing replaces the copy in the build. */
    remove: (p: { keyword: string; source: string; reason: 'unused' | 'mounted'; tidied: boolean }) =>
      `Remove ${p.source} from the ${p.keyword}${TIDIED(p.tidied)}: ` +
      (p.reason === 'mounted'
        ? 'the RUNs after it mount it as a build secret already'
        : 'no later RUN reads it; if the running container needs it, give it at run time'),
  },
  ja: {
    messages: {
      copied: (p) =>
        `${p.keyword} が ${credentialKindJa(p.what)}(${p.source})をレイヤーに取り込みます。` +
        '後の手順で削除してもレイヤーには残ります。RUN --mount=type=secret を使い、ファイルを .dockerignore に加えてください。',
    },
    fixTitles: {
      mountFile: (p) =>
        `${p.source} をコピーせず、後続の${runsInWordsJa(p.runs)}にビルドシークレットとしてマウントする` +
        `(--mount=type=secret,id=${p.id},target=${p.target})${TIDIED_JA(p.tidied)}。` +
        `docker build --secret id=${p.id},src=${p.source} でビルドしてください(Compose では build.secrets)` +
        (p.runtime
          ? '。実行中のコンテナにはこのファイルがなくなります。アプリケーションが読む場合は実行時に渡してください'
          : ''),
      mountSsh: (p) =>
        `${p.source} をコピーせず、後続の${runsInWordsJa(p.runs)}で SSH エージェントを使う(--mount=type=ssh)` +
        `${TIDIED_JA(p.tidied)}。鍵を ssh-agent に読み込み、docker build --ssh default でビルドしてください` +
        '(Compose では build.ssh)',
      remove: (p) =>
        `${p.keyword} から ${p.source} を除く${TIDIED_JA(p.tidied)}。` +
        (p.reason === 'mounted'
          ? '後続の RUN はすでにビルドシークレットとしてマウントしています'
          : '後続の RUN は読みません。実行中のコンテナが必要とする場合は実行時に渡してください'),
    },
  },
  check({ model, report, fixTitle }) {
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
            {
              subject: stageSubject(model, instruction.stage),
              fixes: copiedFileFixes(
                model,
                instruction,
                args.indexOf(arg),
                slashed.endsWith('/') ? slashed : source,
                (id, params) => fixTitle(id, params as never),
              ),
            },
          );
        }
      }
    }
  },
});
