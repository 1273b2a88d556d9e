/**
 * Positions over JSON-RPC: the same document with `\n`, `\r\n` or lone `\r`
 * line ends gets the same diagnostics at the same places, and every code
 * action, applied as the client applies it, gives the fixed document with
 * the document's own line ends; a byte order mark stays first.
 */
import * as assert from 'assert';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../../server/src/core/types';
import { TestClient } from '../helpers/lsp-client';

const DOCKERFILE = 'FROM alpine:3.20\nRUN curl -fsSLk https://example.com/x -o /x \\\n    && echo done\nEXPOSE 22\n';
const COMPOSE =
  'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n    cap_add:\n      - SYS_ADMIN\n  db:\n    image: postgres:16\n';
const DOCUMENTS = [
  { uri: 'file:///w/Dockerfile', languageId: 'dockerfile', text: DOCKERFILE },
  { uri: 'file:///w/compose.yaml', languageId: 'dockercompose', text: COMPOSE },
];
const LINE_ENDS = { LF: '\n', CRLF: '\r\n', CR: '\r' } as const;
const withLineEnds = (text: string, eol: string): string => text.replace(/\r\n|\r|\n/g, eol);

/** What the client does with a code action: apply its edits with the LSP's own document model. */
function apply(text: string, action: CodeAction, uri: string): string {
  const edits = action.edit?.changes?.[uri] as TextEdit[];
  return TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 1, text), edits);
}

async function diagnosticsAndActions(
  client: TestClient,
  uri: string,
  languageId: string,
  text: string,
  version: number,
): Promise<{ diagnostics: Diagnostic[]; actions: CodeAction[][] }> {
  await client.open(uri, languageId, text, version);
  const { diagnostics } = await client.diagnosticsFor(uri, version);
  const actions: CodeAction[][] = [];
  for (const diagnostic of diagnostics) {
    actions.push(
      (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      })) as CodeAction[],
    );
  }
  return { diagnostics, actions };
}

describe('language server positions with any line ends', () => {
  let client: TestClient;
  beforeEach(async () => {
    client = new TestClient();
    await client.initialize();
  });
  afterEach(() => client.dispose());

  for (const { uri, languageId, text: written } of DOCUMENTS) {
    it(`publishes the same diagnostics for ${uri.split('/').pop()} whatever its line ends, and actions that keep them`, async () => {
      const expected = await diagnosticsAndActions(client, uri, languageId, written, 1);
      assert.ok(expected.diagnostics.length > 2);
      let version = 1;
      for (const [name, eol] of Object.entries(LINE_ENDS)) {
        const text = withLineEnds(written, eol);
        const uriFor = uri.replace('/w/', `/w/${name}/`);
        const found = await diagnosticsAndActions(client, uriFor, languageId, text, ++version);
        assert.deepStrictEqual(
          found.diagnostics.map((d) => [d.code, d.range, d.message]),
          expected.diagnostics.map((d) => [d.code, d.range, d.message]),
          name,
        );
        const document = TextDocument.create(uriFor, languageId, 1, text);
        found.actions.forEach((actions, i) => {
          assert.deepStrictEqual(
            actions.map((a) => a.title),
            expected.actions[i].map((a) => a.title),
          );
          actions.forEach((action, k) => {
            for (const edit of action.edit?.changes?.[uriFor] ?? []) {
              for (const position of [edit.range.start, edit.range.end])
                assert.deepStrictEqual(
                  document.positionAt(document.offsetAt(position)),
                  position,
                  'inside the document',
                );
            }
            const fixed = apply(text, action, uriFor);
            assert.strictEqual(
              fixed,
              withLineEnds(apply(written, expected.actions[i][k], uri), eol),
              `${action.title} with ${name}`,
            );
            if (eol !== '\n')
              assert.ok(
                !/(^|[^\r])\n/.test(fixed) || eol === '\r\n',
                `${action.title} inserted a line feed into a ${name} document`,
              );
          });
        });
      }
    });
  }

  it('hovers a rule id in a suppression comment on the line LSP counts, with lone CR line ends', async () => {
    const uri = 'file:///w/cr/hover/Dockerfile';
    await client.open(uri, 'dockerfile', 'FROM alpine:3.20\r# docker-harden-ignore root-user -- test\rUSER root\r', 1);
    await client.diagnosticsFor(uri, 1);
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: 25 },
    })) as Hover | null;
    assert.match((hover?.contents as { value: string } | undefined)?.value ?? '', /root-user/);
    const beside = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: 5 },
    })) as Hover | null;
    assert.strictEqual(beside, null);
  });

  it('keeps a byte order mark first when an action inserts a line at the top', async () => {
    const uri = 'file:///w/bom/Dockerfile';
    const text = '\uFEFFFROM alpine:3.20\nUSER root\n';
    const { diagnostics, actions } = await diagnosticsAndActions(client, uri, 'dockerfile', text, 1);
    const digest = diagnostics.find((d) => d.code === 'base-image-without-digest');
    assert.deepStrictEqual(digest?.range.start, { line: 0, character: 6 }, 'the mark counts as a character');
    assert.ok(actions.flat().some((a) => a.title.startsWith('Ignore') && a.title.endsWith('in this file')));
    for (const action of actions.flat()) {
      const fixed = apply(text, action, uri);
      assert.ok(fixed.startsWith('\uFEFF'), `${action.title}: ${JSON.stringify(fixed)}`);
    }
  });
});
