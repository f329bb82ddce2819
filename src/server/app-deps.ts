/** What the server is built from: the store and facts about the data it shows. */
import type { Store } from '../storage/store.ts';

export interface AppDeps {
  store: Store;
  /** Whether the database holds the fictional demo sample (the UI says so on every page). */
  isSample(): Promise<boolean>;
}
