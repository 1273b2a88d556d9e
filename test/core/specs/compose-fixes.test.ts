/**
 * The fixes of every Compose rule (issue 9, "a fix for every concern with a
 * safe edit"), specified with the shared rule tester: for each finding the
 * exact text of every fix, its title, which fix is preferred, and what it
 * writes into other files — in block and flow style, into existing keys and
 * lists, with comments and line endings kept, and removing a list's last
 * item removing its key.
 */
import { dedent } from '../../helpers/dedent';
import { testRule } from '../../helpers/rule-tester';

testRule('compose-privileged', {
  valid: [],
  invalid: [
    {
      name: 'block style, the comment on its line kept',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            privileged: true # needs /dev access
      `,
      findings: [
        {
          range: '4:17-4:21',
          messageId: 'privileged',
          titles: ['Set privileged: false (then add back only the capabilities it needs)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  privileged: false # needs /dev access
            `,
          ],
        },
      ],
    },
    {
      name: 'flow style',
      code: dedent`
        services:
          app: {image: alpine:3.20, privileged: yes}
      `,
      findings: [
        {
          range: '2:41-2:44',
          messageId: 'privileged',
          titles: ['Set privileged: false (then add back only the capabilities it needs)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app: {image: alpine:3.20, privileged: false}
            `,
          ],
        },
      ],
    },
    {
      name: 'set by an anchor: the title names the services that change',
      code: dedent`
        x-base: &base
          privileged: true
        services:
          web:
            <<: *base
            image: nginx:1.27
          api:
            <<: *base
            image: node:20
      `,
      findings: [
        {
          range: '2:15-2:19',
          messageId: 'privileged',
          titles: [
            'Set privileged: false (in anchor &base: changes "web", "api") (then add back only the capabilities it needs)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              x-base: &base
                privileged: false
              services:
                web:
                  <<: *base
                  image: nginx:1.27
                api:
                  <<: *base
                  image: node:20
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-dangerous-capability', {
  valid: [
    // What the image's entrypoint needs to start as root, added back beside cap_drop: [ALL].
    dedent`
      services:
        db:
          image: postgres:16
          cap_drop: [ALL]
          cap_add: [CHOWN, DAC_OVERRIDE, FOWNER, SETGID, SETUID]
    `,
  ],
  invalid: [
    {
      name: 'the same capability for an image that runs as its own user from the start',
      code: dedent`
        services:
          db:
            image: postgres:16
            user: postgres
            cap_drop: [ALL]
            cap_add: [DAC_OVERRIDE]
      `,
      findings: [
        {
          range: '6:15-6:27',
          messageId: 'dangerous',
          titles: ['Remove DAC_OVERRIDE from cap_add (the service loses bypassing file permissions)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                db:
                  image: postgres:16
                  user: postgres
                  cap_drop: [ALL]
            `,
          ],
        },
      ],
    },
    {
      name: 'a flow list keeps its other items',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            cap_add: [NET_BIND_SERVICE, SYS_PTRACE]
      `,
      findings: [
        {
          range: '4:33-4:43',
          messageId: 'dangerous',
          titles: ['Remove SYS_PTRACE from cap_add (the service loses reading and controlling other processes)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  cap_add: [NET_BIND_SERVICE]
            `,
          ],
        },
      ],
    },
    {
      name: 'the last block item takes cap_add with it; comments on other lines stay',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            # for the debugger
            cap_add:
              - SYS_PTRACE
            user: "1000"
      `,
      findings: [
        {
          range: '6:9-6:19',
          messageId: 'dangerous',
          titles: ['Remove SYS_PTRACE from cap_add (the service loses reading and controlling other processes)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  # for the debugger
                  user: "1000"
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-capabilities-not-dropped', {
  valid: [],
  invalid: [
    {
      name: 'no cap_drop: a new list after the last key',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            command: ["sleep", "infinity"]
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'defaultCapabilities',
          titles: ['Add cap_drop: [ALL] (then cap_add anything else the service needs)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  command: ["sleep", "infinity"]
                  cap_drop:
                    - ALL
            `,
          ],
        },
      ],
    },
    {
      name: 'an image whose entrypoint starts as root keeps what it needs to chown its data and step down',
      code: dedent`
        services:
          db:
            image: postgres:16
      `,
      findings: [
        {
          range: '2:3-2:5',
          messageId: 'defaultCapabilities',
          titles: [
            'Add cap_drop: [ALL], keeping CHOWN, DAC_OVERRIDE, FOWNER, SETGID, SETUID in cap_add ' +
              '(then cap_add anything else the service needs)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                db:
                  image: postgres:16
                  cap_drop:
                    - ALL
                  cap_add:
                    - CHOWN
                    - DAC_OVERRIDE
                    - FOWNER
                    - SETGID
                    - SETUID
            `,
          ],
        },
      ],
    },
    {
      name: 'the same image run as its own user from the start needs none of them',
      code: dedent`
        services:
          db:
            image: postgres:16
            user: postgres
      `,
      findings: [
        {
          range: '2:3-2:5',
          messageId: 'defaultCapabilities',
          titles: ['Add cap_drop: [ALL] (then cap_add anything else the service needs)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                db:
                  image: postgres:16
                  user: postgres
                  cap_drop:
                    - ALL
            `,
          ],
        },
      ],
    },
    {
      name: 'nginx keeps what its master process needs, once each, beside what the service already adds',
      code: dedent`
        services:
          web:
            image: nginx:1.27
            ports: ["80:80"]
            cap_add: [CHOWN]
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'defaultCapabilities',
          titles: [
            'Add cap_drop: [ALL], keeping SETGID, SETUID, NET_BIND_SERVICE in cap_add ' +
              '(then cap_add anything else the service needs)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                web:
                  image: nginx:1.27
                  ports: ["80:80"]
                  cap_add: [CHOWN, SETGID, SETUID, NET_BIND_SERVICE]
                  cap_drop:
                    - ALL
            `,
          ],
        },
      ],
    },
    {
      name: 'a flow-style service',
      code: dedent`
        services:
          app: {image: alpine:3.20}
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'defaultCapabilities',
          titles: ['Add cap_drop: [ALL] (then cap_add anything else the service needs)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app: {image: alpine:3.20, cap_drop: [ALL]}
            `,
          ],
        },
      ],
    },
    {
      name: 'cap_drop without ALL: ALL is appended, block style',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            cap_drop:
              - NET_RAW # raw sockets
      `,
      findings: [
        {
          range: '4:5-4:13',
          messageId: 'defaultCapabilities',
          titles: ['Add cap_drop: [ALL] (then cap_add anything else the service needs)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  cap_drop:
                    - NET_RAW # raw sockets
                    - ALL
            `,
          ],
        },
      ],
    },
    {
      name: 'cap_drop without ALL: ALL is appended, flow style',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            cap_drop: [NET_RAW, MKNOD]
      `,
      findings: [
        {
          range: '4:5-4:13',
          messageId: 'defaultCapabilities',
          titles: ['Add cap_drop: [ALL] (then cap_add anything else the service needs)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  cap_drop: [NET_RAW, MKNOD, ALL]
            `,
          ],
        },
      ],
    },
    {
      name: 'a service publishing port 80 keeps NET_BIND_SERVICE, added to its cap_add',
      code: dedent`
        services:
          web:
            image: example/web:1.4
            ports:
              - "8080:80"
            cap_add: [CHOWN]
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'defaultCapabilities',
          titles: [
            'Add cap_drop: [ALL], keeping NET_BIND_SERVICE in cap_add (then cap_add anything else the service needs)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                web:
                  image: example/web:1.4
                  ports:
                    - "8080:80"
                  cap_add: [CHOWN, NET_BIND_SERVICE]
                  cap_drop:
                    - ALL
            `,
          ],
        },
      ],
    },
    {
      name: 'the configured capabilities are kept too (without those it already adds)',
      options: { keepCapabilities: ['CHOWN', 'cap_setuid'] },
      code: dedent`
        services:
          app:
            image: alpine:3.20
            cap_add:
              - CAP_CHOWN
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'defaultCapabilities',
          titles: ['Add cap_drop: [ALL], keeping SETUID in cap_add (then cap_add anything else the service needs)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  cap_add:
                    - CAP_CHOWN
                    - SETUID
                  cap_drop:
                    - ALL
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-seccomp-unconfined', {
  valid: [],
  invalid: [
    {
      name: 'one of several options',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            security_opt:
              - seccomp:unconfined
              - no-new-privileges:true
      `,
      findings: [
        {
          range: '5:9-5:27',
          messageId: 'unconfined',
          titles: ["Remove seccomp:unconfined (Docker's default seccomp profile applies again)"],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  security_opt:
                    - no-new-privileges:true
            `,
          ],
        },
      ],
    },
    {
      name: 'the only option: security_opt goes with it (an empty list is null, which Compose rejects)',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            security_opt: ["seccomp=unconfined"]
            read_only: true
      `,
      findings: [
        {
          range: '4:20-4:40',
          messageId: 'unconfined',
          titles: ["Remove seccomp=unconfined (Docker's default seccomp profile applies again)"],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  read_only: true
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-mac-unconfined', {
  valid: [],
  invalid: [
    {
      name: 'AppArmor and SELinux, block style',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            security_opt:
              - apparmor:unconfined
              - label:disable
              - no-new-privileges:true
      `,
      findings: [
        {
          range: '5:9-5:28',
          messageId: 'unconfined',
          titles: ["Remove apparmor:unconfined (Docker's default AppArmor profile applies again)"],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  security_opt:
                    - label:disable
                    - no-new-privileges:true
            `,
          ],
        },
        {
          range: '6:9-6:22',
          messageId: 'unconfined',
          titles: ["Remove label:disable (Docker's default SELinux labels apply again)"],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  security_opt:
                    - apparmor:unconfined
                    - no-new-privileges:true
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-no-new-privileges', {
  valid: [],
  invalid: [
    {
      name: 'no security_opt',
      code: dedent`
        services:
          app:
            image: alpine:3.20
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'missing',
          titles: ['Add security_opt: [no-new-privileges:true]'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  security_opt:
                    - no-new-privileges:true
            `,
          ],
        },
      ],
    },
    {
      name: 'added to an existing block list',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            security_opt:
              - apparmor:docker-default # the default profile
            read_only: true
      `,
      findings: [
        {
          range: '4:5-4:17',
          messageId: 'missing',
          titles: ['Add no-new-privileges:true to security_opt'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  security_opt:
                    - apparmor:docker-default # the default profile
                    - no-new-privileges:true
                  read_only: true
            `,
          ],
        },
      ],
    },
    {
      name: 'added to an existing flow list',
      code: dedent`
        services:
          app: {image: alpine:3.20, security_opt: [label:type:svirt_apache_t]}
      `,
      findings: [
        {
          range: '2:29-2:41',
          messageId: 'missing',
          titles: ['Add no-new-privileges:true to security_opt'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app: {image: alpine:3.20, security_opt: [label:type:svirt_apache_t, no-new-privileges:true]}
            `,
          ],
        },
      ],
    },
    {
      name: 'false becomes true, with the separator as written',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            security_opt:
              - "no-new-privileges=false"
      `,
      findings: [
        {
          range: '5:9-5:34',
          messageId: 'notTrue',
          titles: ['Set no-new-privileges:true'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  security_opt:
                    - "no-new-privileges=true"
            `,
          ],
        },
      ],
    },
    {
      name: 'CRLF line endings stay CRLF',
      code: 'services:\r\n  app:\r\n    image: alpine:3.20\r\n',
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'missing',
          titles: ['Add security_opt: [no-new-privileges:true]'],
          preferred: 0,
          fixed: [
            'services:\r\n  app:\r\n    image: alpine:3.20\r\n    security_opt:\r\n      - no-new-privileges:true\r\n',
          ],
        },
      ],
    },
  ],
});

testRule('compose-writable-root-filesystem', {
  valid: [],
  invalid: [
    {
      name: 'a tmpfs for /tmp with read_only: true',
      code: dedent`
        services:
          app:
            image: alpine:3.20
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'writable',
          titles: ['Set read_only: true, with a tmpfs at /tmp (mount a volume wherever else the service writes)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  read_only: true
                  tmpfs:
                    - /tmp
            `,
          ],
        },
      ],
    },
    {
      name: "and for the image's known writable paths (nginx: its cache and pid directories)",
      code: dedent`
        services:
          web: {image: "nginx:1.27-alpine", ports: ["8080:80"]}
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'writable',
          titles: [
            'Set read_only: true, with a tmpfs at /tmp, /var/cache/nginx, /var/run (mount a volume wherever else the service writes)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                web: {image: "nginx:1.27-alpine", ports: ["8080:80"], read_only: true, tmpfs: [/tmp, /var/cache/nginx, /var/run]}
            `,
          ],
        },
      ],
    },
    {
      name: 'read_only: false, an existing tmpfs list, and a volume that already covers a path',
      options: { writablePaths: ['/tmp', '/var/lib/app', '/run'] },
      code: dedent`
        services:
          app:
            image: alpine:3.20
            read_only: false # for now
            volumes:
              - data:/var/lib/app
            tmpfs:
              - /tmp:size=64m
        volumes:
          data: {}
      `,
      findings: [
        {
          range: '4:16-4:21',
          messageId: 'writable',
          titles: ['Set read_only: true, with a tmpfs at /run (mount a volume wherever else the service writes)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  read_only: true # for now
                  volumes:
                    - data:/var/lib/app
                  tmpfs:
                    - /tmp:size=64m
                    - /run
              volumes:
                data: {}
            `,
          ],
        },
      ],
    },
    {
      name: 'a one-path tmpfs becomes a list',
      code: dedent`
        services:
          app:
            image: postgres:16
            tmpfs: /run
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'writable',
          titles: [
            'Set read_only: true, with a tmpfs at /tmp, /var/run/postgresql (mount a volume wherever else the service writes)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: postgres:16
                  tmpfs:
                    - /run
                    - /tmp
                    - /var/run/postgresql
                  read_only: true
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-no-memory-limit', {
  valid: [],
  invalid: [
    {
      name: 'inside an existing deploy.resources.limits',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            deploy:
              resources:
                limits:
                  cpus: "0.5" # half a core
                reservations:
                  memory: 64M
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'missing',
          titles: ['Add deploy.resources.limits.memory: 512M (adjust to the service)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  deploy:
                    resources:
                      limits:
                        cpus: "0.5" # half a core
                        memory: 512M
                      reservations:
                        memory: 64M
            `,
          ],
        },
      ],
    },
    {
      name: 'the legacy form when the service already uses it',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            cpus: 0.5
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'missing',
          titles: ['Add mem_limit: 512m (adjust to the service)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  cpus: 0.5
                  mem_limit: 512m
            `,
          ],
        },
      ],
    },
    {
      name: 'the legacy form in a version 2 file, which has no deploy',
      code: dedent`
        version: "2.4"
        services:
          app: {image: alpine:3.20}
      `,
      findings: [
        {
          range: '3:3-3:6',
          messageId: 'missing',
          titles: ['Add mem_limit: 512m (adjust to the service)'],
          preferred: 0,
          fixed: [
            dedent`
              version: "2.4"
              services:
                app: {image: alpine:3.20, mem_limit: 512m}
            `,
          ],
        },
      ],
    },
    {
      name: 'an unlimited deploy value is replaced in its quoting',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            deploy:
              resources:
                limits:
                  memory: "0"
      `,
      findings: [
        {
          range: '7:19-7:22',
          messageId: 'unlimited',
          titles: ['Set deploy.resources.limits.memory: 512M (adjust to the service)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  deploy:
                    resources:
                      limits:
                        memory: "512M"
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-no-cpu-limit', {
  valid: [],
  invalid: [
    {
      name: 'into an existing deploy section, as resources.limits',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            deploy:
              replicas: 2
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'missing',
          titles: ['Add deploy.resources.limits.cpus: 1 (adjust to the service)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  deploy:
                    replicas: 2
                    resources:
                      limits:
                        cpus: 1
            `,
          ],
        },
      ],
    },
    {
      name: 'a flow-style service',
      code: dedent`
        services:
          app: {image: alpine:3.20, deploy: {replicas: 2}}
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'missing',
          titles: ['Add deploy.resources.limits.cpus: 1 (adjust to the service)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app: {image: alpine:3.20, deploy: {replicas: 2, resources: {limits: {cpus: 1}}}}
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-no-pids-limit', {
  valid: [],
  invalid: [
    {
      name: 'in deploy.resources.limits by default',
      code: dedent`
        services:
          app:
            image: alpine:3.20
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'missing',
          titles: ['Add deploy.resources.limits.pids: 200 (adjust to the service)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  deploy:
                    resources:
                      limits:
                        pids: 200
            `,
          ],
        },
      ],
    },
    {
      name: 'beside the legacy mem_limit',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            mem_limit: 256m
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'missing',
          titles: ['Add pids_limit: 200 (adjust to the service)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  mem_limit: 256m
                  pids_limit: 200
            `,
          ],
        },
      ],
    },
    {
      name: 'an unlimited value',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            pids_limit: -1
      `,
      findings: [
        {
          range: '4:17-4:19',
          messageId: 'unlimited',
          titles: ['Set pids_limit: 200 (adjust to the service)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  pids_limit: 200
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-host-namespace', {
  valid: [],
  invalid: [
    {
      name: 'network_mode: host, with the comment above kept',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            # the host's network
            network_mode: host
            restart: "no"
      `,
      findings: [
        {
          range: '5:19-5:23',
          messageId: 'host',
          titles: [
            'Remove network_mode: host (publish the ports it serves with ports:, and reach host services by address)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  # the host's network
                  restart: "no"
            `,
          ],
        },
      ],
    },
    {
      name: 'flow style',
      code: dedent`
        services:
          app: {image: alpine:3.20, pid: host, ipc: host}
      `,
      findings: [
        {
          range: '2:34-2:38',
          messageId: 'host',
          titles: ['Remove pid: host (it no longer sees or signals host processes)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app: {image: alpine:3.20, ipc: host}
            `,
          ],
        },
        {
          range: '2:45-2:49',
          messageId: 'host',
          titles: ['Remove ipc: host (it no longer shares memory with host processes)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app: {image: alpine:3.20, pid: host}
            `,
          ],
        },
      ],
    },
    {
      name: 'a service joining one on the host network gets no fix of its own: fixing that one fixes both',
      code: dedent`
        services:
          vpn:
            image: alpine:3.20
            network_mode: host
          app:
            image: alpine:3.20
            network_mode: service:vpn
      `,
      findings: [
        {
          range: '4:19-4:23',
          messageId: 'host',
          titles: [
            'Remove network_mode: host (publish the ports it serves with ports:, and reach host services by address)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                vpn:
                  image: alpine:3.20
                app:
                  image: alpine:3.20
                  network_mode: service:vpn
            `,
          ],
        },
        {
          range: '7:19-7:30',
          messageId: 'joined',
          titles: [],
          preferred: null,
          fixed: [],
        },
      ],
    },
  ],
});

testRule('compose-docker-socket', {
  valid: [],
  invalid: [
    {
      name: 'short syntax, one of two mounts',
      code: dedent`
        services:
          proxy:
            image: traefik:v3.1
            volumes:
              - /var/run/docker.sock:/var/run/docker.sock:ro # read-only does not help
              - ./traefik.yml:/etc/traefik/traefik.yml:ro
      `,
      findings: [
        {
          range: '5:9-5:29',
          messageId: 'socket',
          titles: [
            'Remove the Docker socket mount /var/run/docker.sock (the service loses the Docker API: whatever it does with containers stops working; give it a socket proxy that allows only the calls it needs)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                proxy:
                  image: traefik:v3.1
                  volumes:
                    - ./traefik.yml:/etc/traefik/traefik.yml:ro
            `,
          ],
        },
      ],
    },
    {
      name: 'long syntax, the only mount: volumes goes with it',
      code: dedent`
        services:
          agent:
            image: portainer/agent:2.21.0
            volumes:
              - type: bind
                source: /run/docker.sock
                target: /var/run/docker.sock
            restart: on-failure:3
      `,
      findings: [
        {
          range: '6:17-6:33',
          messageId: 'socket',
          titles: [
            'Remove the Docker socket mount /run/docker.sock (the service loses the Docker API: whatever it does with containers stops working; give it a socket proxy that allows only the calls it needs)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                agent:
                  image: portainer/agent:2.21.0
                  restart: on-failure:3
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-sensitive-host-path', {
  valid: [],
  invalid: [
    {
      name: 'read-write short syntax: read-only first, removal second',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            volumes:
              - /etc:/host/etc
              - ./data:/data
      `,
      findings: [
        {
          range: '5:9-5:13',
          messageId: 'sensitive',
          milder: true,
          titles: [
            'Mount /etc read-only (the service can no longer write there)',
            'Remove the mount of /etc (the service loses access to it)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  volumes:
                    - /etc:/host/etc:ro
                    - ./data:/data
            `,
            dedent`
              services:
                app:
                  image: alpine:3.20
                  volumes:
                    - ./data:/data
            `,
          ],
        },
      ],
    },
    {
      name: 'an rw mode becomes ro; other options stay',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            volumes: ["/var/log:/logs:rw,z"]
      `,
      findings: [
        {
          range: '4:16-4:24',
          messageId: 'sensitive',
          milder: true,
          titles: [
            'Mount /var/log read-only (the service can no longer write there)',
            'Remove the mount of /var/log (the service loses access to it)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  volumes: ["/var/log:/logs:z,ro"]
            `,
            dedent`
              services:
                app:
                  image: alpine:3.20
            `,
          ],
        },
      ],
    },
    {
      name: 'long syntax gets read_only: true',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            volumes:
              - type: bind
                source: ~/.ssh
                target: /root/.ssh
      `,
      findings: [
        {
          range: '6:17-6:23',
          messageId: 'sensitive',
          milder: true,
          titles: [
            'Mount ~/.ssh read-only (the service can no longer write there)',
            'Remove the mount of ~/.ssh (the service loses access to it)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  volumes:
                    - type: bind
                      source: ~/.ssh
                      target: /root/.ssh
                      read_only: true
            `,
            dedent`
              services:
                app:
                  image: alpine:3.20
            `,
          ],
        },
      ],
    },
    {
      name: 'already read-only: only the removal, not preferred',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            volumes:
              - /proc:/host/proc:ro
      `,
      findings: [
        {
          range: '5:9-5:14',
          messageId: 'sensitive',
          titles: ['Remove the mount of /proc (the service loses access to it)'],
          preferred: null,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-shared-mount-propagation', {
  valid: [],
  invalid: [
    {
      name: 'short syntax',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            volumes:
              - ./mnt:/mnt:rshared,ro
      `,
      findings: [
        {
          range: '5:9-5:30',
          messageId: 'shared',
          titles: [
            "Use rprivate propagation (Docker's default: no mount crosses to the host)",
            "Remove the propagation option (Docker's default, rprivate, applies)",
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  volumes:
                    - "./mnt:/mnt:rprivate,ro"
            `,
            dedent`
              services:
                app:
                  image: alpine:3.20
                  volumes:
                    - ./mnt:/mnt:ro
            `,
          ],
        },
      ],
    },
    {
      name: 'long syntax: the bind mapping goes with its only option',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            volumes:
              - type: bind
                source: ./mnt
                target: /mnt
                bind:
                  propagation: shared
      `,
      findings: [
        {
          range: '9:24-9:30',
          messageId: 'shared',
          titles: [
            "Use rprivate propagation (Docker's default: no mount crosses to the host)",
            "Remove the propagation option (Docker's default, rprivate, applies)",
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  volumes:
                    - type: bind
                      source: ./mnt
                      target: /mnt
                      bind:
                        propagation: rprivate
            `,
            dedent`
              services:
                app:
                  image: alpine:3.20
                  volumes:
                    - type: bind
                      source: ./mnt
                      target: /mnt
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-host-devices', {
  valid: [],
  invalid: [
    {
      name: 'one of two devices',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            devices:
              - /dev/mem:/dev/mem
              - "/dev/ttyUSB0:/dev/ttyUSB0:rw" # the modem
      `,
      findings: [
        {
          range: '5:9-5:26',
          messageId: 'device',
          titles: ['Remove /dev/mem from devices (the service loses access to the device)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  devices:
                    - "/dev/ttyUSB0:/dev/ttyUSB0:rw" # the modem
            `,
          ],
        },
        {
          range: '6:9-6:39',
          messageId: 'device',
          titles: ['Remove /dev/ttyUSB0 from devices (the service loses access to the device)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  devices:
                    - /dev/mem:/dev/mem
            `,
          ],
        },
      ],
    },
    {
      name: 'the last device, long syntax, and a broad cgroup rule',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            devices:
              - source: /dev/kmsg
                target: /dev/kmsg
            device_cgroup_rules: ['c *:* rmw', 'c 189:* rmw']
      `,
      findings: [
        {
          range: '5:17-5:26',
          messageId: 'device',
          titles: ['Remove /dev/kmsg from devices (the service loses access to the device)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  device_cgroup_rules: ['c *:* rmw', 'c 189:* rmw']
            `,
          ],
        },
        {
          range: '7:27-7:38',
          messageId: 'cgroupRule',
          titles: [
            'Remove "c *:* rmw" from device_cgroup_rules (the service loses access to those devices; allow only the ones it needs)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  devices:
                    - source: /dev/kmsg
                      target: /dev/kmsg
                  device_cgroup_rules: ['c 189:* rmw']
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-unsafe-sysctl', {
  valid: [],
  invalid: [
    {
      name: 'map form',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            sysctls:
              kernel.randomize_va_space: 0
              net.core.somaxconn: 1024
      `,
      findings: [
        {
          range: '5:7-5:32',
          messageId: 'notNamespaced',
          titles: [
            "Remove kernel.randomize_va_space from sysctls (the host's kernel setting applies; set it on the host if the service needs it)",
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  sysctls:
                    net.core.somaxconn: 1024
            `,
          ],
        },
      ],
    },
    {
      name: 'list form: the last item takes the key',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            sysctls: ["vm.overcommit_memory=1"]
      `,
      findings: [
        {
          range: '4:15-4:39',
          messageId: 'notNamespaced',
          titles: [
            "Remove vm.overcommit_memory from sysctls (the host's kernel setting applies; set it on the host if the service needs it)",
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-oom-kill-disabled', {
  valid: [],
  invalid: [
    {
      name: 'set to false',
      code: dedent`
        services:
          app: {image: alpine:3.20, mem_limit: 256m, oom_kill_disable: true}
      `,
      findings: [
        {
          range: '2:64-2:68',
          messageId: 'disabled',
          titles: ['Set oom_kill_disable: false'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app: {image: alpine:3.20, mem_limit: 256m, oom_kill_disable: false}
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-unbounded-restart', {
  valid: [],
  invalid: [
    {
      name: 'restart: always',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            restart: always # keep it up
      `,
      findings: [
        {
          range: '4:14-4:20',
          messageId: 'unbounded',
          titles: ['Use restart: on-failure:5 (a crash loop ends instead of restarting forever)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  restart: on-failure:5 # keep it up
            `,
          ],
        },
      ],
    },
    {
      name: 'deploy.restart_policy without max_attempts',
      options: { restartPolicy: 'on-failure:3' },
      code: dedent`
        services:
          app:
            image: alpine:3.20
            deploy:
              restart_policy:
                condition: on-failure
      `,
      findings: [
        {
          range: '5:7-5:21',
          messageId: 'noMaxAttempts',
          titles: ['Add max_attempts: 3 to deploy.restart_policy'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  deploy:
                    restart_policy:
                      condition: on-failure
                      max_attempts: 3
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-unencrypted-overlay', {
  valid: [],
  invalid: [
    {
      name: 'block style',
      code: dedent`
        services:
          app:
            image: alpine:3.20
        networks:
          backend:
            driver: overlay
            attachable: true
      `,
      findings: [
        {
          range: '6:13-6:20',
          messageId: 'unencrypted',
          titles: [
            'Add driver_opts: {encrypted: "true"} (IPsec between nodes, at some cost in throughput; Windows nodes cannot attach to an encrypted overlay)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
              networks:
                backend:
                  driver: overlay
                  attachable: true
                  driver_opts:
                    encrypted: "true"
            `,
          ],
        },
      ],
    },
    {
      name: 'existing driver_opts, in flow style',
      code: dedent`
        services:
          app:
            image: alpine:3.20
        networks:
          backend: {driver: overlay, driver_opts: {com.docker.network.driver.mtu: "1450"}}
      `,
      findings: [
        {
          range: '5:21-5:28',
          messageId: 'unencrypted',
          titles: [
            'Add driver_opts: {encrypted: "true"} (IPsec between nodes, at some cost in throughput; Windows nodes cannot attach to an encrypted overlay)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
              networks:
                backend: {driver: overlay, driver_opts: {com.docker.network.driver.mtu: "1450", encrypted: "true"}}
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-secret-in-environment', {
  valid: [],
  invalid: [
    {
      name: 'an image that reads _FILE: a Compose secret from the variable, read through POSTGRES_PASSWORD_FILE',
      code: dedent`
        services:
          db:
            image: postgres:16
            environment:
              POSTGRES_USER: app
              POSTGRES_PASSWORD: hunter2 # change me
        volumes:
          data: {}
      `,
      findings: [
        {
          range: '6:7-6:24',
          messageId: 'literalSecret',
          titles: [
            'Move POSTGRES_PASSWORD to the Compose secret "postgres_password", read through POSTGRES_PASSWORD_FILE: export POSTGRES_PASSWORD in the shell (or set it in .env) before docker compose up; its value is removed from this file',
            'Read POSTGRES_PASSWORD from the environment: export POSTGRES_PASSWORD in the shell (or set it in .env) before docker compose up; its value is removed from this file',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                db:
                  image: postgres:16
                  environment:
                    POSTGRES_USER: app
                    POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password # change me
                  secrets:
                    - postgres_password
              volumes:
                data: {}
              secrets:
                postgres_password:
                  environment: POSTGRES_PASSWORD
            `,
            dedent`
              services:
                db:
                  image: postgres:16
                  environment:
                    POSTGRES_USER: app
                    POSTGRES_PASSWORD: "\${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in the shell or in .env}" # change me
              volumes:
                data: {}
            `,
          ],
        },
      ],
    },
    {
      name: 'list form, beside an existing secrets list and top-level secrets',
      code: dedent`
        services:
          db:
            image: mariadb:11
            environment:
              - MARIADB_ROOT_PASSWORD=s3cr3t-Value
            secrets:
              - tls_key
        secrets:
          tls_key:
            file: ./tls.key
      `,
      findings: [
        {
          range: '5:9-5:43',
          messageId: 'literalSecret',
          titles: [
            'Move MARIADB_ROOT_PASSWORD to the Compose secret "mariadb_root_password", read through MARIADB_ROOT_PASSWORD_FILE: export MARIADB_ROOT_PASSWORD in the shell (or set it in .env) before docker compose up; its value is removed from this file',
            'Read MARIADB_ROOT_PASSWORD from the environment: export MARIADB_ROOT_PASSWORD in the shell (or set it in .env) before docker compose up; its value is removed from this file',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                db:
                  image: mariadb:11
                  environment:
                    - MARIADB_ROOT_PASSWORD_FILE=/run/secrets/mariadb_root_password
                  secrets:
                    - tls_key
                    - mariadb_root_password
              secrets:
                tls_key:
                  file: ./tls.key
                mariadb_root_password:
                  environment: MARIADB_ROOT_PASSWORD
            `,
            dedent`
              services:
                db:
                  image: mariadb:11
                  environment:
                    - "MARIADB_ROOT_PASSWORD=\${MARIADB_ROOT_PASSWORD:?set MARIADB_ROOT_PASSWORD in the shell or in .env}"
                  secrets:
                    - tls_key
              secrets:
                tls_key:
                  file: ./tls.key
            `,
          ],
        },
      ],
    },
    {
      name: 'an image that does not read _FILE: the reference first, keeping the variable',
      code: dedent`
        services:
          api:
            image: node:20
            environment:
              API_TOKEN: abcd1234efgh5678
            command: ["node", "server.js"]
      `,
      findings: [
        {
          range: '5:7-5:16',
          messageId: 'literalSecret',
          titles: [
            'Read API_TOKEN from the environment: export API_TOKEN in the shell (or set it in .env) before docker compose up; its value is removed from this file',
            'Move API_TOKEN to the Compose secret "api_token" at /run/secrets/api_token (the application must read that file: API_TOKEN is no longer set): export API_TOKEN in the shell (or set it in .env) before docker compose up; its value is removed from this file',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                api:
                  image: node:20
                  environment:
                    API_TOKEN: "\${API_TOKEN:?set API_TOKEN in the shell or in .env}"
                  command: ["node", "server.js"]
            `,
            dedent`
              services:
                api:
                  image: node:20
                  command: ["node", "server.js"]
                  secrets:
                    - api_token
              secrets:
                api_token:
                  environment: API_TOKEN
            `,
          ],
        },
      ],
    },
    {
      name: 'in an anchor several services use: only the reference',
      code: dedent`
        x-env: &env
          environment:
            DB_PASSWORD: hunter2
        services:
          a:
            <<: *env
            image: alpine:3.20
          b:
            <<: *env
            image: alpine:3.20
      `,
      findings: [
        {
          range: '3:5-3:16',
          messageId: 'literalSecret',
          titles: [
            'Read DB_PASSWORD from the environment (in anchor &env: changes "a", "b"): export DB_PASSWORD in the shell (or set it in .env) before docker compose up; its value is removed from this file',
          ],
          preferred: 0,
          fixed: [
            dedent`
              x-env: &env
                environment:
                  DB_PASSWORD: "\${DB_PASSWORD:?set DB_PASSWORD in the shell or in .env}"
              services:
                a:
                  <<: *env
                  image: alpine:3.20
                b:
                  <<: *env
                  image: alpine:3.20
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-root-user', {
  valid: [],
  invalid: [
    {
      name: "user: root becomes the image's own user",
      code: dedent`
        services:
          app:
            image: node:20-slim
            user: root
      `,
      findings: [
        {
          range: '4:11-4:15',
          messageId: 'root',
          titles: ['Run as node'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: node:20-slim
                  user: node
            `,
          ],
        },
      ],
    },
    {
      name: 'or the configured one, quoted where YAML 1.1 would read a number',
      code: dedent`
        services:
          app: {image: alpine:3.20, user: "0"}
      `,
      findings: [
        {
          range: '2:35-2:38',
          messageId: 'root',
          titles: ['Run as 65532:65532'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app: {image: alpine:3.20, user: "65532:65532"}
            `,
          ],
        },
      ],
    },
    {
      name: 'no user and a root image',
      code: dedent`
        services:
          app:
            image: python:3.12-slim
            command: ["python", "-m", "http.server"]
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'imageRunsAsRoot',
          titles: ['Add user: "65532:65532"'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: python:3.12-slim
                  command: ["python", "-m", "http.server"]
                  user: "65532:65532"
            `,
          ],
        },
      ],
    },
    {
      name: 'a service that builds a Dockerfile: user: here, or USER in the Dockerfile (an edit of that file, not preferred)',
      files: {
        '/project/app/Dockerfile': 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
      },
      code: dedent`
        services:
          app:
            build: ./app
      `,
      findings: [
        {
          range: '3:5-3:10',
          messageId: 'builtAsRoot',
          titles: ['Add user: "node"', 'Add "USER node" to the final stage of app/Dockerfile'],
          preferred: 0,
          otherFiles: [
            {},
            {
              '/project/app/Dockerfile':
                'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\nCMD ["node", "server.js"]\n',
            },
          ],
          fixed: [
            dedent`
              services:
                app:
                  build: ./app
                  user: node
            `,
            dedent`
              services:
                app:
                  build: ./app
            `,
          ],
        },
      ],
    },
    {
      name: 'a service that builds a Dockerfile whose image has no user: user: by number, which runs before the USER is made',
      files: {
        '/project/api/Dockerfile': 'FROM python:3.12-slim\nCOPY . /srv\nCMD ["python", "/srv/app.py"]\n',
      },
      code: dedent`
        services:
          api:
            build: ./api
      `,
      findings: [
        {
          range: '3:5-3:10',
          messageId: 'builtAsRoot',
          titles: ['Add user: "65532:65532"', 'Add "USER app:app" to the final stage of api/Dockerfile'],
          preferred: 0,
          otherFiles: [
            {},
            {
              '/project/api/Dockerfile':
                'FROM python:3.12-slim\nCOPY . /srv\n' +
                'RUN groupadd --system --gid 65532 app && useradd --system --uid 65532 --gid app --no-create-home ' +
                '--shell /usr/sbin/nologin app\nUSER app:app\nCMD ["python", "/srv/app.py"]\n',
            },
          ],
          fixed: [
            dedent`
              services:
                api:
                  build: ./api
                  user: "65532:65532"
            `,
            dedent`
              services:
                api:
                  build: ./api
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-port-all-interfaces', {
  valid: [],
  invalid: [
    {
      name: 'short syntax: host port, container port only, every-interface address',
      code: dedent`
        services:
          app:
            image: nginx:1.27
            ports:
              - "8080:80"
              - 9090
              - 0.0.0.0:8443:443/tcp
      `,
      findings: [
        {
          range: '5:9-5:18',
          messageId: 'everyInterface',
          titles: ['Publish port 8080 on 127.0.0.1 only (other machines can no longer reach it)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: nginx:1.27
                  ports:
                    - "127.0.0.1:8080:80"
                    - 9090
                    - 0.0.0.0:8443:443/tcp
            `,
          ],
        },
        {
          range: '6:9-6:13',
          messageId: 'everyInterface',
          titles: ['Publish port 9090 on 127.0.0.1 only (other machines can no longer reach it)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: nginx:1.27
                  ports:
                    - "8080:80"
                    - 127.0.0.1::9090
                    - 0.0.0.0:8443:443/tcp
            `,
          ],
        },
        {
          range: '7:9-7:29',
          messageId: 'everyInterface',
          titles: ['Publish port 8443 on 127.0.0.1 only (other machines can no longer reach it)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: nginx:1.27
                  ports:
                    - "8080:80"
                    - 9090
                    - 127.0.0.1:8443:443/tcp
            `,
          ],
        },
      ],
    },
    {
      name: 'long syntax gets host_ip',
      code: dedent`
        services:
          app:
            image: nginx:1.27
            ports:
              - target: 80
                published: "8080"
      `,
      findings: [
        {
          range: '5:9-6:26',
          messageId: 'everyInterface',
          titles: ['Publish port 8080 on 127.0.0.1 only (other machines can no longer reach it)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: nginx:1.27
                  ports:
                    - target: 80
                      published: "8080"
                      host_ip: 127.0.0.1
            `,
          ],
        },
      ],
    },
    {
      name: 'an IPv6 address from the options, in brackets in short syntax',
      options: { hostAddress: '::1' },
      code: dedent`
        services:
          app: {image: nginx:1.27, ports: ["8080:80", {target: 443, published: 8443}]}
      `,
      findings: [
        {
          range: '2:36-2:45',
          messageId: 'everyInterface',
          titles: ['Publish port 8080 on ::1 only (other machines can no longer reach it)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app: {image: nginx:1.27, ports: ["[::1]:8080:80", {target: 443, published: 8443}]}
            `,
          ],
        },
        {
          range: '2:47-2:77',
          messageId: 'everyInterface',
          titles: ['Publish port 8443 on ::1 only (other machines can no longer reach it)'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app: {image: nginx:1.27, ports: ["8080:80", {target: 443, published: 8443, host_ip: "::1"}]}
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-sensitive-port', {
  valid: [],
  invalid: [
    {
      name: 'a published port and an exposed one',
      code: dedent`
        services:
          app:
            image: alpine:3.20
            ports:
              - "127.0.0.1:2222:22"
              - "127.0.0.1:8080:8080"
            expose: [5900]
      `,
      findings: [
        {
          range: '5:9-5:28',
          messageId: 'sensitive',
          titles: [
            'Remove the ports entry of port 22 (SSH) (stop the daemon there and administer the container with docker exec)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  ports:
                    - "127.0.0.1:8080:8080"
                  expose: [5900]
            `,
          ],
        },
        {
          range: '7:14-7:18',
          messageId: 'sensitive',
          titles: [
            'Remove the expose entry of port 5900 (VNC) (stop the daemon there and administer the container with docker exec)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  ports:
                    - "127.0.0.1:2222:22"
                    - "127.0.0.1:8080:8080"
            `,
          ],
        },
      ],
    },
  ],
});

testRule('compose-missing-healthcheck', {
  valid: [],
  invalid: [
    {
      name: "an image's own readiness tool",
      code: dedent`
        services:
          db:
            image: redis:7-alpine
      `,
      findings: [
        {
          range: '2:3-2:5',
          messageId: 'missing',
          titles: ['Add a healthcheck with redis-cli ping'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                db:
                  image: redis:7-alpine
                  healthcheck:
                    test:
                      - CMD
                      - redis-cli
                      - ping
                    interval: 30s
                    timeout: 5s
                    retries: 3
                    start_period: 10s
            `,
          ],
        },
      ],
    },
    {
      name: 'an HTTP probe on the container port, with a client the image has (python:*-slim: python)',
      code: dedent`
        services:
          app: {image: python:3.12-slim, expose: ["8000"]}
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'missing',
          titles: [
            "Add a healthcheck with python's urllib on port 8000 (expects / to answer 2xx or 3xx: adjust the path if it does not)",
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app: {image: python:3.12-slim, expose: ["8000"], healthcheck: {test: [CMD, python, -c, "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/', timeout=4)"], interval: 30s, timeout: 5s, retries: 3, start_period: 10s}}
            `,
          ],
        },
      ],
    },
    {
      name: 'the configured command',
      options: { healthcheckCommand: 'test -f /tmp/ready' },
      code: dedent`
        services:
          app:
            image: alpine:3.20
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'missing',
          titles: ['Add a healthcheck running test -f /tmp/ready'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                app:
                  image: alpine:3.20
                  healthcheck:
                    test:
                      - CMD-SHELL
                      - test -f /tmp/ready
                    interval: 30s
                    timeout: 5s
                    retries: 3
                    start_period: 10s
            `,
          ],
        },
      ],
    },
    {
      name: 'otherwise a template, not preferred: it reports unhealthy until filled in',
      code: dedent`
        services:
          app:
            image: example/app:1.0
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'missing',
          titles: [
            'Add a healthcheck template: replace its test with a command that checks the service (until then the service reports unhealthy)',
          ],
          preferred: null,
          fixed: [
            dedent`
              services:
                app:
                  image: example/app:1.0
                  healthcheck:
                    test:
                      - CMD-SHELL
                      - "echo 'healthcheck: replace this test with a probe of the service' >&2; exit 1"
                    interval: 30s
                    timeout: 5s
                    retries: 3
                    start_period: 10s
            `,
          ],
        },
      ],
    },
    {
      name: 'a disabled healthcheck is replaced',
      code: dedent`
        services:
          db:
            image: postgres:16
            healthcheck:
              disable: true
      `,
      findings: [
        {
          range: '5:7-5:14',
          messageId: 'disabled',
          titles: ['Add a healthcheck with pg_isready'],
          preferred: 0,
          fixed: [
            dedent`
              services:
                db:
                  image: postgres:16
                  healthcheck:
                    test:
                      - CMD
                      - pg_isready
                      - -U
                      - postgres
                    interval: 30s
                    timeout: 5s
                    retries: 3
                    start_period: 10s
            `,
          ],
        },
      ],
    },
    {
      name: 'a service that builds: the probe for its base image',
      files: {
        '/project/Dockerfile': 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n',
      },
      code: dedent`
        services:
          web:
            build: .
            ports: ["8080:80"]
      `,
      findings: [
        {
          range: '2:3-2:6',
          messageId: 'noneInBuiltDockerfile',
          titles: [
            'Add a healthcheck with curl on port 80 (expects / to answer 2xx or 3xx: adjust the path if it does not)',
          ],
          preferred: 0,
          fixed: [
            dedent`
              services:
                web:
                  build: .
                  ports: ["8080:80"]
                  healthcheck:
                    test:
                      - CMD
                      - curl
                      - -fsS
                      - -o
                      - /dev/null
                      - http://127.0.0.1:80/
                    interval: 30s
                    timeout: 5s
                    retries: 3
                    start_period: 10s
            `,
          ],
        },
      ],
    },
  ],
});
