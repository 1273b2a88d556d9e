/**
 * secret-in-env-arg — ENV or ARG defines a secret-looking name or a value
 * that looks like a credential. ENV values are stored in the image config;
 * ARG values used by RUN are recorded in the image history. Build secrets
 * belong in `RUN --mount=type=secret`.
 *
 * The fix takes the declaration out (the value with it: never written
 * anywhere else) and mounts the secret as the same variable on the RUNs
 * that read it (those that name it; when none does, every RUN after it, as
 * a program may read it from the environment), adding the syntax directive
 * `env=` needs. It is not offered where another instruction reads the
 * variable while building (a mount reaches RUNs only), and not preferred
 * where the running container has it (an ENV of the final image that not
 * only a package manager reads): a build secret does not reach run time.
 */
import type { Property } from 'dockerfile-ast';
import { concern } from '../../concerns';
import { prefixCommand, removeProperty } from '../../dockerfile/dockerfile-edits';
import { finalLineage, propertiesOf, type DockerInstruction, type DockerfileModel } from '../../dockerfile/model';
import { isBuildOnlyVariable } from '../../knowledge/build-secrets';
import {
  findSecretValues,
  isNonSecretValue,
  isSecretName,
  isVariableReference,
  maskSecrets,
  quote,
} from '../../knowledge/secrets';
import type { Fix, TextEdit } from '../../types';
import { dockerfileRule, fixOf, type FixTitle } from '../rule';
import { stageSubject } from './helpers';
import { secretKindJa } from '../../knowledge/japanese-phrases';
import {
  changesShell,
  hasMount,
  instructionsAfter,
  mountEdits,
  mountFlag,
  runsInWords,
  runsInWordsJa,
  secretSupport,
  SYNTAX_DIRECTIVE,
} from './secret-mounts';

const VALUES = { none: '', variable: ' (copied from a variable)', literal: ' with a literal value' };

/** Where each instruction's values end up. */
const STORED = {
  ENV: 'ENV values are stored in the image configuration, readable by anyone who can pull the image (docker inspect)',
  ARG: 'build arguments are recorded in the image history (docker history) when a RUN uses them',
};

const VALUES_JA = { none: '', variable: '(変数からコピー)', literal: '(値をそのまま記述)' };

/** STORED in Japanese. */
const STORED_JA = {
  ENV: 'ENV の値はイメージの設定に保存され、イメージを pull できる誰もが読めます(docker inspect)',
  ARG: 'ビルド引数は、RUN が使うとイメージの履歴に記録されます(docker history)',
};

export const secretInEnvArg = dockerfileRule({
  meta: {
    id: 'secret-in-env-arg',
    concern: concern('df.secret.env-arg').id,
    severity: 'error',
    title: 'A secret is passed through ENV or ARG',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM alpine:3.20\nARG NPM_TOKEN\nENV DB_PASSWORD=hunter2\nRUN ./install.sh\nUSER 65532\n',
      good:
        '# syntax=docker/dockerfile:1\nFROM alpine:3.20\n' +
        'RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN ./install.sh\nUSER 65532\n',
    },
  },
  messages: {
    /** `value`: how the value is given, when it is. */
    secretName: (p: { keyword: 'ENV' | 'ARG'; name: string; value: 'none' | 'variable' | 'literal' }) =>
      `${p.keyword} ${p.name}${VALUES[p.value]} looks like a secret: ${STORED[p.keyword]}. ` +
      'Pass it with RUN --mount=type=secret instead.',
    /** `secret`: what the value looks like (`an AWS access key`...). */
    secretValue: (p: { keyword: string; name: string; secret: string }) =>
      `The value of ${p.keyword} ${p.name} looks like ${p.secret} (value hidden); it would be stored in the image. ` +
      'Pass it with RUN --mount=type=secret instead.',
  },
  fixTitles: {
    /**
     * `runs`: how many RUNs get the mount; `named`: whether they name the
     * variable (else they are all the RUNs after it); `file`: read from
     * /run/secrets (syntax older than 1.10); `runtime`: the running
     * container had the variable too.
     */
    mount: (p: {
      keyword: string;
      name: string;
      id: string;
      runs: number;
      named: boolean;
      value: Given;
      file: boolean;
      syntax: boolean;
      runtime: boolean;
    }) =>
      `Pass ${p.name} to ${runsInWords(p.runs)} ${p.named ? (p.runs === 1 ? 'that uses' : 'that use') : 'after'} it ` +
      `as a build secret (--mount=type=secret,id=${p.id}` +
      (p.file ? `, read from /run/secrets/${p.id}) ` : `,env=${p.name}) `) +
      `instead of ${p.keyword}` +
      (p.named ? '' : ' (none names it: a program may read it from the environment)') +
      (p.value === 'literal'
        ? `; its value is removed from this file: export ${p.name} in your shell and build with`
        : ': build with') +
      ` docker build --secret id=${p.id},env=${p.name} (Compose: build.secrets)` +
      (p.syntax ? `; adds # syntax=${SYNTAX_DIRECTIVE}, which env= needs` : '') +
      (p.runtime
        ? `; the running container no longer gets ${p.name} from the image: ` +
          'pass it when it starts if the application reads it'
        : ''),
    /** `reason`: why nothing replaces it in the build. */
    remove: (p: { keyword: string; name: string; value: Given; reason: 'unused' | 'mounted' | 'runtime' | 'global' }) =>
      `Remove ${p.reason === 'global' ? 'the global ' : ''}${p.keyword} ${p.name}` +
      (p.value === 'literal' ? ' and its value' : '') +
      (p.reason === 'runtime' ? ' from the image' : '') +
      REMOVED[p.reason](p.name),
  },
  ja: {
    messages: {
      secretName: (p) =>
        `${p.keyword} ${p.name}${VALUES_JA[p.value]} は秘密情報のようです。${STORED_JA[p.keyword]}。` +
        '代わりに RUN --mount=type=secret で渡してください。',
      secretValue: (p) =>
        `${p.keyword} ${p.name} の値は ${secretKindJa(p.secret)} のようです(値は伏せています)。イメージに保存されてしまいます。` +
        '代わりに RUN --mount=type=secret で渡してください。',
    },
    fixTitles: {
      mount: (p) =>
        `${p.keyword} をやめ、${p.name} を${p.named ? 'それを使う' : '後続の'}${runsInWordsJa(p.runs)}に` +
        `ビルドシークレットとして渡す(--mount=type=secret,id=${p.id}` +
        (p.file ? `、/run/secrets/${p.id} から読む)` : `,env=${p.name})`) +
        (p.named ? '' : '(名前を出す RUN はありません。プログラムが環境変数から読む可能性があります)') +
        (p.value === 'literal' ? `。値はこのファイルから削除されます。シェルで ${p.name} を export し、` : '。') +
        `docker build --secret id=${p.id},env=${p.name} でビルドしてください(Compose では build.secrets)` +
        (p.syntax ? `。env= に必要な # syntax=${SYNTAX_DIRECTIVE} を追加します` : '') +
        (p.runtime
          ? `。実行中のコンテナはイメージから ${p.name} を受け取らなくなります。` +
            'アプリケーションが読む場合は起動時に渡してください'
          : ''),
      remove: (p) =>
        `${p.reason === 'global' ? 'グローバルな ' : ''}${p.keyword} ${p.name}` +
        (p.value === 'literal' ? 'とその値' : '') +
        `を${p.reason === 'runtime' ? 'イメージから' : ''}削除` +
        REMOVED_JA[p.reason](p.name),
    },
  },
  check({ model, report, fixTitle }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') continue;
      const properties = propertiesOf(instruction.node);
      properties.forEach((property, index) => {
        const name = property.getName();
        const value = property.getValue();
        if (name === '') return;
        const valueRange = property.getValueRange();
        const options = (): { subject: ReturnType<typeof stageSubject>; fixes: Fix[] } => ({
          subject: stageSubject(model, instruction.stage),
          fixes: secretVariableFixes(model, instruction, { properties, index }, fixTitle),
        });
        // A secret name set to `true`, a path, a URL without credentials... holds no secret.
        if (isSecretName(name) && !(value && !isVariableReference(value) && isNonSecretValue(name, value))) {
          report(
            property.getNameRange(),
            'secretName',
            { keyword: instruction.keyword as 'ENV' | 'ARG', name: quote(name), value: givenAs(value) },
            options(),
          );
          return;
        }
        if (value && valueRange && !isVariableReference(value)) {
          const found = findSecretValues(value)[0];
          if (found) {
            report(
              valueRange,
              'secretValue',
              { keyword: instruction.keyword, name: quote(name), secret: found.description },
              options(),
            );
          }
        }
      });
    }
  },
});

/** How a declaration gives its value. */
type Given = 'none' | 'variable' | 'literal';

function givenAs(value: string | null): Given {
  return value === null || value === '' ? 'none' : isVariableReference(value) ? 'variable' : 'literal';
}

/** The end of each removal title: why nothing in the build needs the declaration any more. */
const REMOVED: Record<'unused' | 'mounted' | 'runtime' | 'global', (name: string) => string> = {
  unused: () => ': no later step of the build reads it',
  mounted: () => ': the RUNs that read it get it as a build secret already',
  runtime: (name) => `: pass it when the container starts (docker run -e ${name}, or a Compose secret)`,
  global: () => ': no FROM and no stage reads it',
};

const REMOVED_JA: Record<'unused' | 'mounted' | 'runtime' | 'global', (name: string) => string> = {
  unused: () => '(ビルドの後続の手順は読みません)',
  mounted: () => '(読む RUN はすでにビルドシークレットとして受け取っています)',
  runtime: (name) => `(コンテナの起動時に渡してください: docker run -e ${name}、または Compose の secret)`,
  global: () => '(どの FROM もステージも読みません)',
};

/** Instructions that read variables while building (substituted by the builder, or ONBUILD's later build). */
const BUILD_READERS = new Set(['ADD', 'COPY', 'ENV', 'EXPOSE', 'LABEL', 'ONBUILD', 'STOPSIGNAL', 'USER', 'VOLUME']);
const RUNTIME_READERS = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/** Whether an instruction's arguments name the variable: `$NAME`, `${NAME}`, `${NAME:-default}`. */
function namesVariable(instruction: DockerInstruction, name: string): boolean {
  const text = instruction.text.slice(instruction.argumentsOffset);
  if (!text.includes(name)) return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\$(${escaped}(?![A-Za-z0-9_])|\\{${escaped}(?=[}:#%/^,?+-]))`).test(text);
}

type Titles = (id: 'mount' | 'remove', params: never) => FixTitle;

/** The fixes for one secret ENV or ARG declaration (see the module comment); none where no edit is safe. */
function secretVariableFixes(
  model: DockerfileModel,
  instruction: DockerInstruction,
  declared: { properties: readonly Property[]; index: number },
  titles: Titles,
): Fix[] {
  const property = declared.properties[declared.index];
  const name = property.getName();
  const keyword = instruction.keyword;
  // `ARG A B=1` reads as one property with a space: removing it would take B too.
  if (keyword === 'ARG' && /\s/.test(rawText(model, property))) return [];
  // Nothing a fix writes may carry a credential: the name is written as the secret's id and env=.
  if (maskSecrets(name) !== name) return [];
  const removal = removeProperty(model, instruction, declared.index, declared.properties);
  const stage = instruction.stage;
  // What this declaration writes (a global default it inherits is the global ARG's finding to remove).
  const value = givenAs(property.getValue());
  const title = (id: 'mount' | 'remove', params: object): FixTitle => titles(id, params as never);
  const remove = (reason: 'unused' | 'mounted' | 'runtime' | 'global', preferred: boolean): Fix =>
    fixOf(title('remove', { keyword, name, value, reason }), removal, preferred);
  if (!stage) {
    const readers = model.instructions.filter(
      (i) => (i.keyword === 'FROM' && namesVariable(i, name)) || (i.keyword === 'ARG' && i.stage && declares(i, name)),
    );
    return readers.length === 0 ? [remove('global', true)] : [];
  }
  const later = instructionsAfter(model, instruction, keyword === 'ENV');
  if (later.some((i) => BUILD_READERS.has(i.keyword) && namesVariable(i, name))) return [];
  const inImage = keyword === 'ENV' && finalLineage(model).includes(stage);
  const runtime =
    inImage &&
    (!isBuildOnlyVariable(name) || later.some((i) => RUNTIME_READERS.has(i.keyword) && namesVariable(i, name)));
  const runs = later.filter((i) => i.keyword === 'RUN');
  const naming = runs.filter((run) => namesVariable(run, name));
  // The running container's variable, and no RUN names it: it is there for run time.
  if (runtime && naming.length === 0) return [remove('runtime', false)];
  const readers = naming.length > 0 ? naming : runs;
  if (readers.length === 0) return [remove('unused', true)];
  // env= takes a shell variable's name, and the id is written into the flag's comma-separated options.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return [];
  const id = name.toLowerCase();
  const unmounted = readers.filter(
    (run) => !hasMount(run, (o) => o.get('type') === 'secret' && (o.get('env') === name || o.get('id') === id)),
  );
  if (unmounted.length === 0) return [remove('mounted', !runtime)];
  const { support, directive } = secretSupport(model);
  let edits: TextEdit[];
  if (support === 'env') {
    edits = mountEdits(model, unmounted, () => `--mount=type=secret,id=${id},env=${name}`);
    edits.push(...directive);
  } else {
    // The read is POSIX shell: not where the shell is changed, nor in a Windows file (escape=`), whose shell is cmd.
    if (support === 'none' || changesShell(stage) || model.escapeChar !== '\\') return [];
    // Before 1.10 a secret is a file: each RUN reads it into the variable first.
    const reads = unmounted.map((run) => prefixCommand(model, run, `export ${name}="$(cat /run/secrets/${id})"`));
    if (reads.some((read) => read === null)) return [];
    edits = mountEdits(model, unmounted, (run) => mountFlag(model, run, `type=secret,id=${id}`, '0444'));
    edits.push(...reads.flatMap((read) => read ?? []));
  }
  const params = {
    keyword,
    name,
    id,
    runs: unmounted.length,
    named: naming.length > 0,
    value,
    file: support === 'file',
    syntax: directive.length > 0 && support === 'env',
    runtime,
  };
  return [fixOf(title('mount', params), [...removal, ...edits], !runtime)];
}

/** Whether an ARG instruction declares the name. */
function declares(instruction: DockerInstruction, name: string): boolean {
  return propertiesOf(instruction.node).some((p) => p.getName() === name);
}

function rawText(model: DockerfileModel, property: Property): string {
  const range = property.getRange();
  return model.text.slice(model.lines.offsetAt(range.start), model.lines.offsetAt(range.end));
}
