/** The hardening plan: measures and their states per target, and chosen measures carried out as one edit. */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { parseDocument } from 'yaml';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { MEASURES, measuresFor } from '../../server/src/core/measures/catalog';
import {
  applyPlan,
  applyPlans,
  planTargets,
  PlanError,
  withBuiltDockerfile,
  type PlanTarget,
} from '../../server/src/core/measures/plan';
import concerns from '../../server/src/core/concerns.json';

const COMPOSE_PATH = '/project/compose.yaml';
const DOCKERFILE_PATH = '/project/Dockerfile';
const noFiles = { read: () => undefined };

const COMPOSE = `services:
  web:
    image: nginx:1.27
    # why is this here?
    privileged: true
    security_opt:
      - seccomp:unconfined
    oom_kill_disable: true
  db:
    image: postgres:16
`;

const DOCKERFILE = `FROM debian:bookworm
RUN apt-get update && apt-get install -y curl
RUN curl -fsSLk https://example.com/tool -o /usr/local/bin/tool
EXPOSE 22 8080
CMD ["tool"]
`;

function targets(text: string, path: string): PlanTarget[] {
  return planTargets(analyze(text, { path, files: noFiles }));
}

function target(text: string, path: string, name: string): PlanTarget {
  const found = targets(text, path).find((t) => t.name === name);
  assert.ok(found, `target ${name}`);
  return found;
}

describe('hardening plan', () => {
  it('lists every service of the document with every service measure and its state', () => {
    const [web, db] = targets(COMPOSE, COMPOSE_PATH);
    assert.deepStrictEqual([web.kind, web.name, db.name], ['service', 'web', 'db']);
    assert.deepStrictEqual(
      web.measures.map((m) => m.id),
      measuresFor('service').map((m) => m.id),
    );
    const state = (id: string) => web.measures.find((m) => m.id === id)?.state;
    assert.strictEqual(state('no-privileged'), 'missing');
    assert.strictEqual(state('keep-seccomp'), 'missing');
    assert.strictEqual(state('no-docker-socket'), 'applied');
    assert.strictEqual(web.score.of, web.measures.filter((m) => m.state !== 'not-applicable').length);
    assert.ok(db.score.applied > web.score.applied);
  });

  it('does not count measures on a base image for a target that has none of its own', () => {
    const state = (t: PlanTarget, id: string): string | undefined => t.measures.find((m) => m.id === id)?.state;
    const built = target('services:\n  api:\n    build: .\n    image: team/api:1\n', COMPOSE_PATH, 'api');
    assert.strictEqual(state(built, 'pin-to-digest'), 'not-applicable', 'image: names what is built');
    assert.strictEqual(built.score.of, built.measures.length - 1);
    const pulled = target('services:\n  web:\n    image: nginx:1.27\n', COMPOSE_PATH, 'web');
    assert.strictEqual(state(pulled, 'pin-to-digest'), 'missing');
    const scratch = target('FROM scratch\nCOPY app /app\nUSER 65532\nENTRYPOINT ["/app"]\n', DOCKERFILE_PATH, '0');
    assert.deepStrictEqual(
      ['pin-to-digest', 'non-root-base-image', 'minimal-base-image'].map((id) => state(scratch, id)),
      ['not-applicable', 'not-applicable', 'not-applicable'],
    );
    const alpine = target('FROM alpine:3.20\nUSER 65532\n', DOCKERFILE_PATH, '0');
    assert.strictEqual(state(alpine, 'pin-to-digest'), 'missing');
  });

  it('pre-selects a healthcheck only where a probe is known: a template fails until someone writes the command', () => {
    const recommended = (text: string, path: string, name: string): boolean | undefined =>
      target(text, path, name).measures.find((m) => m.id === 'healthcheck')?.recommended;
    const compose = 'services:\n  web:\n    image: nginx:1.27\n  job:\n    image: example.com/team/job:2\n';
    assert.strictEqual(recommended(compose, COMPOSE_PATH, 'web'), true, 'nginx answers on port 80');
    assert.strictEqual(recommended(compose, COMPOSE_PATH, 'job'), false, 'nothing known of the image');
    assert.strictEqual(recommended('FROM example.com/team/job:2\nUSER 1000\n', DOCKERFILE_PATH, '0'), false);
  });

  it('pre-selects one healthcheck for a service that builds: the Dockerfile’s, which goes with the image', () => {
    const service = target('services:\n  web:\n    build: .\n', COMPOSE_PATH, 'web');
    const stage = target('FROM nginx:1.27\n', DOCKERFILE_PATH, '0');
    const planned = withBuiltDockerfile(service, stage, 'Dockerfile');
    const healthchecks = planned.measures.filter((m) => m.id === 'healthcheck' || m.id === 'dockerfile:healthcheck');
    assert.deepStrictEqual(
      healthchecks.map((m) => [m.id, m.state, m.recommended]),
      [
        ['healthcheck', 'missing', false],
        ['dockerfile:healthcheck', 'missing', true],
      ],
    );
  });

  it('picks the service at a position, and the stage for a Dockerfile', () => {
    const at = planTargets(analyze(COMPOSE, { path: COMPOSE_PATH, files: noFiles }), { line: 9, character: 4 });
    assert.deepStrictEqual(
      at.map((t) => t.name),
      ['db'],
    );
    const [stage] = targets(DOCKERFILE, DOCKERFILE_PATH);
    assert.deepStrictEqual([stage.kind, stage.name, stage.range.start.line], ['stage', '0', 0]);
  });

  it('carries out chosen measures on one target only, keeping comments, as minimal edits', () => {
    const result = applyPlan(
      COMPOSE,
      { path: COMPOSE_PATH, files: noFiles },
      {
        target: { kind: 'service', name: 'web' },
        measures: ['no-privileged', 'keep-oom-killer'],
      },
    );
    assert.strictEqual(
      result.text,
      COMPOSE.replace('privileged: true', 'privileged: false').replace(
        'oom_kill_disable: true',
        'oom_kill_disable: false',
      ),
    );
    assert.strictEqual(applyEdits(COMPOSE, result.edits), result.text);
    assert.strictEqual(result.edits.length, 2, 'two changed lines, two edits');
  });

  it('says which measures make each edit, so a preview can let the user untick one', () => {
    const text =
      'services:\n  web:\n    image: example/web:1.4\n    privileged: true\n  db:\n    image: example/db:2\n';
    const result = applyPlans(text, { path: COMPOSE_PATH, files: noFiles }, [
      { target: { kind: 'service', name: 'web' }, measures: ['no-privileged', 'pids-limit'] },
      { target: { kind: 'service', name: 'db' }, measures: ['pids-limit'] },
    ]);
    assert.strictEqual(applyEdits(text, result.edits), result.text);
    assert.deepStrictEqual(
      result.edits.map((edit, i) => [
        edit.range.start.line,
        edit.newText.trim().split('\n')[0],
        result.editMeasures[i],
      ]),
      [
        [3, 'privileged: false', ['no-privileged']],
        [4, 'deploy:', ['pids-limit']],
        [6, 'deploy:', ['pids-limit']],
      ],
    );
  });

  it("hands a measure's inputs to the rules, so the edit carries the values typed", () => {
    const result = applyPlan(
      'services:\n  app:\n    image: alpine:3.20\n    restart: always\n',
      { path: COMPOSE_PATH, files: noFiles },
      {
        target: { kind: 'service', name: 'app' },
        measures: ['bounded-restart'],
        inputs: { 'bounded-restart': { maxRestarts: '3' } },
      },
    );
    assert.match(result.text, /restart: on-failure:3/);
  });

  it('reads an input only under the measure that declares it, and refuses root as the non-root user', () => {
    const options = { path: COMPOSE_PATH, files: noFiles };
    const web = { kind: 'service' as const, name: 'web' };
    const stray = applyPlan(COMPOSE, options, {
      target: web,
      measures: ['no-privileged'],
      inputs: { 'no-privileged': { user: '0' } },
    });
    assert.ok(!stray.text.includes('user:'), stray.text);
    assert.throws(
      () =>
        applyPlan(COMPOSE, options, {
          target: web,
          measures: ['non-root-user'],
          inputs: { 'non-root-user': { user: 'root' } },
        }),
      /root is what this measure moves away from/,
    );
    assert.throws(
      () =>
        applyPlan(COMPOSE, options, {
          target: web,
          measures: ['pids-limit'],
          inputs: { 'pids-limit': { pidsLimit: '2.5' } },
        }),
      /whole number/,
    );
  });

  it("fixes the final stage's problem even when a builder stage has the same one", () => {
    const text =
      'FROM alpine:3.20 AS a\nRUN curl -fsSLk https://x -o /x\nFROM alpine:3.20 AS b\nRUN curl -fsSLk https://x -o /x\nUSER app\n';
    const [final] = targets(text, DOCKERFILE_PATH);
    assert.strictEqual(final.name, 'b');
    const result = applyPlan(
      text,
      { path: DOCKERFILE_PATH, files: noFiles },
      { target: final, measures: ['tls-verification'] },
    );
    assert.strictEqual(result.text, text.replace(/curl -fsSLk(?![^]*curl -fsSLk)/, 'curl -fsSL'));
  });

  it('hardens several services sharing an anchor in one pass, editing the anchor once', () => {
    const text =
      'x-base: &base\n  image: alpine:3.20\n  privileged: true\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n';
    const options = { path: COMPOSE_PATH, files: noFiles };
    const choices = ['a', 'b'].map((name) => ({
      target: { kind: 'service' as const, name },
      measures: ['no-privileged'],
    }));
    const result = applyPlans(text, options, choices);
    assert.strictEqual(result.text, text.replace('privileged: true', 'privileged: false'));
  });

  it('sets the user before dropping capabilities: an image that then starts unprivileged keeps none it needed as root', () => {
    // As root, postgres's entrypoint chowns its data directory and steps down (CHOWN, DAC_OVERRIDE, FOWNER,
    // SETGID, SETUID); as "postgres" it skips that, and DAC_OVERRIDE kept anyway would be a dangerous cap_add.
    const text = 'services:\n  db:\n    image: postgres:16-bookworm\n';
    const options = { path: COMPOSE_PATH, files: noFiles };
    const result = applyPlan(text, options, {
      target: { kind: 'service', name: 'db' },
      measures: ['drop-all-capabilities', 'non-root-user'],
    });
    assert.strictEqual(result.text, `${text}    user: postgres\n    cap_drop:\n      - ALL\n`);
    const db = target(result.text, COMPOSE_PATH, 'db');
    assert.deepStrictEqual(
      db.measures.filter((m) => m.state !== 'applied' && m.id.includes('capabilities')).map((m) => m.id),
      [],
    );
  });

  it('refuses an unknown measure and an invalid input, saying which', () => {
    const options = { path: COMPOSE_PATH, files: noFiles };
    const web = { kind: 'service' as const, name: 'web' };
    assert.throws(() => applyPlan(COMPOSE, options, { target: web, measures: ['no-such'] }), PlanError);
    assert.throws(
      () =>
        applyPlan(COMPOSE, options, {
          target: web,
          measures: ['memory-limit'],
          inputs: { 'memory-limit': { memoryLimit: 'lots' } },
        }),
      /memory-limit: Memory limit: expected a size/,
    );
  });

  it('has measures whose ids are unique per target and whose concerns are known ids of the right file kind', () => {
    const known = new Set(concerns.concerns.map((c: { id: string }) => c.id));
    for (const kind of ['service', 'stage'] as const) {
      const ids = measuresFor(kind).map((m) => m.id);
      assert.strictEqual(new Set(ids).size, ids.length);
    }
    for (const measure of MEASURES) {
      for (const concern of measure.concerns) {
        assert.ok(known.has(concern), concern);
        assert.strictEqual(concern.startsWith('cs.'), measure.target === 'service', `${measure.id}: ${concern}`);
      }
      for (const input of measure.inputs) assert.strictEqual(input.validate(input.default), null, input.id);
    }
  });

  describe('measures combine', () => {
    const documents = [
      { text: COMPOSE, path: COMPOSE_PATH, target: 'web' },
      { text: DOCKERFILE, path: DOCKERFILE_PATH, target: '0' },
    ];
    for (const document of documents) {
      const options = { path: document.path, files: noFiles };
      const planned = target(document.text, document.path, document.target);
      const fixable = planned.measures.filter((m) => m.fixable).map((m) => m.id);
      const subject = { kind: planned.kind, name: planned.name };

      it(`in any subset and any order, once or twice, to one text that parses (${document.path})`, () => {
        assert.ok(fixable.length >= 3, `fixable measures: ${fixable.join(', ')}`);
        fc.assert(
          fc.property(fc.shuffledSubarray(fixable, { minLength: 1 }), (chosen) => {
            const inOrder = fixable.filter((id) => chosen.includes(id));
            const result = applyPlan(document.text, options, { target: subject, measures: chosen });
            const text = result.text;
            assert.strictEqual(applyEdits(document.text, result.edits), text, 'the edits make the text');
            for (const made of result.editMeasures)
              assert.ok(
                made.every((id) => chosen.includes(id)),
                String(made),
              );
            // Unticking one measure in the preview leaves out the edits it makes: what remains still parses.
            for (const left of chosen) {
              const kept = result.edits.filter((_, i) => !result.editMeasures[i].includes(left));
              const partial = applyEdits(document.text, kept);
              if (document.path.endsWith('.yaml')) assert.deepStrictEqual(parseDocument(partial).errors, [], left);
              else
                assert.ok(
                  analyze(partial, options).findings.every((f) => f.ruleId !== 'syntax-error'),
                  left,
                );
            }
            assert.strictEqual(applyPlan(document.text, options, { target: subject, measures: inOrder }).text, text);
            assert.strictEqual(applyPlan(text, options, { target: subject, measures: chosen }).text, text);
            if (document.path.endsWith('.yaml')) assert.deepStrictEqual(parseDocument(text).errors, []);
            const after = target(text, document.path, document.target);
            for (const id of chosen) assert.strictEqual(after.measures.find((m) => m.id === id)?.state, 'applied', id);
          }),
          { numRuns: 25 },
        );
      });
    }
  });
});
