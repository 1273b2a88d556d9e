/** compose-writable-root-filesystem — the root filesystem is writable (`read_only: true` missing or false). */
import { isScalar } from 'yaml';
import { concern } from '../../concerns';
import { isFragment, type ComposeModel, type ComposeService } from '../../compose/model';
import { listItems, mountsOf } from '../../compose/normalize';
import { setKey } from '../../compose/yaml-edits';
import { ownPair } from '../../compose/yaml-text';
import { quote } from '../../knowledge/secrets';
import { runtimeWritablePaths } from '../../knowledge/writable-paths';
import type { TextEdit } from '../../types';
import type { RuleOptions } from '../options';
import { composeRule } from '../rule';
import { isTrue, serviceSubject, setting, type AnchorNote } from './helpers';
import { anchorChangeText, appendItems, editFix, ownerOf, type Owner, anchorChangeTextJa } from './fixes';
import { serviceImage } from './image-reference';

/** `/tmp:size=64m` -> `/tmp`. */
const mountPath = (spec: string): string =>
  spec
    .split(':')[0]
    .trim()
    .replace(/(.)\/+$/, '$1');

/**
 * The tmpfs paths a read-only service needs that it does not have yet: the
 * configured writable paths and those its image is known to write to, less
 * those a tmpfs or volume already covers.
 */
function missingTmpfs(model: ComposeModel, service: ComposeService, options: RuleOptions): string[] {
  const image = serviceImage(model, service);
  const wanted = [...options.writablePaths, ...runtimeWritablePaths(image?.reference ?? null)].map(mountPath);
  const covered = new Set([
    ...listItems(model, service, 'tmpfs').map((item) => mountPath(item.text)),
    ...mountsOf(model, service).flatMap((mount) => (mount.target ? [mountPath(mount.target)] : [])),
  ]);
  const tmpfs = setting(model, service, 'tmpfs');
  if (tmpfs?.text) covered.add(mountPath(tmpfs.text));
  return [...new Set(wanted)].filter((path) => !covered.has(path));
}

/** Adds tmpfs paths: to its list, or a one-path `tmpfs: /run` becomes a list with the new ones. */
function addTmpfs(model: ComposeModel, owner: Owner, paths: string[]): TextEdit[] | null {
  const written = ownPair(owner.map, 'tmpfs')?.value;
  if (paths.length === 0) return [];
  if (isScalar(written) && typeof written.value === 'string')
    return setKey(model, owner.map, 'tmpfs', [written.value, ...paths]);
  return appendItems(model, owner.map, 'tmpfs', paths);
}

export const writableRootFilesystem = composeRule({
  meta: {
    id: 'compose-writable-root-filesystem',
    concern: concern('cs.read-only.missing').id,
    severity: 'info',
    kind: 'compose',
    title: 'The root filesystem is writable',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    read_only: true\n    tmpfs: [/tmp]\n',
    },
  },
  messages: {
    writable: (p: { service: string }) =>
      `Service "${p.service}" has a writable root filesystem: an attacker can drop tools and change binaries. ` +
      'Set read_only: true and give it tmpfs/volumes only where it must write.',
  },
  fixTitles: {
    /** `tmpfs`: the paths that get a tmpfs with it. */
    setReadOnly: (p: { tmpfs: string[]; anchor: AnchorNote | null }) =>
      `Set read_only: true${anchorChangeText(p.anchor)}` +
      (p.tmpfs.length
        ? `, with a tmpfs at ${p.tmpfs.join(', ')} (mount a volume wherever else the service writes)`
        : ' (mount a tmpfs or volume wherever the service writes)'),
  },
  ja: {
    messages: {
      writable: (p) =>
        `サービス "${p.service}" のルートファイルシステムは書き込み可能です。攻撃者がツールを置いたりバイナリを` +
        '書き換えたりできます。read_only: true にし、書き込みが必要な場所にだけ tmpfs やボリュームを与えてください。',
    },
    fixTitles: {
      setReadOnly: (p) =>
        `read_only: true に設定${anchorChangeTextJa(p.anchor)}` +
        (p.tmpfs.length
          ? `し、${p.tmpfs.join(', ')} に tmpfs を置く(ほかに書き込む場所にはボリュームをマウント)`
          : '(サービスが書き込む場所には tmpfs かボリュームをマウント)'),
    },
  },
  check({ model, report, fixTitle, options }) {
    for (const service of model.services) {
      const value = setting(model, service, 'read_only');
      if ((value && (value.unknown || isTrue(value))) || (!value && isFragment(service))) continue;
      const readOnly = ownerOf(model, service, 'read_only');
      const tmpfsOwner = ownerOf(model, service, 'tmpfs');
      const tmpfs = missingTmpfs(model, service, options);
      const fixes =
        readOnly && tmpfsOwner
          ? editFix(model, fixTitle('setReadOnly', { tmpfs, anchor: readOnly.anchor ?? tmpfsOwner.anchor }), [
              // Paths appended to an existing list before the new key, which would otherwise come between them.
              ...(service.entries.has('tmpfs')
                ? [addTmpfs(model, tmpfsOwner, tmpfs), setKey(model, readOnly.map, 'read_only', true)]
                : [setKey(model, readOnly.map, 'read_only', true), addTmpfs(model, tmpfsOwner, tmpfs)]),
            ])
          : [];
      report(
        value?.range ?? service.keyRange,
        'writable',
        { service: quote(service.name) },
        { subject: serviceSubject(service), fixes },
      );
    }
  },
});
