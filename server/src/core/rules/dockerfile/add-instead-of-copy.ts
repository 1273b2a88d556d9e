/**
 * add-instead-of-copy — ADD fetches a remote URL without an integrity check
 * (no --checksum), or ADD is used where COPY suffices. ADD of a local tar
 * archive (auto-extraction) and ADD --checksum of a URL are legitimate.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { flagsOf } from '../../dockerfile/commands';
import { insertFlag } from '../../dockerfile/dockerfile-edits';
import type { DockerInstruction } from '../../dockerfile/model';
import type { Fix } from '../../types';
import { dockerfileRule, fixOf } from '../rule';
import { stageSubject } from './helpers';

/** Written where the sha256 goes when none is given: BuildKit rejects it, so the build fails until it is filled in. */
const CHECKSUM_PLACEHOLDER = '<sha256-of-the-download>';

/** The URL sources an ADD downloads without --checksum (the http(s) ones --checksum can pin). */
function unpinnedDownloads(instruction: DockerInstruction): number {
  if (instruction.keyword !== 'ADD') return 0;
  if (flagsOf(instruction.node).some((f) => f.getName().toLowerCase() === 'checksum')) return 0;
  return instruction.node
    .getArguments()
    .slice(0, -1)
    .filter((arg) => /^\[?"?https?:\/\//i.test(arg.getValue())).length;
}

/**
 * Files ADD may extract: tar archives, compressed or not. A bare `.gz`, `.bz2`
 * or `.xz` may well be a tarball with a short name, so ADD gets the benefit of
 * the doubt there.
 */
const LOCAL_ARCHIVE = /\.(tar|tar\.(gz|bz2|xz|zst|lz4)|tgz|tbz2?|txz|tzst|gz|bz2|xz|zst)$/i;
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;

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
    localCopy: () =>
      'ADD copies local files here: use COPY, which does only that. ' +
      'ADD also fetches URLs and unpacks archives, surprises you do not want by accident.',
  },
  fixTitles: {
    useCopy: () => 'Replace ADD with COPY',
    pinChecksum: () => 'Pin the download to the sha256 given (ADD --checksum)',
    fillInChecksum: () =>
      'Pin the download with --checksum=sha256:… (fill in the sha256 of the file: the build fails until you do)',
  },
  ja: {
    messages: {
      noChecksum: (p) =>
        `ADD は ${p.url} を完全性の検証なしでダウンロードします。` +
        'サーバーやネットワークを握った者がこのレイヤーの中身を決められます。' +
        '--checksum=sha256:<digest> を付けるか、RUN でダウンロードして検証してください。',
      localCopy: () =>
        'ここで ADD はローカルのファイルをコピーしています。コピーだけを行う COPY を使ってください。' +
        'ADD は URL の取得やアーカイブの展開も行うため、意図しない動作を招きます。',
    },
    fixTitles: {
      useCopy: () => 'ADD を COPY に置き換える',
      pinChecksum: () => '示された sha256 でダウンロードを固定する(ADD --checksum)',
      fillInChecksum: () =>
        '--checksum=sha256:… でダウンロードを固定する(ファイルの sha256 を記入してください。記入するまでビルドは失敗します)',
    },
  },
  check({ model, report, fixTitle, options }) {
    const given = options.checksum
      .trim()
      .replace(/^sha256:/i, '')
      .toLowerCase();
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ADD') continue;
      const flags = flagsOf(instruction.node).map((f) => f.getName().toLowerCase());
      const sources = instruction.node.getArguments().slice(0, -1);
      if (sources.length === 0) continue;
      const values = sources.map((arg) => arg.getValue().replace(/^\[?"|",?$|"?\]$/g, ''));
      if (values.some((v) => v.startsWith('<<'))) continue;
      let needsAdd = false;
      values.forEach((value, index) => {
        if (REMOTE.test(value)) {
          needsAdd = true;
          if (!flags.includes('checksum')) {
            // --checksum pins one http(s) source. The digest given applies only where it can mean one download:
            // the stage's only unpinned one.
            const fixes: Fix[] = [];
            if (sources.length === 1 && /^https?:\/\//i.test(value)) {
              const downloads = (instruction.stage?.instructions ?? [instruction]).reduce(
                (count, i) => count + unpinnedDownloads(i),
                0,
              );
              const known = /^[0-9a-f]{64}$/.test(given) && downloads === 1;
              const flag = `--checksum=sha256:${known ? given : CHECKSUM_PLACEHOLDER}`;
              fixes.push(
                fixOf(
                  fixTitle(known ? 'pinChecksum' : 'fillInChecksum', {}),
                  insertFlag(model, instruction, flag),
                  known,
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
      if (needsAdd || flags.includes('from') || flags.includes('keep-git-dir')) continue;
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
