/** What the server is built from: the store, the assessment settings in force and facts about the data it shows. */
import type { BriefConfig, ConfidenceConfig } from '../config/config.ts';
import type { Store } from '../storage/store.ts';

export interface AppDeps {
  store: Store;
  /** The confidence ladder in force (for readers' source policies and the methodology page). */
  confidence: ConfidenceConfig;
  /** The briefing writer's settings (the optional language model). */
  brief?: BriefConfig;
  /** The absolute address readers reach the server at (config server.publicUrl): links in feeds start with it. */
  publicUrl?: string;
  /** Whether the database holds the fictional demo sample (the UI says so on every page). */
  isSample(): Promise<boolean>;
}
