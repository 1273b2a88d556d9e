/**
 * Which setting or instruction a rule reads sits at a position of a
 * document — a Compose service key (or its value) or a Dockerfile
 * instruction — and its hover: what the setting means for isolation and
 * what it is set to here, in English or Japanese. Hovers are given with or
 * without a finding at the position; finding documentation is added by the
 * adapter.
 */
import { buildComposeModel } from '../compose/model';
import { buildDockerfileModel } from '../dockerfile/model';
import { COMPOSE_SETTING_IDS, DOCKERFILE_SETTING_IDS, type SettingDocId } from '../docs/setting-ids';
import { SETTINGS_EN } from '../docs/settings-en';
import { SETTINGS_JA } from '../docs/settings-ja';
import { maskSecrets, quote } from '../knowledge/secrets';
import type { Language } from '../l10n';
import { comparePositions } from '../text';
import type { DocumentKind, Position, Range } from '../types';
import { composeState } from './compose-state';
import { dockerfileState } from './dockerfile-state';

export interface SettingHover {
  doc: SettingDocId;
  /** The key or instruction keyword as written (`cap_add`, `FROM`). */
  key: string;
  range: Range;
  /** The service the setting belongs to (Compose). */
  service?: string;
  /** What it is set to here, one sentence each. */
  state: string[];
}

const SETTINGS = { en: SETTINGS_EN, ja: SETTINGS_JA } as const;

const inside = (range: Range, position: Position): boolean =>
  comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;

export function settingAt(
  text: string,
  kind: DocumentKind,
  position: Position,
  language: Language,
  path?: string,
): SettingHover | null {
  return kind === 'dockerfile'
    ? dockerfileSettingAt(text, position, language)
    : composeSettingAt(text, position, language, path);
}

function composeSettingAt(text: string, position: Position, language: Language, path?: string): SettingHover | null {
  const model = buildComposeModel(text, { path });
  for (const service of model.services) {
    if (service.node === null) continue;
    for (const [key, entry] of service.entries) {
      const doc = (COMPOSE_SETTING_IDS as Record<string, SettingDocId>)[key];
      // Only the document's own text: merged entries from an anchor elsewhere or another file are not here.
      if (!doc || model.placeOf(entry.keyRange)) continue;
      const range = { start: entry.keyRange.start, end: entry.valueRange.end };
      if (!inside(range, position)) continue;
      const state = composeState(model, service, key, doc, language);
      return { doc, key, range: entry.keyRange, service: quote(service.name), state };
    }
  }
  return null;
}

function dockerfileSettingAt(text: string, position: Position, language: Language): SettingHover | null {
  const model = buildDockerfileModel(text);
  const instruction = model.instructions.find((i) => inside(i.range, position));
  if (!instruction) return null;
  const doc = (DOCKERFILE_SETTING_IDS as Record<string, SettingDocId>)[instruction.keyword];
  if (!doc) return null;
  // A RUN is documented for its --mount flags only: what a command does is the rules' business.
  if (doc === 'RUN_MOUNT' && !/(^|\s)--mount=/.test(instruction.flatText.slice(instruction.argumentsOffset)))
    return null;
  return {
    doc,
    key: instruction.keyword,
    range: instruction.range,
    state: dockerfileState(model, instruction, doc, language),
  };
}

const LABELS = {
  en: { setting: 'Setting', here: 'Here', service: 'service' },
  ja: { setting: '設定', here: 'この箇所', service: 'サービス' },
} as const;

/** The hover's Markdown: the setting's meaning and its state here. */
export function settingMarkdown(hover: SettingHover, language: Language): string {
  const doc = SETTINGS[language][hover.doc];
  const labels = LABELS[language];
  const where = hover.service !== undefined ? ` — ${labels.service} \`${hover.service}\`` : '';
  const lines = [`**${labels.setting}: ${doc.title}**${where}`, '', doc.meaning];
  if (hover.state.length) lines.push('', `**${labels.here}:**`, '', ...hover.state.map((line) => `- ${line}`));
  // The safety net behind quote, as for findings: whatever the state repeats from the document stays masked.
  return maskSecrets(lines.join('\n'));
}
