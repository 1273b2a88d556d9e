/** The analysis pool: budgets that stop a runaway analysis without stopping the others. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AnalysisPool } from '../../server/src/runtime/analysis-pool';
import { composeWithServices } from '../helpers/generated';

const SMALL_DOCKERFILE = 'FROM alpine:3.20\nRUN curl -k https://example.com/x | sh\n';

describe('analysis pool', () => {
  const pools: AnalysisPool[] = [];
  const pool = (options: ConstructorParameters<typeof AnalysisPool>[0]): AnalysisPool => {
    const created = new AnalysisPool(options);
    pools.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.dispose()));
  });

  it("answers with the core's findings", async () => {
    const outcome = await pool({}).analyze({ text: SMALL_DOCKERFILE, options: { path: '/project/Dockerfile' } });
    assert.strictEqual(outcome.kind, 'dockerfile');
    assert.strictEqual(outcome.stopped, undefined);
    assert.ok(outcome.findings.some((f) => f.ruleId === 'tls-verification-disabled'));
  });

  it('stops an analysis that outlasts the time limit with one finding, and goes on serving others', async () => {
    const analyses = pool({ budget: { timeLimitMs: 200 }, maxWorkers: 1 });
    const slow = analyses.analyze({ text: composeWithServices(20_000), options: { path: '/project/compose.yaml' } });
    const next = analyses.analyze({ text: SMALL_DOCKERFILE, options: { path: '/project/Dockerfile' } });
    const stopped = await slow;
    assert.strictEqual(stopped.stopped, 'time');
    assert.deepStrictEqual(
      stopped.findings.map((f) => f.ruleId),
      ['analysis-stopped'],
    );
    assert.match(stopped.findings[0].message, /longer than 0\.2 s/);
    assert.strictEqual(stopped.findings[0].concern, null);
    const served = await next;
    assert.strictEqual(served.stopped, undefined, 'the replacement worker analysed the next document');
    assert.ok(served.findings.some((f) => f.ruleId === 'tls-verification-disabled'));
  });

  it('stops an analysis that needs more memory than the limit', async () => {
    const outcome = await pool({ budget: { memoryLimitMb: 64, timeLimitMs: 60_000 } }).analyze({
      text: composeWithServices(20_000),
      options: { path: '/project/compose.yaml' },
    });
    assert.strictEqual(outcome.stopped, 'memory');
    assert.match(outcome.findings[0].message, /more than 64 MB/);
  });

  it('lets another worker take a document while the first is busy with a slow one', async () => {
    const analyses = pool({ maxWorkers: 2, waitForOwnWorkerMs: 50 });
    await analyses.analyze({ text: SMALL_DOCKERFILE, options: { path: '/project/Dockerfile' }, cacheKey: 'small' });
    let slowDone = false;
    const slow = analyses
      .analyze({ text: composeWithServices(1_500), options: { path: '/project/compose.yaml' }, cacheKey: 'big' })
      .then((outcome) => ((slowDone = true), outcome));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const small = await analyses.analyze({
      text: SMALL_DOCKERFILE + 'USER app\n',
      options: { path: '/project/Dockerfile' },
      cacheKey: 'small',
    });
    assert.ok(!slowDone, 'the small document was answered while the large one was still being analysed');
    assert.ok(small.findings.some((f) => f.ruleId === 'tls-verification-disabled'));
    assert.ok((await slow).findings.length > 500);
  });

  it("reads an open editor's text for other files instead of the disk, and the disk again once it closes", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-pool-'));
    const dockerfile = path.join(dir, 'Dockerfile');
    fs.writeFileSync(dockerfile, 'FROM alpine:3.20\nUSER app\n');
    const compose = 'services:\n  web:\n    build: .\n';
    const analyses = pool({});
    const userFindings = async (): Promise<string[]> => {
      const outcome = await analyses.analyze({
        text: compose,
        options: { path: path.join(dir, 'compose.yaml') },
        cacheKey: 'c',
      });
      assert.ok(outcome.filesRead.includes(dockerfile), 'the built Dockerfile is among the files read');
      return outcome.findings.filter((f) => f.ruleId === 'compose-root-user').map((f) => f.ruleId);
    };
    assert.deepStrictEqual(await userFindings(), []);
    analyses.setOverlay(dockerfile, 'FROM alpine:3.20\nUSER root\n');
    assert.deepStrictEqual(await userFindings(), ['compose-root-user']);
    analyses.setOverlay(dockerfile, null);
    assert.deepStrictEqual(await userFindings(), []);
  });

  it("fixes from the document's latest analysis only while the other files it read are unchanged", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-pool-'));
    const dockerfile = path.join(dir, 'Dockerfile');
    fs.writeFileSync(dockerfile, 'FROM alpine:3.20\nUSER root\n');
    const request = {
      text: 'services:\n  web:\n    build: .\n',
      options: { path: path.join(dir, 'compose.yaml'), disabledRules: ['compose-capabilities-not-dropped'] },
      cacheKey: 'c',
    };
    const analyses = pool({ maxWorkers: 1 });
    const before = await analyses.analyze(request);
    assert.ok(before.findings.some((f) => f.ruleId === 'compose-root-user'));
    const fixedNow = await analyses.analyze({ ...request, fix: { kind: 'all' } });
    assert.match(fixedNow.fixed!.text, /user: /, 'the root user is fixed in the service');
    // The Dockerfile now sets a user: the analysis made before it changed must not decide the fixes.
    fs.writeFileSync(dockerfile, 'FROM alpine:3.20\nUSER 10001\n');
    const fixedLater = await analyses.analyze({ ...request, fix: { kind: 'all' } });
    assert.doesNotMatch(fixedLater.fixed!.text, /user: /);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
