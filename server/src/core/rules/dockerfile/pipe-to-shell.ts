/**
 * pipe-to-shell — RUN pipes a download straight into an interpreter
 * (`curl ... | sh`, `wget -O- ... | bash`, `sh -c "$(curl ...)"`,
 * `bash <(curl ...)`): whatever the server returns runs as root, unverified.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { commandsOf } from '../../dockerfile/commands';
import { programIndex, programName } from '../../dockerfile/shell';
import { DOWNLOADERS, INTERPRETERS } from '../../knowledge/programs';
import type { Fix } from '../../types';
import { dockerfileRule, fixOf } from '../rule';
import { rangeInInstruction, stageSubject } from './helpers';
import {
  CHECKSUM_PLACEHOLDER,
  configuredChecksum,
  pipelineSinks,
  unverifiedDownloads,
  verifiedDownload,
} from './remote-downloads';

const SUBSTITUTED_DOWNLOAD = /(\$\(|`|<\()\s*(curl|wget|fetch)\b/;

export const pipeToShell = dockerfileRule({
  meta: {
    id: 'pipe-to-shell',
    concern: concern('df.remote.pipe-shell').id,
    severity: 'warning',
    title: 'A download is piped straight into a shell',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/install.sh | sh\nUSER 65532\n',
      good:
        'FROM debian:bookworm-slim\n' +
        'RUN curl -o /tmp/install.sh -fsSL https://example.com/install.sh' +
        ' && echo "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d  /tmp/install.sh"' +
        ' | sha256sum -c - && sh /tmp/install.sh && rm -f /tmp/install.sh\nUSER 65532\n',
    },
  },
  messages: {
    substituted: (p: { interpreter: string }) =>
      `${p.interpreter} runs a script fetched at build time, unverified. ` +
      'Download it to a file, check its checksum or signature, then run it.',
    piped: (p: { downloader: string; interpreter: string }) =>
      `The output of ${p.downloader} is piped into ${p.interpreter}: whatever the server sends runs unverified. ` +
      'Download to a file, check its checksum or signature, then run it.',
  },
  fixTitles: {
    /** `file`: where the script is downloaded to. */
    verify: (p: { file: string }) => `Download to ${p.file}, check its sha256, run it, then delete it`,
    fillInChecksum: (p: { file: string; placeholder: string }) =>
      `Download to ${p.file}, check its sha256, run it, then delete it (fill in the script's sha256 ` +
      `in place of ${p.placeholder}: the build fails until you do)`,
  },
  ja: {
    messages: {
      substituted: (p) =>
        `${p.interpreter} がビルド時に取得したスクリプトを検証せずに実行します。` +
        'ファイルにダウンロードし、チェックサムか署名を確かめてから実行してください。',
      piped: (p) =>
        `${p.downloader} の出力が ${p.interpreter} にパイプされています。サーバーが送ってきたものが検証されずに実行されます。` +
        'ファイルにダウンロードし、チェックサムか署名を確かめてから実行してください。',
    },
    fixTitles: {
      verify: (p) => `${p.file} にダウンロードし、sha256 を確かめてから実行し、その後に削除する`,
      fillInChecksum: (p) =>
        `${p.file} にダウンロードし、sha256 を確かめてから実行し、その後に削除する` +
        `(${p.placeholder} の代わりにスクリプトの sha256 を記入してください。記入するまでビルドは失敗します)`,
    },
  },
  check({ model, report, fixTitle, options }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const commands = commandsOf(instruction);
      const sinks = pipelineSinks(commands);
      commands.forEach((command, index) => {
        const program = programName(command).toLowerCase();
        // `sh -c "$(curl ...)"`, `bash <(curl ...)`, `eval "$(wget -O- ...)"`
        if (
          INTERPRETERS.has(program) &&
          command.words.slice(programIndex(command) + 1).some((w) => SUBSTITUTED_DOWNLOAD.test(w.value))
        ) {
          report(
            rangeInInstruction(model, instruction, command.start, command.end),
            'substituted',
            { interpreter: quote(program) },
            { subject: stageSubject(model, instruction.stage) },
          );
          return;
        }
        if (!DOWNLOADERS.has(program)) return;
        const sink = sinks[index];
        if (!sink) return;
        const stage = instruction.stage;
        const checksum = configuredChecksum(options, stage, stage ? unverifiedDownloads(stage) : 0);
        const verified = verifiedDownload(model, instruction, { downloader: command, sink }, checksum);
        // Preferred with the placeholder too: sha256sum rejects it, so the build stops until the sha256 is filled in.
        const fixes: Fix[] = verified
          ? [
              fixOf(
                checksum
                  ? fixTitle('verify', { file: verified.file })
                  : fixTitle('fillInChecksum', { file: verified.file, placeholder: CHECKSUM_PLACEHOLDER }),
                verified.edits,
                true,
              ),
            ]
          : [];
        report(
          rangeInInstruction(model, instruction, command.start, sink.end),
          'piped',
          { downloader: quote(program), interpreter: quote(programName(sink)) },
          { subject: stageSubject(model, stage), fixes },
        );
      });
    }
  },
});
