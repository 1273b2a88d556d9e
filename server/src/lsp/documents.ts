/**
 * The one store of per-document state: the open documents' text (kept in
 * step with the client by `TextDocuments`) and, for each, what the server
 * knows beyond its text: the findings of its last analysis and the version
 * they were computed for, the files that analysis read, whether the budget
 * stopped it, and the key its parse caches are kept under. Every feature
 * reads documents from here; only the analyser writes analysis state.
 */
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, FindingSubject } from '../core/types';

/** The findings of one analysis of a document, with the version analysed. */
export interface Analysed {
  version: number;
  findings: readonly Finding[];
  /** The document's services or stages, with or without findings: the wizard's targets. */
  subjects?: readonly FindingSubject[];
}

/** What the server knows about one open document beyond its text. */
export interface DocumentState {
  /** The key the analysis workers keep this document's parse caches under (its URI). */
  readonly cacheKey: string;
  /** The last analysis whose findings were published; none until the first one finishes. */
  analysed?: Analysed;
  /** Files its last analysis read (.env, built Dockerfiles, env_file...), found or not. */
  filesRead: ReadonlySet<string>;
  /** Whether the budget stopped its last analysis. */
  stopped: boolean;
}

export class DocumentStore {
  /** The open documents' text, synchronised with the client (`listen` it on the connection). */
  readonly documents = new TextDocuments(TextDocument);
  private readonly states = new Map<string, DocumentState>();

  /** The open document with this URI, or undefined once (or before) it is open. */
  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TextDocument[] {
    return this.documents.all();
  }

  /** The state of an open document (created on first use). */
  state(uri: string): DocumentState {
    let state = this.states.get(uri);
    if (!state) this.states.set(uri, (state = { cacheKey: uri, filesRead: new Set(), stopped: false }));
    return state;
  }

  /** The last published analysis of a document, if any. */
  analysed(uri: string): Analysed | undefined {
    return this.states.get(uri)?.analysed;
  }

  /** Whether the budget stopped the document's last analysis. */
  wasStopped(uri: string): boolean {
    return this.states.get(uri)?.stopped === true;
  }

  /** The open documents (but `except`) whose last analysis read one of these paths. */
  dependentsOf(paths: readonly string[], except?: string): TextDocument[] {
    return this.all().filter((document) => {
      const read = document.uri !== except ? this.states.get(document.uri)?.filesRead : undefined;
      return read !== undefined && paths.some((path) => read.has(path));
    });
  }

  /** Drops what the server knew about a closed document. */
  forget(uri: string): void {
    this.states.delete(uri);
  }
}
