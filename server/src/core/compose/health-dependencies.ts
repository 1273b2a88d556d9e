/**
 * What the file itself says about services' healthchecks: a service that
 * another one waits on with `depends_on: {x: {condition: service_healthy}}`
 * has a healthcheck at run time — Compose cannot start the dependent
 * service otherwise — so when the file writes none, its image defines one.
 */
import type { ComposeModel, ComposeService } from './model';

/** Per analysis: the model passed to the rules is copied per service, its list of services is not. */
const WAITED = new WeakMap<readonly ComposeService[], ReadonlySet<string>>();

/** Names of the services some service of the document waits on until they are healthy. */
export function healthWaitedServices(model: ComposeModel): ReadonlySet<string> {
  const known = WAITED.get(model.allServices);
  if (known) return known;
  const waited = new Set<string>();
  for (const service of model.allServices) {
    const dependsOn = service.entries.get('depends_on');
    // The short syntax (a list of names) only waits for the container to start.
    if (!dependsOn) continue;
    for (const [name, dependency] of model.entriesOf(dependsOn.value)) {
      const condition = model.entriesOf(dependency.value).get('condition');
      if (condition && model.value(condition.value, condition.keyRange).text === 'service_healthy') waited.add(name);
    }
  }
  WAITED.set(model.allServices, waited);
  return waited;
}
