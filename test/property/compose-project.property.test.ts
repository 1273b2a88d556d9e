/**
 * Properties of Compose projects of several files (base, override, extends
 * target, include), for random contents of each: analysis never throws and
 * keeps its ranges inside the analysed document; a finding caused by another
 * file names it and offers no fix; every fix offered (with the edits it
 * makes in other files, such as the Dockerfile a service builds) leaves this
 * document parseable and removes its finding.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { LineIndex } from '../../server/src/core/text';
import { reader } from '../helpers/findings';

const BODIES = [
  '    image: nginx\n',
  '    privileged: true\n',
  '    privileged: false\n',
  '    cap_add: [SYS_ADMIN, NET_ADMIN]\n',
  '    cap_add:\n      - SYS_PTRACE\n',
  '    cap_drop: [ALL]\n',
  '    security_opt:\n      - seccomp:unconfined\n',
  '    security_opt: [no-new-privileges:false]\n',
  '    read_only: false\n',
  '    ports:\n      - "8080:80"\n      - target: 22\n        published: 2222\n',
  '    ports: !override ["127.0.0.1:80:80"]\n',
  '    ports: !reset []\n',
  '    environment:\n      DB_PASSWORD: hunter2\n',
  '    environment: [API_TOKEN=abc123def, "MODE=${MODE}"]\n',
  '    user: root\n',
  '    user: "1000"\n',
  '    mem_limit: 512m\n',
  '    network_mode: host\n',
  '    network_mode: service:svc0\n',
  '    restart: always\n',
  '    build: ./app\n',
  '    extends: svc0\n',
  '    extends: {file: shared.yaml, service: base}\n',
  '    extends: {file: missing.yaml, service: x}\n',
  '    volumes:\n      - /etc:/host-etc\n      - data:/data\n',
  '    healthcheck: {test: [NONE]}\n',
  '    oom_kill_disable: true\n',
  '    sysctls: {kernel.shmmax: 1}\n',
  '    <<: *common\n',
  '',
  '    pids_limit: -1\n',
  '    cpus: 0\n',
  '    deploy:\n      resources:\n        limits:\n          memory: 0\n',
];

const serviceArb = fc.array(fc.constantFrom(...BODIES), { maxLength: 4 }).map((bodies) => bodies.join(''));
const fileArb = (header: string) =>
  fc
    .array(serviceArb, { minLength: 1, maxLength: 4 })
    .map(
      (services) =>
        `${header}services:\n${services.map((body, i) => `  svc${i}:\n${body || '    image: alpine:3.20\n'}`).join('')}`,
    );

const projectArb = fc.record({
  base: fileArb('x-common: &common\n  restart: unless-stopped\n  privileged: true\n'),
  override: fc.option(fileArb(''), { nil: undefined }),
  shared: fc.option(
    fileArb('').map((t) => t.replace('svc0:', 'base:')),
    { nil: undefined },
  ),
  included: fc.option(fileArb(''), { nil: undefined }),
  includes: fc.boolean(),
  analysed: fc.constantFrom('/p/compose.yaml', '/p/compose.override.yaml'),
});

describe('properties of multi-file Compose projects', function () {
  // Hundreds of generated cases: seconds on a quiet machine, far more on a busy one.
  this.timeout(120_000);
  it('keep ranges in the analysed file, name the other file without fixes, and offer only fixes that work here', () => {
    fc.assert(
      fc.property(projectArb, (project) => {
        const files: Record<string, string> = {
          '/p/compose.yaml': (project.includes ? 'include:\n  - inc/compose.yaml\n' : '') + project.base,
          '/p/.env': 'MODE=host\n',
          '/p/app/Dockerfile': 'FROM node:20\nCMD ["node"]\n',
        };
        if (project.override) files['/p/compose.override.yaml'] = project.override;
        if (project.shared) files['/p/shared.yaml'] = project.shared;
        if (project.included) files['/p/inc/compose.yaml'] = project.included;
        const path = files[project.analysed] ? project.analysed : '/p/compose.yaml';
        const text = files[path];
        const run = (source: string, edited: Record<string, string> = {}) =>
          analyze(source, { path, files: reader({ ...files, ...edited, [path]: source }) }).findings;
        const findings = run(text);
        const lines = new LineIndex(text);
        for (const finding of findings) {
          assert.notStrictEqual(finding.ruleId, 'internal-error', finding.message);
          assert.ok(
            finding.range.end.line < lines.lineCount,
            `range inside the document: ${JSON.stringify(finding.range)}`,
          );
          const foreign = /\(from (\S+):\d+;/.exec(finding.message);
          if (foreign) assert.deepStrictEqual(finding.fixes, [], `no fix for a finding caused in ${foreign[1]}`);
          for (const fix of finding.fixes) {
            const fixed = applyEdits(text, fix.edits);
            assert.ok(
              parseDocument(fixed).errors.length <= parseDocument(text).errors.length,
              `"${fix.title}" keeps ${path} parseable:\n${fixed}`,
            );
            // Gone from its place, or fewer remain: a fixed entry can stop shadowing an inherited one with the
            // same unique key (a port, a volume target), which is then rightly reported where it is written.
            const otherFiles = Object.fromEntries(
              (fix.otherFiles ?? []).map((other) => [other.path, applyEdits(files[other.path] ?? '', other.edits)]),
            );
            const after = run(fixed, otherFiles);
            const same = (f: (typeof findings)[number]): boolean =>
              f.ruleId === finding.ruleId && f.message === finding.message;
            const atPlace = after.some(
              (f) =>
                same(f) &&
                f.range.start.line === finding.range.start.line &&
                f.range.start.character === finding.range.start.character,
            );
            assert.ok(
              !atPlace || after.filter(same).length < findings.filter(same).length,
              `"${fix.title}" removes its finding in\n${text}`,
            );
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
