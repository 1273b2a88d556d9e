/**
 * What published images do by default, read from their own Dockerfiles:
 * the user the image ends with (`USER` as its last word on the matter) and
 * whether it defines its own `HEALTHCHECK`. Each entry names every
 * reference the image is published under (Docker Hub, the vendor's own
 * registry, mirrors) and the Dockerfile the fact was read from.
 *
 * Only facts an image's public Dockerfile states go here: an image whose
 * entrypoint steps down from root (gosu, su-exec, s6) still starts as root
 * and is not listed as non-root.
 */
import { hubRepository, type ImageReference } from '../dockerfile/image-reference';

export interface ImageDefaults {
  /** The user the image runs as when it is non-root (its last `USER`), as written there. */
  user?: string;
  /** The Dockerfile sets no USER (its entrypoint may step down later): the container starts as root. */
  root?: boolean;
  /** Whether the image's Dockerfile ends with a HEALTHCHECK (not `HEALTHCHECK NONE`). */
  healthcheck?: boolean;
}

interface ImageDefaultsEntry extends ImageDefaults {
  /**
   * Every name the image is published under: Docker Hub names as Docker Hub
   * spells them (`kong`, `grafana/grafana`), others with their registry
   * (`quay.io/prometheus/prometheus`). A trailing `/*` covers a namespace.
   */
  names: string[];
  /** Names under a `/*` namespace the entry does not describe (`bitnami/minideb` is a plain OS image). */
  except?: string[];
  /** Only tags of this version or later state the fact (`haproxy` ends with `USER haproxy` since 2.4). */
  sinceVersion?: number[];
  /** Only tags that match (gitea's `-rootless` tags are the non-root ones). */
  tags?: RegExp;
  /** The Dockerfile (repository and path) the fact was read from. */
  source: string;
}

const IMAGE_DEFAULTS: ImageDefaultsEntry[] = [
  // Official images whose Dockerfile ends with USER.
  {
    names: ['kong', 'kong/kong', 'kong/kong-gateway'],
    user: 'kong',
    healthcheck: true,
    source: 'Kong/docker-kong Dockerfile.deb, Dockerfile.apk (USER kong; HEALTHCHECK CMD kong health)',
  },
  { names: ['memcached'], user: 'memcache', source: 'docker-library/memcached 1/debian/Dockerfile (USER memcache)' },
  {
    names: ['haproxy', 'haproxytech/haproxy-debian', 'haproxytech/haproxy-alpine'],
    user: 'haproxy',
    sinceVersion: [2, 4],
    source: 'docker-library/haproxy 2.4+/Dockerfile (USER haproxy)',
  },
  {
    names: ['sonarqube', 'sonarsource/sonarqube'],
    user: 'sonarqube',
    source: 'SonarSource/docker-sonarqube */Dockerfile (USER sonarqube)',
  },
  { names: ['odoo'], user: 'odoo', source: 'odoo/docker */Dockerfile (USER odoo)' },
  { names: ['jetty'], user: 'jetty', source: 'eclipse/jetty.docker */Dockerfile (USER jetty)' },
  { names: ['solr'], user: 'solr', source: 'apache/solr-docker */Dockerfile (USER $SOLR_UID, 8983)' },
  { names: ['adminer'], user: 'adminer', source: 'TimWolla/docker-adminer */Dockerfile (USER adminer)' },
  {
    names: ['teamspeak'],
    user: 'ts3server',
    source: 'TeamSpeak-Systems/teamspeak-linux-docker-images (USER ts3server)',
  },
  {
    names: ['rocket.chat', 'rocketchat/rocket.chat', 'registry.rocket.chat/rocketchat/rocket.chat'],
    user: 'rocketchat',
    source: 'RocketChat/Docker.Official.Image */Dockerfile (USER rocketchat)',
  },
  {
    names: ['elasticsearch', 'docker.elastic.co/elasticsearch/elasticsearch'],
    user: '1000',
    source: 'elastic/elasticsearch distribution/docker Dockerfile (USER 1000:0)',
  },
  {
    names: ['kibana', 'docker.elastic.co/kibana/kibana', 'logstash', 'docker.elastic.co/logstash/logstash'],
    user: '1000',
    source: 'elastic/kibana, elastic/logstash docker Dockerfile (USER 1000)',
  },
  {
    names: ['docker.elastic.co/elastic-agent/elastic-agent', 'elastic/elastic-agent'],
    user: 'elastic-agent',
    source: 'elastic/elastic-agent dev-tools/packaging/templates/docker/Dockerfile.elastic-agent.tmpl (USER)',
  },
  {
    names: ['docker.elastic.co/beats/*', 'elastic/filebeat', 'elastic/metricbeat', 'elastic/heartbeat'],
    user: '1000',
    source: 'elastic/beats dev-tools/packaging/templates/docker/Dockerfile.tmpl (USER {{ .user }}, 1000)',
  },
  // Vendors' images.
  {
    names: ['grafana/grafana', 'grafana/grafana-oss', 'grafana/grafana-enterprise'],
    user: '472',
    source: 'grafana/grafana Dockerfile (USER "$GF_UID", 472)',
  },
  {
    names: ['grafana/loki', 'grafana/tempo', 'grafana/mimir'],
    user: '10001',
    source: 'grafana/loki cmd/loki/Dockerfile, grafana/tempo cmd/tempo/Dockerfile (USER 10001)',
  },
  {
    names: [
      ...['prometheus', 'alertmanager', 'node-exporter', 'pushgateway', 'mysqld-exporter'].flatMap((name) => [
        `prom/${name}`,
        `quay.io/prometheus/${name}`,
      ]),
      'prometheuscommunity/postgres-exporter',
      'quay.io/prometheuscommunity/postgres-exporter',
    ],
    user: 'nobody',
    source: 'prometheus/prometheus, prometheus/alertmanager, prometheus/node_exporter... Dockerfile (USER nobody)',
  },
  {
    names: ['jenkins/jenkins', 'jenkins/inbound-agent', 'jenkins/agent'],
    user: 'jenkins',
    source: 'jenkinsci/docker */Dockerfile (USER ${user}, jenkins)',
  },
  {
    names: [
      'nginxinc/nginx-unprivileged',
      'public.ecr.aws/nginx/nginx-unprivileged',
      'ghcr.io/nginxinc/nginx-unprivileged',
    ],
    user: '101',
    source: 'nginxinc/docker-nginx-unprivileged */Dockerfile (USER $UID, 101)',
  },
  {
    names: ['bitnami/*', 'bitnamilegacy/*', 'bitnamisecure/*', 'public.ecr.aws/bitnami/*'],
    except: ['minideb'],
    user: '1001',
    source: 'bitnami/containers bitnami/*/*/debian-12/Dockerfile (USER 1001)',
  },
  {
    names: ['quay.io/keycloak/keycloak', 'keycloak/keycloak'],
    user: '1000',
    source: 'keycloak/keycloak quarkus/container/Dockerfile (USER 1000)',
  },
  { names: ['n8nio/n8n', 'docker.n8n.io/n8nio/n8n'], user: 'node', source: 'n8n-io/n8n docker/images/n8n (USER node)' },
  {
    names: ['mattermost/mattermost-team-edition', 'mattermost/mattermost-enterprise-edition'],
    user: 'mattermost',
    healthcheck: true,
    source: 'mattermost/docker build/Dockerfile (USER mattermost; HEALTHCHECK curl .../api/v4/system/ping)',
  },
  {
    names: ['nodered/node-red'],
    user: 'node-red',
    healthcheck: true,
    source: 'node-red/node-red-docker docker-custom/Dockerfile (USER node-red; HEALTHCHECK node healthcheck.js)',
  },
  { names: ['dpage/pgadmin4'], user: 'pgadmin', source: 'pgadmin-org/pgadmin4 Dockerfile (USER pgadmin)' },
  { names: ['fluent/fluentd'], user: 'fluent', source: 'fluent/fluentd-docker-image */Dockerfile (USER fluent)' },
  { names: ['mailhog/mailhog'], user: 'mailhog', source: 'mailhog/MailHog Dockerfile (USER mailhog)' },
  { names: ['zabbix/*'], user: '1997', source: 'zabbix/zabbix-docker Dockerfiles/*/Dockerfile (USER 1997)' },
  {
    names: ['ghcr.io/goauthentik/server', 'beryju/authentik'],
    user: '1000',
    healthcheck: true,
    source: 'goauthentik/authentik Dockerfile (USER 1000; HEALTHCHECK CMD ["ak", "healthcheck"])',
  },
  {
    names: ['gitea/gitea', 'docker.gitea.com/gitea'],
    tags: /rootless/,
    user: '1000',
    source: 'go-gitea/gitea Dockerfile.rootless (USER 1000:1000)',
  },
  {
    names: ['otel/opentelemetry-collector', 'otel/opentelemetry-collector-contrib'],
    user: '10001',
    source: 'open-telemetry/opentelemetry-collector-releases distributions/*/Dockerfile (USER ${USER_UID}, 10001)',
  },
  {
    names: ['confluentinc/cp-kafka', 'confluentinc/cp-zookeeper', 'confluentinc/cp-schema-registry'],
    user: 'appuser',
    source: 'confluentinc/common-docker base/Dockerfile.ubi8 (USER appuser)',
  },
  { names: ['openpolicyagent/opa'], user: '1000', source: 'open-policy-agent/opa Dockerfile (USER ${USER}, 1000)' },
  { names: ['jaegertracing/all-in-one'], user: '10001', source: 'jaegertracing/jaeger cmd/all-in-one (USER 10001)' },
  { names: ['registry.k8s.io/pause', 'k8s.gcr.io/pause'], user: '65535', source: 'kubernetes/kubernetes build/pause' },
  {
    names: ['registry.k8s.io/ingress-nginx/controller'],
    user: 'www-data',
    source: 'kubernetes/ingress-nginx rootfs/Dockerfile (USER www-data)',
  },
  {
    names: ['registry.k8s.io/kube-state-metrics/kube-state-metrics', 'registry.k8s.io/metrics-server/metrics-server'],
    user: '65534',
    source: 'kubernetes/kube-state-metrics Dockerfile, kubernetes-sigs/metrics-server Dockerfile (USER 65534)',
  },
  // Images whose Dockerfile sets no USER: they start as root.
  {
    names: ['valkey', 'valkey/valkey'],
    root: true,
    source: 'valkey-io/valkey-container Dockerfile (no USER; the entrypoint steps down with setpriv)',
  },
  { names: ['pihole/pihole'], root: true, source: 'pi-hole/docker-pi-hole src/Dockerfile (no USER)' },
  {
    names: ['louislam/uptime-kuma'],
    tags: /^(?!.*rootless)/,
    root: true,
    source: 'louislam/uptime-kuma docker/dockerfile (USER node only in the -rootless target)',
  },
  {
    names: ['ghcr.io/paperless-ngx/paperless-ngx', 'paperlessngx/paperless-ngx'],
    root: true,
    source: 'paperless-ngx/paperless-ngx Dockerfile (no USER; s6-overlay steps down to USERMAP_UID)',
  },
  {
    names: ['gcr.io/cadvisor/cadvisor', 'google/cadvisor'],
    root: true,
    source: 'google/cadvisor deploy/Dockerfile (no USER)',
  },
  {
    names: ['vaultwarden/server', 'ghcr.io/dani-garcia/vaultwarden', 'quay.io/vaultwarden/server'],
    root: true,
    source: 'dani-garcia/vaultwarden docker/Dockerfile.debian (no USER)',
  },
  // Root images with their own HEALTHCHECK.
  {
    names: [
      'vaultwarden/server',
      'ghcr.io/dani-garcia/vaultwarden',
      'quay.io/vaultwarden/server',
      'bitwardenrs/server',
    ],
    healthcheck: true,
    source: 'dani-garcia/vaultwarden docker/Dockerfile.debian (HEALTHCHECK CMD ["/healthcheck.sh"])',
  },
  {
    names: ['eclipse-mosquitto'],
    sinceVersion: [2],
    healthcheck: true,
    source: 'eclipse/mosquitto docker/2.0/Dockerfile (HEALTHCHECK CMD curl -f mqtt://localhost/)',
  },
  {
    names: ['louislam/uptime-kuma'],
    healthcheck: true,
    source: 'louislam/uptime-kuma docker/dockerfile (HEALTHCHECK CMD extra/healthcheck)',
  },
  { names: ['pihole/pihole'], healthcheck: true, source: 'pi-hole/docker-pi-hole src/Dockerfile (HEALTHCHECK)' },
  {
    names: ['jellyfin/jellyfin'],
    healthcheck: true,
    source: 'jellyfin/jellyfin-packaging docker/Dockerfile (HEALTHCHECK curl /health)',
  },
  {
    names: ['gitlab/gitlab-ce', 'gitlab/gitlab-ee'],
    healthcheck: true,
    source: 'gitlabhq/omnibus-gitlab docker/Dockerfile (HEALTHCHECK CMD /opt/gitlab/bin/gitlab-healthcheck)',
  },
  {
    names: ['ghcr.io/immich-app/immich-server', 'altran1502/immich-server'],
    healthcheck: true,
    source: 'immich-app/immich server/Dockerfile (HEALTHCHECK CMD immich-healthcheck)',
  },
  {
    names: ['ghcr.io/paperless-ngx/paperless-ngx', 'paperlessngx/paperless-ngx'],
    healthcheck: true,
    source: 'paperless-ngx/paperless-ngx Dockerfile (HEALTHCHECK curl http://localhost:8000)',
  },
  {
    names: ['netdata/netdata'],
    healthcheck: true,
    source: 'netdata/netdata packaging/docker/Dockerfile (HEALTHCHECK)',
  },
  {
    names: ['authelia/authelia', 'ghcr.io/authelia/authelia'],
    healthcheck: true,
    source: 'authelia/authelia Dockerfile (HEALTHCHECK CMD /app/healthcheck.sh)',
  },
  {
    names: ['ghcr.io/wg-easy/wg-easy', 'weejewel/wg-easy'],
    healthcheck: true,
    source: 'wg-easy/wg-easy Dockerfile (HEALTHCHECK)',
  },
  {
    names: ['gcr.io/cadvisor/cadvisor', 'google/cadvisor'],
    healthcheck: true,
    source: 'google/cadvisor deploy/Dockerfile (HEALTHCHECK CMD wget --spider http://localhost:8080/healthz)',
  },
  {
    names: ['containrrr/watchtower', 'ghcr.io/containrrr/watchtower'],
    healthcheck: true,
    source: 'containrrr/watchtower dockerfiles/Dockerfile (HEALTHCHECK CMD ["/watchtower", "--health-check"])',
  },
  {
    names: ['syncthing/syncthing'],
    healthcheck: true,
    source: 'syncthing/syncthing Dockerfile (HEALTHCHECK curl 127.0.0.1:8384/rest/noauth/health)',
  },
  {
    names: ['nextcloud/all-in-one'],
    healthcheck: true,
    source: 'nextcloud/all-in-one Containers/mastercontainer/Dockerfile (HEALTHCHECK)',
  },
  { names: ['gotify/server'], healthcheck: true, source: 'gotify/server docker/Dockerfile (HEALTHCHECK)' },
];

const exact = new Map<string, ImageDefaultsEntry[]>();
const namespaces = new Map<string, ImageDefaultsEntry[]>();
for (const entry of IMAGE_DEFAULTS)
  for (const name of entry.names) {
    const [table, key] = name.endsWith('/*') ? [namespaces, name.slice(0, -2)] : [exact, name];
    table.set(key, [...(table.get(key) ?? []), entry]);
  }

/** The name an entry lists the image under: Docker Hub's own (`kong`), else registry and path. */
export function publishedName(ref: ImageReference): string {
  return hubRepository(ref) ?? `${ref.registry}/${ref.repository}`;
}

/** The leading version of a tag (`2.8.3-alpine` -> [2, 8, 3]); null for `latest`, `alpine`, no tag. */
function tagVersion(tag: string | null): number[] | null {
  const match = /^v?(\d+(?:\.\d+)*)/.exec(tag ?? '');
  return match ? match[1].split('.').map(Number) : null;
}

function atLeast(version: number[], minimum: number[]): boolean {
  for (let i = 0; i < minimum.length; i++) {
    const part = version[i] ?? 0;
    if (part !== minimum[i]) return part > minimum[i];
  }
  return true;
}

function applies(entry: ImageDefaultsEntry, ref: ImageReference): boolean {
  if (entry.tags && !entry.tags.test((ref.tag ?? '').toLowerCase())) return false;
  if (!entry.sinceVersion) return true;
  // An untagged or rolling tag (latest, alpine, lts) is a current release.
  const version = tagVersion(ref.tag);
  return version === null || atLeast(version, entry.sinceVersion);
}

/** What the image's own Dockerfile sets by default; empty when we have no entry for it. */
export function imageDefaults(ref: ImageReference): ImageDefaults {
  const name = publishedName(ref);
  const slash = name.lastIndexOf('/');
  const namespaced = slash === -1 ? [] : (namespaces.get(name.slice(0, slash)) ?? []);
  const entries = [
    ...(exact.get(name) ?? []),
    ...namespaced.filter((entry) => !entry.except?.includes(name.slice(slash + 1))),
  ].filter((entry) => applies(entry, ref));
  const user = entries.find((entry) => entry.user !== undefined)?.user;
  const root = user === undefined && entries.some((entry) => entry.root === true);
  const healthcheck = entries.some((entry) => entry.healthcheck === true);
  return {
    ...(user !== undefined ? { user } : {}),
    ...(root ? { root } : {}),
    ...(healthcheck ? { healthcheck } : {}),
  };
}
