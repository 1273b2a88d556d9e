/**
 * Content another file contributes to the analysed document's services: an
 * override file, an `extends: {file: ...}` target, an `include`d project.
 * Such content is copied into the model (aliases and merge keys expanded),
 * and each copied node remembers its file and the place in the analysed
 * document that pulls it in. A finding on it is reported at that place,
 * naming the file and line it comes from, without fixes (they would edit
 * another file); or it is not reported here at all when that file reports it
 * itself (the base file's own settings, seen from an override file).
 */
import { isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { Range } from '../types';
import type { VariableLookup } from '../variables';
import { mappingPairs, type ComposeSource, type Resolver } from './source';

/** Where the analysed document pulls another file's content in, and how (for messages). */
export interface Pull {
  range: Range;
  how: string;
  /** One finding per rule at this place (the many services of an included project), rather than one per setting. */
  aggregate?: boolean;
}

export interface Origin {
  source: ComposeSource;
  /** Null when the other file reports this content itself. */
  pull: Pull | null;
  variables: VariableLookup;
  /** Directory the file's relative paths resolve against. */
  dir: string;
}

/** The place a finding on copied content belongs, with what the message should add. */
export interface ForeignPlace {
  origin: Origin;
  /** The content's range in its own file. */
  ownRange: Range;
}

/** Nodes copied from other files per analysis: beyond this, the rest is not copied and a problem is reported. */
export const MAX_COPIED_NODES = 200_000;
const MAX_DEPTH = 64;

export class ForeignContent {
  private readonly origins = new WeakMap<object, Origin>();
  private readonly places = new WeakMap<Range, ForeignPlace>();
  private copied = 0;
  exceeded = false;
  /** True once anything was copied: the single-file case skips every lookup. */
  any = false;

  originOf(node: Node | null | undefined): Origin | undefined {
    return this.any && node ? this.origins.get(node) : undefined;
  }

  /** Deep copy of a node from `origin.source`, with aliases resolved and `<<` merge keys expanded. */
  copy(node: Node | null | undefined, origin: Origin, resolve: Resolver, depth = 0): Node | null {
    const resolved = resolve(node);
    if (!resolved || depth > MAX_DEPTH) return null;
    if (this.copied++ >= MAX_COPIED_NODES) {
      this.exceeded = true;
      return null;
    }
    this.any = true;
    let made: Node;
    if (isMap(resolved)) {
      const map = new YAMLMap<Node, Node | null>();
      for (const { pair } of mappingPairs(resolved, resolve)) {
        const key = this.copy(pair.key, origin, resolve, depth + 1);
        if (key) map.items.push(new Pair(key, this.copy(pair.value, origin, resolve, depth + 1)));
      }
      made = map;
    } else if (isSeq(resolved)) {
      const seq = new YAMLSeq<Node>();
      for (const item of resolved.items as Node[]) {
        const copy = this.copy(item, origin, resolve, depth + 1);
        if (copy) seq.items.push(copy);
      }
      made = seq;
    } else if (isScalar(resolved)) {
      made = new Scalar(resolved.value);
    } else return null;
    made.range = resolved.range;
    if (resolved.tag) made.tag = resolved.tag;
    this.origins.set(made, origin);
    return made;
  }

  /** Gives a node made during merging the origin of the node it was made from. */
  adopt(made: Node, from: Node): void {
    const origin = this.originOf(from);
    if (origin) this.origins.set(made, origin);
  }

  /**
   * A copied node's range as the analysed document sees it: the place that
   * pulls it in (an empty range at the start for content reported
   * elsewhere), registered so the finding can name the node's own file.
   */
  rangeOf(node: Node, origin: Origin): Range | null {
    const ownRange = origin.source.rangeOf(node);
    if (!ownRange) return null;
    const at = origin.pull?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const range = { start: at.start, end: at.end };
    this.places.set(range, { origin, ownRange });
    return range;
  }

  placeOf(range: Range): ForeignPlace | undefined {
    return this.any ? this.places.get(range) : undefined;
  }
}
