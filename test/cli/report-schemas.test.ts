/**
 * The CLI's reports for CI against their published schemas (copied into test/fixtures/schemas, sources in
 * its README): SARIF 2.1.0 with every rule and built-in check described, related locations for findings
 * another file causes, and no path of the machine; CTRF with one test per rule and file.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ValidateFunction } from 'ajv';
import { BUILTIN_IDS } from '../../server/src/core/rules';
import { run, workspace } from '../helpers/cli';

const SCHEMAS = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'schemas');

/** Ajv with the string formats the two schemas use, checked as their RFCs define the shapes that matter here. */
function validator(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (text: string) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(text));
  ajv.addFormat('uri-reference', (text: string) => !/\s/.test(text));
  ajv.addFormat('date-time', (text: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(text));
  ajv.addFormat('uuid', (text: string) => /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(text));
  return ajv;
}

function schema(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(SCHEMAS, name), 'utf8')) as Record<string, unknown>;
}

/**
 * The SARIF 2.1.0 schema is written for JSON Schema draft 4, which Ajv 8 does not load; besides its
 * `$schema` and top-level `id` it uses no keyword whose meaning changed after draft 4 (no boolean
 * exclusiveMinimum/exclusiveMaximum), so it validates unchanged under Ajv's default draft once those move.
 */
function sarifValidator(): ValidateFunction {
  const { $schema, id, ...rest } = schema('sarif-schema-2.1.0.json');
  assert.strictEqual($schema, 'http://json-schema.org/draft-04/schema#');
  assert.doesNotMatch(JSON.stringify(rest), /exclusiveM(in|ax)imum/);
  return validator().compile({ ...rest, $id: String(id) });
}

function assertValid(validate: ValidateFunction, report: unknown): void {
  const ok = validate(report);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    originalUriBaseIds: Record<string, { uri?: string }>;
    results: {
      ruleId: string;
      ruleIndex?: number;
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
      relatedLocations?: {
        physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number } };
      }[];
    }[];
  }[];
}

/** A project with a finding of each origin: its own text, a built Dockerfile, an override, syntax, suppressions. */
const PROJECT = {
  'api/Dockerfile': 'FROM python:3.12-slim\nUSER root\nCMD ["python"]\n',
  'compose.yaml':
    'services:\n  api:\n    build: ./api\n  web:\n    image: nginx:1.27\n' +
    '    # docker-harden-ignore no-such-rule\n    privileged: true\n',
  'compose.override.yaml': 'services:\n  web:\n    cap_add: [SYS_ADMIN]\n',
  'broken/Dockerfile': 'FROM alpine:3.20\nRUN curl -k https://x -o /tmp/x\n',
  'broken/compose.yaml': 'services:\n  x:\n    image: [unclosed\n',
};

describe('CLI reports against their schemas', () => {
  it('writes SARIF that validates against the SARIF 2.1.0 schema', async () => {
    const dir = workspace(PROJECT);
    const { stdout } = await run(['--format', 'sarif', '.'], dir);
    assertValid(sarifValidator(), JSON.parse(stdout));
  });

  it('describes the built-in checks in rules[], and every result points at its rule', async () => {
    const dir = workspace(PROJECT);
    const log = JSON.parse((await run(['--format', 'sarif', '.'], dir)).stdout) as SarifLog;
    const [sarif] = log.runs;
    const ids = sarif.tool.driver.rules.map((rule) => rule.id);
    for (const id of Object.values(BUILTIN_IDS)) assert.ok(ids.includes(id), `rules[] describes ${id}`);
    const reported = new Set(sarif.results.map((r) => r.ruleId));
    for (const id of ['syntax-error', 'unknown-suppression', 'compose-root-user', 'compose-privileged'])
      assert.ok(reported.has(id), `the project reports ${id}`);
    for (const result of sarif.results) assert.strictEqual(ids[result.ruleIndex ?? -1], result.ruleId);
  });

  it('gives findings another file causes a related location at its line there', async () => {
    const dir = workspace(PROJECT);
    const [sarif] = (JSON.parse((await run(['--format', 'sarif', '.'], dir)).stdout) as SarifLog).runs;
    const place = (ruleId: string): string[] =>
      sarif.results
        .filter((r) => r.ruleId === ruleId && r.locations[0].physicalLocation.artifactLocation.uri === 'compose.yaml')
        .flatMap((r) => r.relatedLocations ?? [])
        .map(({ physicalLocation: { artifactLocation, region } }) => `${artifactLocation.uri}:${region?.startLine}`);
    assert.deepStrictEqual(place('compose-root-user'), ['api/Dockerfile:2']);
    assert.deepStrictEqual(place('compose-dangerous-capability'), ['compose.override.yaml:3']);
    assert.deepStrictEqual(place('compose-privileged'), []);
  });

  it('holds no absolute path of the machine, even for files named by absolute path', async () => {
    const dir = workspace(PROJECT);
    const { stdout } = await run(['--format', 'sarif', path.join(dir, 'compose.yaml'), 'api'], dir);
    assert.ok(!stdout.includes(dir), 'the working directory does not appear');
    assert.ok(!stdout.includes('file://'), 'no file: URI');
    const [sarif] = (JSON.parse(stdout) as SarifLog).runs;
    assert.strictEqual(sarif.originalUriBaseIds['%SRCROOT%'].uri, undefined);
    const uris = new Set(sarif.results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
    assert.deepStrictEqual([...uris].sort(), ['api/Dockerfile', 'compose.yaml']);
  });

  it('writes a CTRF report that validates against the CTRF schema', async () => {
    const dir = workspace(PROJECT);
    const { stdout, status } = await run(['--format', 'ctrf', '.'], dir);
    assert.strictEqual(status, 1);
    assertValid(validator().compile(schema('ctrf.schema.json')), JSON.parse(stdout));
  });

  it('has one CTRF test per rule and file: failed with its messages, passed, or skipped when turned off', async () => {
    const dir = workspace({ Dockerfile: 'FROM alpine:3.20\nRUN curl -k https://x -o /tmp/x\nUSER app\n' });
    const report = JSON.parse((await run(['--format', 'ctrf', '--disable', 'pipe-to-shell', '.'], dir)).stdout) as {
      results: {
        tool: { name: string };
        summary: { tests: number; passed: number; failed: number; skipped: number; start: number; stop: number };
        tests: { name: string; status: string; message?: string; filePath: string }[];
      };
    };
    const { tool, summary, tests } = report.results;
    assert.strictEqual(tool.name, 'docker-harden');
    const byName = new Map(tests.map((t) => [t.name, t]));
    const tls = byName.get('tls-verification-disabled Dockerfile');
    assert.strictEqual(tls?.status, 'failed');
    assert.match(tls?.message ?? '', /^2:10 error: curl --insecure turns TLS certificate verification off/);
    assert.strictEqual(
      byName.get('compose-privileged Dockerfile'),
      undefined,
      'Compose rules are not a Dockerfile test',
    );
    assert.strictEqual(byName.get('missing-user Dockerfile')?.status, 'passed');
    assert.strictEqual(byName.get('pipe-to-shell Dockerfile')?.status, 'skipped');
    assert.strictEqual(summary.tests, tests.length);
    assert.strictEqual(summary.passed + summary.failed + summary.skipped, summary.tests);
    assert.ok(summary.failed >= 1 && summary.start <= summary.stop);
  });
});
