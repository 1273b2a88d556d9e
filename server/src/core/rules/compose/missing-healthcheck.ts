/** compose-missing-healthcheck — no healthcheck in the service or the Dockerfile it builds, or it is disabled. */
import { isSeq } from 'yaml';
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { lineageHas } from '../../dockerfile/model';
import { composeRule } from '../rule';
import { isTrue, serviceSubject } from './helpers';

export const missingHealthcheckCompose = composeRule({
  meta: {
    id: 'compose-missing-healthcheck',
    concern: concern('cs.healthcheck.missing').id,
    severity: 'info',
    kind: 'compose',
    title: 'The service has no healthcheck',
    examples: {
      bad: 'services:\n  app:\n    image: nginx:1.27\n',
      good:
        'services:\n  app:\n    image: nginx:1.27\n    healthcheck:\n' +
        '      test: ["CMD", "curl", "-fsS", "http://localhost/"]\n      interval: 30s\n',
    },
  },
  messages: {
    disabled: (p: { service: string }) =>
      `Service "${p.service}" disables its healthcheck: Docker cannot tell a hung service from a healthy one.`,
    noneInBuiltDockerfile: (p: { service: string; dockerfile: string }) =>
      `Service "${p.service}" has no healthcheck, and ${p.dockerfile} defines no HEALTHCHECK either.`,
    builtDockerfileUnreadable: (p: { service: string }) =>
      `Service "${p.service}" has no healthcheck, and the Dockerfile it builds could not be read to find one.`,
    missing: (p: { service: string }) =>
      `Service "${p.service}" has no healthcheck: Docker cannot tell a hung service from a healthy one, ` +
      'and depends_on cannot wait for it to be ready.',
  },
  fixTitles: {},
  check({ model, report }) {
    for (const service of model.services) {
      const subject = serviceSubject(service);
      const name = quote(service.name);
      const entry = service.entries.get('healthcheck');
      if (entry) {
        const fields = model.entriesOf(entry.value);
        const disable = fields.get('disable');
        const test = fields.get('test');
        const testItems = test ? model.itemsOf(test.value).map((n) => model.value(n, test.keyRange).text) : [];
        const testValue = test && !isSeq(test.value) ? model.value(test.value, test.keyRange).text : null;
        const disabled =
          (disable && isTrue(model.value(disable.value, disable.keyRange))) ||
          testItems[0]?.toUpperCase() === 'NONE' ||
          testValue?.toUpperCase() === 'NONE';
        if (disabled)
          report(disable?.keyRange ?? test?.keyRange ?? entry.keyRange, 'disabled', { service: name }, { subject });
        continue;
      }
      if (service.entries.has('build')) {
        const built = model.builtDockerfile(service);
        if (built && lineageHas(built.model, 'HEALTHCHECK')) continue;
        if (built)
          report(
            service.keyRange,
            'noneInBuiltDockerfile',
            { service: name, dockerfile: quote(built.path) },
            { subject, relatedFile: built.path },
          );
        else report(service.keyRange, 'builtDockerfileUnreadable', { service: name }, { subject });
        continue;
      }
      report(service.keyRange, 'missing', { service: name }, { subject });
    }
  },
});
