/**
 * applyEdits follows the LSP: ranges refer to the original text, inserts at
 * one position land in array order, overlapping edits are refused. Each case
 * is also applied by vscode-languageserver-textdocument, the server's own
 * document library, which must agree.
 */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits } from '../../server/src/core/edits';
import type { Position, TextEdit } from '../../server/src/core/types';

const at = (line: number, character: number): Position => ({ line, character });
const insert = (position: Position, newText: string): TextEdit => ({
  range: { start: position, end: position },
  newText,
});
const replace = (start: Position, end: Position, newText: string): TextEdit => ({ range: { start, end }, newText });

/** What the editor's document library makes of the edits. */
function asTheEditorDoes(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 1, text), edits);
}

function assertLikeTheEditor(text: string, edits: TextEdit[], expected: string): void {
  assert.strictEqual(asTheEditorDoes(text, edits), expected, 'the editor library');
  assert.strictEqual(applyEdits(text, edits), expected);
}

describe('applyEdits', () => {
  it('puts several inserts at one position in array order', () => {
    const text = 'services:\n  app:\n    image: x\n';
    assertLikeTheEditor(
      text,
      [insert(at(2, 12), '\n    read_only: true'), insert(at(2, 12), '\n    tmpfs: [/tmp]')],
      'services:\n  app:\n    image: x\n    read_only: true\n    tmpfs: [/tmp]\n',
    );
  });

  it('keeps array order for inserts at one position among edits elsewhere, given in any order', () => {
    const text = 'FROM alpine\nRUN a\n';
    assertLikeTheEditor(
      text,
      [insert(at(2, 0), 'USER 1\n'), replace(at(1, 4), at(1, 5), 'b'), insert(at(2, 0), 'HEALTHCHECK NONE\n')],
      'FROM alpine\nRUN b\nUSER 1\nHEALTHCHECK NONE\n',
    );
  });

  it('lets an insert before a replacement at the same start come first', () => {
    assertLikeTheEditor('abc', [insert(at(0, 1), 'X'), replace(at(0, 1), at(0, 2), 'Y')], 'aXYc');
  });

  it('reads a reversed range as the range it spans', () => {
    assertLikeTheEditor('abcdef', [replace(at(0, 4), at(0, 1), '-')], 'a-ef');
  });

  it('refuses overlapping edits, as the editor does', () => {
    const edits = [replace(at(0, 0), at(0, 3), 'x'), replace(at(0, 2), at(0, 4), 'y')];
    assert.throws(() => asTheEditorDoes('abcdef', edits));
    assert.throws(() => applyEdits('abcdef', edits), /overlapping/);
  });
});
