/**
 * What a parsed YAML document defines and refers to (anchors, aliases,
 * references to other services), found in one walk and remembered per
 * document object: an unchanged segment keeps it across versions. Read by
 * the anchor index of a source and by the reuse of unchanged services'
 * findings.
 */
import { isAlias, isCollection, isPair, isScalar, type Document, type Node } from 'yaml';

/** What one parsed document defines and refers to. */
export interface DocumentReferences {
  /** Anchored nodes, in document order. */
  anchors: [string, Node][];
  /** Names of the anchors its aliases refer to. */
  aliases: Set<string>;
  /**
   * The services it names — `extends`, or a `service:` value (`network_mode: service:vpn`); null when one is
   * named in a form not read here (`extends: {file: ...}`).
   */
  namedServices: Set<string> | null;
}

const DOCUMENT_REFERENCES = new WeakMap<Document, DocumentReferences>();

export function documentReferences(document: Document): DocumentReferences {
  let found = DOCUMENT_REFERENCES.get(document);
  if (!found) DOCUMENT_REFERENCES.set(document, (found = walkReferences(document.contents as Node | null)));
  return found;
}

function walkReferences(root: Node | null): DocumentReferences {
  const found: DocumentReferences = { anchors: [], aliases: new Set(), namedServices: new Set() };
  const named = (name: string | null): void => {
    if (name === null) found.namedServices = null;
    else found.namedServices?.add(name);
  };
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      if (isScalar(node.key) && node.key.value === 'extends') named(extendedService(node.value));
      stack.push(node.value, node.key);
      continue;
    }
    if (isAlias(node)) {
      found.aliases.add(node.source);
      continue;
    }
    if (!node) continue;
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim().startsWith('service:'))
      named(node.value.trim().slice('service:'.length).trim() || null);
    const anchored = node as Node & { anchor?: string };
    if (anchored.anchor && anchored.range) found.anchors.push([anchored.anchor, anchored]);
    if (isCollection(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
  }
  return found;
}

/** The service `extends:` names in this file (`extends: web`, `extends: {service: web}`); null for any other form. */
function extendedService(value: unknown): string | null {
  if (isScalar(value)) return typeof value.value === 'string' ? value.value : null;
  if (!isCollection(value) || !('items' in value)) return null;
  let service: string | null = null;
  for (const item of value.items) {
    if (!isPair(item) || !isScalar(item.key)) return null;
    if (item.key.value === 'service' && isScalar(item.value) && typeof item.value.value === 'string')
      service = item.value.value;
    else return null;
  }
  return service;
}
