/**
 * secret-in-env-arg — ENV or ARG defines a secret-looking name or a value
 * that looks like a credential. ENV values are stored in the image config;
 * ARG values used by RUN are recorded in the image history. Build secrets
 * belong in `RUN --mount=type=secret`.
 */
import { concern } from '../../concerns';
import { propertiesOf } from '../../dockerfile/model';
import { findSecretValues, isSecretName, isVariableReference, quote } from '../../knowledge/secrets';
import type { DockerfileRule } from '../rule';
import { stageSubject } from './helpers';

export const secretInEnvArg: DockerfileRule = {
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
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') continue;
      for (const property of propertiesOf(instruction.node)) {
        const name = property.getName();
        const value = property.getValue();
        if (name === '') continue;
        const valueRange = property.getValueRange();
        if (isSecretName(name)) {
          const where =
            instruction.keyword === 'ENV'
              ? 'ENV values are stored in the image configuration, readable by anyone who can pull the image (docker inspect)'
              : 'build arguments are recorded in the image history (docker history) when a RUN uses them';
          const source =
            value === null || value === ''
              ? ''
              : isVariableReference(value)
                ? ' (copied from a variable)'
                : ' with a literal value';
          report(
            property.getNameRange(),
            `${instruction.keyword} ${quote(name)}${source} looks like a secret: ${where}. Pass it with RUN --mount=type=secret instead.`,
            { subject: stageSubject(model, instruction.stage) },
          );
          continue;
        }
        if (value && valueRange && !isVariableReference(value)) {
          const found = findSecretValues(value)[0];
          if (found) {
            report(
              valueRange,
              `The value of ${instruction.keyword} ${quote(name)} looks like ${found.description} (value hidden); it would be stored in the image. Pass it with RUN --mount=type=secret instead.`,
              { subject: stageSubject(model, instruction.stage) },
            );
          }
        }
      }
    }
  },
};
