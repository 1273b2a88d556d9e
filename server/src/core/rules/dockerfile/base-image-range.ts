/**
 * Ranges inside a FROM's image reference (the tag, the repository, the
 * whole reference), exact when the reference is written literally and the
 * whole written reference when it comes from a variable.
 */
import type { DockerfileModel, StageBase } from '../../dockerfile/model';
import type { Range } from '../../types';

export function wholeReferenceRange(model: DockerfileModel, base: StageBase): Range {
  return model.lines.rangeOf(base.startOffset, base.endOffset);
}

/** The `latest` of `node:latest`, or the repository of an untagged `node`. */
export function tagOrRepositoryRange(model: DockerfileModel, base: StageBase): Range {
  const image = base.image;
  if (!image || !base.literal) return wholeReferenceRange(model, base);
  if (image.tagStart !== null && image.tag !== null) {
    return model.lines.rangeOf(base.startOffset + image.tagStart, base.startOffset + image.tagStart + image.tag.length);
  }
  return model.lines.rangeOf(base.startOffset, base.startOffset + image.repositoryEnd);
}
