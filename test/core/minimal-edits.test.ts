/** One combined edit for many fixes: the minimal line edits between two texts, applied as the LSP applies them. */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { applyEdits } from '../../server/src/core/edits';
import { minimalEdits } from '../../server/src/core/minimal-edits';

describe('minimal edits between two texts', () => {
  it('touches only the lines that changed', () => {
    const before = 'a\nb\nc\nd\n';
    const after = 'a\nB\nc\nd\ne\n';
    const edits = minimalEdits(before, after);
    assert.deepStrictEqual(edits, [
      { range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, newText: 'B\n' },
      { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: 'e\n' },
    ]);
    assert.strictEqual(applyEdits(before, edits), after);
  });

  it('gives no edit for equal texts', () => {
    assert.deepStrictEqual(minimalEdits('x\r\ny', 'x\r\ny'), []);
  });

  it('turns any text into any other, whatever its line ends', () => {
    const text = fc.stringOf(fc.constantFrom('a', 'b', '\n', '\r\n', '\r', ' ', '#', '\u00e9', '\ud83d\ude00'), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(text, text, (before, after) => applyEdits(before, minimalEdits(before, after)) === after),
      { numRuns: 500 },
    );
  });

  it('turns any text of repeated and unique lines into any other (the unique lines anchor the diff)', () => {
    const line = fc.oneof(
      fc.constantFrom('services:\n', '  image: x\n', '    - ALL\n', '\n', 'x\r\n', 'y\r'),
      fc.nat(30).map((n) => `  unique-${n}\n`),
    );
    const text = fc.array(line, { maxLength: 30 }).map((lines) => lines.join(''));
    fc.assert(
      fc.property(text, text, (before, after) => applyEdits(before, minimalEdits(before, after)) === after),
      { numRuns: 1000 },
    );
  });

  it('inserts lines between unchanged ones, as two edits that touch nothing else', () => {
    const before = 'a\nu1\nb\nu2\nc\n';
    const after = 'a\nu1\nb\nB\nu2\nc\nC\n';
    const edits = minimalEdits(before, after);
    assert.deepStrictEqual(edits, [
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: 'B\n' },
      { range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: 'C\n' },
    ]);
  });
});
