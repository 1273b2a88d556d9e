/**
 * compose-secret-in-environment — `environment` (map or list) or an env_file
 * in the workspace sets a secret-looking variable to a literal. `${VAR}`
 * references and `*_FILE` variables pointing at files are not literals.
 * Values are never shown.
 */
import { isMap, isScalar } from 'yaml';
import { concern } from '../../concerns';
import type { ComposeModel, ComposeService } from '../../compose/model';
import { parseDotEnv } from '../../compose/dotenv';
import {
  findSecretValues,
  isNonSecretValue,
  isPlaceholder,
  isSecretName,
  isVariableReference,
  quote,
} from '../../knowledge/secrets';
import type { Range } from '../../types';
import { composeRule, type JapaneseTables, type RuleContext } from '../rule';
import { serviceSubject, type AnchorNote } from './helpers';
import { anchorChangeText, anchorChangeTextJa } from './fixes';
import { secretFixes } from './secret-fixes';
import { secretKindJa } from '../../knowledge/japanese-phrases';

interface Variable {
  name: string;
  value: string | null;
  written: string | null;
  nameRange: Range;
  valueRange: Range;
}

function environmentOf(model: ComposeModel, service: ComposeService): Variable[] {
  const entry = service.entries.get('environment');
  if (!entry) return [];
  const variables: Variable[] = [];
  const mapForm = model.entriesOf(entry.value);
  if (mapForm.size > 0) {
    for (const [name, item] of mapForm) {
      const value = model.value(item.value, item.keyRange);
      const raw = isScalar(item.value) && item.value.value !== null ? String(item.value.value) : null;
      variables.push({
        name,
        value: value.unknown ? null : value.text,
        written: raw,
        nameRange: item.keyRange,
        valueRange: value.range,
      });
    }
    return variables;
  }
  for (const item of model.itemsOf(entry.value)) {
    const value = model.value(item, entry.keyRange);
    if (value.text === null) continue;
    const eq = value.text.indexOf('=');
    const raw = isScalar(item) ? String(item.value) : value.text;
    const name = eq === -1 ? value.text : value.text.slice(0, eq);
    variables.push({
      name,
      value: eq === -1 || value.unknown ? null : value.text.slice(eq + 1),
      written: raw.includes('=') ? raw.slice(raw.indexOf('=') + 1) : null,
      nameRange: value.range,
      valueRange: value.range,
    });
  }
  return variables;
}

/** Line `line` (0-based) of `text`, start to end: where an env_file sets a variable. */
function lineRange(text: string, line: number): Range {
  const length = text.split(/\r\n|\r|\n/)[line]?.length ?? 0;
  return { start: { line, character: 0 }, end: { line, character: length } };
}

/** Whether a secret-named variable is set to a literal that may be the secret (not `yes`, a path, a URL...). */
function literalSecret(name: string, written: string | null, value: string | null): boolean {
  if (written === null || value === null) return false;
  if (isVariableReference(written.trim()) || written.includes('${') || /\$[A-Za-z_]/.test(written)) return false;
  return !isPlaceholder(value) && value.trim() !== '' && !isNonSecretValue(name, value);
}

type Context = RuleContext<ComposeModel, typeof messages, typeof fixTitles>;

/** What the user must still do, in every fix title: the value has left the file. */
const EXPORT = (name: string): string =>
  `export ${name} in the shell (or set it in .env) before docker compose up; its value is removed from this file`;

const fixTitles = {
  secretFile: (p: { name: string; secret: string }) =>
    `Move ${p.name} to the Compose secret "${p.secret}", read through ${p.name}_FILE: ${EXPORT(p.name)}`,
  secretOnly: (p: { name: string; secret: string }) =>
    `Move ${p.name} to the Compose secret "${p.secret}" at /run/secrets/${p.secret} ` +
    `(the application must read that file: ${p.name} is no longer set): ${EXPORT(p.name)}`,
  reference: (p: { name: string; anchor: AnchorNote | null }) =>
    `Read ${p.name} from the environment${anchorChangeText(p.anchor)}: ${EXPORT(p.name)}`,
};

/** Where a variable was set: `environment`, or an env_file (reported on the env_file entry). */
function checkVariable({ model, report, fixTitle }: Context, service: ComposeService, variable: Variable): void {
  const subject = serviceSubject(service);
  const fixes = () =>
    secretFixes(model, service, variable.name, {
      secretFile: (p) => fixTitle('secretFile', { name: quote(p.name), secret: quote(p.secret) }),
      secretOnly: (p) => fixTitle('secretOnly', { name: quote(p.name), secret: quote(p.secret) }),
      reference: (p) => fixTitle('reference', { name: quote(p.name), anchor: p.anchor }),
    });
  if (isSecretName(variable.name) && literalSecret(variable.name, variable.written, variable.value)) {
    report(
      variable.nameRange,
      'literalSecret',
      { service: quote(service.name), name: quote(variable.name) },
      { subject, fixes: fixes() },
    );
    return;
  }
  if (variable.value && variable.written && !variable.written.includes('$')) {
    const found = findSecretValues(variable.value)[0];
    if (found)
      report(
        variable.valueRange,
        'secretValue',
        { service: quote(service.name), name: quote(variable.name), secret: found.description },
        { subject, fixes: fixes() },
      );
  }
}

const messages = {
  literalSecret: (p: { service: string; name: string }) =>
    `Service "${p.service}" sets ${p.name} to a literal secret in environment (value hidden): ` +
    'it is readable with docker inspect and ends up in version control. ' +
    'Use Compose secrets (mounted at /run/secrets) or a ${VARIABLE} from the environment.',
  /** `secret`: what the value looks like (`an AWS access key`...). */
  secretValue: (p: { service: string; name: string; secret: string }) =>
    `Service "${p.service}": ${p.name} holds ${p.secret} in environment (value hidden). ` +
    'Use Compose secrets or a ${VARIABLE} from the environment.',
  /** `names`: every secret-named variable the file sets to a literal, comma-separated. */
  envFileSecret: (p: { service: string; names: string; file: string }) =>
    `Service "${p.service}" loads ${p.names} with literal secrets from ${p.file} (values hidden): ` +
    'they are readable with docker inspect. Use Compose secrets instead.',
};

/** What the user must still do, in Japanese. */
const EXPORT_JA = (name: string): string =>
  `docker compose up の前にシェルで ${name} を export してください(または .env に設定)。値はこのファイルから削除されます`;

const ja: JapaneseTables<typeof messages, typeof fixTitles> = {
  messages: {
    literalSecret: (p) =>
      `サービス "${p.service}" は environment で ${p.name} に秘密情報をそのまま書いています(値は伏せています)。` +
      'docker inspect で読め、バージョン管理にも残ります。' +
      'Compose の secrets(/run/secrets にマウント)か、環境から渡す ${VARIABLE} を使ってください。',
    secretValue: (p) =>
      `サービス "${p.service}": environment の ${p.name} が ${secretKindJa(p.secret)} を保持しています(値は伏せています)。` +
      'Compose の secrets か、環境から渡す ${VARIABLE} を使ってください。',
    envFileSecret: (p) =>
      `サービス "${p.service}" は ${p.file} から ${p.names} の秘密情報をそのまま読み込んでいます(値は伏せています)。` +
      'docker inspect で読めます。代わりに Compose の secrets を使ってください。',
  },
  fixTitles: {
    secretFile: (p) =>
      `${p.name} を Compose の secret "${p.secret}" に移し、${p.name}_FILE で読む: ${EXPORT_JA(p.name)}`,
    secretOnly: (p) =>
      `${p.name} を /run/secrets/${p.secret} の Compose の secret "${p.secret}" に移す` +
      `(アプリケーションがそのファイルを読む必要があります。${p.name} は設定されなくなります): ${EXPORT_JA(p.name)}`,
    reference: (p) => `${p.name} を環境から読む${anchorChangeTextJa(p.anchor)}: ${EXPORT_JA(p.name)}`,
  },
};

export const secretInEnvironment = composeRule({
  meta: {
    id: 'compose-secret-in-environment',
    concern: concern('cs.secret.env').id,
    severity: 'error',
    kind: 'compose',
    title: 'A secret is set in the environment',
    examples: {
      bad: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n',
      good:
        'services:\n  db:\n    image: postgres:16\n    environment:\n' +
        '      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets: [db_password]\nsecrets:\n' +
        '  db_password:\n    file: ./db_password.txt\n',
    },
  },
  messages,
  fixTitles,
  ja,
  check(context) {
    const { model, report } = context;
    for (const service of model.services) {
      for (const variable of environmentOf(model, service)) checkVariable(context, service, variable);
      // env_file content, when the file is in the workspace: reported on the env_file entry that pulls it in.
      const envFile = service.entries.get('env_file');
      if (!envFile) continue;
      const names = model.itemsOf(envFile.value).length ? model.itemsOf(envFile.value) : [envFile.value];
      for (const node of names) {
        const fileNode = isMap(node) ? (model.entriesOf(node).get('path')?.value ?? null) : node;
        const file = model.value(fileNode, envFile.keyRange);
        if (!file.text || file.unknown) continue;
        const path = model.resolvePath(fileNode, file.text);
        const content = model.fileText(path);
        if (content === undefined) continue;
        // One finding per env_file that names every secret it sets (one per place would keep only the first),
        // related to the line of the first.
        const secrets = parseDotEnv(content).filter(
          ({ name, value }) => isSecretName(name) && literalSecret(name, value, value),
        );
        if (secrets.length > 0)
          report(
            file.range,
            'envFileSecret',
            {
              service: quote(service.name),
              names: [...new Set(secrets.map(({ name }) => quote(name)))].join(', '),
              file: quote(file.text),
            },
            { subject: serviceSubject(service), relatedFile: path, relatedRange: lineRange(content, secrets[0].line) },
          );
      }
    }
  },
});
