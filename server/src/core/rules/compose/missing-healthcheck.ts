/** compose-missing-healthcheck — no healthcheck in the service or the Dockerfile it builds, or it is disabled. */
import { isSeq } from 'yaml';
import { concern } from '../../concerns';
import { healthWaitedServices } from '../../compose/health-dependencies';
import { isFragment, type ComposeModel, type ComposeService } from '../../compose/model';
import { setKey } from '../../compose/yaml-edits';
import type { ImageReference } from '../../dockerfile/image-reference';
import { lineageHas, rootBase } from '../../dockerfile/model';
import { describeBaseImage } from '../../knowledge/base-images';
import { healthProbeFor } from '../../knowledge/healthchecks';
import { quote } from '../../knowledge/secrets';
import type { Fix } from '../../types';
import type { RuleOptions } from '../options';
import { composeRule, type FixTitle } from '../rule';
import { containerPorts, isTrue, serviceSubject, type AnchorNote } from './helpers';
import { anchorChangeText, editFix, ownerOf, anchorChangeTextJa } from './fixes';
import { serviceImage } from './image-reference';
import { hasHealthcheck } from '../../image-facts';
import { serviceImageFacts } from '../image-queries';
import { probeBasisJa } from '../../knowledge/japanese-phrases';

/** The template's command: it fails, loudly, until the user writes a real probe. */
const TEMPLATE_TEST = ['CMD-SHELL', "echo 'healthcheck: replace this test with a probe of the service' >&2; exit 1"];

/** The image the service runs: its `image:`, or the base image of the Dockerfile it builds. */
function runImage(model: ComposeModel, service: ComposeService): ImageReference | null {
  if (!service.entries.has('build')) return serviceImage(model, service)?.reference ?? null;
  const stage = model.builtDockerfile(service)?.model.finalStage;
  return stage ? (rootBase(stage).base?.image ?? null) : null;
}

/**
 * The healthcheck a fix writes: the probe known for the image (on the
 * service's first container port), else the configured command, else a
 * template that fails until it is filled in — not preferred: it would mark
 * a healthy service unhealthy.
 */
function healthcheckFix(
  model: ComposeModel,
  service: ComposeService,
  options: RuleOptions,
  title: (
    kind: 'probe' | 'command' | 'template',
    basis: string,
    anchor: AnchorNote | null,
    path: string | null,
  ) => FixTitle,
): Fix[] {
  const owner = ownerOf(model, service, 'healthcheck');
  if (!owner) return [];
  const probe = healthProbeFor(runImage(model, service), containerPorts(model, service)[0]);
  const command = options.healthcheckCommand.trim();
  const [kind, test, basis] = probe
    ? (['probe', probe.test, probe.basis] as const)
    : command
      ? (['command', ['CMD-SHELL', command], command] as const)
      : (['template', TEMPLATE_TEST, ''] as const);
  const { interval, timeout, startPeriod, retries } = options.healthcheck;
  const healthcheck = { test: [...test], interval, timeout, retries, start_period: startPeriod };
  return editFix(
    model,
    title(kind, basis, owner.anchor, probe?.path ?? null),
    [setKey(model, owner.map, 'healthcheck', healthcheck)],
    kind !== 'template',
  );
}

export const missingHealthcheckCompose = composeRule({
  meta: {
    id: 'compose-missing-healthcheck',
    concern: concern('cs.healthcheck.missing').id,
    severity: 'info',
    kind: 'compose',
    title: 'The service has no healthcheck',
    examples: {
      bad: 'services:\n  app:\n    image: nginx:1.27\n',
      good:
        'services:\n  app:\n    image: nginx:1.27\n    healthcheck:\n' +
        '      test: ["CMD", "curl", "-fsS", "http://localhost/"]\n      interval: 30s\n',
    },
  },
  messages: {
    disabled: (p: { service: string }) =>
      `Service "${p.service}" disables its healthcheck: Docker cannot tell a hung service from a healthy one.`,
    noneInBuiltDockerfile: (p: { service: string; dockerfile: string }) =>
      `Service "${p.service}" has no healthcheck, and ${p.dockerfile} defines no HEALTHCHECK either.`,
    builtDockerfileUnreadable: (p: { service: string }) =>
      `Service "${p.service}" has no healthcheck, and the Dockerfile it builds could not be read to find one.`,
    missing: (p: { service: string }) =>
      `Service "${p.service}" has no healthcheck: Docker cannot tell a hung service from a healthy one, ` +
      'and depends_on cannot wait for it to be ready.',
  },
  fixTitles: {
    /** `basis`: the probe's tool (`pg_isready`, `curl on port 80`), or the configured command. */
    /** `path`: what an HTTP probe expects to answer 2xx or 3xx. */
    probe: (p: { basis: string; anchor: AnchorNote | null; path: string | null }) =>
      `Add a healthcheck with ${p.basis}${anchorChangeText(p.anchor)}` +
      (p.path !== null ? ` (expects ${p.path} to answer 2xx or 3xx: adjust the path if it does not)` : ''),
    command: (p: { basis: string; anchor: AnchorNote | null }) =>
      `Add a healthcheck running ${p.basis}${anchorChangeText(p.anchor)}`,
    template: (p: { anchor: AnchorNote | null }) =>
      `Add a healthcheck template${anchorChangeText(p.anchor)}: replace its test with a command that checks ` +
      'the service (until then the service reports unhealthy)',
  },
  ja: {
    messages: {
      disabled: (p) =>
        `サービス "${p.service}" はヘルスチェックを無効にしています。Docker は応答しなくなったサービスと正常なサービスを` +
        '区別できません。',
      noneInBuiltDockerfile: (p) =>
        `サービス "${p.service}" にはヘルスチェックがなく、${p.dockerfile} にも HEALTHCHECK がありません。`,
      builtDockerfileUnreadable: (p) =>
        `サービス "${p.service}" にはヘルスチェックがありません。ビルドする Dockerfile を読めなかったため、` +
        'そちらの HEALTHCHECK も確認できません。',
      missing: (p) =>
        `サービス "${p.service}" にはヘルスチェックがありません。Docker は応答しなくなったサービスと正常なサービスを` +
        '区別できず、depends_on も準備完了を待てません。',
    },
    fixTitles: {
      probe: (p) => `${probeBasisJa(p.basis)} によるヘルスチェックを追加${anchorChangeTextJa(p.anchor)}`,
      command: (p) => `${p.basis} を実行するヘルスチェックを追加${anchorChangeTextJa(p.anchor)}`,
      template: (p) =>
        `ヘルスチェックのひな形を追加${anchorChangeTextJa(p.anchor)}: test をサービスを確かめるコマンドに` +
        '書き換えてください(それまではサービスが unhealthy と報告されます)',
    },
  },
  check({ model, report, fixTitle, options, images }) {
    const waitedOn = healthWaitedServices(model);
    for (const service of model.services) {
      const subject = serviceSubject(service);
      const name = quote(service.name);
      const fixes = (): Fix[] =>
        healthcheckFix(model, service, options, (kind, basis, anchor, path) =>
          kind === 'template'
            ? fixTitle('template', { anchor })
            : kind === 'probe'
              ? fixTitle('probe', { basis: quote(basis), anchor, path })
              : fixTitle('command', { basis: quote(basis), anchor }),
        );
      const entry = service.entries.get('healthcheck');
      if (entry) {
        const fields = model.entriesOf(entry.value);
        const disable = fields.get('disable');
        const test = fields.get('test');
        const testItems = test ? model.itemsOf(test.value).map((n) => model.value(n, test.keyRange).text) : [];
        const testValue = test && !isSeq(test.value) ? model.value(test.value, test.keyRange).text : null;
        const disabled =
          (disable && isTrue(model.value(disable.value, disable.keyRange))) ||
          testItems[0]?.toUpperCase() === 'NONE' ||
          testValue?.toUpperCase() === 'NONE';
        if (disabled)
          report(
            disable?.keyRange ?? test?.keyRange ?? entry.keyRange,
            'disabled',
            { service: name },
            { subject, fixes: fixes() },
          );
        continue;
      }
      // Another service waits for it to be healthy: its image has a healthcheck, or Compose could not start them.
      if (isFragment(service) || waitedOn.has(service.name)) continue;
      // The image's own HEALTHCHECK (its registry config, when asked) runs unless the service overrides it.
      const registry = serviceImageFacts(images, model, service);
      if (registry && hasHealthcheck(registry)) continue;
      if (service.entries.has('build')) {
        const built = model.builtDockerfile(service);
        if (built && lineageHas(built.model, 'HEALTHCHECK')) continue;
        const base = built?.model.finalStage ? rootBase(built.model.finalStage).base : null;
        if (base?.facts?.ownHealthcheck) continue;
        if (built)
          report(
            service.keyRange,
            'noneInBuiltDockerfile',
            { service: name, dockerfile: quote(built.shownPath) },
            { subject, relatedFile: built.path, relatedRange: built.model.finalStage?.from.range, fixes: fixes() },
          );
        else report(service.keyRange, 'builtDockerfileUnreadable', { service: name }, { subject, fixes: fixes() });
        continue;
      }
      const image = serviceImage(model, service)?.reference;
      if (image && describeBaseImage(image).ownHealthcheck) continue;
      report(service.keyRange, 'missing', { service: name }, { subject, fixes: fixes() });
    }
  },
});
