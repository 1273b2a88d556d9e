/**
 * The JSON Schema of `.docker-harden.yaml`, made from the same description
 * the validator walks (structure.ts). `npm run docs` writes it to
 * schemas/docker-harden.schema.json, which package.json contributes to the
 * YAML extension (`yamlValidation`) for completion and checking as users
 * type; a test fails when the file and this function disagree.
 */
import {
  CONFIGURABLE_IDS,
  SEVERITY_SETTINGS,
  TOP_LEVEL_KEYS,
  OVERRIDE_KEYS,
  type KeyShape,
  type ValueShape,
} from './structure';

export type JsonSchema = { [key: string]: unknown };

export const SCHEMA_ID = 'https://docker-harden.invalid/schemas/docker-harden.schema.json';

export function configJsonSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'docker-harden configuration (.docker-harden.yaml)',
    ...objectSchema(TOP_LEVEL_KEYS),
  };
}

function objectSchema(keys: Readonly<Record<string, KeyShape>>): JsonSchema {
  const required = Object.entries(keys)
    .filter(([, key]) => key.required)
    .map(([name]) => name);
  return {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(keys).map(([name, key]) => [name, { description: key.description, ...valueSchema(key.shape) }]),
    ),
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

function valueSchema(shape: ValueShape): JsonSchema {
  switch (shape.type) {
    case 'string':
      return {
        type: 'string',
        ...(shape.pattern !== undefined ? { pattern: shape.pattern } : {}),
        examples: [shape.example],
      };
    case 'enum':
      return { type: 'string', enum: [...shape.values] };
    case 'integer':
      return { type: 'integer', minimum: shape.minimum, maximum: shape.maximum };
    case 'boolean':
      return { type: 'boolean' };
    case 'list':
      return {
        type: 'array',
        items: valueSchema(shape.items),
        ...(shape.minItems !== undefined ? { minItems: shape.minItems } : {}),
      };
    case 'object':
      return objectSchema(shape.properties);
    case 'severities':
      return {
        type: 'object',
        properties: Object.fromEntries(
          CONFIGURABLE_IDS.map((id) => [id, { type: 'string', enum: [...SEVERITY_SETTINGS] }]),
        ),
        additionalProperties: false,
      };
    case 'overrides':
      return { type: 'array', items: objectSchema(OVERRIDE_KEYS) };
  }
}
