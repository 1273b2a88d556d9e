/**
 * Claims the documentation and messages once got wrong stay right: the
 * runtime refuses a sysctl that is not namespaced (it does not reach the
 * host); plain Docker does not restart an unhealthy container (only Swarm
 * and orchestrators act on health); debian:bookworm-slim is a smaller image,
 * not a hardened or non-root one.
 */
import * as assert from 'assert';
import { analyze } from '../../server/src/core/analyze';
import { RULE_DOCS } from '../../server/src/core/docs';
import { MEASURES } from '../../server/src/core/measures/catalog';

const message = (text: string, ruleId: string, kind: 'dockerfile' | 'compose'): string => {
  const finding = analyze(text, { kind }).findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `${ruleId} reports`);
  return finding.message;
};

describe('documented claims', () => {
  it('says the runtime refuses a sysctl that is not namespaced, in the message and the docs', () => {
    const text = 'services:\n  app:\n    image: alpine:3.20\n    sysctls:\n      kernel.randomize_va_space: 0\n';
    const said = message(text, 'compose-unsafe-sysctl', 'compose');
    assert.match(said, /refuses it, so the service does not start/);
    assert.match(RULE_DOCS.en['compose-unsafe-sysctl'].why, /runtime \(runc\) refuses it/);
    assert.match(RULE_DOCS.ja['compose-unsafe-sysctl'].why, /拒否/);
    assert.doesNotMatch(RULE_DOCS.en['compose-unsafe-sysctl'].why, /Anything else changes the host kernel/);
  });

  it('never says plain Docker restarts an unhealthy container', () => {
    const texts = [
      ...['missing-healthcheck', 'compose-missing-healthcheck'].flatMap((id) => [
        RULE_DOCS.en[id].why,
        RULE_DOCS.en[id].fix,
      ]),
      ...MEASURES.filter((m) => m.id === 'healthcheck').map((m) => m.why),
    ];
    for (const text of texts) assert.doesNotMatch(text, /(?<!not |never )restarted|are restarted/, text);
    assert.match(RULE_DOCS.en['compose-missing-healthcheck'].why, /only Swarm and orchestrators act on health/);
  });

  it('offers debian:bookworm-slim as a smaller image, never as a non-root or hardened one', () => {
    for (const image of ['ubuntu:24.04', 'debian:bookworm', 'debian:bookworm-slim']) {
      const said = message(`FROM ${image}\n`, 'root-base-image', 'dockerfile');
      assert.doesNotMatch(said, /alternatives:[^.]*bookworm-slim/, said);
    }
    const smaller = message('FROM ubuntu:24.04\nUSER 65532\n', 'non-minimal-base-image', 'dockerfile');
    assert.match(smaller, /fewer packages to patch and exploit: debian:bookworm-slim, gcr\.io\/distroless/);
  });
});
