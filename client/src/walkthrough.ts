/**
 * The first-run walkthrough's command: "Open a sample" opens an unsaved Dockerfile (the extension's
 * media/walkthrough/sample.Dockerfile) that shows a finding of each severity and a quick fix, so a new
 * user sees the extension work before opening a project of their own.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../../server/src/lsp/protocol';

/** Shipped in the package (.vscodeignore keeps media/walkthrough/). */
const SAMPLE = ['media', 'walkthrough', 'sample.Dockerfile'];

export function registerWalkthrough(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.openSample, async () => {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, ...SAMPLE));
      // Untitled: nothing is written to the user's disk until they save it.
      const document = await vscode.workspace.openTextDocument({
        language: 'dockerfile',
        content: new TextDecoder().decode(bytes),
      });
      return vscode.window.showTextDocument(document);
    }),
  );
}
