/**
 * Where SARIF results point: regions, the artifact URIs relative to the working directory (%SRCROOT%),
 * the other file a finding comes from as a related location, and fixes as artifact changes of every
 * file they edit. Nothing here writes a path of the machine: absolute paths become relative to the
 * working directory, in URIs and in the texts (messages name the Dockerfile a service builds).
 */
import * as path from 'path';
import type { Finding, TextEdit } from '../../core/types';

/** Turns absolute paths into paths relative to the working directory: in a URI, or inside a text. */
export interface PathHider {
  (text: string): string;
  cwd: string;
}

export function machinePathsHidden(cwd: string): PathHider {
  const prefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  const hide = (text: string): string => text.split(prefix).join('');
  return Object.assign(hide, { cwd });
}

/** A path as a URI reference relative to the working directory, with forward slashes. */
export function relativeUri(file: string, cwd: string): string {
  const relative = path.isAbsolute(file) ? path.relative(cwd, file) : file;
  return encodeURI(relative.split(path.sep).join('/').split('\\').join('/'));
}

export function region(range: Finding['range']) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** Where the other file a finding comes from is written: its file, and the place when the core knows it. */
export function relatedLocations(finding: Finding, hide: PathHider) {
  if (!finding.relatedFile) return {};
  const location = {
    id: 0,
    physicalLocation: {
      artifactLocation: { uri: relativeUri(finding.relatedFile, hide.cwd), uriBaseId: '%SRCROOT%' },
      ...(finding.relatedRange ? { region: region(finding.relatedRange) } : {}),
    },
    message: { text: 'The file this finding comes from.' },
  };
  return { relatedLocations: [location] };
}

function artifactChange(uri: string, edits: TextEdit[]) {
  return {
    artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
    replacements: edits.map((edit) => ({ deletedRegion: region(edit.range), insertedContent: { text: edit.newText } })),
  };
}

/** A finding's fixes, each with a change per file it edits (this one at `uri`, the Dockerfile it builds...). */
export function sarifFixes(finding: Finding, uri: string, hide: PathHider) {
  const fixes = finding.fixes.flatMap((fix) => {
    const changes = [
      ...(fix.edits.length > 0 ? [artifactChange(uri, fix.edits)] : []),
      ...(fix.otherFiles ?? [])
        .filter((other) => other.edits.length > 0)
        .map((other) => artifactChange(relativeUri(other.path, hide.cwd), other.edits)),
    ];
    return changes.length > 0 ? [{ description: { text: hide(fix.title) }, artifactChanges: changes }] : [];
  });
  return fixes.length > 0 ? { fixes } : {};
}
