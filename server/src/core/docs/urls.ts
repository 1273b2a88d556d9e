/** Where each rule's documentation lives; the one place that knows the URL scheme. */
export const DOCS_BASE_URL = 'https://github.com/docker-harden/docker-harden/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

export const TOOL_NAME = 'docker-harden';
