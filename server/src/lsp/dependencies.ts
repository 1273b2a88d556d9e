/**
 * Cross-file dependencies: an open document's analysis may read other files
 * (.env and env files, built Dockerfiles, override files, extends and
 * include targets). Open editors' texts stand in for those files, and a
 * change to one, in an editor or on disk, re-analyses the open documents
 * whose last analysis read it.
 */
import { DidChangeWatchedFilesNotification } from 'vscode-languageserver/node';
import type { ServerContext, ServerFeature } from './feature';
import { uriToPath } from './paths';
import { DOCKERFILE_NAMES } from './protocol';

/** The files a Compose file can depend on; extends and include targets may have any YAML name. */
const WATCHED_GLOBS = ['**/.env', '**/*.env', `**/${DOCKERFILE_NAMES}`, '**/*.{yml,yaml}'];

export function registerDependencies({
  connection,
  store,
  analyser,
  watchedFilesChanged,
}: ServerContext): ServerFeature {
  let canWatchFiles = false;
  const reanalyseDependents = (paths: string[], except?: string): void => {
    for (const document of store.dependentsOf(paths, except)) analyser.schedule(document);
  };
  store.documents.onDidChangeContent((event) => {
    const path = uriToPath(event.document.uri);
    if (!path) return;
    analyser.setOverlay(path, event.document.getText());
    reanalyseDependents([path], event.document.uri);
  });
  store.documents.onDidClose((event) => {
    const path = uriToPath(event.document.uri);
    if (path) analyser.setOverlay(path, null);
  });
  connection.onDidChangeWatchedFiles((change) => {
    const paths = change.changes.map((c) => uriToPath(c.uri)).filter((p): p is string => Boolean(p));
    // The connection takes one handler: the configuration hears of its files from here.
    watchedFilesChanged(paths);
    reanalyseDependents(paths);
  });
  return {
    initialize(params) {
      canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    },
    initialized() {
      if (!canWatchFiles) return;
      const watchers = WATCHED_GLOBS.map((globPattern) => ({ globPattern }));
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
    },
  };
}
