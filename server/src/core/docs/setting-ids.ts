/**
 * The settings and instructions the rules read, by the id their hover
 * documentation has: each Compose service key and Dockerfile instruction a
 * hover explains, and the id it is documented under (keys documented
 * together share one: `pid` and `ipc` are `namespaces`).
 */

export const COMPOSE_SETTING_IDS = {
  privileged: 'privileged',
  cap_add: 'cap_add',
  cap_drop: 'cap_drop',
  security_opt: 'security_opt',
  user: 'user',
  read_only: 'read_only',
  ports: 'ports',
  expose: 'expose',
  volumes: 'volumes',
  devices: 'devices',
  device_cgroup_rules: 'devices',
  network_mode: 'namespaces',
  pid: 'namespaces',
  ipc: 'namespaces',
  uts: 'namespaces',
  userns_mode: 'namespaces',
  cgroup: 'namespaces',
  sysctls: 'sysctls',
  deploy: 'deploy',
  mem_limit: 'limits',
  memswap_limit: 'limits',
  cpus: 'limits',
  cpu_quota: 'limits',
  pids_limit: 'limits',
  oom_kill_disable: 'oom_kill_disable',
  healthcheck: 'healthcheck',
  restart: 'restart',
  secrets: 'secrets',
  environment: 'environment',
  env_file: 'environment',
  image: 'image',
  build: 'build',
  tmpfs: 'tmpfs',
} as const;

export const DOCKERFILE_SETTING_IDS = {
  USER: 'USER',
  FROM: 'FROM',
  ADD: 'ADD',
  COPY: 'COPY',
  HEALTHCHECK: 'HEALTHCHECK',
  EXPOSE: 'EXPOSE',
  ARG: 'ARG_ENV',
  ENV: 'ARG_ENV',
  RUN: 'RUN_MOUNT',
} as const;

export type SettingDocId =
  | (typeof COMPOSE_SETTING_IDS)[keyof typeof COMPOSE_SETTING_IDS]
  | (typeof DOCKERFILE_SETTING_IDS)[keyof typeof DOCKERFILE_SETTING_IDS];

/** What a hover says about a setting whatever its value: what it is, and what it does to isolation. */
export interface SettingDoc {
  /** How the setting is written (`cap_add`, `network_mode / pid / ipc`, `RUN --mount`). */
  title: string;
  /** What it means and its security effect, in a few sentences. */
  meaning: string;
}
