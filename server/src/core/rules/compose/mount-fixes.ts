/**
 * Edits of one mount in a service's `volumes`, in short (`src:dst:mode`)
 * and long (`type: bind ...`) syntax: make it read-only, change or drop
 * its propagation, remove it. Shared by the socket, host-path and
 * propagation rules.
 */
import { isMap, isScalar } from 'yaml';
import type { ComposeModel } from '../../compose/model';
import { parseShortVolume, type Mount } from '../../compose/normalize';
import { removeKey, replaceScalar, setKey } from '../../compose/yaml-edits';
import type { TextEdit } from '../../types';
import { removeFrom, type Owner } from './fixes';

/** The short-syntax text with its mode options changed; null when written with variables (their text differs). */
function withOptions(model: ComposeModel, mount: Mount, change: (options: string[]) => string[]): TextEdit[] | null {
  const node = mount.node;
  if (!isScalar(node) || typeof node.value !== 'string') return null;
  const written = node.value;
  if (model.value(node, mount.range).text !== written) return null;
  const { source, target, mode } = parseShortVolume(written);
  if (source === null || target === null) return null;
  const options = change(mode ? mode.split(',') : []);
  return replaceScalar(model, node, `${source}:${target}${options.length ? `:${options.join(',')}` : ''}`);
}

/** `:ro` in short syntax (an `rw` goes), `read_only: true` in long syntax. */
export function readOnlyMount(model: ComposeModel, mount: Mount): TextEdit[] | null {
  if (isMap(mount.node)) return setKey(model, mount.node, 'read_only', true);
  return withOptions(model, mount, (options) => [...options.filter((o) => o !== 'rw' && o !== 'ro'), 'ro']);
}

/** Shared propagation becomes `propagation` (or, with null, the option goes and Docker's default applies). */
export function mountPropagation(model: ComposeModel, mount: Mount, propagation: string | null): TextEdit[] | null {
  if (isMap(mount.node))
    return propagation === null
      ? removeKey(model, mount.node, ['bind', 'propagation'])
      : setKey(model, mount.node, ['bind', 'propagation'], propagation);
  const shared = (option: string): boolean => /^r?shared$/i.test(option);
  return withOptions(model, mount, (options) =>
    propagation === null ? options.filter((o) => !shared(o)) : options.map((o) => (shared(o) ? propagation : o)),
  );
}

/** Removes the mount from the service's (or its anchor's) `volumes`; the last one takes the key with it. */
export function removeMount(model: ComposeModel, owner: Owner, mount: Mount): TextEdit[] | null {
  return removeFrom(model, owner.map, 'volumes', mount);
}
