/**
 * Problems that make a Dockerfile unbuildable, reported with `concern: null`
 * so the user sees why other findings may be missing: no instructions, an
 * instruction before the first FROM, a FROM without image, an ENV/ARG
 * without a name. The rest of the file is still analysed.
 */
import { ANALYSIS_TEXTS } from '../analysis-messages';
import type { Language } from '../l10n';
import { quoteAs } from '../knowledge/secrets';
import type { Finding } from '../types';
import { BUILTIN_IDS } from '../rules';
import { propertiesOf, type DockerfileModel } from './model';

export function dockerfileSyntaxFindings(model: DockerfileModel, language: Language = 'en'): Finding[] {
  const texts = ANALYSIS_TEXTS[language];
  const findings: Finding[] = [];
  const add = (range: Finding['range'], message: string): void => {
    findings.push({ ruleId: BUILTIN_IDS.syntax, concern: null, severity: 'error', message, range, fixes: [] });
  };
  if (model.instructions.length === 0) {
    if (model.text.trim() !== '' || model.text.length === 0) {
      add({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, texts.noInstructions());
    }
    return findings;
  }
  const firstFrom = model.instructions.findIndex((i) => i.keyword === 'FROM');
  model.instructions.forEach((instruction, index) => {
    const keywordRange = instruction.node.getInstructionRange();
    if ((firstFrom === -1 || index < firstFrom) && instruction.keyword !== 'ARG') {
      add(keywordRange, texts.beforeFrom({ keyword: quoteAs(instruction.keyword, instruction.node.getInstruction()) }));
    }
    if (instruction.keyword === 'FROM' && instruction.node.getArguments().length === 0) {
      add(keywordRange, texts.fromWithoutImage());
    }
    if (
      (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') &&
      (instruction.node.getArguments().length === 0 || propertiesOf(instruction.node).some((p) => p.getName() === ''))
    ) {
      add(keywordRange, texts.variableWithoutName({ keyword: instruction.keyword }));
    }
  });
  return findings;
}
