/**
 * The project configuration's core: what `.docker-harden.yaml` may say,
 * every problem in it reported at the exact text that is wrong, and what a
 * valid one does to an analysis (profiles, severities, options, overrides,
 * ignore globs). The JSON Schema shipped for editors stays in step with the
 * validator.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { analyze } from '../../server/src/core/analyze';
import { settingsFor, severityUnder } from '../../server/src/core/config/resolve';
import { configJsonSchema } from '../../server/src/core/config/schema';
import {
  CONFIGURABLE_IDS,
  OPTION_KEYS,
  OVERRIDE_KEYS,
  STRICT_RAISED_RULES,
  TOP_LEVEL_KEYS,
} from '../../server/src/core/config/structure';
import { parseConfig } from '../../server/src/core/config/validate';
import { ALL_RULES, ruleMeta } from '../../server/src/core/rules';
import { CONFIG_SCHEMA_PATH, configSchemaText, ROOT } from '../../scripts/generate-docs';
import { dedent } from '../helpers/dedent';
import { span } from '../helpers/findings';

/** Each problem as `line:col-line:col message`, 1-based. */
function problems(text: string): string[] {
  return parseConfig(text).problems.map((p) => `${span(p)} ${p.message}`);
}

function configOf(text: string) {
  const parsed = parseConfig(text);
  assert.deepStrictEqual(parsed.problems, [], 'a valid configuration');
  return parsed.config!;
}

const COMPOSE = dedent`
  services:
    web:
      image: registry.example.com/team/web:1.4
      cap_add: [SYS_ADMIN, NET_ADMIN]
`;

describe('configuration file: validation', () => {
  const cases: { name: string; text: string; expected: RegExp[] }[] = [
    { name: 'a YAML syntax error', text: 'rules: [a\n', expected: [/^2:1-2:1 YAML: /] },
    {
      name: 'a duplicate key',
      text: 'extends: strict\nextends: recommended\n',
      expected: [/^2:1-2:8 YAML: Map keys must be unique/],
    },
    {
      name: 'an unknown top-level key, with a suggestion',
      text: 'rule:\n  missing-user: off\n',
      expected: [/^1:1-1:5 Unknown key "rule" in the file \(did you mean "rules"\?\)/],
    },
    {
      name: 'an unknown rule id, with a suggestion',
      text: 'rules:\n  compose-no-cpu-limt: off\n',
      expected: [/^2:3-2:22 Unknown rule or concern "compose-no-cpu-limt" \(did you mean "compose-no-cpu-limit"\?\)/],
    },
    {
      name: 'a severity that is not one',
      text: 'rules:\n  missing-user: warn\n',
      expected: [
        /^2:17-2:21 "missing-user" is "warn" \(did you mean "warning"\?\); expected one of off, info, warning, error/,
      ],
    },
    {
      name: 'an unknown profile',
      text: 'extends: paranoid\n',
      expected: [/^1:10-1:18 "extends" is "paranoid".*recommended, strict/],
    },
    {
      name: 'a mapping where a list is expected',
      text: 'ignore:\n  vendor: true\n',
      expected: [/^2:3-3:1 "ignore" must be a list/],
    },
    {
      name: 'a number out of range',
      text: 'options:\n  pidsLimit: 0\n',
      expected: [/^2:14-2:15 "pidsLimit" is 0; expected a whole number from 1 to 4194304/],
    },
    {
      name: 'a value that does not match its pattern',
      text: 'options:\n  restartPolicy: always\n',
      expected: [/^2:18-2:24 "restartPolicy" is "always", not a valid value; for example on-failure:5/],
    },
    {
      name: 'an unknown option',
      text: 'options:\n  sugestedUser: app\n',
      expected: [/^2:3-2:15 Unknown key "sugestedUser" in "options" \(did you mean "suggestedUser"\?\)/],
    },
    {
      name: 'a list item of the wrong type',
      text: 'options:\n  allowedCapabilities: [NET_ADMIN, 3]\n',
      expected: [/^2:36-2:37 An item of "allowedCapabilities" is "3", not a valid value/],
    },
    {
      name: 'an override without files',
      text: 'overrides:\n  - rules: { missing-user: off }\n',
      expected: [/^2:5-3:1 Overrides entry 1 needs a "files" key/],
    },
    {
      name: 'a key without a value',
      text: 'extends:\n',
      expected: [/^1:1-1:8 "extends" has no value/],
    },
    { name: 'a list as the whole file', text: '- rules\n', expected: [/^1:1-2:1 The file must be a mapping/] },
  ];
  for (const { name, text, expected } of cases) {
    it(`reports ${name} at the text that is wrong, and uses no part of the file`, () => {
      const found = problems(text);
      assert.strictEqual(found.length, expected.length, found.join('\n'));
      found.forEach((problem, i) => assert.match(problem, expected[i]));
      assert.strictEqual(parseConfig(text).config, null);
      for (const problem of parseConfig(text).problems) {
        assert.strictEqual(problem.ruleId, 'config-error');
        assert.strictEqual(problem.concern, null);
        assert.strictEqual(problem.severity, 'error');
      }
    });
  }

  it('accepts an empty file, a comment-only file and every documented key', () => {
    assert.deepStrictEqual(problems(''), []);
    assert.deepStrictEqual(problems('# nothing configured yet\n'), []);
    const config = configOf(dedent`
      extends: strict
      rules:
        compose-no-cpu-limit: off
        cs.limits.memory: error
        unused-suppression: off
      options:
        suggestedUser: "10001:10001"
        memoryLimit: 1G
        cpuLimit: 0.5
        pidsLimit: 512
        restartPolicy: on-failure:3
        keepCapabilities: [NET_BIND_SERVICE]
        allowedCapabilities: [cap_net_admin]
        writablePaths: [/tmp, /var/run]
        hostAddress: 10.0.0.1
        healthcheckCommand: wget -qO- http://localhost/health
        healthcheck: { interval: 1m30s, timeout: 3s, startPeriod: 500ms, retries: 5 }
        trustedRegistries: [registry.example.com:5000]
      suppressions:
        requireReason: true
      ignore: [vendor/**]
      overrides:
        - files: [legacy/**]
          rules: { missing-user: info }
          options: { pidsLimit: 100 }
    `);
    assert.strictEqual(config.profile, 'strict');
    assert.strictEqual(config.requireReason, true);
    assert.strictEqual(config.options.cpuLimit, '0.5', 'a number where a string is expected is read as written');
    assert.deepStrictEqual(config.overrides, [
      { files: ['legacy/**'], rules: { 'missing-user': 'info' }, options: { pidsLimit: 100 } },
    ]);
  });

  it('never throws, whatever the text: random YAML-ish input gives a configuration or problems inside the text', () => {
    const piece = fc.constantFrom(
      'extends: ',
      'strict',
      'rules:',
      '  missing-user: ',
      'off',
      'options:',
      '  pidsLimit: ',
      '-1',
      'overrides:',
      '  - files: ',
      '[a, b',
      ']',
      '{',
      '}',
      '"',
      "'",
      '&a ',
      '*a',
      '<<: *a',
      '? ',
      ': ',
      '- ',
      '\t',
      '#',
      '%YAML 1.2',
      '---',
      '...',
      '!!binary ',
      'ignore: ',
      '\uFEFF',
      '\r',
      'suppressions: { requireReason: yes }',
    );
    const text = fc.oneof(
      fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(fc.sample(fc.constantFrom('', ' ', '\n'), 1)[0])),
      fc.string(),
      fc.fullUnicodeString(),
    );
    fc.assert(
      fc.property(text, (input) => {
        const parsed = parseConfig(input);
        assert.ok((parsed.config === null) === parsed.problems.length > 0);
        const lines = input.split(/\r\n|\r|\n/);
        for (const problem of parsed.problems) {
          assert.ok(problem.range.end.line < lines.length, 'problem inside the text');
          assert.ok(problem.range.start.line <= problem.range.end.line);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('configuration file: effect on an analysis', () => {
  const ruleIds = (text: string, path: string, configText: string, file = 'compose.yaml') =>
    analyze(text, { path, ...settingsFor(configOf(configText), file).settings }).findings.map(
      (f) => `${f.ruleId}:${f.severity}`,
    );

  it('severities by rule id and by concern id, the rule id winning, off dropping the finding', () => {
    const found = ruleIds(
      COMPOSE,
      '/p/compose.yaml',
      'rules:\n  cs.limits.cpu: error\n  compose-no-cpu-limit: info\n  cs.limits.memory: off\n  compose-no-pids-limit: error\n',
    );
    assert.ok(found.includes('compose-no-cpu-limit:info'));
    assert.ok(found.includes('compose-no-pids-limit:error'));
    assert.ok(!found.some((f) => f.startsWith('compose-no-memory-limit')));
  });

  it('the strict profile raises exactly the findings of a missing setting one level, and rules: still win', () => {
    for (const id of STRICT_RAISED_RULES) assert.ok(ruleMeta(id), `${id} is a rule`);
    const finding = (ruleId: string) => ({
      ruleId,
      concern: ruleMeta(ruleId)!.concern,
      severity: ruleMeta(ruleId)!.severity,
    });
    assert.strictEqual(severityUnder(finding('compose-no-pids-limit'), { profile: 'strict' }), 'warning');
    assert.strictEqual(severityUnder(finding('compose-no-memory-limit'), { profile: 'strict' }), 'error');
    assert.strictEqual(severityUnder(finding('compose-privileged'), { profile: 'strict' }), 'error');
    assert.strictEqual(
      severityUnder(finding('compose-root-user'), { profile: 'strict' }),
      'warning',
      'not a missing setting',
    );
    assert.strictEqual(
      severityUnder(finding('compose-no-pids-limit'), { profile: 'strict', severities: { 'cs.limits.pids': 'info' } }),
      'info',
    );
    const strict = ruleIds(COMPOSE, '/p/compose.yaml', 'extends: strict\n');
    assert.ok(strict.includes('compose-no-pids-limit:warning') && strict.includes('compose-no-memory-limit:error'));
  });

  it('allowed capabilities are not reported as dangerous; the others still are', () => {
    const found = analyze(COMPOSE, {
      path: '/p/compose.yaml',
      ...settingsFor(configOf('options:\n  allowedCapabilities: [CAP_SYS_ADMIN]\n'), 'compose.yaml').settings,
    }).findings.filter((f) => f.ruleId === 'compose-dangerous-capability');
    assert.deepStrictEqual(found.map(span), ['4:26-4:35'], 'NET_ADMIN only');
  });

  it('images from a trusted registry are not reported for lacking a digest, in Compose files and Dockerfiles', () => {
    const config = 'options:\n  trustedRegistries: [Registry.Example.com]\n';
    assert.ok(ruleIds(COMPOSE, '/p/compose.yaml', '').includes('compose-image-without-digest:info'));
    assert.ok(!ruleIds(COMPOSE, '/p/compose.yaml', config).some((f) => f.startsWith('compose-image-without-digest')));
    const dockerfile = 'FROM registry.example.com/base:1\nFROM alpine:3.20\n';
    const digest = ruleIds(dockerfile, '/p/Dockerfile', config, 'Dockerfile').filter((f) =>
      f.startsWith('base-image-without'),
    );
    assert.strictEqual(digest.length, 1, 'alpine from Docker Hub is still reported');
  });

  it('options go into the fixes: the user, the limits', () => {
    const settings = settingsFor(
      configOf('options:\n  suggestedUser: "10001:10001"\n  memoryLimit: 1G\n'),
      'compose.yaml',
    ).settings;
    const findings = analyze(COMPOSE, { path: '/p/compose.yaml', ...settings }).findings;
    const titles = findings.flatMap((f) => f.fixes.map((fix) => fix.title));
    assert.ok(
      titles.some((t) => t.includes('memory: 1G')),
      titles.join('\n'),
    );
    const dockerfile = analyze('FROM alpine:3.20\nCMD ["/app"]\n', { path: '/p/Dockerfile', ...settings }).findings;
    const edits = dockerfile.flatMap((f) => f.fixes.flatMap((fix) => fix.edits.map((edit) => edit.newText)));
    assert.ok(
      edits.some((text) => text.includes('10001')),
      edits.join('\n'),
    );
  });

  it('overrides apply to the files their globs match, in order, over the top level; ignore globs mark files', () => {
    const config = configOf(dedent`
      rules:
        compose-no-cpu-limit: error
      options:
        pidsLimit: 300
      ignore: [vendor/, "*.generated.yaml"]
      overrides:
        - files: [legacy/**]
          rules: { compose-no-cpu-limit: off }
        - files: [legacy/strict/**]
          rules: { compose-no-cpu-limit: warning }
          options: { pidsLimit: 50 }
    `);
    assert.deepStrictEqual(settingsFor(config, 'compose.yaml').settings.severities, {
      'compose-no-cpu-limit': 'error',
    });
    assert.deepStrictEqual(settingsFor(config, 'legacy/a/compose.yaml').settings.severities, {
      'compose-no-cpu-limit': 'off',
    });
    const strict = settingsFor(config, 'legacy/strict/compose.yaml').settings;
    assert.deepStrictEqual(strict.severities, { 'compose-no-cpu-limit': 'warning' });
    assert.strictEqual(strict.options?.pidsLimit, 50);
    assert.strictEqual(settingsFor(config, 'vendor/x/Dockerfile').ignored, true);
    assert.strictEqual(settingsFor(config, 'a/b.generated.yaml').ignored, true);
    assert.strictEqual(settingsFor(config, 'compose.yaml').ignored, false);
    assert.strictEqual(settingsFor(config, '../elsewhere/vendor/Dockerfile').ignored, false, 'outside the folder');
  });
});

describe('configuration file: documentation', () => {
  it("the README's example configuration is valid and does what its comments say", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const example = /```yaml\n# \.docker-harden\.yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(example, 'an example under ## Configuration');
    const config = configOf(example);
    assert.strictEqual(config.profile, 'strict');
    assert.strictEqual(settingsFor(config, 'vendor/compose.yaml').ignored, true);
    assert.strictEqual(settingsFor(config, 'legacy/compose.yaml').settings.options?.pidsLimit, 500);
    const strictList = /raises the findings of a \*missing\* setting[\s\S]*?`recommended`/.exec(readme)![0];
    for (const id of STRICT_RAISED_RULES) assert.ok(strictList.includes(`\`${id}\``), `${id} documented`);
  });
});

describe('configuration file: JSON Schema', () => {
  const schema = configJsonSchema() as {
    properties: Record<
      string,
      { properties?: Record<string, unknown>; items?: { properties: Record<string, unknown> } }
    >;
  };

  it('is the committed schemas/docker-harden.schema.json (npm run docs writes it)', () => {
    assert.strictEqual(fs.readFileSync(CONFIG_SCHEMA_PATH, 'utf8'), configSchemaText());
  });

  it('names exactly the keys the validator accepts, and enumerates every rule, built-in and concern id', () => {
    assert.deepStrictEqual(Object.keys(schema.properties), Object.keys(TOP_LEVEL_KEYS));
    assert.deepStrictEqual(Object.keys(schema.properties.options.properties!), Object.keys(OPTION_KEYS));
    assert.deepStrictEqual(Object.keys(schema.properties.overrides.items!.properties), Object.keys(OVERRIDE_KEYS));
    const ids = Object.keys(schema.properties.rules.properties!);
    assert.deepStrictEqual(ids, [...CONFIGURABLE_IDS]);
    for (const meta of ALL_RULES) assert.ok(ids.includes(meta.id), meta.id);
    assert.ok(ids.includes('unused-suppression') && ids.includes('cs.privileged'));
  });

  it('accepts and rejects the same files as the validator', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(configJsonSchema());
    const samples = [
      '',
      'extends: strict\n',
      'extends: paranoid\n',
      'rules:\n  missing-user: off\n',
      'rules:\n  missing-usr: off\n',
      'rules:\n  missing-user: warn\n',
      'options:\n  pidsLimit: 0\n',
      'options:\n  pidsLimit: 10\n  hostAddress: 127.0.0.1\n',
      'options:\n  hostAddress: localhost\n',
      'options:\n  healthcheck: { retries: 2, interval: 10s }\n',
      'options:\n  healthcheck: { every: 10s }\n',
      'ignore: [a/**]\n',
      'ignore: a/**\n',
      'overrides:\n  - files: [x/**]\n    options: { suggestedUser: app }\n',
      'overrides:\n  - rules: {}\n',
      'overrides:\n  - files: []\n',
      'suppressions:\n  requireReason: true\n',
      'suppressions:\n  requireReason: "yes"\n',
      'unknown: 1\n',
    ];
    for (const sample of samples) {
      const parsed = parseConfig(sample);
      // An empty file is an empty configuration for both.
      const data: unknown = parseYaml(sample) ?? {};
      assert.strictEqual(
        validate(data),
        parsed.problems.length === 0,
        `${JSON.stringify(sample)}: ${JSON.stringify(validate.errors)}`,
      );
    }
  });
});
