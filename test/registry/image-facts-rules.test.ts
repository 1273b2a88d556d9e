/**
 * What registry facts change in the analysis (pure core, facts passed in):
 * the user and healthcheck findings follow the image's config, sensitive
 * ports it exposes are reported, and "Pin to digest" appends the digest the
 * registry serves, keeping the tag. Without facts nothing changes.
 */
import { strict as assert } from 'assert';
import { analyze, type AnalyzeOptions } from '../../server/src/core/analyze';
import { fixAll } from '../../server/src/core/fix-all';
import { applyPlan, planTargets } from '../../server/src/core/measures/plan';
import { imageFactsFrom, type ImageFacts, type ImageQuery } from '../../server/src/core/image-facts';

const DIGEST = `sha256:${'d'.repeat(64)}`;

function facts(query: ImageQuery, config: Partial<ImageFacts> = {}): ImageFacts {
  return {
    query,
    platform: query.platform ?? 'linux/amd64',
    digest: DIGEST,
    manifestDigest: `sha256:${'e'.repeat(64)}`,
    user: '',
    exposedPorts: [],
    healthcheck: null,
    created: '2026-11-02T10:00:00Z',
    ...config,
  };
}

function ruleIds(text: string, options: AnalyzeOptions): string[] {
  return analyze(text, options).findings.map((finding) => finding.ruleId);
}

const UNKNOWN_IMAGE = 'registry.example.com/team/server:1.4';
const withFacts = (config: Partial<ImageFacts>, platform: string | null = null): AnalyzeOptions['imageFacts'] =>
  imageFactsFrom([facts({ reference: UNKNOWN_IMAGE, platform }, config)]);

describe('image facts in Dockerfile rules', () => {
  const dockerfile = `FROM ${UNKNOWN_IMAGE}\nCOPY app /app\n`;
  const options: AnalyzeOptions = { kind: 'dockerfile' };

  it('lists the images the document is built on, with the FROM --platform', () => {
    const result = analyze(
      `FROM --platform=linux/arm64 ${UNKNOWN_IMAGE} AS build\nFROM build\nFROM alpine:3.20\n`,
      options,
    );
    assert.deepEqual(result.images, [
      { reference: UNKNOWN_IMAGE, platform: 'linux/arm64' },
      { reference: 'alpine:3.20', platform: null },
    ]);
    const unknownPlatform = analyze(`FROM --platform=$BUILDPLATFORM ${UNKNOWN_IMAGE}\n`, options);
    assert.deepEqual(unknownPlatform.images, [{ reference: UNKNOWN_IMAGE, platform: null }]);
  });

  it('drops missing-user and missing-healthcheck when the config sets User and Healthcheck', () => {
    const without = ruleIds(dockerfile, options);
    assert.ok(without.includes('missing-user') && without.includes('missing-healthcheck'));
    const ids = ruleIds(dockerfile, {
      ...options,
      imageFacts: withFacts({ user: '10001', healthcheck: ['CMD', '/app/health'] }),
    });
    assert.ok(!ids.includes('missing-user'), ids.join());
    assert.ok(!ids.includes('missing-healthcheck'), ids.join());
  });

  it('says the image runs as root when its config sets no User, and reports root-base-image', () => {
    const result = analyze(dockerfile, { ...options, imageFacts: withFacts({ user: '' }) });
    const missing = result.findings.find((finding) => finding.ruleId === 'missing-user');
    assert.equal(missing?.messageRef?.id, 'rootImage');
    assert.ok(result.findings.some((finding) => finding.ruleId === 'root-base-image'));
  });

  it('takes facts only for the platform they were read for', () => {
    const arm = `FROM --platform=linux/arm64 ${UNKNOWN_IMAGE}\n`;
    const ids = ruleIds(arm, { ...options, imageFacts: withFacts({ user: '10001' }) });
    assert.ok(ids.includes('missing-user'), 'default-platform facts must not answer an arm64 FROM');
    assert.ok(
      !ruleIds(arm, { ...options, imageFacts: withFacts({ user: '10001' }, 'linux/arm64') }).includes('missing-user'),
    );
  });

  it('reports a remote-administration port the base image exposes', () => {
    const result = analyze(`FROM ${UNKNOWN_IMAGE}\nUSER 10001\n`, {
      ...options,
      imageFacts: withFacts({ user: '10001', exposedPorts: ['22/tcp', '8080/tcp'] }),
    });
    const inherited = result.findings.find((finding) => finding.ruleId === 'sensitive-port-exposed');
    assert.match(inherited?.message ?? '', /exposes 22 \(SSH\) in its image config/);
    assert.deepEqual(inherited?.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 41 } });
  });

  it('pins FROM to the digest, keeping the tag and the stage name, as a preferred fix', () => {
    const text = `FROM ${UNKNOWN_IMAGE} AS runtime\nUSER 10001\n`;
    const imageFacts = withFacts({ user: '10001' });
    const finding = analyze(text, { ...options, imageFacts }).findings.find(
      (f) => f.ruleId === 'base-image-without-digest',
    );
    assert.equal(finding?.fixes[0]?.title, `Pin to digest: ${UNKNOWN_IMAGE}@${DIGEST}`);
    const fixed = fixAll(text, { ...options, imageFacts }).text;
    assert.equal(fixed.split('\n')[0], `FROM ${UNKNOWN_IMAGE}@${DIGEST} AS runtime`);
    assert.equal(fixAll(fixed, { ...options, imageFacts }).applied, 0);
  });

  it('offers no pin without facts, nor for a reference made by a build argument', () => {
    const noFacts = analyze(`FROM ${UNKNOWN_IMAGE}\n`, options).findings.find(
      (f) => f.ruleId === 'base-image-without-digest',
    );
    assert.deepEqual(noFacts?.fixes, []);
    const fromArg = analyze(`ARG BASE=${UNKNOWN_IMAGE}\nFROM $BASE\n`, { ...options, imageFacts: withFacts({}) });
    assert.deepEqual(fromArg.findings.find((f) => f.ruleId === 'base-image-without-digest')?.fixes, []);
  });
});

describe('image facts in Compose rules', () => {
  const options: AnalyzeOptions = { kind: 'compose' };
  const compose = (image: string, extra = ''): string => `services:\n  web:\n    image: ${image}\n${extra}`;

  it('reports a service without user: on an image whose config sets no User, which the table does not know', () => {
    const text = compose(UNKNOWN_IMAGE);
    assert.ok(!ruleIds(text, options).includes('compose-root-user'));
    const result = analyze(text, { ...options, imageFacts: withFacts({ user: '' }) });
    const root = result.findings.find((finding) => finding.ruleId === 'compose-root-user');
    assert.equal(root?.messageRef?.id, 'imageRunsAsRoot');
    assert.ok(!ruleIds(text, { ...options, imageFacts: withFacts({ user: 'app' }) }).includes('compose-root-user'));
  });

  it("uses the image's Healthcheck, and the service's platform: for the query", () => {
    const text = compose(UNKNOWN_IMAGE);
    assert.ok(ruleIds(text, options).includes('compose-missing-healthcheck'));
    const healthy = withFacts({ healthcheck: ['CMD-SHELL', 'curl -f http://localhost/'] });
    assert.ok(!ruleIds(text, { ...options, imageFacts: healthy }).includes('compose-missing-healthcheck'));
    const arm = compose(UNKNOWN_IMAGE, '    platform: linux/arm64\n');
    assert.deepEqual(analyze(arm, options).images, [{ reference: UNKNOWN_IMAGE, platform: 'linux/arm64' }]);
    assert.ok(ruleIds(arm, { ...options, imageFacts: healthy }).includes('compose-missing-healthcheck'));
  });

  it('pins image: to the digest inside quotes and plain scalars, keeping the tag', () => {
    const imageFacts = withFacts({ user: '10001' });
    for (const written of [UNKNOWN_IMAGE, `"${UNKNOWN_IMAGE}"`, `'${UNKNOWN_IMAGE}'`]) {
      const fixed = fixAll(compose(written), { ...options, imageFacts }).text;
      const quote = written[0] === '"' || written[0] === "'" ? written[0] : '';
      assert.ok(fixed.includes(`image: ${quote}${UNKNOWN_IMAGE}@${DIGEST}${quote}\n`), fixed);
    }
  });

  it('offers no pin for an interpolated image:', () => {
    const text = 'services:\n  web:\n    image: ${IMAGE:-' + UNKNOWN_IMAGE + '}\n';
    const finding = analyze(text, { ...options, imageFacts: withFacts({}) }).findings.find(
      (f) => f.ruleId === 'compose-image-without-digest',
    );
    assert.deepEqual(finding?.fixes, []);
  });
});

describe('the pin-to-digest measure', () => {
  it('pins the service image and the final stage when the facts give a digest, and is missing but unfixable without', () => {
    const imageFacts = withFacts({ user: '10001' });
    const compose = `services:\n  web:\n    image: ${UNKNOWN_IMAGE}\n`;
    const choice = { target: { kind: 'service' as const, name: 'web' }, measures: ['pin-to-digest'] };
    assert.strictEqual(
      applyPlan(compose, { kind: 'compose', imageFacts }, choice).text,
      `services:\n  web:\n    image: ${UNKNOWN_IMAGE}@${DIGEST}\n`,
    );
    const dockerfile = `FROM ${UNKNOWN_IMAGE}\nUSER 10001\n`;
    const stage = { target: { kind: 'stage' as const, name: '0' }, measures: ['pin-to-digest'] };
    assert.strictEqual(
      applyPlan(dockerfile, { kind: 'dockerfile', imageFacts }, stage).text,
      `FROM ${UNKNOWN_IMAGE}@${DIGEST}\nUSER 10001\n`,
    );
    const plain = planTargets(analyze(compose, { kind: 'compose' }))[0].measures.find((m) => m.id === 'pin-to-digest');
    assert.deepEqual([plain?.state, plain?.fixable], ['missing', false]);
  });
});
