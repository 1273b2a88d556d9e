/**
 * The VS Code extension: starts the docker-harden language server over IPC
 * for Dockerfiles and Compose files, shows its output channel, and restarts
 * it on demand. All analysis happens in the server.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  COMMANDS,
  COMPOSE_NAMES,
  DOCKERFILE_NAMES,
  IMAGE_FACTS_NOTIFICATION,
  SETTINGS_SECTION,
  type ImageFactsSettings,
  type InitializationOptions,
} from '../../server/src/lsp/protocol';
import { registerWalkthrough } from './walkthrough';
import { registerWizard } from './wizard';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

/** Documents the server analyses: Dockerfiles by language or name, Compose files, and YAML it inspects by content. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'untitled', language: 'dockerfile' },
  { scheme: 'file', language: 'dockercompose' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', pattern: `**/${DOCKERFILE_NAMES}` },
  { scheme: 'file', pattern: `**/${COMPOSE_NAMES}` },
];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Docker Harden');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      output?.appendLine('Restarting the docker-harden language server…');
      await stopClient();
      await startClient(context);
    }),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output?.show(true)),
  );
  registerWizard(context, () => client);
  registerWalkthrough(context);
  // Image facts follow their settings and the workspace's trust while the server runs.
  const sendImageFacts = (): void =>
    void client?.sendNotification(IMAGE_FACTS_NOTIFICATION, imageFactsSettings(context));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((change) => {
      if (change.affectsConfiguration(`${SETTINGS_SECTION}.imageFacts`)) sendImageFacts();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(sendImageFacts),
  );
  await startClient(context);
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  // A capped heap keeps memory bounded while large Compose files are edited
  // (see server/bin/docker-harden-language-server.js).
  const heapLimit = '--max-old-space-size=448';
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [heapLimit] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [heapLimit, '--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    synchronize: { configurationSection: SETTINGS_SECTION },
    initializationOptions: initializationOptions(context),
    middleware: {
      // The "Ignore" quick fixes' reason as a tab stop to type over (LSP code actions carry no snippets).
      provideCodeActions: async (document, range, context, token, next) =>
        withReasonSnippets(await next(document, range, context, token)),
      // The lenses' own setting, read per file so a folder can turn them off.
      provideCodeLenses: (document, token, next) =>
        vscode.workspace.getConfiguration(SETTINGS_SECTION, document.uri).get<boolean>('codeLens.enabled', true)
          ? next(document, token)
          : [],
    },
  };
  client = new LanguageClient(SETTINGS_SECTION, 'Docker Harden', serverOptions, clientOptions);
  await client.start();
}

/** A suppression comment the server inserts, ending in its reason placeholder (server/src/lsp/code-actions.ts). */
const SUPPRESSION_WITH_PLACEHOLDER = /^([ \t]*# docker-harden-ignore(?:-[a-z]+)? [^\r\n]* -- )reason(\r?\n|\r)$/;

/**
 * Each "Ignore" quick fix with its single inserted comment turned into a
 * snippet edit whose reason is a selected placeholder; other actions, and
 * every action in clients without this middleware, stay plain text.
 */
function withReasonSnippets(
  actions: (vscode.Command | vscode.CodeAction)[] | null | undefined,
): (vscode.Command | vscode.CodeAction)[] | null | undefined {
  for (const action of actions ?? []) {
    if (!(action instanceof vscode.CodeAction) || !action.edit || action.edit.size !== 1) continue;
    const [[uri, edits]] = action.edit.entries();
    const match = edits.length === 1 ? SUPPRESSION_WITH_PLACEHOLDER.exec(edits[0].newText) : null;
    if (!match) continue;
    const snippet = new vscode.SnippetString().appendText(match[1]).appendPlaceholder('reason').appendText(match[2]);
    const edit = new vscode.WorkspaceEdit();
    edit.set(uri, [vscode.SnippetTextEdit.insert(edits[0].range.start, snippet)]);
    action.edit = edit;
  }
  return actions;
}

function initializationOptions(context: vscode.ExtensionContext): InitializationOptions {
  // `wizard`: this client has the "Harden this service" command, so the server may offer lenses that open it.
  return {
    settings: vscode.workspace.getConfiguration(SETTINGS_SECTION),
    wizard: true,
    imageFacts: imageFactsSettings(context),
  };
}

/** The image-facts settings, the workspace's trust, and the cache folder in the extension's global storage. */
function imageFactsSettings(context: vscode.ExtensionContext): ImageFactsSettings {
  const settings = vscode.workspace.getConfiguration(`${SETTINGS_SECTION}.imageFacts`);
  return {
    enabled: settings.get<boolean>('enabled', false),
    registries: settings.get<string[]>('registries'),
    platform: settings.get<string>('platform'),
    workspaceTrusted: vscode.workspace.isTrusted,
    cacheFolder: vscode.Uri.joinPath(context.globalStorageUri, 'image-facts').fsPath,
  };
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
