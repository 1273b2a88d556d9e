/**
 * The hardening plan over JSON-RPC on projects written like real ones
 * (test/fixtures/plan: multi-service Compose projects with anchors, merges,
 * comments and long syntax, a service that builds a Dockerfile; Debian,
 * Alpine, distroless and multi-stage Dockerfiles).
 *
 * For each document the expected plan is a specification reasoned from the
 * file: every measure of the target's kind, each one not named in `open`
 * in place. Then every recommended measure the plan can carry out is
 * applied through `dockerHarden.applyPlan`, its WorkspaceEdit applied as a
 * client would (the built Dockerfile on disk, the document through
 * didChange), and the result must: leave none of those measures' concerns,
 * re-parse, be valid against the Compose schema, keep every comment, and
 * plan again with those measures applied and nothing left to edit.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import Ajv, { type ValidateFunction } from 'ajv';
import { parseDocument } from 'yaml';
import type { WorkspaceEdit } from 'vscode-languageserver/node';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { builtDockerfileMeasure, measure, measuresFor } from '../../server/src/core/measures/catalog';
import { isAbout, planTargets } from '../../server/src/core/measures/plan';
import { BUILTIN_IDS } from '../../server/src/core/rules';
import type { TextEdit } from '../../server/src/core/types';
import type { PlanResult } from '../../server/src/lsp/protocol';
import { TestClient } from '../helpers/lsp-client';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'plan');
const COMPOSE_SCHEMA = path.join(ROOT, 'test', 'fixtures', 'schemas', 'compose-spec.json');

type OpenState = 'missing' | 'partial' | 'not-applicable';

interface PlanFixture {
  /** The fixture folder under test/fixtures/plan, copied to a scratch folder for each test. */
  folder: string;
  /** The document opened in the editor, relative to the folder. */
  document: string;
  /** Per target, in document order: the measures not in place and their states; every other one is applied. */
  open: Record<string, Record<string, OpenState>>;
  /** Recommended measures the plan cannot carry out here (a person must decide), which stay open after applying. */
  unfixable?: Record<string, string[]>;
  /** Per target: the measures still not in place once every recommended measure the plan can carry out is. */
  left: Record<string, Record<string, OpenState>>;
}

/** The Dockerfile measures a service that builds one is also planned (catalog.ts, BUILT_DOCKERFILE_MEASURES). */
const BUILT = ['dockerfile:non-root-user', 'dockerfile:build-secrets', 'dockerfile:healthcheck'];

/** What a service misses as Docker runs it by default: every capability, privileges to gain, a writable root. */
const AS_DOCKER_RUNS_IT: Record<string, OpenState> = {
  'drop-all-capabilities': 'missing',
  'no-new-privileges': 'missing',
  'read-only-root-filesystem': 'missing',
};

const NO_LIMITS: Record<string, OpenState> = {
  'memory-limit': 'missing',
  'cpu-limit': 'missing',
  'pids-limit': 'missing',
};

/**
 * Both ingest workers merge &worker: a bounded restart and a build of worker/Dockerfile, whose final stage is
 * distroless :nonroot (so the user is in place) without a HEALTHCHECK.
 */
/** A service that builds its image: no base image of its own to pin (the Dockerfile's FROM is). */
const BUILDS: Record<string, OpenState> = { 'pin-to-digest': 'not-applicable' };

/** A worker whose program nobody knows a probe for: neither healthcheck is pre-selected. */
const NO_KNOWN_PROBE_BUILT: Record<string, OpenState> = {
  healthcheck: 'missing',
  'dockerfile:healthcheck': 'missing',
  ...BUILDS,
};
const WORKER_OPEN: Record<string, OpenState> = {
  ...AS_DOCKER_RUNS_IT,
  ...NO_LIMITS,
  ...BUILDS,
  healthcheck: 'missing',
  'dockerfile:healthcheck': 'missing',
};

const NOT_PINNED: Record<string, OpenState> = { 'pin-to-digest': 'missing' };

const FIXTURES_CASES: PlanFixture[] = [
  {
    folder: 'shop',
    document: 'compose.yaml',
    open: {
      // nginx as its image ships it: default capabilities, no security_opt, writable, no limits, root, a port on
      // every interface; no healthcheck; the logging alias and the long port/volume syntax change nothing.
      proxy: {
        ...AS_DOCKER_RUNS_IT,
        ...NO_LIMITS,
        'non-root-user': 'missing',
        'ports-on-localhost': 'missing',
        healthcheck: 'missing',
        'pin-to-digest': 'missing',
      },
      // Merged from &api-common: restart: unless-stopped (unbounded). Its own deploy.resources has a memory limit
      // and a Compose secret in long form; it builds api/Dockerfile, whose final stage has no USER and no
      // HEALTHCHECK but no secret either. An image it builds has no digest to pin.
      api: {
        ...AS_DOCKER_RUNS_IT,
        ...BUILDS,
        'cpu-limit': 'missing',
        'pids-limit': 'missing',
        'non-root-user': 'missing',
        healthcheck: 'missing',
        'bounded-restart': 'missing',
        'dockerfile:non-root-user': 'missing',
        'dockerfile:healthcheck': 'missing',
      },
      // Postgres with its password as a file secret and a healthcheck: in place; the rest as for the proxy, but
      // no published port, and the image has the user "postgres" to run as.
      db: {
        ...AS_DOCKER_RUNS_IT,
        ...NO_LIMITS,
        'non-root-user': 'missing',
        'bounded-restart': 'missing',
        'pin-to-digest': 'missing',
      },
    },
    // user: alone stops nginx starting (its pid file and caches); its unprivileged image listens on another port,
    // which is the team's call.
    unfixable: { proxy: ['non-root-user'] },
    // Bounding restarts and pinning digests are left to the team (not recommended).
    left: {
      proxy: { 'non-root-user': 'missing', 'ports-on-localhost': 'missing', ...NOT_PINNED },
      api: { 'bounded-restart': 'missing', ...BUILDS },
      db: { 'bounded-restart': 'missing', ...NOT_PINNED },
    },
  },
  {
    folder: 'monitoring',
    document: 'compose.yaml',
    open: {
      // Limits merged from &small-limits (cpus, memory, pids) and restart: always from &restart; published on
      // 127.0.0.1 only.
      prometheus: {
        ...AS_DOCKER_RUNS_IT,
        healthcheck: 'missing',
        'bounded-restart': 'missing',
        'pin-to-digest': 'missing',
      },
      // The same limits; published on every interface; grafana's image runs as its own user (472).
      grafana: {
        ...AS_DOCKER_RUNS_IT,
        'ports-on-localhost': 'missing',
        healthcheck: 'missing',
        'pin-to-digest': 'missing',
      },
      // Only a memory limit of its own; pid: host; /proc, /sys and / mounted read-only (still host system paths);
      // restart: always from &restart (reported once, at the anchor's first user); the image runs as nobody.
      'node-exporter': {
        ...AS_DOCKER_RUNS_IT,
        'cpu-limit': 'missing',
        'pids-limit': 'missing',
        'no-host-namespaces': 'missing',
        'no-sensitive-host-mounts': 'missing',
        healthcheck: 'missing',
        'pin-to-digest': 'missing',
      },
    },
    // The restart anchor stays as it is (not recommended); so does what the exporter mounts from the host. No
    // probe is known for prometheus's and the exporter's images: a template healthcheck is not pre-selected.
    left: {
      prometheus: { 'bounded-restart': 'missing', healthcheck: 'missing', ...NOT_PINNED },
      grafana: { 'ports-on-localhost': 'missing', ...NOT_PINNED },
      'node-exporter': { 'no-sensitive-host-mounts': 'missing', healthcheck: 'missing', ...NOT_PINNED },
    },
  },
  {
    folder: 'ingest',
    document: 'compose.yaml',
    open: {
      consumer: WORKER_OPEN,
      scheduler: WORKER_OPEN,
      // Redis with seccomp:unconfined in security_opt, a host-wide sysctl next to a namespaced one, running as
      // root though the image has the user "redis"; its healthcheck is in place.
      queue: {
        ...AS_DOCKER_RUNS_IT,
        ...NO_LIMITS,
        'keep-seccomp': 'missing',
        'non-root-user': 'missing',
        'safe-sysctls': 'missing',
        'pin-to-digest': 'missing',
      },
      // Portainer with the Docker socket and a port on every interface (both measures not recommended).
      dashboard: {
        ...AS_DOCKER_RUNS_IT,
        ...NO_LIMITS,
        'no-docker-socket': 'missing',
        'ports-on-localhost': 'missing',
        healthcheck: 'missing',
        'pin-to-digest': 'missing',
      },
    },
    // The image the workers build has no digest; Portainer keeps the socket it exists to use. No probe is known
    // for the workers' program or Portainer: a template healthcheck is not pre-selected, in either file.
    left: {
      consumer: NO_KNOWN_PROBE_BUILT,
      scheduler: NO_KNOWN_PROBE_BUILT,
      queue: NOT_PINNED,
      dashboard: {
        'no-docker-socket': 'missing',
        'ports-on-localhost': 'missing',
        healthcheck: 'missing',
        ...NOT_PINNED,
      },
    },
  },
  {
    // Debian: apt-get without --no-install-recommends or a list cleanup, no USER, no HEALTHCHECK; python runs as
    // root (a non-root variant exists) and is not pinned by digest.
    folder: 'shop',
    document: 'api/Dockerfile',
    open: {
      '0': {
        'non-root-user': 'missing',
        'non-root-base-image': 'missing',
        healthcheck: 'missing',
        'package-hygiene': 'missing',
        'pin-to-digest': 'missing',
      },
    },
    // The USER the plan adds also answers the root base image: it no longer runs as root.
    left: { '0': NOT_PINNED },
  },
  {
    // Alpine: apk add without --no-cache, sudo installed, a user created but never switched to.
    folder: 'dockerfiles/alpine',
    document: 'Dockerfile',
    open: {
      '0': {
        'non-root-user': 'missing',
        'non-root-base-image': 'missing',
        'no-privilege-tools': 'missing',
        healthcheck: 'missing',
        'package-hygiene': 'missing',
        'pin-to-digest': 'missing',
      },
    },
    // No probe is known for what it runs: the HEALTHCHECK template is not pre-selected.
    left: { '0': { ...NOT_PINNED, healthcheck: 'missing' } },
  },
  {
    // Multi-stage onto distroless :nonroot: the final stage's user is in place; only its health and digest are not
    // (the build stage is not the target). No probe is known for the program: nothing is pre-selected.
    folder: 'ingest',
    document: 'worker/Dockerfile',
    open: { '1': { healthcheck: 'missing', 'pin-to-digest': 'missing' } },
    left: { '1': { ...NOT_PINNED, healthcheck: 'missing' } },
  },
  {
    // Multi-stage onto distroless without :nonroot: root by default, with a nonroot variant and user.
    folder: 'dockerfiles/distroless',
    document: 'Dockerfile',
    open: {
      '1': {
        'non-root-user': 'missing',
        'non-root-base-image': 'missing',
        healthcheck: 'missing',
        'pin-to-digest': 'missing',
      },
    },
    // The nonroot variant or USER nonroot: either way the image no longer runs as root. No shell or probe for a
    // HEALTHCHECK in distroless: the template is not pre-selected.
    left: { '1': { ...NOT_PINNED, healthcheck: 'missing' } },
  },
];

interface Comment {
  text: string;
  /** What the line holds before it: empty for a comment line of its own. */
  code: string;
}

/** The comments of a YAML file or Dockerfile, in order, with the content of their line. */
function comments(text: string): Comment[] {
  return text.split('\n').flatMap((line) => {
    const found = /(?:^|\s)(#.*)$/.exec(line);
    return found ? [{ text: found[1].trim(), code: line.slice(0, found.index).trim() }] : [];
  });
}

/**
 * Every comment of the original is in the result, in order — but the one at
 * the end of a setting a measure removes goes with it (yaml-edits.ts,
 * removeKey: it is about that setting).
 */
function assertKeepsComments(original: string, result: string, file: string): void {
  const kept = comments(result).map((c) => c.text);
  const lines = new Set(result.split('\n').map((line) => line.trim()));
  let at = 0;
  for (const comment of comments(original)) {
    const found = kept.indexOf(comment.text, at);
    const removedWithItsSetting = comment.code !== '' && ![...lines].some((line) => line.startsWith(comment.code));
    if (found < 0 && removedWithItsSetting) continue;
    assert.ok(found >= 0, `${file} lost the comment ${JSON.stringify(comment.text)}:\n${result}`);
    at = found + 1;
  }
}

function composeValidator(): ValidateFunction {
  // The schema names its draft-07 meta-schema by an https URL Ajv does not know under that name: it is draft-07,
  // which Ajv compiles, so the check of the schema itself is skipped.
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  return ajv.compile(JSON.parse(fs.readFileSync(COMPOSE_SCHEMA, 'utf8')) as object);
}

function assertValidCompose(validate: ValidateFunction, text: string, file: string): void {
  const document = parseDocument(text, { merge: true });
  assert.deepStrictEqual(
    document.errors.map((e) => e.message),
    [],
    `${file} parses`,
  );
  const valid = validate(document.toJS({ maxAliasCount: -1 }));
  assert.ok(valid, `${file} is valid against the Compose schema: ${JSON.stringify(validate.errors)}\n${text}`);
}

function assertParsableDockerfile(text: string, file: string): void {
  const syntax = analyze(text, { path: file }).findings.filter((f) => f.ruleId === BUILTIN_IDS.syntax);
  assert.deepStrictEqual(
    syntax.map((f) => f.message),
    [],
    `${file} has no syntax problem:\n${text}`,
  );
}

/** A reader of the files on disk, as the server reads the Dockerfile a service builds. */
const diskFiles = {
  read(file: string): string | undefined {
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  },
};

/**
 * The findings the analyser still reports, on the files as they are on disk
 * and the document's text, of the concerns of the measures chosen for each
 * target: a service's own, or its Dockerfile's final stage's for a
 * `dockerfile:` measure.
 */
function leftConcerns(file: string, text: string, chosen: ReadonlyMap<string, readonly string[]>): string[] {
  const analysis = analyze(text, { path: file, files: diskFiles });
  const left: string[] = [];
  for (const subject of planTargets(analysis)) {
    for (const id of chosen.get(subject.name) ?? []) {
      const stageId = builtDockerfileMeasure(id);
      const definition = stageId === null ? measure(subject.kind, id) : measure('stage', stageId);
      assert.ok(definition, id);
      let findings = analysis.findings;
      let about: { kind: 'service' | 'stage'; name: string } = subject;
      if (stageId !== null) {
        assert.ok(subject.dockerfile, `${subject.name} builds a Dockerfile`);
        const built = analyze(fs.readFileSync(subject.dockerfile, 'utf8'), { path: subject.dockerfile });
        findings = built.findings;
        about = planTargets(built)[0];
      }
      for (const finding of findings)
        if (finding.concern && definition.concerns.includes(finding.concern) && isAbout(finding, about))
          left.push(`${subject.name}: ${id}: ${finding.message}`);
    }
  }
  return left;
}

/** Every edit a WorkspaceEdit makes, by file URI (`changes` or `documentChanges`). */
function editsByUri(edit: WorkspaceEdit): Map<string, TextEdit[]> {
  const byUri = new Map<string, TextEdit[]>();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) byUri.set(uri, edits as TextEdit[]);
  for (const change of edit.documentChanges ?? []) {
    assert.ok('textDocument' in change, 'only text edits, no file operations');
    byUri.set(change.textDocument.uri, change.edits as TextEdit[]);
  }
  return byUri;
}

/** A scratch copy of a fixture folder: the plan writes the Dockerfile a service builds. */
function scratchCopy(folder: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-plan-fixture-'));
  fs.cpSync(path.join(FIXTURES, folder), dir, { recursive: true });
  return dir;
}

/** The files of a folder, relative, with their text (to see what a plan changed). */
function textsOf(dir: string): Map<string, string> {
  const texts = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    texts.set(path.relative(dir, full), fs.readFileSync(full, 'utf8'));
  }
  return texts;
}

class PlanSession {
  version = 1;
  text: string;
  readonly uri: string;

  constructor(
    readonly client: TestClient,
    readonly file: string,
  ) {
    this.uri = pathToFileURL(file).toString();
    this.text = fs.readFileSync(file, 'utf8');
  }

  get languageId(): string {
    return path.basename(this.file) === 'Dockerfile' ? 'dockerfile' : 'dockercompose';
  }

  async open(): Promise<void> {
    await this.client.open(this.uri, this.languageId, this.text);
    await this.client.diagnosticsFor(this.uri, this.version);
  }

  async plan(): Promise<PlanResult> {
    return (await this.client.connection.sendRequest('workspace/executeCommand', {
      command: 'dockerHarden.plan',
      arguments: [{ uri: this.uri }],
    })) as PlanResult;
  }

  async applyPlan(target: string, measures: string[], version = this.version): Promise<WorkspaceEdit | null> {
    return (await this.client.connection.sendRequest('workspace/executeCommand', {
      command: 'dockerHarden.applyPlan',
      arguments: [{ uri: this.uri, version, target, measures }],
    })) as WorkspaceEdit | null;
  }

  /** Applies a WorkspaceEdit as an editor would: the document through didChange, other files on disk. */
  async apply(edit: WorkspaceEdit): Promise<void> {
    for (const [uri, edits] of editsByUri(edit)) {
      if (uri === this.uri) continue;
      const other = new URL(uri);
      assert.strictEqual(other.protocol, 'file:');
      const file = decodeURIComponent(other.pathname);
      fs.writeFileSync(file, applyEdits(fs.readFileSync(file, 'utf8'), edits));
    }
    const own = editsByUri(edit).get(this.uri);
    if (!own) return;
    this.text = applyEdits(this.text, own);
    this.version += 1;
    await this.client.change(this.uri, this.version, [{ text: this.text }]);
    await this.client.diagnosticsFor(this.uri, this.version);
  }
}

/** What a plan says of each target: the measures not applied, with their states. */
function openMeasures(plan: PlanResult): Record<string, Record<string, string>> {
  return Object.fromEntries(
    plan.targets.map((t) => [
      t.name,
      Object.fromEntries(t.measures.filter((m) => m.state !== 'applied').map((m) => [m.id, m.state])),
    ]),
  );
}

/** The recommended measures of a target the plan can carry out and that are not in place. */
function toApply(plan: PlanResult, target: string): string[] {
  const measures = plan.targets.find((t) => t.name === target)?.measures ?? [];
  return measures.filter((m) => m.recommended && m.fixable && m.state !== 'applied').map((m) => m.id);
}

describe('the hardening plan on real-world-style projects (language server)', () => {
  let client: TestClient;
  let dir: string;
  let validate: ValidateFunction;
  before(() => {
    validate = composeValidator();
  });
  beforeEach(async () => {
    client = new TestClient();
    await client.initialize();
  });
  afterEach(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const fixture of FIXTURES_CASES) {
    const name = `${fixture.folder}/${fixture.document}`;
    const isCompose = !fixture.document.endsWith('Dockerfile');

    it(`${name}: plans every measure of each target with the state the file gives it`, async () => {
      dir = scratchCopy(fixture.folder);
      const session = new PlanSession(client, path.join(dir, fixture.document));
      await session.open();
      const plan = await session.plan();
      assert.strictEqual(plan.version, 1);
      assert.deepStrictEqual(
        plan.targets.map((t) => t.name),
        Object.keys(fixture.open),
      );
      for (const target of plan.targets) {
        const kind = isCompose ? 'service' : 'stage';
        const ids = measuresFor(kind).map((m) => m.id);
        const built = target.measures.some((m) => m.id.startsWith('dockerfile:'));
        assert.deepStrictEqual(
          target.measures.map((m) => m.id),
          built ? [...ids, ...BUILT] : ids,
          target.name,
        );
      }
      assert.deepStrictEqual(openMeasures(plan), fixture.open);
      for (const [target, ids] of Object.entries(fixture.unfixable ?? {})) {
        const measures = plan.targets.find((t) => t.name === target)?.measures ?? [];
        assert.deepStrictEqual(
          ids.map((id) => measures.find((m) => m.id === id)?.fixable),
          ids.map(() => false),
          `${target}: ${ids.join(', ')} cannot be carried out`,
        );
      }
    });

    it(`${name}: applying every recommended measure leaves none of their concerns, valid, commented, idempotent`, async () => {
      dir = scratchCopy(fixture.folder);
      const original = textsOf(dir);
      const session = new PlanSession(client, path.join(dir, fixture.document));
      await session.open();
      const chosen = new Map<string, string[]>();
      for (const target of Object.keys(fixture.open)) {
        // Planned again before each target: an earlier one may have edited an anchor or a Dockerfile they share.
        const measures = toApply(await session.plan(), target);
        chosen.set(target, measures);
        if (session.version > 1)
          assert.strictEqual(await session.applyPlan(target, measures, session.version - 1), null, 'stale version');
        const edit = await session.applyPlan(target, measures);
        assert.ok(edit, `an edit for ${target}`);
        await session.apply(edit);
      }
      // A target may have nothing recommended left that the plan can carry out safely (a distroless stage whose
      // user is in place: only a template healthcheck and a digest remain, which people must decide).
      if ([...chosen.values()].some((measures) => measures.length > 0)) {
        assert.ok(session.version > 1, 'the document changed');
        assert.strictEqual(await session.applyPlan(Object.keys(fixture.open)[0], [], 1), null, 'the original version');
      } else assert.deepStrictEqual(textsOf(dir), original, 'nothing recommended to carry out: every file unchanged');

      assert.deepStrictEqual(leftConcerns(session.file, session.text, chosen), [], 'no finding of those concerns');
      const result = textsOf(dir);
      for (const [file, before] of original) {
        const after = file === fixture.document ? session.text : result.get(file);
        assert.ok(after !== undefined, `${file} is still there`);
        assertKeepsComments(before, after, file);
        if (path.basename(file) === 'Dockerfile') assertParsableDockerfile(after, path.join(dir, file));
        else if (file.endsWith('.yaml')) {
          assertValidCompose(validate, before, `${file} (the fixture)`);
          if (file === fixture.document) assertValidCompose(validate, after, file);
        }
      }

      // A new plan: every measure carried out is in place (so none of its concerns is reported), the others as
      // before, and carrying them out again changes nothing.
      const again = await session.plan();
      assert.deepStrictEqual(openMeasures(again), fixture.left);
      for (const [target, ids] of Object.entries(fixture.unfixable ?? {}))
        for (const id of ids) assert.ok(!(chosen.get(target) ?? []).includes(id), `${target}: ${id} not applied`);
      for (const [target, measures] of chosen) {
        const edit = await session.applyPlan(target, measures);
        assert.ok(edit);
        for (const [uri, edits] of editsByUri(edit)) assert.deepStrictEqual(edits, [], `${target}: ${uri} unchanged`);
      }
    });
  }
});
