/**
 * A loopback HTTP proxy in front of a registry that holds every request
 * until the test opens its gate, and counts the connections made to it: so
 * a test can see what is published before any lookup completes, and that
 * no connection is attempted at all when the feature is off.
 */
import * as http from 'http';
import type * as net from 'net';

export class GatedProxy {
  private readonly server: http.Server;
  private readonly sockets = new Set<net.Socket>();
  private open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  /** Connections accepted so far. */
  connections = 0;
  /** Requests received so far (held or answered). */
  requests = 0;
  port = 0;

  /** `target`: the registry's `host:port`; null for a proxy that answers nothing (it only counts). */
  constructor(private readonly target: string | null) {
    this.server = http.createServer((request, response) => void this.forward(request, response));
    this.server.on('connection', (socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Lets the held requests and all later ones through. */
  release(): void {
    this.open();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async forward(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    this.requests++;
    await this.gate;
    if (!this.target) {
      response.writeHead(503).end();
      return;
    }
    try {
      const upstream = await fetch(`http://${this.target}${request.url}`, {
        method: request.method,
        headers: Object.fromEntries(
          ['accept', 'authorization'].flatMap((name) => {
            const value = request.headers[name];
            return typeof value === 'string' ? [[name, value]] : [];
          }),
        ),
        redirect: 'manual',
      });
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'docker-content-digest', 'www-authenticate', 'location']) {
        const value = upstream.headers.get(name);
        if (value) headers[name] = value;
      }
      response.writeHead(upstream.status, headers);
      response.end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      response.writeHead(502).end();
    }
  }
}
