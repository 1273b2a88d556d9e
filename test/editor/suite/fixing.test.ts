/**
 * Fixing in a real VS Code: fix-all through `editor.codeActionsOnSave`, for
 * a Dockerfile and a Compose file, written to disk by the save; and the
 * hardening plan's commands as VS Code registers them from the server.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';

function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

async function waitFor<T>(probe: () => T | undefined | PromiseLike<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 30000;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && (!Array.isArray(value) || value.length > 0)) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'docker-harden');

describe('docker-harden fixing in VS Code', () => {
  before(async () => {
    await vscode.workspace
      .getConfiguration('editor')
      .update('codeActionsOnSave', { 'source.fixAll.docker-harden': 'always' }, vscode.ConfigurationTarget.Workspace);
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('editor')
      .update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
  });

  for (const [file, fixed] of [
    ['Dockerfile', [/apt-get install --no-install-recommends -y curl/, /^USER \S+/m]],
    ['compose.yaml', [/privileged: false/, /# keep this comment/]],
  ] as const) {
    it(`runs fix-all on save for fixall/${file}, and the saved file holds the fixes`, async () => {
      const uri = workspaceUri('fixall', file);
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document);
      await waitFor(() => ours(uri), `diagnostics of ${file}`);
      const original = document.getText();
      // The setting reaches the workbench's save participants a moment after update() resolves: save until it has.
      for (let attempt = 0; attempt < 5 && !fixed.every((p) => p.test(document.getText())); attempt++) {
        await editor.edit((edit) => edit.insert(document.lineAt(document.lineCount - 1).range.end, '\n'));
        assert.ok(await document.save(), 'saved');
        if (!fixed.every((p) => p.test(document.getText()))) await new Promise((r) => setTimeout(r, 500));
      }
      for (const pattern of fixed) assert.match(document.getText(), pattern);
      assert.notStrictEqual(document.getText(), original);
      const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.strictEqual(onDisk, document.getText());
    });
  }

  it('offers a quick fix on a Compose service that edits the Dockerfile it builds, and applies it', async () => {
    const compose = workspaceUri('built', 'compose.yaml');
    const dockerfile = workspaceUri('built', 'Dockerfile');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(compose));
    const root = await waitFor(
      () => ours(compose).filter((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'compose-root-user'),
      'the root-user finding',
    );
    const actions = await waitFor(
      () =>
        vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          compose,
          root[0].range,
          vscode.CodeActionKind.QuickFix.value,
        ),
      'code actions',
    );
    const crossFile = actions.find((a) => a.edit?.entries().some(([uri]) => uri.toString() === dockerfile.toString()));
    assert.ok(crossFile?.edit, `a fix editing the Dockerfile among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(crossFile.edit));
    const built = await vscode.workspace.openTextDocument(dockerfile);
    assert.match(built.getText(), /^USER \S+/m);
  });

  it('answers dockerHarden.plan with the services and their measures', async () => {
    const uri = workspaceUri('compose.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const plan = await waitFor(
      () =>
        vscode.commands.executeCommand<{ targets: { name: string; measures: { id: string }[] }[] }>(
          'dockerHarden.plan',
          { uri: uri.toString() },
        ),
      'a plan',
    );
    assert.deepStrictEqual(
      plan.targets.map((t) => t.name),
      ['web'],
    );
    assert.ok(plan.targets[0].measures.some((m) => m.id === 'no-privileged'));
  });
});
