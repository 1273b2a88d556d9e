/**
 * secret-in-env-arg — ENV or ARG defines a secret-looking name or a value
 * that looks like a credential. ENV values are stored in the image config;
 * ARG values used by RUN are recorded in the image history. Build secrets
 * belong in `RUN --mount=type=secret`.
 */
import { concern } from '../../concerns';
import { propertiesOf } from '../../dockerfile/model';
import { findSecretValues, isNonSecretValue, isSecretName, isVariableReference, quote } from '../../knowledge/secrets';
import { dockerfileRule } from '../rule';
import { stageSubject } from './helpers';

const VALUES = { none: '', variable: ' (copied from a variable)', literal: ' with a literal value' };

/** Where each instruction's values end up. */
const STORED = {
  ENV: 'ENV values are stored in the image configuration, readable by anyone who can pull the image (docker inspect)',
  ARG: 'build arguments are recorded in the image history (docker history) when a RUN uses them',
};

export const secretInEnvArg = dockerfileRule({
  meta: {
    id: 'secret-in-env-arg',
    concern: concern('df.secret.env-arg').id,
    severity: 'error',
    title: 'A secret is passed through ENV or ARG',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM alpine:3.20\nARG NPM_TOKEN\nENV DB_PASSWORD=hunter2\nUSER 65532\n',
      good: 'FROM alpine:3.20\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN ./install.sh\nUSER 65532\n',
    },
  },
  messages: {
    /** `value`: how the value is given, when it is. */
    secretName: (p: { keyword: 'ENV' | 'ARG'; name: string; value: 'none' | 'variable' | 'literal' }) =>
      `${p.keyword} ${p.name}${VALUES[p.value]} looks like a secret: ${STORED[p.keyword]}. ` +
      'Pass it with RUN --mount=type=secret instead.',
    /** `secret`: what the value looks like (`an AWS access key`...). */
    secretValue: (p: { keyword: string; name: string; secret: string }) =>
      `The value of ${p.keyword} ${p.name} looks like ${p.secret} (value hidden); it would be stored in the image. ` +
      'Pass it with RUN --mount=type=secret instead.',
  },
  fixTitles: {},
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') continue;
      for (const property of propertiesOf(instruction.node)) {
        const name = property.getName();
        const value = property.getValue();
        if (name === '') continue;
        const valueRange = property.getValueRange();
        // A secret name set to `true`, a path, a URL without credentials... holds no secret.
        if (isSecretName(name) && !(value && !isVariableReference(value) && isNonSecretValue(name, value))) {
          const given = value === null || value === '' ? 'none' : isVariableReference(value) ? 'variable' : 'literal';
          report(
            property.getNameRange(),
            'secretName',
            { keyword: instruction.keyword as 'ENV' | 'ARG', name: quote(name), value: given },
            { subject: stageSubject(model, instruction.stage) },
          );
          continue;
        }
        if (value && valueRange && !isVariableReference(value)) {
          const found = findSecretValues(value)[0];
          if (found) {
            report(
              valueRange,
              'secretValue',
              { keyword: instruction.keyword, name: quote(name), secret: found.description },
              { subject: stageSubject(model, instruction.stage) },
            );
          }
        }
      }
    }
  },
});
