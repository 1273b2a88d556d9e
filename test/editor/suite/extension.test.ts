/**
 * The extension inside a real VS Code: activation, diagnostics with ranges,
 * codes and source, quick fixes applied through the editor's own API, hover,
 * contributed commands, and diagnostics following edits.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'docker-harden.docker-harden';
/** Set by the harness's self-check: one assertion expects the wrong thing, so the run must fail. */
const BROKEN = process.env.DOCKER_HARDEN_EDITOR_BREAK === '1';

async function waitFor<T>(
  probe: () => T | undefined | PromiseLike<T | undefined>,
  what: string,
  timeoutMs = 30000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && (!Array.isArray(value) || value.length > 0)) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'docker-harden');
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

describe('docker-harden in VS Code', () => {
  let dockerfile: vscode.TextDocument;

  before(async () => {
    dockerfile = await vscode.workspace.openTextDocument(workspaceUri('Dockerfile'));
    await vscode.window.showTextDocument(dockerfile);
  });

  it('activates on a Dockerfile', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await waitFor(() => (extension.isActive ? true : undefined), 'activation');
    assert.strictEqual(dockerfile.languageId, 'dockerfile');
  });

  it('runs from where the harness put it (development folder or installed .vsix), trusted or in Restricted Mode', () => {
    // "vsix,restricted" and the like, set by test/editor/harness/api-tests.js; absent under @vscode/test-electron.
    const expected = process.env.DOCKER_HARDEN_EDITOR_EXPECT;
    if (!expected) return;
    const [source, trust] = expected.split(',');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    // An installed extension lives in the extensions directory, as publisher.name-version; its package has no sources.
    const installed = /docker-harden\.docker-harden-\d/.test(extension.extensionPath);
    assert.strictEqual(installed ? 'vsix' : 'development', source, extension.extensionPath);
    assert.strictEqual(vscode.workspace.isTrusted ? 'trusted' : 'restricted', trust);
  });

  it('publishes diagnostics with exact ranges, rule codes, documentation links and its source', async () => {
    const tls = await waitFor(
      () => ours(dockerfile.uri).filter((d) => codeOf(d) === 'tls-verification-disabled'),
      'TLS diagnostic',
    );
    assert.strictEqual(tls.length, 1);
    assert.deepStrictEqual(
      [tls[0].range.start.line, tls[0].range.start.character, tls[0].range.end.line, tls[0].range.end.character],
      [1, 9, 1, BROKEN ? 99 : 15],
    );
    assert.strictEqual(tls[0].severity, vscode.DiagnosticSeverity.Error);
    const code = tls[0].code as { value: string; target: vscode.Uri };
    assert.match(code.target.toString(), /docs\/rules\/tls-verification-disabled\.md$/);
  });

  it('shows the rule documentation on hover', async () => {
    const hovers = await waitFor(
      () =>
        vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          dockerfile.uri,
          new vscode.Position(1, 12),
        ),
      'hover',
    );
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value)))
      .join('\n');
    assert.match(text, /TLS certificate verification is turned off/);
    assert.match(text, /docker-harden-ignore tls-verification-disabled/);
  });

  it('applies a quick fix through the editor and the diagnostic goes away', async () => {
    const tls = ours(dockerfile.uri).find((d) => codeOf(d) === 'tls-verification-disabled');
    assert.ok(tls);
    const actions = await waitFor(
      () =>
        vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          dockerfile.uri,
          tls.range,
          vscode.CodeActionKind.QuickFix.value,
        ),
      'code actions',
    );
    const fix = actions.find((a) => a.title === 'Remove curl -k/--insecure');
    assert.ok(fix?.edit, `fix offered among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(dockerfile.lineAt(1).text, 'RUN curl -fsSL https://example.com/tool -o /usr/local/bin/tool');
    await waitFor(
      () => (ours(dockerfile.uri).some((d) => codeOf(d) === 'tls-verification-disabled') ? undefined : true),
      'diagnostic cleared',
    );
  });

  it('updates diagnostics as the document is edited', async () => {
    const editor = await vscode.window.showTextDocument(dockerfile);
    await editor.edit((edit) => edit.insert(new vscode.Position(2, 0), 'RUN sudo apk add --no-cache git\n'));
    const sudo = await waitFor(
      () => ours(dockerfile.uri).filter((d) => codeOf(d) === 'privilege-escalation-tools'),
      'sudo diagnostic',
    );
    assert.deepStrictEqual([sudo[0].range.start.line, sudo[0].range.start.character], [2, 4]);
  });

  it('contributes its commands, and restarting the server brings diagnostics back', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['dockerHarden.restartServer', 'dockerHarden.showOutput'])
      assert.ok(commands.includes(id), `${id} registered`);
    await vscode.commands.executeCommand('dockerHarden.restartServer');
    await waitFor(
      () => ours(dockerfile.uri).filter((d) => codeOf(d) === 'privilege-escalation-tools'),
      'diagnostics after restart',
    );
  });

  it('analyses a Compose file: privileged at the value, a quick fix that sets it to false', async () => {
    const compose = await vscode.workspace.openTextDocument(workspaceUri('compose.yaml'));
    await vscode.window.showTextDocument(compose);
    const privileged = await waitFor(
      () => ours(compose.uri).filter((d) => codeOf(d) === 'compose-privileged'),
      'compose diagnostic',
    );
    assert.deepStrictEqual(
      [privileged[0].range.start.line, privileged[0].range.start.character, privileged[0].range.end.character],
      [3, 16, 20],
    );
    const actions = await waitFor(
      () =>
        vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          compose.uri,
          privileged[0].range,
          vscode.CodeActionKind.QuickFix.value,
        ),
      'compose code actions',
    );
    const fix = actions.find((a) => a.title.startsWith('Set privileged: false'));
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(compose.lineAt(3).text, '    privileged: false');
    await waitFor(
      () => (ours(compose.uri).some((d) => codeOf(d) === 'compose-privileged') ? undefined : true),
      'compose diagnostic cleared',
    );
  });

  it('leaves YAML that is not a Compose file alone', async () => {
    const workflow = await vscode.workspace.openTextDocument(workspaceUri('.github', 'workflows', 'ci.yml'));
    await vscode.window.showTextDocument(workflow);
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepStrictEqual(ours(workflow.uri), []);
  });

  it("opens the walkthrough's sample: an unsaved Dockerfile with an error that has a quick fix", async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('dockerHarden.openSample');
    const sample = editor.document;
    assert.deepStrictEqual([sample.uri.scheme, sample.languageId, sample.isDirty], ['untitled', 'dockerfile', true]);
    const tls = await waitFor(
      () => ours(sample.uri).filter((d) => codeOf(d) === 'tls-verification-disabled'),
      "the sample's TLS diagnostic",
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      sample.uri,
      tls[0].range,
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.ok(actions.some((action) => action.title === 'Remove curl -k/--insecure'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
