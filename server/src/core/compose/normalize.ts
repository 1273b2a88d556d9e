/**
 * Short and long Compose syntax, normalised: published ports, mounts,
 * security options and capabilities, each with the range of the text that
 * declares it.
 */
import { isMap, isScalar, type Node } from 'yaml';
import type { Range } from '../types';
import type { ComposeEntry, ComposeModel, ComposeService, ComposeValue } from './model';

const DERIVED = new WeakMap<ComposeService, Map<string, unknown>>();

/** A service's normalised view, computed once per model: several rules read the same mounts, ports and options. */
function derived<T>(service: ComposeService, key: string, compute: () => T): T {
  let views = DERIVED.get(service);
  if (!views) DERIVED.set(service, (views = new Map()));
  if (!views.has(key)) views.set(key, compute());
  return views.get(key) as T;
}

/** Reads fields of a long-syntax mapping (`target:`, `source:`...) with interpolation. */
function fieldReader(model: ComposeModel, fields: Map<string, ComposeEntry>): (key: string) => ComposeValue | null {
  return (key) => {
    const entry = fields.get(key);
    return entry ? model.value(entry.value, entry.keyRange) : null;
  };
}

export interface PublishedPort {
  /** Host address, or null for every interface. */
  hostIp: string | null;
  /** Host port(s) as written, null when Compose picks one. */
  published: string | null;
  /** Container port(s). */
  target: string;
  range: Range;
  node: Node;
  long: boolean;
  unknown: boolean;
}

/** `[HOST_IP:][HOST:]CONTAINER[/PROTO]`, with `[::1]:` IPv6 hosts. */
export function parseShortPort(
  spec: string,
): { hostIp: string | null; published: string | null; target: string } | null {
  let rest = spec.trim().replace(/\/(tcp|udp|sctp)$/i, '');
  let hostIp: string | null = null;
  const ipv6 = /^\[([^\]]*)\]:(.*)$/.exec(rest);
  if (ipv6) {
    hostIp = ipv6[1];
    rest = ipv6[2];
  }
  const parts = rest.split(':');
  if (!ipv6 && parts.length === 3) hostIp = parts.shift() ?? null;
  if (!ipv6 && parts.length > 3) return null;
  const target = parts.pop();
  if (!target) return null;
  const published = parts.length ? parts[0] || null : null;
  return { hostIp: hostIp === '' ? null : hostIp, published, target };
}

export function publishedPorts(model: ComposeModel, service: ComposeService): readonly PublishedPort[] {
  return derived(service, 'publishedPorts', () => readPorts(model, service));
}

function readPorts(model: ComposeModel, service: ComposeService): PublishedPort[] {
  const entry = service.entries.get('ports');
  if (!entry) return [];
  const ports: PublishedPort[] = [];
  for (const item of model.itemsOf(entry.value)) {
    if (isMap(item)) {
      const fields = model.entriesOf(item);
      const get = fieldReader(model, fields);
      const target = get('target');
      const published = get('published');
      const hostIp = get('host_ip');
      if (!target?.text) continue;
      // Older files write the address into `published` (`127.0.0.1:8080`, or just `127.0.0.1`).
      const embedded = /^(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]*\])(?::(.*))?$/i.exec(published?.text ?? '');
      ports.push({
        hostIp: hostIp?.text ?? embedded?.[1]?.replace(/^\[|\]$/g, '') ?? null,
        published: embedded ? embedded[2] || null : (published?.text ?? null),
        target: target.text,
        range: model.rangeOf(item)!,
        node: item,
        long: true,
        unknown: Boolean(target.unknown || published?.unknown || hostIp?.unknown),
      });
    } else {
      const value = model.value(item, entry.keyRange);
      if (value.text === null) continue;
      const parsed = parseShortPort(value.text);
      if (parsed) ports.push({ ...parsed, range: value.range, node: item, long: false, unknown: value.unknown });
    }
  }
  return ports;
}

export interface Mount {
  type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'other';
  source: string | null;
  target: string | null;
  readOnly: boolean;
  propagation: string | null;
  /** The item (short string or long mapping). */
  range: Range;
  /** The source text's range where it can be told apart, else the item's. */
  sourceRange: Range;
  propagationRange: Range | null;
  node: Node;
  unknown: boolean;
  /** The named volume a bind comes through (`driver_opts: {o: bind, device: /path}`), if it does. */
  volume?: string;
}

/** Bind sources are paths: absolute, relative (`./`, `../`), or home (`~`). Anything else names a volume. */
function isPathSource(source: string): boolean {
  return /^(\/|\.{1,2}(\/|$)|~)/.test(source) || /^[A-Za-z]:[\\/]/.test(source);
}

/** `[SOURCE:]TARGET[:MODE]` of a short-syntax volume; a Windows drive letter (`C:\\data:/data`) belongs to the source. */
export function parseShortVolume(text: string): { source: string | null; target: string | null; mode: string } {
  const parts = text.split(':');
  if (/^[A-Za-z]$/.test(parts[0]) && parts.length > 2) parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
  return parts.length === 1
    ? { source: null, target: parts[0], mode: '' }
    : { source: parts[0], target: parts[1] ?? null, mode: parts[2] ?? '' };
}

export function mountsOf(model: ComposeModel, service: ComposeService): readonly Mount[] {
  return derived(service, 'mountsOf', () => readMounts(model, service));
}

function readMounts(model: ComposeModel, service: ComposeService): Mount[] {
  const entry = service.entries.get('volumes');
  if (!entry) return [];
  const mounts: Mount[] = [];
  for (const item of model.itemsOf(entry.value)) {
    if (isMap(item)) {
      const fields = model.entriesOf(item);
      const get = fieldReader(model, fields);
      const type = get('type')?.text ?? 'volume';
      const source = get('source');
      const bind = fields.get('bind');
      const propagationEntry = bind ? model.entriesOf(bind.value).get('propagation') : undefined;
      const propagation = propagationEntry ? model.value(propagationEntry.value, propagationEntry.keyRange) : null;
      mounts.push({
        type: (['bind', 'volume', 'tmpfs', 'npipe'].includes(type) ? type : 'other') as Mount['type'],
        source: source?.text ?? null,
        target: get('target')?.text ?? null,
        readOnly: get('read_only')?.text === 'true',
        propagation: propagation?.text ?? null,
        range: model.rangeOf(item)!,
        sourceRange: source?.range ?? model.rangeOf(item)!,
        propagationRange: propagation?.range ?? null,
        node: item,
        unknown: Boolean(source?.unknown),
      });
    } else if (isScalar(item)) {
      const value = model.value(item, entry.keyRange);
      if (value.text === null) continue;
      const { source, target, mode } = parseShortVolume(value.text);
      const options = mode.split(',');
      // The source's own range, when the written text is the interpolated one (skipping an opening quote).
      let sourceRange = value.range;
      if (source !== null && item.range && model.isLocal(item) && String(item.source) === value.text) {
        const start = item.range[0] + (/['"]/.test(model.text[item.range[0]]) ? 1 : 0);
        sourceRange = model.lines.rangeOf(start, start + source.length);
      }
      mounts.push({
        type: source === null ? 'volume' : isPathSource(source) ? 'bind' : 'volume',
        source,
        target,
        readOnly: options.includes('ro'),
        propagation: options.find((o) => /^r?(shared|slave|private)$/.test(o)) ?? null,
        range: value.range,
        sourceRange,
        propagationRange: null,
        node: item,
        unknown: value.unknown,
      });
    }
  }
  return mounts.map((mount) => (mount.type === 'volume' && mount.source ? (volumeBind(model, mount) ?? mount) : mount));
}

/**
 * A named volume that is a host directory in disguise: the local driver
 * with `o: bind` and a `device` path, or the local-persist plugin's
 * `mountpoint`. The mount is then a bind of that path, placed at the
 * volume's definition, where the path is written.
 */
function volumeBind(model: ComposeModel, mount: Mount): Mount | null {
  const definition = model.volume(mount.source!);
  if (!definition) return null;
  const fields = model.entriesOf(definition.value);
  const driver = fields.get('driver') ? model.value(fields.get('driver')!.value, definition.keyRange).text : null;
  const options = model.entriesOf(fields.get('driver_opts')?.value ?? null);
  const read = (key: string): ComposeValue | null =>
    options.has(key) ? model.value(options.get(key)!.value, options.get(key)!.keyRange) : null;
  const mountOptions = (read('o')?.text ?? '').split(',').map((o) => o.trim());
  const path =
    driver === 'local-persist'
      ? read('mountpoint')
      : mountOptions.some((o) => /^r?bind$/.test(o))
        ? read('device')
        : null;
  if (!path?.text) return null;
  return {
    ...mount,
    type: 'bind',
    source: path.text,
    sourceRange: path.range,
    unknown: mount.unknown || path.unknown,
    volume: mount.source!,
    propagation: mount.propagation ?? mountOptions.find((o) => /^r?(shared|slave|private)$/.test(o)) ?? null,
  };
}

export interface ListItem {
  text: string;
  range: Range;
  node: Node;
  unknown: boolean;
}

/** Items of a list-valued setting (security_opt, cap_add, devices...), as interpolated strings. */
export function listItems(model: ComposeModel, service: ComposeService, key: string): readonly ListItem[] {
  return derived(service, `list ${key}`, () => readListItems(model, service, key));
}

function readListItems(model: ComposeModel, service: ComposeService, key: string): ListItem[] {
  const entry = service.entries.get(key);
  if (!entry) return [];
  return model.itemsOf(entry.value).flatMap((node) => {
    const value = model.value(node, entry.keyRange);
    return value.text === null ? [] : [{ text: value.text, range: value.range, node, unknown: value.unknown }];
  });
}

/** `seccomp:unconfined`, `seccomp=unconfined` -> ['seccomp', 'unconfined']; `no-new-privileges` -> ['no-new-privileges', 'true']. */
export function securityOption(text: string): [string, string] {
  const match = /^([^:=]+)[:=](.*)$/.exec(text.trim());
  return match ? [match[1].trim().toLowerCase(), match[2].trim()] : [text.trim().toLowerCase(), 'true'];
}

/** `cap_sys_admin`, `CAP_SYS_ADMIN`, `sys_admin` -> `SYS_ADMIN`. */
export function capabilityName(text: string): string {
  return text.trim().toUpperCase().replace(/^CAP_/, '');
}
