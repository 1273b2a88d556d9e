/**
 * Top-level networks in the runs of the Compose rules: the document's own
 * run checks them, a service's run checks none but finds each by name, and a
 * service's findings reused while editing equal a fresh analysis's when only
 * the networks change.
 */
import * as assert from 'assert';
import { analyze, AnalysisCache, ComposeParseCache, DockerfileParseCache } from '../../server/src/core/analyze';
import { buildComposeModel, type ComposeModel } from '../../server/src/core/compose/model';
import { recordingReader } from '../../server/src/core/compose/service-findings';
import {
  checkServices,
  documentRunModel,
  serviceRunModel,
  type RunRules,
} from '../../server/src/core/compose/service-runs';
import type { Finding } from '../../server/src/core/types';
import { reader } from '../helpers/findings';

const PATH = '/p/compose.yaml';

/** Two services (files are cut into segments from two on); `app` joins `backend`. */
const compose = (backend: string): string => `services:
  app:
    image: alpine:3.20
    networks: [backend]
  other:
    image: alpine:3.20
networks:
  backend:
${backend}  frontend: {}
`;
const ENCRYPTED = `    driver: overlay
    driver_opts:
      encrypted: "true"
`;
const UNENCRYPTED = `    driver: overlay
`;

/** The editor's cache, segmenting files of any length so that small cases exercise reuse. */
const editorCache = (): AnalysisCache => new AnalysisCache(new DockerfileParseCache(), new ComposeParseCache(0));

/**
 * A rule of the kind a per-service run must be able to run: it reports a
 * service attached to an unencrypted overlay network, reading that network
 * through the service's run model.
 */
const serviceOnUnencryptedOverlay: RunRules = (model: ComposeModel) => {
  const findings: Finding[] = [];
  for (const service of model.services) {
    const attached = service.entries.get('networks');
    for (const item of attached ? model.itemsOf(attached.value) : []) {
      const name = model.value(item, attached!.keyRange).text ?? '';
      const network = model.network(name);
      const fields = network ? model.entriesOf(network.value) : new Map();
      const driver = fields.get('driver');
      if (!driver || model.value(driver.value, driver.keyRange).text !== 'overlay' || fields.has('driver_opts'))
        continue;
      findings.push({
        ruleId: 'test-service-on-unencrypted-overlay',
        concern: null,
        severity: 'warning',
        message: `Service "${service.name}" joins the unencrypted overlay network "${name}"`,
        range: model.rangeOf(item)!,
        fixes: [],
      });
    }
  }
  return findings;
};

describe('top-level networks in the runs of the Compose rules', () => {
  it("has the document's run check every network and a service's run none, finding each by name", () => {
    const model = buildComposeModel(compose(UNENCRYPTED), { path: PATH });
    assert.deepStrictEqual([...documentRunModel(model).networks.keys()], ['backend', 'frontend']);
    assert.deepStrictEqual(documentRunModel(model).services, []);
    const app = model.allServices.find((service) => service.name === 'app')!;
    const run = serviceRunModel(model, app);
    assert.deepStrictEqual(run.services, [app]);
    assert.strictEqual(run.networks.size, 0);
    assert.ok(run.network('backend'), 'backend found by name in the service run');
    assert.strictEqual(run.network('missing'), null);
  });

  it('re-checks an unchanged service when the networks change, so a rule reading them agrees with a fresh run', () => {
    const cache = new ComposeParseCache(0);
    const incremental = (text: string): Finding[] => {
      const files = recordingReader(reader({ [PATH]: text }));
      const model = buildComposeModel(text, { path: PATH, files, cache });
      return checkServices(model, serviceOnUnencryptedOverlay, files, cache.findings);
    };
    const fresh = (text: string): Finding[] =>
      checkServices(buildComposeModel(text, { path: PATH }), serviceOnUnencryptedOverlay);
    for (const text of [compose(ENCRYPTED), compose(UNENCRYPTED), compose(ENCRYPTED)]) {
      assert.deepStrictEqual(incremental(text), fresh(text));
    }
    assert.strictEqual(fresh(compose(UNENCRYPTED)).length, 1, 'the case cannot pass vacuously');
  });

  it('reports an unencrypted overlay network once, through edits of the networks and of a service', () => {
    const cache = editorCache();
    const versions = [
      compose(ENCRYPTED),
      compose(UNENCRYPTED),
      compose(UNENCRYPTED).replace('    networks: [backend]\n', '    networks: [backend]\n    read_only: true\n'),
      `# a new first line moves every segment\n${compose(UNENCRYPTED)}`,
      compose(ENCRYPTED),
    ];
    for (const text of versions) {
      const edited = analyze(text, { path: PATH, cache, files: reader({}) }).findings;
      const fromScratch = analyze(text, { path: PATH, files: reader({}) }).findings;
      assert.deepStrictEqual(edited, fromScratch);
      const overlay = edited.filter((finding) => finding.ruleId === 'compose-unencrypted-overlay');
      assert.strictEqual(overlay.length, text.includes('encrypted') ? 0 : 1);
    }
  });
});
