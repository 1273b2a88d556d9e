/**
 * The YAML fixer API over generated services (block and flow style,
 * comments, blank lines, anchors and merge keys, LF, CRLF and lone-CR line
 * breaks): any sequence of set, append and remove operations gives text that
 * parses and says what each operation asked, and applying the last
 * operation again gives no edit. Whole and segmented parses give the same edits.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { parseDocument, type Node } from 'yaml';
import { buildComposeModel, type ComposeModel } from '../../server/src/core/compose/model';
import { ComposeParseCache } from '../../server/src/core/compose/parse-cache';
import { appendItem, removeItem, removeKey, setKey, type YamlValue } from '../../server/src/core/compose/yaml-edits';
import { applyEdits } from '../../server/src/core/edits';
import { withLineFeeds } from '../../server/src/core/text';
import type { TextEdit } from '../../server/src/core/types';

const HEADER = 'x-common: &common\n  read_only: false\n  cap_drop: [NET_RAW]\n\n';

/** Block-style settings of `app` (indented four), at most one per key. */
const BLOCK_SETTINGS: Record<string, string[]> = {
  image: ['image: nginx # web', 'image: "nginx:1.27"'],
  cap_add: [
    'cap_add:\n  - NET_ADMIN\n  # maybe\n  - SYS_ADMIN # why',
    'cap_add: [SYS_ADMIN, CHOWN]',
    'cap_add:\n- ALL',
  ],
  cap_drop: ['cap_drop: []', 'cap_drop:\n  - NET_RAW', 'cap_drop:'],
  security_opt: ['security_opt:\n- label:disable', 'security_opt: ["seccomp:unconfined"]'],
  deploy: [
    'deploy:\n  resources:\n    limits:\n      cpus: "0.5"',
    'deploy:\n  replicas: 2',
    'deploy: ~',
    'deploy: {replicas: 1}',
  ],
  user: ["user: 'root'", 'user: root # for now'],
  merge: ['<<: *common'],
  comment: ['# a comment', ''],
};
const FLOW_SETTINGS: Record<string, string[]> = {
  image: ['image: nginx'],
  cap_add: ['cap_add: [SYS_ADMIN]', 'cap_add: []'],
  deploy: ['deploy: {resources: {limits: {cpus: "0.5"}}}'],
  user: ['user: "0"'],
};

const choice = (options: Record<string, string[]>) =>
  fc
    .subarray(Object.keys(options), { minLength: 1 })
    .chain((keys) => fc.tuple(...keys.map((key) => fc.constantFrom(...options[key]))))
    .chain((settings) => fc.shuffledSubarray(settings, { minLength: settings.length }));

const serviceArb = fc.oneof(
  choice(BLOCK_SETTINGS).map((settings) =>
    ['  app:', ...settings.flatMap((s) => s.split('\n')).map((line) => (line ? `    ${line}` : ''))].join('\n'),
  ),
  choice(FLOW_SETTINGS).map((settings) => `  app: {${settings.join(', ')}}`),
);

const documentArb = fc
  .record({
    header: fc.boolean(),
    app: serviceArb,
    db: fc.boolean(),
    tail: fc.constantFrom('', 'volumes:\n  data: {}\n', '# end\n'),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
  })
  .map(({ header, app, db, tail, eol }) => {
    const database = db ? '\n  # the database\n  db:\n    image: postgres\n' : '';
    const body = `${header ? HEADER : ''}services:\n${app}\n${database}${tail}`;
    // The merge key needs its anchor.
    const text = header ? body : body.replace(/\n {4}<<: \*common/, '');
    return text.replace(/\n/g, eol);
  });

type Step =
  | { op: 'set'; path: string[]; value: YamlValue }
  | { op: 'append'; key: string; item: string }
  | { op: 'removeItem'; key: string; item: string }
  | { op: 'removeKey'; path: string[] };

const PATHS = [
  ['read_only'],
  ['user'],
  ['deploy', 'resources', 'limits', 'memory'],
  ['deploy', 'replicas'],
  ['healthcheck', 'test'],
];
const LISTS = ['cap_drop', 'cap_add', 'security_opt', 'tmpfs'];
const ITEMS = ['ALL', 'SYS_ADMIN', 'no-new-privileges:true', '/tmp', 'seccomp:unconfined', '8080:80'];

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('set' as const),
    path: fc.constantFrom(...PATHS),
    value: fc.constantFrom<YamlValue>(true, '512M', '65532:65532', 3, ['CMD', 'true'], { disable: true }, 'true'),
  }),
  fc.record({ op: fc.constant('append' as const), key: fc.constantFrom(...LISTS), item: fc.constantFrom(...ITEMS) }),
  fc.record({
    op: fc.constant('removeItem' as const),
    key: fc.constantFrom(...LISTS),
    item: fc.constantFrom(...ITEMS),
  }),
  fc.record({ op: fc.constant('removeKey' as const), path: fc.constantFrom(...PATHS, ['cap_add'], ['image']) }),
);

/** The step's edits, the same whether the document was parsed whole (the CLI) or in segments (the editor). */
function editsOf(document: string, step: Step): TextEdit[] | null {
  const whole = editsIn(buildComposeModel(document), step);
  assert.deepStrictEqual(editsIn(buildComposeModel(document, { cache: new ComposeParseCache() }), step), whole);
  return whole;
}

function editsIn(model: ComposeModel, step: Step): TextEdit[] | null {
  const app: Node | null = model.service('app')?.node ?? null;
  switch (step.op) {
    case 'set':
      return setKey(model, app, step.path, step.value);
    case 'append':
      return appendItem(model, app, step.key, step.item);
    case 'removeItem':
      return removeItem(model, app, step.key, step.item);
    case 'removeKey':
      return removeKey(model, app, step.path);
  }
}

/** The service's settings as Compose reads them (merge keys applied). */
function settingsOf(document: string): Record<string, unknown> {
  const parsed = parseDocument(withLineFeeds(document), { merge: true });
  assert.deepStrictEqual(
    parsed.errors.map((e) => e.message),
    [],
    `parses:\n${JSON.stringify(document)}`,
  );
  const json = parsed.toJS() as { services: Record<string, Record<string, unknown> | null> };
  return json.services.app ?? {};
}

const valueAt = (settings: Record<string, unknown>, path: string[]): unknown =>
  path.reduce<unknown>((node, key) => (node as Record<string, unknown> | null | undefined)?.[key], settings);

function checkOutcome(document: string, step: Step): void {
  const settings = settingsOf(document);
  const shown = JSON.stringify(document);
  if (step.op === 'set') assert.deepStrictEqual(valueAt(settings, step.path), step.value, shown);
  else if (step.op === 'removeKey') assert.strictEqual(valueAt(settings, step.path), undefined, shown);
  else {
    const list = settings[step.key];
    if (step.op === 'append') assert.ok(Array.isArray(list) && list.includes(step.item), shown);
    else assert.ok(list == null || (Array.isArray(list) && !list.includes(step.item)), shown);
  }
}

describe('property: YAML fixer operations', () => {
  it('any sequence of operations gives text that parses and says what was asked; the last one again is no edit', () => {
    fc.assert(
      fc.property(documentArb, fc.array(stepArb, { minLength: 1, maxLength: 6 }), (start, steps) => {
        settingsOf(start);
        let document = start;
        let last: Step | null = null;
        for (const step of steps) {
          const edits = editsOf(document, step);
          if (edits === null) continue;
          document = applyEdits(document, edits);
          checkOutcome(document, step);
          last = step;
        }
        if (last) assert.deepStrictEqual(editsOf(document, last), [], JSON.stringify(document));
      }),
      { numRuns: 400 },
    );
  });
});
