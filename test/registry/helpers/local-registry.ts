/**
 * A real registry for the tests: Debian's `docker-registry` (the CNCF
 * distribution registry) started on loopback with a temporary config and
 * storage folder, anonymous, with htpasswd basic auth, or with token auth
 * against a small token issuer (RS256 JWTs signed with a key and
 * certificate made by `openssl`, which the registry trusts through
 * `rootcertbundle`). Images are pushed over the registry's HTTP API (blob
 * uploads, manifest and index PUTs): no Docker daemon.
 *
 * Without the binary the registry suites skip, loudly; under CI (`CI=true`,
 * where .ci/run installs it) they fail instead.
 */
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import { createHash, createPrivateKey, sign, X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export const REGISTRY_BINARY = ['/usr/bin/docker-registry', '/usr/bin/registry', '/usr/local/bin/registry'].find((p) =>
  fs.existsSync(p),
);

export const TEST_USER = { username: 'tester', password: 's3cret-pass' };
const HTPASSWD = path.join(__dirname, '..', '..', '..', '..', 'test', 'registry', 'fixtures', 'htpasswd');

/**
 * Marks a suite as needing the registry binary: skipped with a warning on
 * standard error when it is missing, failed under CI.
 */
export function requireRegistry(suite: Mocha.Context): void {
  if (REGISTRY_BINARY) return;
  const message =
    'docker-registry is not installed (apt-get install -y docker-registry): ' +
    'the tests against a real registry are SKIPPED';
  if (process.env.CI === 'true') throw new Error(`${message} — CI requires them`);
  process.stderr.write(`\n  !!! ${message} !!!\n\n`);
  suite.skip();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export type RegistryAuth = { kind: 'none' } | { kind: 'basic' } | { kind: 'token' };

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string; variant?: string };
}

export function digestOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A running registry on 127.0.0.1 and the means to fill it. */
export class LocalRegistry {
  private process: ChildProcess | undefined;
  private issuer: TokenIssuer | undefined;
  readonly folder = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-registry-'));
  port = 0;

  constructor(readonly auth: RegistryAuth = { kind: 'none' }) {}

  /** `127.0.0.1:PORT`, as an image reference names the registry. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Requests to the token issuer so far, with whether each carried credentials. */
  get tokenRequests(): { authorized: boolean; scope: string | null }[] {
    return this.issuer?.requests ?? [];
  }

  async start(): Promise<void> {
    this.port = await freePort();
    const storage = path.join(this.folder, 'storage');
    fs.mkdirSync(storage, { recursive: true });
    let auth = '';
    if (this.auth.kind === 'basic') auth = `auth:\n  htpasswd:\n    realm: test-realm\n    path: ${HTPASSWD}\n`;
    if (this.auth.kind === 'token') {
      this.issuer = new TokenIssuer(this.folder);
      await this.issuer.start();
      auth =
        'auth:\n  token:\n' +
        `    realm: http://127.0.0.1:${this.issuer.port}/token\n` +
        '    service: test-registry\n    issuer: test-issuer\n' +
        `    rootcertbundle: ${this.issuer.certificateFile}\n`;
    }
    const config =
      'version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n' +
      `storage:\n  filesystem:\n    rootdirectory: ${storage}\n  delete:\n    enabled: true\n` +
      `http:\n  addr: 127.0.0.1:${this.port}\n${auth}`;
    const configFile = path.join(this.folder, 'config.yml');
    fs.writeFileSync(configFile, config);
    this.process = spawn(REGISTRY_BINARY!, ['serve', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    this.process.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        const response = await fetch(`http://${this.host}/v2/`);
        if (response.status === 200 || response.status === 401) return;
      } catch {
        // not listening yet
      }
      if (this.process.exitCode !== null || Date.now() > deadline)
        throw new Error(`docker-registry did not start: ${errors.slice(0, 2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await this.issuer?.stop();
    this.issuer = undefined;
  }

  /** Stops the registry and removes its folder. */
  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.folder, { recursive: true, force: true });
  }

  /** The Authorization header a pusher uses (push needs it under both kinds of auth). */
  private pushAuthorization(repository: string): string | undefined {
    if (this.auth.kind === 'basic')
      return `Basic ${Buffer.from(`${TEST_USER.username}:${TEST_USER.password}`).toString('base64')}`;
    if (this.auth.kind === 'token') return `Bearer ${this.issuer!.mint(`repository:${repository}:pull,push`)}`;
    return undefined;
  }

  private async send(method: string, url: string, repository: string, body?: Buffer, type?: string) {
    const headers: Record<string, string> = {};
    const authorization = this.pushAuthorization(repository);
    if (authorization) headers.Authorization = authorization;
    if (type) headers['Content-Type'] = type;
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    if (response.status >= 400) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return response;
  }

  /** Uploads a blob (POST to start the upload, PUT with the digest to finish it); returns its descriptor. */
  async pushBlob(repository: string, bytes: Buffer, mediaType: string): Promise<Descriptor> {
    const digest = digestOf(bytes);
    const started = await this.send('POST', `http://${this.host}/v2/${repository}/blobs/uploads/`, repository);
    const location = new URL(started.headers.get('location')!, `http://${this.host}`);
    location.searchParams.set('digest', digest);
    await this.send('PUT', location.toString(), repository, bytes, 'application/octet-stream');
    return { mediaType, digest, size: bytes.length };
  }

  async pushManifest(repository: string, reference: string, manifest: object, mediaType: string): Promise<Descriptor> {
    const bytes = Buffer.from(JSON.stringify(manifest));
    const url = `http://${this.host}/v2/${repository}/manifests/${reference}`;
    const response = await this.send('PUT', url, repository, bytes, mediaType);
    const digest = digestOf(bytes);
    if (response.headers.get('docker-content-digest') !== digest) throw new Error(`unexpected digest for ${url}`);
    return { mediaType, digest, size: bytes.length };
  }

  /**
   * Pushes a one-layer image whose config holds `config` (User,
   * ExposedPorts, Healthcheck...), as an OCI or a Docker manifest, tagged
   * `tag` unless it is only part of an index.
   */
  async pushImage(
    repository: string,
    tag: string | null,
    config: object,
    options: { docker?: boolean; platform?: string; created?: string } = {},
  ): Promise<Descriptor> {
    const [osName, architecture, variant] = (options.platform ?? 'linux/amd64').split('/');
    const configBytes = Buffer.from(
      JSON.stringify({
        architecture,
        os: osName,
        ...(variant ? { variant } : {}),
        created: options.created ?? '2026-11-02T10:00:00Z',
        config,
        rootfs: { type: 'layers', diff_ids: [digestOf(Buffer.from(`layer of ${repository}`))] },
      }),
    );
    const configType = options.docker
      ? 'application/vnd.docker.container.image.v1+json'
      : 'application/vnd.oci.image.config.v1+json';
    const layerType = options.docker
      ? 'application/vnd.docker.image.rootfs.diff.tar.gzip'
      : 'application/vnd.oci.image.layer.v1.tar+gzip';
    const configDescriptor = await this.pushBlob(repository, configBytes, configType);
    const layer = await this.pushBlob(repository, Buffer.from(`layer of ${repository} ${tag}`), layerType);
    const mediaType = options.docker
      ? 'application/vnd.docker.distribution.manifest.v2+json'
      : 'application/vnd.oci.image.manifest.v1+json';
    const manifest = { schemaVersion: 2, mediaType, config: configDescriptor, layers: [layer] };
    const pushed = await this.pushManifest(
      repository,
      tag ?? digestOf(Buffer.from(JSON.stringify(manifest))),
      manifest,
      mediaType,
    );
    return { ...pushed, platform: { os: osName, architecture, ...(variant ? { variant } : {}) } };
  }

  /** Pushes an OCI index of already pushed images under `tag`. */
  async pushIndex(repository: string, tag: string, manifests: Descriptor[]): Promise<Descriptor> {
    const mediaType = 'application/vnd.oci.image.index.v1+json';
    return this.pushManifest(repository, tag, { schemaVersion: 2, mediaType, manifests }, mediaType);
  }
}

/**
 * The token issuer of a `auth: token` registry: answers GET /token with a
 * JWT granting pull on the asked scope — anonymously for repositories under
 * `public/`, only with the test user's basic credentials for others.
 */
class TokenIssuer {
  private server: http.Server | undefined;
  port = 0;
  readonly certificateFile: string;
  private readonly keyFile: string;
  readonly requests: { authorized: boolean; scope: string | null }[] = [];

  constructor(folder: string) {
    this.keyFile = path.join(folder, 'issuer-key.pem');
    this.certificateFile = path.join(folder, 'issuer-cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        this.keyFile,
        '-out',
        this.certificateFile,
        '-days',
        '2',
        '-subj',
        '/CN=docker-harden test token issuer',
      ],
      { stdio: 'ignore' },
    );
  }

  async start(): Promise<void> {
    this.server = http.createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const scope = url.searchParams.get('scope');
      const expected = `Basic ${Buffer.from(`${TEST_USER.username}:${TEST_USER.password}`).toString('base64')}`;
      const authorized = request.headers.authorization === expected;
      this.requests.push({ authorized, scope });
      if (request.headers.authorization && !authorized) {
        response.writeHead(401).end();
        return;
      }
      const repository = /^repository:([^:]+):/.exec(scope ?? '')?.[1] ?? '';
      const granted = repository.startsWith('public/') || authorized ? scope : null;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ token: this.mint(granted) }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** A JWT for `scope` (`repository:name:pull,push`; null grants nothing), signed RS256 with the x5c chain. */
  mint(scope: string | null): string {
    const certificate = new X509Certificate(fs.readFileSync(this.certificateFile));
    const header = { alg: 'RS256', typ: 'JWT', x5c: [certificate.raw.toString('base64')] };
    const now = Math.floor(Date.now() / 1000);
    const match = /^repository:([^:]+):(.+)$/.exec(scope ?? '');
    const claims = {
      iss: 'test-issuer',
      sub: 'tester',
      aud: 'test-registry',
      exp: now + 600,
      nbf: now - 10,
      iat: now,
      jti: `${now}-${Math.random()}`,
      access: match ? [{ type: 'repository', name: match[1], actions: match[2].split(',') }] : [],
    };
    const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signed = `${encode(header)}.${encode(claims)}`;
    const signature = sign('sha256', Buffer.from(signed), createPrivateKey(fs.readFileSync(this.keyFile)));
    return `${signed}.${signature.toString('base64url')}`;
  }
}
