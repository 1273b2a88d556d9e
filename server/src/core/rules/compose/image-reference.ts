/** The image a service runs, parsed, when it is known (no build:, interpolation resolved). */
import type { ComposeModel, ComposeService } from '../../compose/model';
import { parseImageReference, type ImageReference } from '../../dockerfile/image-reference';
import type { Range } from '../../types';
import { setting } from './helpers';

export function serviceImage(
  model: ComposeModel,
  service: ComposeService,
): { reference: ImageReference; range: Range; text: string } | null {
  const image = setting(model, service, 'image');
  if (!image?.text || image.unknown) return null;
  const reference = parseImageReference(image.text);
  return reference ? { reference, range: image.range, text: image.text } : null;
}
