/**
 * What the VS Code client and the language server agree on, typed once and
 * imported by both sides: the settings section and the settings it carries,
 * the initialization options, the extension's command ids and the file names
 * both treat as Dockerfiles and Compose files. Types and constants only: the
 * client bundle must not pull in server code (see scripts/build.js).
 */
import type { PlanTarget } from '../core/measures/plan';
import type { Severity } from '../core/types';

/** The configuration section the settings live in; also the language client's id (`dockerHarden.trace.server`). */
export const SETTINGS_SECTION = 'dockerHarden';

/** The settings the server reads from the `dockerHarden` section. */
export interface ServerSettings {
  /** Findings below this severity are not shown. */
  minimumSeverity: Severity;
  /** Rule ids (or concern ids) that are never reported. */
  disabledRules: string[];
  /** The language of messages, fix titles and hovers: `auto` follows the client's locale (`initialize`). */
  language: LanguageSetting;
}

export type LanguageSetting = 'auto' | 'en' | 'ja';

export const DEFAULT_SETTINGS: ServerSettings = { minimumSeverity: 'info', disabledRules: [], language: 'auto' };

/** `initialize`'s `initializationOptions`: the client's settings at start (the server also accepts them bare). */
export interface InitializationOptions {
  settings?: unknown;
  /** The client runs the "Harden this service" wizard: the server offers code lenses and light-bulb entries for it. */
  wizard?: boolean;
  /** Registry lookups of image facts (off unless `enabled`), and where their cache lives. */
  imageFacts?: ImageFactsSettings;
}

/**
 * The `dockerHarden.imageFacts` settings as the client sends them, with the
 * workspace's trust and the cache folder (the extension's global storage).
 * Sent in `initializationOptions.imageFacts` and again, whole, in the
 * `dockerHarden/imageFacts` notification whenever one of them changes.
 */
export interface ImageFactsSettings {
  enabled?: boolean;
  /** Registries that may be asked; the server's defaults when absent. */
  registries?: string[];
  /** The platform for images whose FROM or service names none (`linux/amd64`). */
  platform?: string;
  /** False in an untrusted (restricted mode) workspace: no lookups then, whatever `enabled` says. */
  workspaceTrusted?: boolean;
  cacheFolder?: string;
}

/** The client's notification that the image-facts settings or the workspace's trust changed. */
export const IMAGE_FACTS_NOTIFICATION = 'dockerHarden/imageFacts';

/** The extension's commands, as package.json contributes them. */
export const COMMANDS = {
  restartServer: 'dockerHarden.restartServer',
  showOutput: 'dockerHarden.showOutput',
  hardenService: 'dockerHarden.hardenService',
  hardenAllServices: 'dockerHarden.hardenAllServices',
  openSample: 'dockerHarden.openSample',
} as const;

/** The server's `workspace/executeCommand` commands (CONTRACT.md, "The hardening plan"). */
export const SERVER_COMMANDS = { plan: 'dockerHarden.plan', applyPlan: 'dockerHarden.applyPlan' } as const;

/** File names read as Dockerfiles whatever their language id (a glob alternation). */
export const DOCKERFILE_NAMES = '{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,Containerfile.*}';

/** File names read as Compose files whatever their language id (a glob). */
export const COMPOSE_NAMES = '{compose,docker-compose}*.{yml,yaml}';

/** `dockerHarden.plan`'s answer: the document version it was made for, and its targets with their measures. */
export interface PlanResult {
  uri: string;
  version: number;
  targets: PlanTarget[];
}

/** `dockerHarden.applyPlan`'s argument. */
export interface ApplyPlanArguments {
  uri: string;
  version: number;
  /** A service or stage name; several names (an extension of the contract's form) apply the plan to each in turn. */
  target: string | string[];
  measures: string[];
  inputs?: Record<string, Record<string, string>>;
}
