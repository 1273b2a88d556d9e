/**
 * Rule documentation in every shipped language, and its rendering as
 * Markdown for hovers and for the per-rule pages under docs/rules/.
 */
import { ruleMeta } from '../rules';
import type { RuleMeta } from '../rules/rule';
import { EN } from './en';
import { EN_COMPOSE } from './en-compose';
import { JA } from './ja';
import { JA_COMPOSE } from './ja-compose';
import type { Language, RuleDoc } from './types';
import { ruleDocsUrl } from './urls';

export const RULE_DOCS: Record<Language, Record<string, RuleDoc>> = {
  en: { ...EN, ...EN_COMPOSE },
  ja: { ...JA, ...JA_COMPOSE },
};

export { languageOf } from '../l10n';

export function ruleDoc(ruleId: string, language: Language): RuleDoc | undefined {
  return RULE_DOCS[language][ruleId] ?? RULE_DOCS.en[ruleId];
}

/** The headings and labels of a rule's hover and page. */
interface Labels {
  why: string;
  fix: string;
  bad: string;
  good: string;
  suppress: string;
  more: string;
  concern: string;
  severity: string;
}

const LABELS: Record<Language, Labels> = {
  en: {
    why: 'Why it matters',
    fix: 'How to fix',
    bad: 'Problem',
    good: 'Fixed',
    suppress: 'Suppress',
    more: 'Documentation',
    concern: 'Concern',
    severity: 'Default severity',
  },
  ja: {
    why: 'なぜ問題か',
    fix: '修正方法',
    bad: '問題のある例',
    good: '修正例',
    suppress: '抑制',
    more: 'ドキュメント',
    concern: '懸念',
    severity: '既定の重大度',
  },
};

function suppressionHint(meta: RuleMeta, language: Language): string {
  const line = meta.kind === 'dockerfile' ? 'the instruction' : 'the entry';
  return language === 'ja'
    ? `直前の行に \`# docker-harden-ignore ${meta.id} -- 理由\`` +
        `(ファイル全体は \`# docker-harden-ignore-file ${meta.id}\`)。`
    : `Put \`# docker-harden-ignore ${meta.id} -- reason\` on the line before ${line}` +
        ` (whole file: \`# docker-harden-ignore-file ${meta.id}\`).`;
}

/** Short Markdown for a hover over a finding. */
export function hoverMarkdown(ruleId: string, language: Language): string | undefined {
  const meta = ruleMeta(ruleId);
  const doc = ruleDoc(ruleId, language);
  if (!meta || !doc) return undefined;
  const labels = LABELS[language];
  return [
    `**${doc.title}** (\`${meta.id}\`)`,
    '',
    `**${labels.why}:** ${doc.why}`,
    '',
    `**${labels.fix}:** ${doc.fix}`,
    '',
    `**${labels.suppress}:** ${suppressionHint(meta, language)}`,
    '',
    `[${labels.more}](${ruleDocsUrl(meta.id)})`,
  ].join('\n');
}

/** The full page for docs/rules/<id>.md: both languages, examples from the rule's metadata. */
export function rulePageMarkdown(meta: RuleMeta): string {
  const sections: string[] = [];
  for (const language of ['en', 'ja'] as const) {
    const doc = ruleDoc(meta.id, language);
    if (!doc) continue;
    const labels = LABELS[language];
    const fence = meta.kind === 'dockerfile' ? 'dockerfile' : 'yaml';
    sections.push(
      [
        language === 'en' ? `# ${meta.id}: ${doc.title}` : `## 日本語: ${doc.title}`,
        '',
        `- ${labels.concern}: \`${meta.concern}\``,
        `- ${labels.severity}: ${meta.severity}`,
        '',
        `## ${labels.why}`,
        '',
        doc.why,
        '',
        `## ${labels.bad}`,
        '',
        '```' + fence,
        meta.examples.bad.trimEnd(),
        '```',
        '',
        `## ${labels.good}`,
        '',
        '```' + fence,
        meta.examples.good.trimEnd(),
        '```',
        '',
        `## ${labels.fix}`,
        '',
        doc.fix,
        '',
        `## ${labels.suppress}`,
        '',
        suppressionHint(meta, language),
        '',
      ].join('\n'),
    );
  }
  return sections.join('\n');
}

export type { Language, RuleDoc };
