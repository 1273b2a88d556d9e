/**
 * Segmented, cached Compose parsing and reused per-service findings (used
 * while typing) must give exactly the findings of analysing the whole text
 * afresh, for any document, any edits, and files that change in between.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { analyze, AnalysisCache, ComposeParseCache, DockerfileParseCache } from '../../server/src/core/analyze';
import { splitSegments } from '../../server/src/core/compose/segments';
import { reader } from '../helpers/findings';

const SERVICE_BODIES = [
  '    <<: *common\n    image: nginx\n',
  '    image: nginx:1.27\n    privileged: true\n',
  '    ports:\n      - "8080:80"\n      - target: 22\n        published: 2222\n',
  '    environment:\n      DB_PASSWORD: hunter2\n      TOKEN: ${TOKEN}\n',
  '    command: |\n      echo hello\n      services:\n    user: root\n',
  '    cap_add: [SYS_ADMIN]\n    # a comment\n\n    security_opt:\n      - seccomp:unconfined\n',
  '    volumes: &vols\n      - /var/run/docker.sock:/var/run/docker.sock\n',
  '    volumes: *vols\n    network_mode: host\n',
  '    healthcheck: {test: ["NONE"]}\n',
  '    network_mode: service:svc0\n    pid: "service:svc1"\n',
  '    extends: svc0\n    user: "1000"\n',
  '    build: .\n    env_file: app.env\n',
  '    volumes:\n      - hostdata:/data\n    environment:\n      MODE: ${MODE}\n',
  '    <<: *tpl\n    read_only: true\n',
];
const HEADERS = ['', 'name: demo\n', 'x-common: &common\n  restart: always\n  read_only: false\n\n'];
const TAILS = [
  '',
  'networks:\n  mesh:\n    driver: overlay\n',
  'volumes:\n  data: {}\n',
  'volumes:\n  hostdata:\n    driver_opts: {o: bind, device: /etc}\n',
];

const documentArb = fc
  .record({
    header: fc.constantFrom(...HEADERS),
    services: fc.array(fc.constantFrom(...SERVICE_BODIES), { minLength: 2, maxLength: 12 }),
    // A service used as a template: `svc0: &tpl`, merged by others with `<<: *tpl`.
    template: fc.boolean(),
    tail: fc.constantFrom(...TAILS),
  })
  .map(
    ({ header, services, template, tail }) =>
      `${header}services:\n${services.map((body, i) => `  svc${i}:${template && i === 0 ? ' &tpl' : ''}\n${body}`).join('')}${tail}`,
  );

/** Files the documents read, in versions an edit step may switch between. */
const FILE_VERSIONS: Record<string, string>[] = [
  { '/p/.env': 'MODE=host\n', '/p/Dockerfile': 'FROM node:20\nCMD ["node"]\n', '/p/app.env': 'API_TOKEN=abc123def\n' },
  {
    '/p/.env': 'MODE=bridge\n',
    '/p/Dockerfile': 'FROM node:20\nUSER node\nHEALTHCHECK CMD true\n',
    '/p/app.env': 'API_TOKEN=${TOKEN}\n',
  },
];
const editArb = fc.record({
  files: fc.nat({ max: FILE_VERSIONS.length - 1 }),
  at: fc.nat(),
  remove: fc.nat({ max: 30 }),
  insert: fc.oneof(
    fc.constantFrom(
      '',
      'x',
      '\n',
      '  ',
      '  extra:\n',
      '    image: a\n',
      '&a ',
      '*common',
      ': ',
      '- ',
      '\t',
      '#',
      '\r',
      '\r\n',
      ` ${'['.repeat(210)}`,
      `${'- '.repeat(205)}x\n`,
    ),
    fc.string({ maxLength: 5 }),
  ),
});

const PATH = '/p/compose.yaml';
const plain = (text: string, files = FILE_VERSIONS[0]): string =>
  JSON.stringify(analyze(text, { kind: 'compose', path: PATH, files: reader(files) }).findings);

describe('segmented Compose parsing', function () {
  // Hundreds of generated cases: seconds on a quiet machine, far more on a busy one.
  this.timeout(120_000);
  it('splits a block-style file into one segment per service', () => {
    const split = splitSegments('x: 1\nservices:\n  a:\n    image: x\n  b:\n    image: y\nnetworks: {}\n');
    assert.deepStrictEqual(split?.services.length, 2);
    assert.deepStrictEqual(split?.roots.length, 3);
    assert.strictEqual(splitSegments('services: {a: {image: x}, b: {image: y}}\n'), null);
  });

  it('gives the same findings as a whole parse, across edits', () => {
    fc.assert(
      fc.property(documentArb, fc.array(editArb, { maxLength: 6 }), (initial, edits) => {
        const cache = new AnalysisCache(new DockerfileParseCache(), new ComposeParseCache(0));
        const cached = (text: string, files: Record<string, string>): string =>
          JSON.stringify(analyze(text, { kind: 'compose', path: PATH, files: reader(files), cache }).findings);
        let text = initial;
        assert.strictEqual(cached(text, FILE_VERSIONS[0]), plain(text));
        for (const edit of edits) {
          const at = edit.at % (text.length + 1);
          text = text.slice(0, at) + edit.insert + text.slice(at + edit.remove);
          const files = FILE_VERSIONS[edit.files];
          assert.strictEqual(
            cached(text, files),
            plain(text, files),
            `after editing at ${at} (files ${edit.files}): ${JSON.stringify(text)}`,
          );
          // And again with nothing changed: the reused findings must equal a fresh analysis.
          assert.strictEqual(cached(text, files), plain(text, files), `unchanged: ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
