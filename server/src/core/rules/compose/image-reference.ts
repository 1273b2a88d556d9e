/** The image a service runs, parsed, when it is known (no build:, interpolation resolved); what it needs to start. */
import type { ComposeModel, ComposeService } from '../../compose/model';
import { parseImageReference, type ImageReference } from '../../dockerfile/image-reference';
import type { Range } from '../../types';
import { isRootUser } from '../../dockerfile/users';
import { startupCapabilities } from '../../knowledge/startup-capabilities';
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

/**
 * The capabilities the service's image needs to start (knowledge/startup-capabilities.ts): when it starts
 * as root — no `user:`, or root — and runs an image it does not build (a built image is its own, whatever
 * it is tagged as). None otherwise.
 */
export function imageStartupCapabilities(model: ComposeModel, service: ComposeService): readonly string[] {
  const user = setting(model, service, 'user');
  const startsAsRoot = !user || (!user.unknown && user.text !== null && isRootUser(user.text));
  if (!startsAsRoot || service.entries.has('build')) return [];
  return startupCapabilities(serviceImage(model, service)?.reference ?? null);
}
