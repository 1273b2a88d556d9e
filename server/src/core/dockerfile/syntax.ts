/**
 * Problems that make a Dockerfile unbuildable, reported with `concern: null`
 * so the user sees why other findings may be missing: no instructions, an
 * instruction before the first FROM, a FROM without image, an ENV/ARG
 * without a name. The rest of the file is still analysed.
 */
import { quoteAs } from '../knowledge/secrets';
import type { Finding } from '../types';
import { BUILTIN_IDS } from '../rules';
import { propertiesOf, type DockerfileModel } from './model';

export function dockerfileSyntaxFindings(model: DockerfileModel): Finding[] {
  const findings: Finding[] = [];
  const add = (range: Finding['range'], message: string): void => {
    findings.push({ ruleId: BUILTIN_IDS.syntax, concern: null, severity: 'error', message, range, fixes: [] });
  };
  if (model.instructions.length === 0) {
    if (model.text.trim() !== '' || model.text.length === 0) {
      add(
        { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        'This Dockerfile has no instructions yet: a build needs at least a FROM.',
      );
    }
    return findings;
  }
  const firstFrom = model.instructions.findIndex((i) => i.keyword === 'FROM');
  model.instructions.forEach((instruction, index) => {
    const keywordRange = instruction.node.getInstructionRange();
    if ((firstFrom === -1 || index < firstFrom) && instruction.keyword !== 'ARG') {
      add(
        keywordRange,
        `${quoteAs(instruction.keyword, instruction.node.getInstruction())} comes before any FROM; only ARG may precede the first FROM.`,
      );
    }
    if (instruction.keyword === 'FROM' && instruction.node.getArguments().length === 0) {
      add(keywordRange, 'FROM needs an image (for example FROM alpine:3.20).');
    }
    if (
      (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') &&
      (instruction.node.getArguments().length === 0 || propertiesOf(instruction.node).some((p) => p.getName() === ''))
    ) {
      add(keywordRange, `${instruction.keyword} needs a variable name (${instruction.keyword} NAME=value).`);
    }
  });
  return findings;
}
