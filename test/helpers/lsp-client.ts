/**
 * An in-process LSP client: the real server wired to a client connection
 * through two PassThrough streams, speaking JSON-RPC as any editor would.
 */
import { PassThrough } from 'stream';
import {
  createConnection,
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from '../../server/src/lsp/server';

export class TestClient {
  readonly connection: MessageConnection;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: (() => void)[] = [];

  private readonly server: { dispose(): Promise<void> };

  /** Servers start without the warm-up by default: it costs each test a few hundred milliseconds and changes no answer. */
  constructor(options: ServerOptions = { warmUp: false }) {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    this.server = startServer(
      createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)),
      options,
    );
    this.connection = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = this.diagnostics.get(params.uri) ?? [];
      list.push(params);
      this.diagnostics.set(params.uri, list);
      this.waiters.splice(0).forEach((wake) => wake());
    });
    this.connection.onRequest('workspace/configuration', () => [{}]);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(locale = 'en', initializationOptions?: unknown): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      capabilities: {},
      locale,
      ...(initializationOptions === undefined ? {} : { initializationOptions }),
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
  }

  change(uri: string, version: number, changes: unknown[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  /** Waits for diagnostics of `uri` published for `version`. */
  async diagnosticsFor(uri: string, version: number, timeoutMs = 5000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (this.diagnostics.get(uri) ?? []).find((d) => d.version === version);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri} v${version}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  /** How many times diagnostics were published for `uri` so far. */
  publishedCount(uri: string): number {
    return (this.diagnostics.get(uri) ?? []).length;
  }

  /** Waits for a publication for `uri`, after the first `count` ones, that satisfies `accept`. */
  async nextDiagnostics(
    uri: string,
    count: number,
    accept: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (this.diagnostics.get(uri) ?? []).slice(count).find(accept);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no new diagnostics for ${uri}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async dispose(): Promise<void> {
    this.connection.dispose();
    await this.server.dispose();
  }
}
