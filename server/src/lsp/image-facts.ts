/**
 * Image facts in the editor: once the user enables them in a trusted
 * workspace, the images each analysis lists are looked up in their
 * registries in the background, and documents whose images gained facts
 * are analysed and published again. Typing is never slower for it: the
 * first diagnostics come from built-in knowledge at once, a document's
 * analyses get only facts already known, and a burst of edits starts at
 * most one lookup per image (the service deduplicates them).
 */
import type { InitializeParams } from 'vscode-languageserver/node';
import type { Language } from '../core/l10n';
import type { Position, TextDocument } from 'vscode-languageserver-textdocument';
import { hasHealthcheck, queryKey, runsAsRoot, type ImageFacts, type ImageQuery } from '../core/image-facts';
import { ImageFactsService } from '../registry/facts-service';
import { DEFAULT_REGISTRIES } from '../registry/reference';
import type { ServerContext, ServerFeature } from './feature';
import { IMAGE_FACTS_NOTIFICATION, type ImageFactsSettings, type InitializationOptions } from './protocol';

export class ImageFactsFeature implements ServerFeature {
  private settings: ImageFactsSettings = {};
  private service: ImageFactsService | undefined;
  /** The images of each open document's last analysis. */
  private readonly imagesOf = new Map<string, readonly ImageQuery[]>();

  constructor(private readonly context: ServerContext) {
    const { connection, analyser, store } = context;
    analyser.imageFactsFor = (uri) => this.knownFacts(uri);
    analyser.onDidAnalyse(({ uri, images }) => {
      const before = this.imagesOf.get(uri) ?? [];
      this.imagesOf.set(uri, images);
      // Facts known already (the disk cache, another document) for an image this analysis did not know it had.
      const given = new Set(before.map(queryKey));
      const document = store.get(uri);
      if (document && images.some((q) => !given.has(queryKey(q)) && this.service?.known(q)))
        analyser.schedule(document);
      this.lookUp(images);
    });
    store.documents.onDidClose(({ document }) => this.imagesOf.delete(document.uri));
    connection.onNotification(IMAGE_FACTS_NOTIFICATION, (settings: ImageFactsSettings) => this.configure(settings));
  }

  initialize(params: InitializeParams): void {
    const options = params.initializationOptions as InitializationOptions | undefined;
    this.configure(options?.imageFacts ?? {}, false);
  }

  /** Whether lookups may happen: enabled, in a trusted workspace (clients without the notion of trust count as trusted). */
  get active(): boolean {
    return this.settings.enabled === true && this.settings.workspaceTrusted !== false;
  }

  private configure(settings: ImageFactsSettings, reanalyse = true): void {
    if (JSON.stringify(settings) === JSON.stringify(this.settings)) return;
    this.settings = { ...settings };
    const log = (line: string): void => this.context.connection.console.info(line);
    this.service = this.active
      ? new ImageFactsService({
          registries: settings.registries ?? DEFAULT_REGISTRIES,
          defaultPlatform: settings.platform || undefined,
          cacheFolder: settings.cacheFolder,
          log,
        })
      : undefined;
    if (reanalyse) for (const document of this.context.store.all()) this.context.analyser.schedule(document);
  }

  /** The facts known now for the images of the document's last analysis (nothing is looked up here). */
  private knownFacts(uri: string): ImageFacts[] | undefined {
    const service = this.service;
    const images = this.imagesOf.get(uri);
    if (!service || !images) return undefined;
    const known = images.map((query) => service.known(query)).filter((facts) => facts !== undefined);
    return known.length > 0 ? known : undefined;
  }

  /** Looks up the document's images not known yet; each answer re-analyses the documents that use that image. */
  private lookUp(images: readonly ImageQuery[]): void {
    const service = this.service;
    if (!service) return;
    for (const query of images) {
      if (service.known(query) || !service.allows(query)) continue;
      void service.lookup(query).then((facts) => {
        if (!facts || service !== this.service) return;
        const key = queryKey(query);
        for (const [other, queries] of this.imagesOf) {
          const document = this.context.store.get(other);
          if (document && queries.some((q) => queryKey(q) === key)) this.context.analyser.schedule(document);
        }
      });
    }
  }

  /** A hover section for the image reference under the cursor, when its facts are known. */
  hoverSection(document: TextDocument, position: Position): string | null {
    const service = this.service;
    const images = this.imagesOf.get(document.uri);
    if (!service || !images) return null;
    const line = document.getText({
      start: { line: position.line, character: 0 },
      end: { line: position.line + 1, character: 0 },
    });
    const word = wordAt(line, position.character);
    if (!word) return null;
    const query = images.find((q) => q.reference === word || word.startsWith(`${q.reference}@`));
    const facts = query && service.known(query);
    return facts ? describeFacts(facts, this.context.language()) : null;
  }
}

/** The image-reference-like word around a column (`nginx:1.27`, `"ghcr.io/org/app:v1"` without its quotes). */
function wordAt(line: string, column: number): string | null {
  const isPart = (char: string | undefined): boolean => char !== undefined && /[\w.:/@-]/.test(char);
  let start = column;
  let end = column;
  while (isPart(line[start - 1])) start--;
  while (isPart(line[end])) end++;
  return end > start ? line.slice(start, end) : null;
}

/** The hover's words, in English and Japanese (the values themselves are the registry's). */
const HOVER_TEXT = {
  en: {
    heading: 'from its registry',
    noUser: 'root (the image sets no user)',
    disabled: 'disabled (NONE)',
    none: 'none',
    unknown: 'unknown',
    user: 'Default user',
    ports: 'Exposed ports',
    healthcheck: 'Healthcheck',
    digest: 'Digest',
    created: 'Created',
  },
  ja: {
    heading: 'レジストリの情報',
    noUser: 'root(イメージがユーザーを設定していません)',
    disabled: '無効(NONE)',
    none: 'なし',
    unknown: '不明',
    user: '既定のユーザー',
    ports: '公開ポート',
    healthcheck: 'ヘルスチェック',
    digest: 'ダイジェスト',
    created: '作成日時',
  },
} as const;

/** The hover text of an image's facts: default user, exposed ports, healthcheck, digest and date. */
export function describeFacts(facts: ImageFacts, language: Language = 'en'): string {
  const t = HOVER_TEXT[language];
  const user = facts.user === '' ? t.noUser : runsAsRoot(facts) ? `${facts.user} (root)` : facts.user;
  const health = hasHealthcheck(facts)
    ? `\`${facts.healthcheck!.join(' ')}\``
    : facts.healthcheck
      ? t.disabled
      : t.none;
  const platformDigest =
    facts.manifestDigest !== facts.digest ? ` (${facts.platform}: \`${facts.manifestDigest}\`)` : '';
  const rows = [
    `**${facts.query.reference}** (${facts.platform}), ${t.heading}`,
    '',
    `- ${t.user}: ${user}`,
    `- ${t.ports}: ${facts.exposedPorts.length > 0 ? facts.exposedPorts.join(', ') : t.none}`,
    `- ${t.healthcheck}: ${health}`,
    `- ${t.digest}: \`${facts.digest}\`${platformDigest}`,
    `- ${t.created}: ${facts.created ?? t.unknown}`,
  ];
  return rows.join('\n');
}

export function registerImageFacts(context: ServerContext): ImageFactsFeature {
  return new ImageFactsFeature(context);
}
