/**
 * A mocha root hook (loaded by .mocharc.json): fails any test during which
 * the core's last position check (core/bounds.ts) had to repair a finding,
 * so the guard in `analyze` never hides a position bug the tests could see.
 */
import { observeRepairs } from '../../server/src/core/bounds';

const repairs: string[] = [];
observeRepairs((problem, finding) => repairs.push(`${problem} (${finding.message.slice(0, 80)})`));

export const mochaHooks = {
  beforeEach(): void {
    repairs.length = 0;
  },
  afterEach(this: { currentTest?: { state?: string; title: string } }): void {
    if (repairs.length === 0) return;
    const found = repairs.splice(0);
    throw new Error(`analyze had to repair ${found.length} finding position(s):\n  ${found.slice(0, 5).join('\n  ')}`);
  },
};
