/**
 * add-instead-of-copy — ADD fetches a remote URL without an integrity check
 * (no --checksum), or ADD is used where COPY suffices. ADD of a local tar
 * archive (auto-extraction) and ADD --checksum of a URL are legitimate.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { flagsOf } from '../../dockerfile/commands';
import { insertFlag, requireDockerfileSyntax } from '../../dockerfile/dockerfile-edits';
import type { Fix } from '../../types';
import { dockerfileRule, fixOf } from '../rule';
import { stageSubject } from './helpers';
import { CHECKSUM_PLACEHOLDER, configuredChecksum, isGitSource, unverifiedDownloads } from './remote-downloads';

/**
 * Files ADD may extract: tar archives, compressed or not. A bare `.gz`, `.bz2`
 * or `.xz` may well be a tarball with a short name, so ADD gets the benefit of
 * the doubt there.
 */
const LOCAL_ARCHIVE = /\.(tar|tar\.(gz|bz2|xz|zst|lz4)|tgz|tbz2?|txz|tzst|gz|bz2|xz|zst)$/i;
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;
/** `ADD --checksum` came with dockerfile syntax 1.6. */
const CHECKSUM_SYNTAX_MINOR = 6;

export const addInsteadOfCopy = dockerfileRule({
  meta: {
    id: 'add-instead-of-copy',
    concern: concern('df.remote.add').id,
    severity: 'warning',
    title: 'ADD downloads without a checksum, or ADD is used where COPY suffices',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM alpine:3.20\nADD https://example.com/tool.tgz /tmp/\nADD config.yml /etc/app/\nUSER 65532\n',
      good:
        'FROM alpine:3.20\n' +
        'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d' +
        ' https://example.com/tool.tgz /tmp/\n' +
        'COPY config.yml /etc/app/\nUSER 65532\n',
    },
  },
  messages: {
    noChecksum: (p: { url: string }) =>
      `ADD downloads ${p.url} with no integrity check: ` +
      'whoever controls the server or the network controls this layer. ' +
      'Add --checksum=sha256:<digest>, or download and verify in a RUN step.',
    gitRef: (p: { url: string }) =>
      `ADD clones ${p.url} at a branch or tag, which can be moved to other code: ` +
      'whoever controls the repository controls this layer. Pin it to a commit (#<commit sha>).',
    localCopy: () =>
      'ADD copies local files here: use COPY, which does only that. ' +
      'ADD also fetches URLs and unpacks archives, surprises you do not want by accident.',
  },
  fixTitles: {
    useCopy: () => 'Replace ADD with COPY',
    /** `syntax`: the fix adds the `# syntax=` line --checksum needs. */
    pinChecksum: (p: { syntax: boolean }) =>
      `Pin the download to the sha256 given (ADD --checksum${syntaxNote(p.syntax)})`,
    fillInChecksum: (p: { syntax: boolean; placeholder: string }) =>
      `Pin the download with --checksum=sha256:${p.placeholder} ` +
      `(fill in the sha256 of the file: the build fails until you do${syntaxNote(p.syntax)})`,
  },
  ja: {
    messages: {
      noChecksum: (p) =>
        `ADD は ${p.url} を完全性の検証なしでダウンロードします。` +
        'サーバーやネットワークを握った者がこのレイヤーの中身を決められます。' +
        '--checksum=sha256:<digest> を付けるか、RUN でダウンロードして検証してください。',
      gitRef: (p) =>
        `ADD は ${p.url} をブランチかタグで取得します。これは別のコードへ付け替えられます。` +
        'リポジトリを握った者がこのレイヤーの中身を決められます。コミット(#<commit sha>)で固定してください。',
      localCopy: () =>
        'ここで ADD はローカルのファイルをコピーしています。コピーだけを行う COPY を使ってください。' +
        'ADD は URL の取得やアーカイブの展開も行うため、意図しない動作を招きます。',
    },
    fixTitles: {
      useCopy: () => 'ADD を COPY に置き換える',
      pinChecksum: (p) =>
        `示された sha256 でダウンロードを固定する(ADD --checksum${p.syntax ? '。必要な # syntax 行を追加します' : ''})`,
      fillInChecksum: (p) =>
        `--checksum=sha256:${p.placeholder} でダウンロードを固定する` +
        `(ファイルの sha256 を記入してください。記入するまでビルドは失敗します${p.syntax ? '。--checksum に必要な # syntax 行を追加します' : ''})`,
    },
  },
  check({ model, report, fixTitle, options }) {
    const syntax = requireDockerfileSyntax(model, CHECKSUM_SYNTAX_MINOR);
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ADD') continue;
      const flags = flagsOf(instruction.node).map((f) => f.getName().toLowerCase());
      const sources = instruction.node.getArguments().slice(0, -1);
      if (sources.length === 0) continue;
      const values = sources.map((arg) => arg.getValue().replace(/^\[?"|",?$|"?\]$/g, ''));
      if (values.some((v) => v.startsWith('<<'))) continue;
      let needsAdd = false;
      values.forEach((value, index) => {
        if (isGitSource(value)) {
          needsAdd = true;
          // A commit names the content itself; a branch or tag can be moved to other code.
          if (!/#[0-9a-f]{40}([0-9a-f]{24})?(:.*)?$/i.test(value))
            report(
              sources[index].getRange(),
              'gitRef',
              { url: quote(value) },
              { subject: stageSubject(model, instruction.stage) },
            );
        } else if (REMOTE.test(value)) {
          needsAdd = true;
          if (!flags.includes('checksum')) {
            // --checksum pins one http(s) source. The digest given applies only where it can mean one download:
            // the stage's only unpinned one.
            const fixes: Fix[] = [];
            if (sources.length === 1 && /^https?:\/\//i.test(value)) {
              const stage = instruction.stage;
              const known = configuredChecksum(options, stage, stage ? unverifiedDownloads(stage) : 1);
              const flag = `--checksum=sha256:${known ?? CHECKSUM_PLACEHOLDER}`;
              const addsSyntax = (syntax?.length ?? 0) > 0;
              // Preferred with the placeholder too (BuildKit rejects it: the build stops until it is filled in),
              // unless the Dockerfile chose a frontend too old for --checksum: then the user decides.
              fixes.push(
                fixOf(
                  known
                    ? fixTitle('pinChecksum', { syntax: addsSyntax })
                    : fixTitle('fillInChecksum', { syntax: addsSyntax, placeholder: CHECKSUM_PLACEHOLDER }),
                  [...(syntax ?? []), ...insertFlag(model, instruction, flag)],
                  syntax !== null,
                ),
              );
            }
            report(
              sources[index].getRange(),
              'noChecksum',
              { url: quote(value) },
              { subject: stageSubject(model, instruction.stage), fixes },
            );
          }
        } else if (LOCAL_ARCHIVE.test(value) || value.includes('$')) {
          needsAdd = true;
        }
      });
      // --checksum and --unpack are ADD's own: COPY would reject them.
      if (needsAdd || ['from', 'keep-git-dir', 'checksum', 'unpack'].some((flag) => flags.includes(flag))) continue;
      const keyword = instruction.node.getInstructionRange();
      const lowerKeyword = instruction.node.getInstruction().toLowerCase();
      report(
        keyword,
        'localCopy',
        {},
        {
          subject: stageSubject(model, instruction.stage),
          fixes: [
            fixOf(
              fixTitle('useCopy', {}),
              [{ range: keyword, newText: instruction.node.getInstruction() === lowerKeyword ? 'copy' : 'COPY' }],
              true,
            ),
          ],
        },
      );
    }
  },
});

function syntaxNote(adds: boolean): string {
  return adds ? '; adds # syntax=docker/dockerfile:1, which --checksum needs' : '';
}
