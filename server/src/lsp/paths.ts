/** Document URIs to the paths the analysis reads them under. */
import { fileURLToPath, pathToFileURL } from 'url';

/** The file path of a `file:` URI; for other schemes the URI without its scheme, which still tells the kind. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) {
    // untitled:Untitled-1 and other schemes: keep the last path segment for kind detection.
    return uri.replace(/^[a-z-]+:/i, '');
  }
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The `file:` URI of an absolute path, as clients name documents. */
export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
