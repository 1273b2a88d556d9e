/**
 * pipe-to-shell — RUN pipes a download straight into an interpreter
 * (`curl ... | sh`, `wget -O- ... | bash`, `sh -c "$(curl ...)"`,
 * `bash <(curl ...)`): whatever the server returns runs as root, unverified.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { commandsOf } from '../../dockerfile/commands';
import { basename, programIndex, programName, type SimpleCommand } from '../../dockerfile/shell';
import { DOWNLOADERS, INTERPRETERS } from '../../knowledge/programs';
import { dockerfileRule } from '../rule';
import { rangeInInstruction, stageSubject } from './helpers';

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
        'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d' +
        ' https://example.com/install.sh /tmp/install.sh\n' +
        'RUN sh /tmp/install.sh && rm /tmp/install.sh\nUSER 65532\n',
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
  fixTitles: {},
  ja: {
    messages: {
      substituted: (p) =>
        `${p.interpreter} がビルド時に取得したスクリプトを検証せずに実行します。` +
        'ファイルにダウンロードし、チェックサムか署名を確かめてから実行してください。',
      piped: (p) =>
        `${p.downloader} の出力が ${p.interpreter} にパイプされています。サーバーが送ってきたものが検証されずに実行されます。` +
        'ファイルにダウンロードし、チェックサムか署名を確かめてから実行してください。',
    },
    fixTitles: {},
  },
  check({ model, report }) {
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
        if (sink) {
          report(
            rangeInInstruction(model, instruction, command.start, sink.end),
            'piped',
            { downloader: quote(program), interpreter: quote(programName(sink)) },
            { subject: stageSubject(model, instruction.stage) },
          );
        }
      });
    }
  },
});

/**
 * For each command, the first later command of its pipeline that is an
 * interpreter, found in one pass from the end (searching the rest of the
 * RUN from each downloader was quadratic in `curl x | curl x | ...`).
 */
function pipelineSinks(commands: SimpleCommand[]): (SimpleCommand | undefined)[] {
  const sinks: (SimpleCommand | undefined)[] = new Array(commands.length);
  let next: SimpleCommand | undefined;
  for (let i = commands.length - 1; i >= 0; i--) {
    const command = commands[i];
    // Pipelines are runs of neighbouring commands: a later interpreter of another pipeline is no sink.
    sinks[i] = next && next.pipeline === command.pipeline ? next : undefined;
    if (INTERPRETERS.has(basename(programName(command)).toLowerCase())) next = command;
  }
  return sinks;
}
