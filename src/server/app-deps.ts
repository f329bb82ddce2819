/** What the server is built from: the store, the assessment settings in force and facts about the data it shows. */
import type { BriefConfig, ConfidenceConfig, Config } from '../config/config.ts';
import type { Clock } from '../lib/clock.ts';
import type { Store } from '../storage/store.ts';

export interface AppDeps {
  store: Store;
  /** The confidence ladder in force (for readers' source policies and the methodology page). */
  confidence: ConfidenceConfig;
  /** The briefing writer's settings (the optional language model). */
  brief?: BriefConfig;
  /** The absolute address readers reach the server at (config server.publicUrl): links in feeds start with it. */
  publicUrl?: string;
  /** The whole configuration: fetch limits and the SSRF allow-list for submissions, editorial bounds. */
  config: Config;
  /** The time source (sessions, submissions, audit entries). */
  clock: Clock;
  /** Whether the database holds the fictional demo sample (the UI says so on every page). */
  isSample(): Promise<boolean>;
}
