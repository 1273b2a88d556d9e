/**
 * sensitive-port-exposed — the final image EXPOSEs a remote-administration
 * port (22 ssh, 23 telnet, 2375/2376 Docker API, 3389 RDP, 5900 VNC),
 * including inside a port range. Containers are managed with `docker exec`,
 * not an in-container daemon.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { finalLineage, rootBase } from '../../dockerfile/model';
import { exposedPortNumbers } from '../../image-facts';
import { rootImageFacts } from '../image-queries';
import { wholeReferenceRange } from './base-image-range';
import { SENSITIVE_PORTS, sensitivePortsIn } from '../../knowledge/ports';
import { dockerfileRule, fixOf } from '../rule';
import { lineStartAfterMark, nextLineStart, resolvedInStage, stageSubject } from './helpers';

export const sensitivePortExposed = dockerfileRule({
  meta: {
    id: 'sensitive-port-exposed',
    concern: concern('df.expose.sensitive').id,
    severity: 'warning',
    title: 'A remote-administration port is exposed',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM alpine:3.20\nEXPOSE 22 8080\nUSER 65532\n',
      good: 'FROM alpine:3.20\nEXPOSE 8080\nUSER 65532\n',
    },
  },
  messages: {
    /** `ports`: each sensitive port with what it serves, `22 (SSH)`. */
    exposed: (p: { value: string; ports: string[] }) =>
      `EXPOSE ${p.value} advertises ${p.ports.join(', ')}: a remote-administration service in a container ` +
      'is an attack surface. Use docker exec for administration.',
    /** The base image's config exposes them (its registry said so); `ports` as in `exposed`. */
    inherited: (p: { image: string; ports: string[] }) =>
      `${p.image} exposes ${p.ports.join(', ')} in its image config, so the final image does too: ` +
      'a remote-administration service in a container is an attack surface. Use docker exec for administration.',
  },
  fixTitles: {
    stopExposing: (p: { value: string }) => `Stop exposing ${p.value}`,
  },
  ja: {
    messages: {
      exposed: (p) =>
        `EXPOSE ${p.value} は ${p.ports.join(', ')} を公開対象として示しています。コンテナ内のリモート管理サービスは` +
        '攻撃対象になります。管理には docker exec を使ってください。',
      inherited: (p) =>
        `${p.image} はイメージの設定で ${p.ports.join(', ')} を公開しているため、最終イメージも同じです。` +
        'コンテナ内のリモート管理サービスは攻撃対象になります。管理には docker exec を使ってください。',
    },
    fixTitles: {
      stopExposing: (p) => `${p.value} の EXPOSE をやめる`,
    },
  },
  check({ model, report, fixTitle, images }) {
    const final = model.finalStage;
    const registry = final && !final.implicit ? rootImageFacts(images, final) : undefined;
    const inherited = registry ? exposedPortNumbers(registry).filter((port) => SENSITIVE_PORTS.has(port)) : [];
    const root = final && rootBase(final).base;
    if (inherited.length > 0 && root?.image)
      report(
        wholeReferenceRange(model, root),
        'inherited',
        { image: quote(root.image.text), ports: inherited.map((port) => `${port} (${SENSITIVE_PORTS.get(port)})`) },
        { subject: stageSubject(model, final) },
      );
    for (const stage of finalLineage(model)) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'EXPOSE') continue;
        const args = instruction.node.getArguments();
        for (const [index, arg] of args.entries()) {
          const value = resolvedInStage(model, stage, instruction, arg.getValue());
          if (value === null) continue;
          const ports = sensitivePortsIn(value);
          if (ports.length === 0) continue;
          const range = arg.getRange();
          const lines = model.lines;
          const remove =
            args.length === 1
              ? // The instruction's lines with the line break after them, whichever break that line has.
                {
                  range: lines.rangeOf(
                    lineStartAfterMark(model, instruction.range.start.line),
                    nextLineStart(model, instruction.range.end.line),
                  ),
                  newText: '',
                }
              : index === 0
                ? { range: { start: range.start, end: args[1].getRange().start }, newText: '' }
                : { range: { start: args[index - 1].getRange().end, end: range.end }, newText: '' };
          report(
            range,
            'exposed',
            { value: quote(value), ports: ports.map((port) => `${port} (${SENSITIVE_PORTS.get(port)})`) },
            {
              subject: stageSubject(model, instruction.stage),
              fixes: [fixOf(fixTitle('stopExposing', { value: quote(value) }), [remove], true)],
            },
          );
        }
      }
    }
  },
});
