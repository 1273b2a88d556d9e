/**
 * The fixes for a literal secret in a service's `environment`. Neither
 * writes the value anywhere: it leaves the file, and the title says where
 * the user must put it (the shell's environment or `.env`).
 *
 * - A Compose secret: a top-level `secrets:` entry read from the variable
 *   of the same name (`environment: POSTGRES_PASSWORD`), the service's
 *   `secrets:` list, and — for images that read `<NAME>_FILE` — that
 *   variable pointing at /run/secrets/<secret>; for other images the
 *   variable goes, and the application must read the file.
 * - A reference: the value becomes `${NAME:?...}`, which Compose fills in
 *   from the shell or `.env` and refuses to start without.
 *
 * The first is preferred where the image reads `_FILE` (nothing else
 * changes for it), the second elsewhere (the application keeps its
 * variable). Content an anchor shares gets only the reference: a secret
 * added to one service would leave the anchor's other users without it.
 */
import { isMap, isScalar, type Node } from 'yaml';
import type { ComposeModel, ComposeService } from '../../compose/model';
import { replaceScalar, setRootKey } from '../../compose/yaml-edits';
import { ownPair } from '../../compose/yaml-text';
import { readsFileVariable } from '../../knowledge/secret-file-variables';
import type { Fix, TextEdit } from '../../types';
import type { FixTitle } from '../rule';
import type { AnchorNote } from './helpers';
import { appendItems, editFix, ownerOf, removeFrom, sharedKeyFixes } from './fixes';
import { serviceImage } from './image-reference';

/** What the fixes' titles are made from. */
export interface SecretFixTitles {
  secretFile: (p: { name: string; secret: string }) => FixTitle;
  secretOnly: (p: { name: string; secret: string }) => FixTitle;
  reference: (p: { name: string; anchor: AnchorNote | null }) => FixTitle;
}

/** The variable as written in the service's own environment (map pair or list item). */
interface WrittenVariable {
  name: string;
  /** Map form: the pair's key and value; list form: the `NAME=value` item. */
  key: Node | null;
  value: Node | null;
  item: Node | null;
}

function writtenVariable(environment: Node | null | undefined, name: string): WrittenVariable | null {
  if (isMap(environment)) {
    const pair = ownPair(environment, name);
    return pair && isScalar(pair.value) ? { name, key: pair.key, value: pair.value, item: null } : null;
  }
  const items = (environment as { items?: unknown[] } | null | undefined)?.items ?? [];
  const item = items.find((node) => isScalar(node) && String(node.value).split('=')[0] === name) as Node | undefined;
  return item ? { name, key: null, value: null, item } : null;
}

/** A secret name for the variable that the top level does not use for anything else; null if none is free. */
function secretNameFor(model: ComposeModel, service: ComposeService, variable: string): string | null {
  const secrets = model.topLevel('secrets')?.value;
  const defined = isMap(secrets) ? secrets : null;
  const candidates = [variable, `${service.name}_${variable}`].map((name) =>
    name.toLowerCase().replace(/[^a-z0-9._-]/g, '_'),
  );
  for (const name of candidates) {
    const pair = defined ? ownPair(defined, name) : undefined;
    if (!pair) return name;
    const source = isMap(pair.value) ? ownPair(pair.value, 'environment')?.value : null;
    if (pair.value && isMap(pair.value) && pair.value.items.length === 1 && isScalar(source))
      if (String(source.value) === variable) return name;
  }
  return null;
}

/** The reference that replaces the literal: Compose stops with this message when the variable is unset. */
function reference(name: string): string {
  return `\${${name}:?set ${name} in the shell or in .env}`;
}

function replaceWith(model: ComposeModel, written: WrittenVariable, value: string): TextEdit[] | null {
  if (written.item) return replaceScalar(model, written.item, `${written.name}=${value}`);
  return replaceScalar(model, written.value, value);
}

export function secretFixes(
  model: ComposeModel,
  service: ComposeService,
  name: string,
  titles: SecretFixTitles,
): Fix[] {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return [];
  // No owner when an override file merges its own environment into this one: the fix would not be the whole story.
  const owner = ownerOf(model, service, 'environment');
  const written = owner ? writtenVariable(ownPair(owner.map, 'environment')?.value, name) : null;
  if (!owner || !written) return [];
  const referenceFix = (preferred: boolean): Fix[] =>
    editFix(
      model,
      titles.reference({ name, anchor: owner.anchor }),
      [replaceWith(model, written, reference(name))],
      preferred,
    );
  const secret = secretNameFor(model, service, name);
  const secretsOwner = ownerOf(model, service, 'secrets');
  if (owner.anchor || !secret || !secretsOwner || secretsOwner.anchor) return referenceFix(true);

  const readsFile = readsFileVariable(serviceImage(model, service)?.reference ?? null, name);
  const path = `/run/secrets/${secret}`;
  const environment: (TextEdit[] | null)[] = readsFile
    ? written.item
      ? [replaceScalar(model, written.item, `${name}_FILE=${path}`)]
      : [replaceScalar(model, written.key, `${name}_FILE`), replaceScalar(model, written.value, path)]
    : [removeFrom(model, owner.map, 'environment', written.item ? { node: written.item } : { name })];
  const secretFix = sharedKeyFixes(
    model,
    editFix(
      model,
      (readsFile ? titles.secretFile : titles.secretOnly)({ name, secret }),
      // The service's edits before the top-level one: both may insert at the end of the document.
      [
        ...environment,
        appendItems(model, secretsOwner.map, 'secrets', [secret]),
        setRootKey(model, ['secrets', secret], { environment: name }),
      ],
      readsFile,
    ),
  );
  return readsFile ? [...secretFix, ...referenceFix(false)] : [...referenceFix(true), ...secretFix];
}
