/**
 * Diagnostics: analyses each document when it opens and on every change,
 * publishes the findings of each analysis still current when it ends, and
 * clears them when the document closes.
 */
import { TextDocumentSyncKind } from 'vscode-languageserver/node';
import { toDiagnostic } from './convert';
import type { ServerContext, ServerFeature } from './feature';

export function registerDiagnostics({ connection, store, analyser, language }: ServerContext): ServerFeature {
  store.documents.onDidOpen((event) => {
    connection.console.log(`analysing ${event.document.uri} (${event.document.languageId})`);
    analyser.schedule(event.document);
  });
  store.documents.onDidChangeContent((event) => analyser.schedule(event.document));
  store.documents.onDidClose((event) => {
    const { uri } = event.document;
    analyser.forget(uri);
    store.forget(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });
  analyser.onDidAnalyse(({ uri, version, findings }) => {
    void connection.sendDiagnostics({
      uri,
      version,
      // The language the findings were analysed in: a change of language re-analyses every document.
      diagnostics: findings.map((finding, index) => toDiagnostic(finding, version, index, language())),
    });
  });
  return { capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } } };
}
