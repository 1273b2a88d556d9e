/**
 * The extension in VS Code's display language: the harness runs this file
 * once in English and once with code-server's display language set to
 * Japanese (DOCKER_HARDEN_EDITOR_LANGUAGE=ja, `--locale ja`): diagnostics,
 * a quick-fix title, the hover and the contributed command titles follow it.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';

const LANGUAGE = process.env.DOCKER_HARDEN_EDITOR_LANGUAGE === 'ja' ? 'ja' : 'en';
const EXTENSION_ID = 'docker-harden.docker-harden';
const TEXT = 'FROM alpine:3.20\nRUN curl -fsSLk https://example.com/tool -o /usr/local/bin/tool\nUSER app\n';

/** What each language shows for the same document. */
const EXPECTED = {
  en: {
    message: /^curl --insecure turns TLS certificate verification off/,
    fix: 'Remove curl -k/--insecure',
    hover: [/\*\*Setting: `USER`\*\*/, /Sets the user to app\./],
    command: 'Harden this service',
  },
  ja: {
    message: /^curl --insecure は TLS 証明書の検証を無効にします/,
    fix: 'curl -k/--insecure を削除',
    hover: [/\*\*設定: `USER`\*\*/, /ユーザーを app に設定します。/],
    command: 'このサービスを堅牢化',
  },
}[LANGUAGE];

async function waitFor<T>(probe: () => T | undefined | PromiseLike<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 30000;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && (!Array.isArray(value) || value.length > 0)) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`docker-harden in the display language (${LANGUAGE})`, () => {
  let document: vscode.TextDocument;

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    const uri = vscode.Uri.joinPath(folder.uri, 'language', 'Dockerfile');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(TEXT));
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
  });

  it(`runs in ${LANGUAGE === 'ja' ? 'Japanese' : 'English'}`, () => {
    assert.strictEqual(vscode.env.language.startsWith('ja') ? 'ja' : 'en', LANGUAGE, vscode.env.language);
  });

  it('writes diagnostics and the quick-fix title in the display language', async () => {
    const [tls] = await waitFor(
      () =>
        vscode.languages
          .getDiagnostics(document.uri)
          .filter((d) => (d.code as { value?: string } | undefined)?.value === 'tls-verification-disabled'),
      'the TLS diagnostic',
    );
    assert.match(tls.message, EXPECTED.message);
    const actions = await waitFor(
      () =>
        vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          document.uri,
          tls.range,
          vscode.CodeActionKind.QuickFix.value,
        ),
      'code actions',
    );
    assert.ok(
      actions.some((a) => a.title === EXPECTED.fix),
      `"${EXPECTED.fix}" among: ${actions.map((a) => a.title).join(', ')}`,
    );
  });

  it('hovers in the display language, on a setting without a finding', async () => {
    const hovers = await waitFor(
      () =>
        vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          document.uri,
          new vscode.Position(2, 2),
        ),
      'hover',
    );
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value)))
      .join('\n');
    for (const expected of EXPECTED.hover) assert.match(text, expected);
  });

  it('titles its commands in the display language', () => {
    // A localized manifest value reads { value, original } in VS Code's extension description, a plain one a string.
    type Title = string | { value: string; original: string };
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { commands: { command: string; title: Title }[] };
    };
    const title = manifest.contributes.commands.find((c) => c.command === 'dockerHarden.hardenService')?.title;
    assert.strictEqual(typeof title === 'object' ? title.value : title, EXPECTED.command);
  });
});
