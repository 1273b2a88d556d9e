/**
 * A short seeded run of the mutation fuzzer (scripts/fuzz, `npm run fuzz`)
 * over documents that ship in the repository: the language server (compiled
 * out/, over stdio) and the CLI survive a few hundred hostile inputs, and the
 * fuzzer's own text model and input derivation behave as specified.
 */
import * as assert from 'assert';
import * as path from 'path';
import { loadSeeds, PROJECT_ROOT, runFuzz, type FuzzRun } from '../../scripts/fuzz/fuzz';
import { applyEdits, LspText } from '../../scripts/fuzz/lsp-text';
import { makeInput } from '../../scripts/fuzz/mutations';
import type { FailureKind } from '../../scripts/fuzz/results';

const SEED_DIRS = ['examples', 'test/editor/fixture', 'test/fixtures/fuzz-seeds'].map((dir) =>
  path.join(PROJECT_ROOT, dir),
);

describe('fuzzer text model (LSP lines, UTF-16 characters, edits)', () => {
  it('ends lines at \\n, \\r\\n and a lone \\r', () => {
    const doc = new LspText('a\nbb\r\nccc\rd');
    assert.deepStrictEqual(doc.lineLengths, [1, 2, 3, 1]);
    assert.strictEqual(doc.positionProblem({ line: 2, character: 3 }), undefined);
    assert.match(doc.positionProblem({ line: 2, character: 4 }) ?? '', /beyond the length 3 of line 2/);
    assert.match(doc.positionProblem({ line: 4, character: 0 }) ?? '', /beyond the last line/);
    assert.match(
      doc.rangeProblem({ start: { line: 1, character: 1 }, end: { line: 1, character: 0 } }) ?? '',
      /start is after end/,
    );
  });

  it('counts characters in UTF-16 code units', () => {
    assert.deepStrictEqual(new LspText('\u{1F600}x\n').lineLengths, [3, 0]);
  });

  it('applies edits against the original text, inserts at one place in array order, and refuses overlaps', () => {
    const at = (line: number, character: number) => ({ line, character });
    const text = 'FROM a\nRUN b\n';
    assert.strictEqual(
      applyEdits(text, [
        { range: { start: at(1, 0), end: at(1, 0) }, newText: 'X' },
        { range: { start: at(0, 5), end: at(0, 6) }, newText: 'alpine' },
        { range: { start: at(1, 0), end: at(1, 0) }, newText: 'Y' },
      ]),
      'FROM alpine\nXYRUN b\n',
    );
    assert.throws(
      () =>
        applyEdits(text, [
          { range: { start: at(0, 0), end: at(0, 4) }, newText: '' },
          { range: { start: at(0, 2), end: at(0, 5) }, newText: '' },
        ]),
      /overlap/,
    );
  });
});

describe('fuzz inputs', () => {
  const seeds = loadSeeds(SEED_DIRS);

  it('are the same for the same run seed and index, and differ across seeds', () => {
    for (let index = 0; index < 30; index++) {
      const a = makeInput('cli', 7, index, seeds, 0.05);
      const b = makeInput('cli', 7, index, seeds, 0.05);
      assert.deepStrictEqual(
        [a.name, a.mutations, a.bytes.toString('base64')],
        [b.name, b.mutations, b.bytes.toString('base64')],
      );
    }
    const differing = Array.from({ length: 30 }, (_, i) => i).filter(
      (i) => !makeInput('cli', 7, i, seeds, 0.05).bytes.equals(makeInput('cli', 8, i, seeds, 0.05).bytes),
    );
    assert.ok(differing.length > 20, `only ${differing.length} of 30 inputs differ between seeds 7 and 8`);
  });
});

describe('fuzz smoke run: 150 server and 150 CLI inputs from the repository seeds, seed 1', function () {
  this.timeout(120_000);
  let run: FuzzRun;

  before(async () => {
    run = await runFuzz({
      seeds: loadSeeds(SEED_DIRS),
      seed: 1,
      serverInputs: 150,
      cliInputs: 150,
      budgetMs: 10_000,
      scale: 0.05,
      batchSize: 50,
      serverCommand: [
        process.execPath,
        '--max-old-space-size=448',
        path.join(PROJECT_ROOT, 'out', 'server', 'src', 'lsp', 'main.js'),
        '--stdio',
      ],
      cliCommand: [process.execPath, path.join(PROJECT_ROOT, 'out', 'server', 'src', 'cli', 'entry.js')],
    });
  });

  const none = (kind: FailureKind): void => {
    const found = run.failures.filter((f) => f.kind === kind);
    assert.strictEqual(
      run.summary.counts[kind],
      0,
      found
        .slice(0, 5)
        .map((f) => `${f.stream} #${f.index} ${f.name} [${f.mutations.join(', ')}]: ${f.message}`)
        .join('\n'),
    );
  };

  it('tries every input', () => {
    assert.deepStrictEqual(run.summary.inputs, { server: 150, cli: 150 });
  });
  it('crashes neither the server nor the CLI (no exit, no JSON-RPC error, no stack trace)', () => none('crash'));
  it('always publishes diagnostics within the budget, and the CLI finishes within it', () => none('hang'));
  it('reports no internal-error finding', () => none('internal-error'));
  it('keeps incremental diagnostics equal to those of the same text opened fresh', () => none('mismatch'));
  it('exits 0 or 1 from the CLI (2 is for usage and I/O errors only)', () => none('cli-exit-2'));
  it('prints JSON and SARIF that parse, naming only analysed files', () => none('bad-output'));
  it('keeps every diagnostic, quick-fix edit and CLI position inside its document', () => none('bad-range'));
});
