/**
 * Segmented, cached Compose parsing (used while typing) must give exactly the
 * findings of parsing the whole text, for any document and any edits.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { analyze, AnalysisCache, ComposeParseCache, DockerfileParseCache } from '../../server/src/core/analyze';
import { splitSegments } from '../../server/src/core/compose/segments';

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
];
const HEADERS = ['', 'name: demo\n', 'x-common: &common\n  restart: always\n  read_only: false\n\n'];
const TAILS = ['', 'networks:\n  mesh:\n    driver: overlay\n', 'volumes:\n  data: {}\n'];

const documentArb = fc.record({
  header: fc.constantFrom(...HEADERS),
  services: fc.array(fc.constantFrom(...SERVICE_BODIES), { minLength: 2, maxLength: 12 }),
  tail: fc.constantFrom(...TAILS),
}).map(({ header, services, tail }) => `${header}services:\n${services.map((body, i) => `  svc${i}:\n${body}`).join('')}${tail}`);

const editArb = fc.record({ at: fc.nat(), remove: fc.nat({ max: 30 }), insert: fc.oneof(fc.constantFrom('', 'x', '\n', '  ', '  extra:\n', '    image: a\n', '&a ', '*common', ': ', '- ', '\t', '#'), fc.string({ maxLength: 5 })) });

const plain = (text: string): string => JSON.stringify(analyze(text, { kind: 'compose' }).findings);

describe('segmented Compose parsing', () => {
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
        let text = initial;
        assert.strictEqual(JSON.stringify(analyze(text, { kind: 'compose', cache }).findings), plain(text));
        for (const edit of edits) {
          const at = edit.at % (text.length + 1);
          text = text.slice(0, at) + edit.insert + text.slice(at + edit.remove);
          assert.strictEqual(JSON.stringify(analyze(text, { kind: 'compose', cache }).findings), plain(text), `after editing at ${at}: ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
