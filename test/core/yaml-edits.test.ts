/**
 * Specification of the YAML fixer API (core/compose/yaml-edits.ts): each
 * case is a document, one operation and the exact text it gives. Every
 * result parses without errors, and the same operation on the result gives
 * no edit (applying twice is applying once).
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { parseDocument, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { buildComposeModel, type ComposeModel } from '../../server/src/core/compose/model';
import {
  appendItem,
  removeItem,
  removeKey,
  replaceScalar,
  replaceValue,
  setKey,
  setRootKey,
} from '../../server/src/core/compose/yaml-edits';
import { isPlainSafe, renderFlow, renderScalar } from '../../server/src/core/compose/yaml-render';
import { applyEdits } from '../../server/src/core/edits';
import { withLineFeeds } from '../../server/src/core/text';
import type { TextEdit } from '../../server/src/core/types';
import { cr, crlf, text } from '../helpers/edit-specs';

type Operation = (model: ComposeModel, app: Node | null) => TextEdit[] | null;

/** The service `app` of a document, after the operation; null when the operation declines. */
function edited(document: string, operation: Operation): string | null {
  const model = buildComposeModel(document);
  const edits = operation(model, model.service('app')?.node ?? null);
  if (edits === null) return null;
  const result = applyEdits(document, edits);
  assert.deepStrictEqual(
    parseDocument(withLineFeeds(result)).errors.map((e) => e.message),
    [],
    `the result parses:\n${result}`,
  );
  const again = buildComposeModel(result);
  assert.deepStrictEqual(operation(again, again.service('app')?.node ?? null), [], `twice is once:\n${result}`);
  return result;
}

/** A key's value node in a mapping, as written. */
const at = (map: Node | null, ...keys: string[]): Node | null =>
  keys.reduce<Node | null>((node, key) => ((node as YAMLMap | null)?.get(key, true) as Node | undefined) ?? null, map);

interface Case {
  name: string;
  input: string;
  operation: Operation;
  output: string | null;
}

function specify(cases: Case[]): void {
  for (const { name, input, operation, output } of cases)
    it(name, () => assert.strictEqual(edited(input, operation), output));
}

const LIMITS = ['deploy', 'resources', 'limits', 'memory'];

describe('yaml-edits: setKey', () => {
  specify([
    {
      name: 'adds a key after the last entry: before the blank line and the comment above the next service',
      input: text`
        services:
          # the application
          app:
            image: nginx # pinned below
            environment:
              MODE: prod

          # the database
          db:
            image: postgres
      `,
      operation: (m, app) => setKey(m, app, 'read_only', true),
      output: text`
        services:
          # the application
          app:
            image: nginx # pinned below
            environment:
              MODE: prod
            read_only: true

          # the database
          db:
            image: postgres
      `,
    },
    {
      name: 'creates the missing mappings under an existing deploy, at its indentation',
      input: text`
        services:
          app:
            image: x
            deploy:
              restart_policy:
                condition: on-failure
      `,
      operation: (m, app) => setKey(m, app, LIMITS, '512M'),
      output: text`
        services:
          app:
            image: x
            deploy:
              restart_policy:
                condition: on-failure
              resources:
                limits:
                  memory: 512M
      `,
    },
    {
      name: 'adds only the missing key to an existing deploy.resources.limits',
      input: text`
        services:
          app:
            deploy:
              resources:
                limits:
                  cpus: "0.5"
                reservations:
                  cpus: "0.25"
            image: x
      `,
      operation: (m, app) => setKey(m, app, LIMITS, '512M'),
      output: text`
        services:
          app:
            deploy:
              resources:
                limits:
                  cpus: "0.5"
                  memory: 512M
                reservations:
                  cpus: "0.25"
            image: x
      `,
    },
    {
      name: 'writes into a flow-style service in flow style',
      input: 'services:\n  app: {image: x, privileged: true}\n',
      operation: (m, app) => setKey(m, app, 'read_only', true),
      output: 'services:\n  app: {image: x, privileged: true, read_only: true}\n',
    },
    {
      name: 'writes the missing mappings of a flow-style service as nested flow mappings',
      input: 'services:\n  app: { image: x }\n',
      operation: (m, app) => setKey(m, app, LIMITS, '512M'),
      output: 'services:\n  app: { image: x, deploy: {resources: {limits: {memory: 512M}}} }\n',
    },
    {
      name: 'writes into a flow mapping inside a block service',
      input: text`
        services:
          app:
            image: x
            deploy: {resources: {limits: {cpus: "1"}}}
      `,
      operation: (m, app) => setKey(m, app, LIMITS, '512M'),
      output: text`
        services:
          app:
            image: x
            deploy: {resources: {limits: {cpus: "1", memory: 512M}}}
      `,
    },
    {
      name: 'writes into an empty flow mapping',
      input: 'services:\n  app: {}\n',
      operation: (m, app) => setKey(m, app, 'image', 'nginx:1.27'),
      output: 'services:\n  app: {image: nginx:1.27}\n',
    },
    {
      name: 'replaces an existing value in its quoting style',
      input: text`
        services:
          app:
            user: 'root' # was root
            image: x
      `,
      operation: (m, app) => setKey(m, app, 'user', '65532:65532'),
      output: text`
        services:
          app:
            user: '65532:65532' # was root
            image: x
      `,
    },
    {
      name: 'gives an empty key its nested value, keeping its anchor',
      input: text`
        services:
          app:
            image: x
            deploy: &deploy
      `,
      operation: (m, app) => setKey(m, app, LIMITS, '512M'),
      output: text`
        services:
          app:
            image: x
            deploy: &deploy
              resources:
                limits:
                  memory: 512M
      `,
    },
    {
      name: 'replaces a null value, keeping the comment on its line',
      input: text`
        services:
          app:
            deploy: ~ # later
            image: x
      `,
      operation: (m, app) => setKey(m, app, LIMITS, '512M'),
      output: text`
        services:
          app:
            deploy: # later
              resources:
                limits:
                  memory: 512M
            image: x
      `,
    },
    {
      name: 'edits an anchored service in place (its aliases see the change) and keeps the anchor',
      input: text`
        services:
          app: &base
            image: x
          other: *base
      `,
      operation: (m, app) => setKey(m, app, 'read_only', true),
      output: text`
        services:
          app: &base
            image: x
            read_only: true
          other: *base
      `,
    },
    {
      name: 'declines to edit a mapping reached through an alias',
      input: text`
        x-deploy: &deploy
          resources: {}
        services:
          app:
            image: x
            deploy: *deploy
      `,
      operation: (m, app) => setKey(m, app, LIMITS, '512M'),
      output: null,
    },
    {
      name: 'declines to hide a merged-in mapping behind an own one',
      input: text`
        x-common: &common
          deploy:
            replicas: 2
        services:
          app:
            <<: *common
            image: x
      `,
      operation: (m, app) => setKey(m, app, LIMITS, '512M'),
      output: null,
    },
    {
      name: 'overrides a merged-in scalar with an own key (for this service only)',
      input: text`
        x-common: &common
          read_only: false
        services:
          app:
            <<: *common
            image: x
      `,
      operation: (m, app) => setKey(m, app, 'read_only', true),
      output: text`
        x-common: &common
          read_only: false
        services:
          app:
            <<: *common
            image: x
            read_only: true
      `,
    },
    {
      name: "keeps a four-space document's indentation",
      input: text`
        services:
            app:
                image: x
      `,
      operation: (m, app) => setKey(m, app, LIMITS, '512M'),
      output: text`
        services:
            app:
                image: x
                deploy:
                    resources:
                        limits:
                            memory: 512M
      `,
    },
    {
      name: 'adds after a last line that has no line break',
      input: 'services:\n  app:\n    image: x',
      operation: (m, app) => setKey(m, app, 'read_only', true),
      output: 'services:\n  app:\n    image: x\n    read_only: true',
    },
    {
      name: 'adds after a block scalar',
      input: text`
        services:
          app:
            command: |
              run
              this

          db:
            image: y
      `,
      operation: (m, app) => setKey(m, app, 'read_only', true),
      output: text`
        services:
          app:
            command: |
              run
              this
            read_only: true

          db:
            image: y
      `,
    },
    {
      name: 'writes CRLF lines into a CRLF document',
      input: crlf('services:\n  app:\n    image: x\n'),
      operation: (m, app) => setKey(m, app, LIMITS, '512M'),
      output: crlf(
        'services:\n  app:\n    image: x\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n',
      ),
    },
    {
      name: 'writes CR lines into a lone-CR document',
      input: cr('services:\n  app:\n    image: x\n  db:\n    image: y\n'),
      operation: (m, app) => setKey(m, app, 'read_only', true),
      output: cr('services:\n  app:\n    image: x\n    read_only: true\n  db:\n    image: y\n'),
    },
  ]);

  it('declines content another file contributes', () => {
    const files = {
      read: (path: string) => (path === '/p/base.yaml' ? 'services:\n  app:\n    image: x\n' : undefined),
    };
    const model = buildComposeModel('services:\n  app:\n    extends: {file: base.yaml, service: app}\n', {
      path: '/p/compose.yaml',
      files,
    });
    const image = model.service('app')!.entries.get('image')!;
    assert.strictEqual(replaceScalar(model, image.value, 'y'), null);
  });
});

describe('yaml-edits: replaceValue and replaceScalar', () => {
  specify([
    {
      name: 'replaces a plain scalar with a plain one',
      input: text`
        services:
          app:
            restart: always # policy
      `,
      operation: (m, app) => replaceScalar(m, at(app, 'restart'), 'on-failure:5'),
      output: text`
        services:
          app:
            restart: on-failure:5 # policy
      `,
    },
    {
      name: 'keeps double quotes',
      input: text`
        services:
          app:
            ports:
              - "8080:80"
      `,
      operation: (m, app) => replaceScalar(m, (at(app, 'ports') as YAMLSeq<Node>).items[0], '127.0.0.1:8080:80'),
      output: text`
        services:
          app:
            ports:
              - "127.0.0.1:8080:80"
      `,
    },
    {
      name: 'quotes a plain value that would read as something else',
      input: text`
        services:
          app:
            image: x
            user: root
      `,
      operation: (m, app) => replaceScalar(m, at(app, 'user'), '1000'),
      output: text`
        services:
          app:
            image: x
            user: "1000"
      `,
    },
    {
      name: 'writes a boolean as a boolean',
      input: text`
        services:
          app:
            privileged: "true"
      `,
      operation: (m, app) => replaceScalar(m, at(app, 'privileged'), false),
      output: text`
        services:
          app:
            privileged: false
      `,
    },
    {
      name: 'replaces a flow sequence value by a scalar',
      input: text`
        services:
          app:
            command: [sleep, infinity]
      `,
      operation: (m, app) => replaceValue(m, app, 'command', 'sleep 60'),
      output: text`
        services:
          app:
            command: sleep 60
      `,
    },
    {
      name: 'replaces a block sequence by another, at its indentation',
      input: text`
        services:
          app:
            ports:
            - 80:80
            - 443:443 # tls
            image: x
      `,
      operation: (m, app) => replaceValue(m, app, 'ports', ['127.0.0.1:80:80']),
      output: text`
        services:
          app:
            ports:
            - 127.0.0.1:80:80 # tls
            image: x
      `,
    },
    {
      name: 'replaces a block mapping by another, keeping its anchor',
      input: text`
        services:
          app:
            healthcheck: &hc
              test: curl x
            image: x
      `,
      operation: (m, app) => replaceValue(m, app, 'healthcheck', { disable: true }),
      output: text`
        services:
          app:
            healthcheck: &hc
              disable: true
            image: x
      `,
    },
    {
      name: 'declines a key that is not there',
      input: text`
        services:
          app:
            image: x
      `,
      operation: (m, app) => replaceValue(m, app, 'user', 'x'),
      output: null,
    },
  ]);
});

describe('yaml-edits: removeKey', () => {
  specify([
    {
      name: 'removes the whole lines of a key with its nested block; comments on other lines stay',
      input: text`
        services:
          app:
            image: x
            # privileges
            cap_add: # for the VPN
              - NET_ADMIN
              # - SYS_ADMIN
              - NET_RAW # raw sockets
            # keep this
            read_only: true
      `,
      operation: (m, app) => removeKey(m, app, 'cap_add'),
      output: text`
        services:
          app:
            image: x
            # privileges
            # keep this
            read_only: true
      `,
    },
    {
      name: 'removes a flow pair with the comma before it',
      input: 'services:\n  app: {image: x, privileged: true, user: root}\n',
      operation: (m, app) => removeKey(m, app, 'privileged'),
      output: 'services:\n  app: {image: x, user: root}\n',
    },
    {
      name: 'removes the first flow pair with the comma after it',
      input: 'services:\n  app: {privileged: true, image: x}\n',
      operation: (m, app) => removeKey(m, app, 'privileged'),
      output: 'services:\n  app: {image: x}\n',
    },
    {
      name: 'removes the mappings a removal leaves empty',
      input: text`
        services:
          app:
            image: x
            deploy:
              resources:
                limits:
                  memory: "-1"
              replicas: 2
      `,
      operation: (m, app) => removeKey(m, app, LIMITS),
      output: text`
        services:
          app:
            image: x
            deploy:
              replicas: 2
      `,
    },
    {
      name: 'removes the last line of a document without a line break',
      input: 'services:\n  app:\n    image: x\n    privileged: true',
      operation: (m, app) => removeKey(m, app, 'privileged'),
      output: 'services:\n  app:\n    image: x',
    },
    {
      name: "moves a sequence item mapping's next key up to the dash",
      input: text`
        services:
          app:
            ports:
              - host_ip: 0.0.0.0
                target: 80
      `,
      operation: (m, app) => removeKey(m, (at(app, 'ports') as YAMLSeq<Node>).items[0], 'host_ip'),
      output: text`
        services:
          app:
            ports:
              - target: 80
      `,
    },
    {
      name: 'gives no edit for a key that is not there',
      input: text`
        services:
          app:
            image: x
      `,
      operation: (m, app) => removeKey(m, app, 'privileged'),
      output: text`
        services:
          app:
            image: x
      `,
    },
    {
      name: 'declines to empty the mapping it starts from in block style',
      input: text`
        services:
          app:
            privileged: true
      `,
      operation: (m, app) => removeKey(m, app, 'privileged'),
      output: null,
    },
    {
      name: 'declines a key merged in from an anchor',
      input: text`
        x-c: &c
          privileged: true
        services:
          app:
            <<: *c
            image: x
      `,
      operation: (m, app) => removeKey(m, app, 'privileged'),
      output: null,
    },
    {
      name: 'declines to remove an own key through which a merged-in value would show',
      input: text`
        x-c: &c
          privileged: true
        services:
          app:
            <<: *c
            privileged: true
            image: x
      `,
      operation: (m, app) => removeKey(m, app, 'privileged'),
      output: null,
    },
    {
      name: 'removes CRLF lines',
      input: crlf('services:\n  app:\n    privileged: true\n    image: x\n'),
      operation: (m, app) => removeKey(m, app, 'privileged'),
      output: crlf('services:\n  app:\n    image: x\n'),
    },
  ]);
});

describe('yaml-edits: appendItem', () => {
  specify([
    {
      name: 'creates a block list at the service indentation',
      input: text`
        services:
          app:
            image: x

          db:
            image: y
      `,
      operation: (m, app) => appendItem(m, app, 'cap_drop', 'ALL'),
      output: text`
        services:
          app:
            image: x
            cap_drop:
              - ALL

          db:
            image: y
      `,
    },
    {
      name: 'creates a flow list in a flow service',
      input: 'services:\n  app: {image: x}\n',
      operation: (m, app) => appendItem(m, app, 'cap_drop', 'ALL'),
      output: 'services:\n  app: {image: x, cap_drop: [ALL]}\n',
    },
    {
      name: 'appends to a flow sequence',
      input: text`
        services:
          app:
            security_opt: [apparmor:docker-default]
      `,
      operation: (m, app) => appendItem(m, app, 'security_opt', 'no-new-privileges:true'),
      output: text`
        services:
          app:
            security_opt: [apparmor:docker-default, no-new-privileges:true]
      `,
    },
    {
      name: 'appends to an empty flow sequence',
      input: text`
        services:
          app:
            cap_drop: []
      `,
      operation: (m, app) => appendItem(m, app, 'cap_drop', 'ALL'),
      output: text`
        services:
          app:
            cap_drop: [ALL]
      `,
    },
    {
      name: "appends to a block sequence at its dashes' column (here not indented), after an inline comment",
      input: text`
        services:
          app:
            cap_drop:
            - NET_RAW # raw sockets
            # more later
            image: x
      `,
      operation: (m, app) => appendItem(m, app, 'cap_drop', 'ALL'),
      output:
        'services:\n  app:\n    cap_drop:\n    - NET_RAW # raw sockets\n    - ALL\n    # more later\n    image: x\n',
    },
    {
      name: 'fills an empty key',
      input: text`
        services:
          app:
            cap_drop:
            image: x
      `,
      operation: (m, app) => appendItem(m, app, 'cap_drop', 'ALL'),
      output: text`
        services:
          app:
            cap_drop:
              - ALL
            image: x
      `,
    },
    {
      name: 'appends a mapping item',
      input: text`
        services:
          app:
            tmpfs:
              - /run
      `,
      operation: (m, app) => appendItem(m, app, 'volumes', { type: 'tmpfs', target: '/tmp' }),
      output: text`
        services:
          app:
            tmpfs:
              - /run
            volumes:
              - type: tmpfs
                target: /tmp
      `,
    },
    {
      name: 'quotes an item that needs it',
      input: text`
        networks:
          mesh:
            driver: overlay
        services:
          app:
            image: x
      `,
      operation: (m, app) => appendItem(m, app, 'ports', '8080:80'),
      output:
        'networks:\n  mesh:\n    driver: overlay\nservices:\n  app:\n    image: x\n    ports:\n      - "8080:80"\n',
    },
    {
      name: 'gives no edit when the item is there',
      input: text`
        services:
          app:
            cap_drop: [NET_RAW, ALL]
      `,
      operation: (m, app) => appendItem(m, app, 'cap_drop', 'ALL'),
      output: text`
        services:
          app:
            cap_drop: [NET_RAW, ALL]
      `,
    },
    {
      name: 'declines a list reached through an alias',
      input: text`
        x-caps: &caps [NET_RAW]
        services:
          app:
            cap_drop: *caps
      `,
      operation: (m, app) => appendItem(m, app, 'cap_drop', 'ALL'),
      output: null,
    },
    {
      name: 'declines a list merged in from an anchor (an own list would hide its items)',
      input: text`
        x-c: &c
          security_opt: [label:type:x]
        services:
          app:
            <<: *c
            image: x
      `,
      operation: (m, app) => appendItem(m, app, 'security_opt', 'no-new-privileges:true'),
      output: null,
    },
    {
      name: 'appends CR lines in a lone-CR document',
      input: cr('services:\n  app:\n    cap_drop:\n      - NET_RAW\n'),
      operation: (m, app) => appendItem(m, app, 'cap_drop', 'ALL'),
      output: cr('services:\n  app:\n    cap_drop:\n      - NET_RAW\n      - ALL\n'),
    },
  ]);
});

describe('yaml-edits: removeItem', () => {
  specify([
    {
      name: "removes a block item's line; the comments around it stay",
      input: text`
        services:
          app:
            cap_add:
              # needed for the VPN
              - NET_ADMIN
              - SYS_ADMIN # why?
              - CHOWN
      `,
      operation: (m, app) => removeItem(m, app, 'cap_add', 'SYS_ADMIN'),
      output: text`
        services:
          app:
            cap_add:
              # needed for the VPN
              - NET_ADMIN
              - CHOWN
      `,
    },
    {
      name: 'removes the key with its last item: an empty cap_add is null, which Compose rejects',
      input: text`
        services:
          app:
            image: x
            cap_add:
              - SYS_ADMIN
            read_only: true
      `,
      operation: (m, app) => removeItem(m, app, 'cap_add', 'SYS_ADMIN'),
      output: text`
        services:
          app:
            image: x
            read_only: true
      `,
    },
    {
      name: 'removes a flow item with one comma',
      input: text`
        services:
          app:
            security_opt: [ "seccomp:unconfined", label:disable, no-new-privileges:true ]
      `,
      operation: (m, app) => removeItem(m, app, 'security_opt', 'seccomp:unconfined'),
      output: text`
        services:
          app:
            security_opt: [ label:disable, no-new-privileges:true ]
      `,
    },
    {
      name: 'removes the last flow item with its key',
      input: 'services:\n  app: {image: x, cap_add: [ALL]}\n',
      operation: (m, app) => removeItem(m, app, 'cap_add', 'ALL'),
      output: 'services:\n  app: {image: x}\n',
    },
    {
      name: 'removes every item with the value',
      input: text`
        services:
          app:
            cap_add: [A, B, A, C, A]
      `,
      operation: (m, app) => removeItem(m, app, 'cap_add', 'A'),
      output: text`
        services:
          app:
            cap_add: [B, C]
      `,
    },
    {
      name: 'removes an item given as its node',
      input: text`
        services:
          app:
            devices:
              - /dev/kvm
              - /dev/mem:/dev/mem
      `,
      operation: (m, app) => {
        const node = (at(app, 'devices') as YAMLSeq<Node> | null)?.items.find(
          (n) => String(n.toJSON()) === '/dev/mem:/dev/mem',
        );
        return node ? removeItem(m, app, 'devices', node) : [];
      },
      output: text`
        services:
          app:
            devices:
              - /dev/kvm
      `,
    },
    {
      name: 'removes CRLF lines, and the last item with its key',
      input: crlf('services:\n  app:\n    cap_add:\n      - SYS_ADMIN\n    image: x\n'),
      operation: (m, app) => removeItem(m, app, 'cap_add', 'SYS_ADMIN'),
      output: crlf('services:\n  app:\n    image: x\n'),
    },
    {
      name: 'gives no edit when the item is not there',
      input: text`
        services:
          app:
            cap_add: [CHOWN]
      `,
      operation: (m, app) => removeItem(m, app, 'cap_add', 'SYS_ADMIN'),
      output: text`
        services:
          app:
            cap_add: [CHOWN]
      `,
    },
  ]);
});

describe('yaml-edits: setRootKey', () => {
  const secret = ['secrets', 'db_password', 'environment'];
  specify([
    {
      name: 'adds a top-level key after the last line',
      input: text`
        services:
          app:
            image: x

      `,
      operation: (m) => setRootKey(m, secret, 'DB_PASSWORD'),
      output: text`
        services:
          app:
            image: x
        secrets:
          db_password:
            environment: DB_PASSWORD

      `,
    },
    {
      name: 'adds into an existing top-level key',
      input: text`
        secrets:
          tls:
            file: ./tls.pem
        services:
          app:
            image: x
      `,
      operation: (m) => setRootKey(m, secret, 'DB_PASSWORD'),
      output: text`
        secrets:
          tls:
            file: ./tls.pem
          db_password:
            environment: DB_PASSWORD
        services:
          app:
            image: x
      `,
    },
    {
      name: 'writes "true" as a string where Compose wants one',
      input: text`
        services:
          app:
            image: x
        networks:
          mesh:
            driver: overlay
      `,
      operation: (m) => setRootKey(m, ['networks', 'mesh', 'driver_opts', 'encrypted'], 'true'),
      output: text`
        services:
          app:
            image: x
        networks:
          mesh:
            driver: overlay
            driver_opts:
              encrypted: "true"
      `,
    },
  ]);
});

describe('yaml-render: scalars read back as written', () => {
  const readBack = (yaml: string): unknown => parseDocument(yaml).toJS() as unknown;

  it('quotes what YAML 1.2 or 1.1 readers would take for something else', () => {
    for (const value of ['true', 'no', 'On', 'null', '~', '1000', '0755', '1e3', '80:80', '2024-01-01', '.inf', ''])
      assert.ok(!isPlainSafe(value, false), value);
    for (const value of [
      '*x',
      '&x',
      '!x',
      '- x',
      '? x',
      ': x',
      'a: b',
      'a #b',
      '#x',
      '@x',
      '`x',
      '|',
      '>',
      '"x',
      "'x",
      ' x',
    ])
      assert.ok(!isPlainSafe(value, false), value);
    for (const value of ['nginx:1.27', 'no-new-privileges:true', '127.0.0.1:8080:80', '512M', '/tmp', '-rf', 'a#b'])
      assert.ok(isPlainSafe(value, false), value);
    assert.ok(!isPlainSafe('a,b', true));
    assert.ok(isPlainSafe('a,b', false));
  });

  it('any string, in block and in flow context', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.fullUnicodeString(), fc.constantFrom('true', '0x1F', '1:30', 'a: b', '- x')),
        (value) => {
          assert.deepStrictEqual(readBack(`k: ${renderScalar(value, false)}\n`), { k: value });
          assert.deepStrictEqual(readBack(`k: [${renderScalar(value, true)}]\n`), { k: [value] });
          assert.deepStrictEqual(readBack(`k: ${renderFlow({ [value]: [value] })}\n`), { k: { [value]: [value] } });
        },
      ),
      { numRuns: 300 },
    );
  });
});
