/**
 * Warms up the language server's own thread while the analysis worker warms
 * up its own: the document store, the conversion of findings to diagnostics
 * and their serialisation, on the rules' built-in examples. Without it the
 * first document opened pays the JIT's start-up on this side of the worker
 * (tens of milliseconds), and "open" is ten times slower than an edit.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../core/analyze';
import { ALL_RULES } from '../core/rules';
import { toDiagnostic } from './convert';

export function warmUpConversions(rounds = 5): void {
  for (let round = 0; round < rounds; round++) {
    for (const meta of ALL_RULES) {
      const document = TextDocument.create(
        `untitled:docker-harden-warm-up/${meta.id}`,
        meta.kind === 'dockerfile' ? 'dockerfile' : 'yaml',
        1,
        meta.examples.bad,
      );
      TextDocument.update(
        document,
        [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# warm-up\n' }],
        2,
      );
      const { findings } = analyze(document.getText(), { kind: meta.kind });
      JSON.stringify(findings.map((finding, index) => toDiagnostic(finding, document.version, index)));
    }
  }
}
