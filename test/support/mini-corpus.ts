/** A tiny store built through the real pipeline, for server and browser tests. */
import { parseConfig } from '../../src/config/config.ts';
import type { SourcedInput } from '../../src/pipeline/acquire/read-inputs.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { ingest } from '../../src/run/ingest.ts';
import { openStore, type Store } from '../../src/storage/store.ts';
import type { TestDatabase } from './databases.ts';

const para = (s: string) => `${s}\n\nThe agency said further details would follow later in the week.`;

/** Reports of two events: three outlets on a harbour fire, one (with markup in its title) on a council vote. */
export const MINI_REPORTS: SourcedInput[] = [
  {
    id: 'm1',
    url: 'https://harbour-news.example/fire',
    outlet: 'Harbour News',
    publishedAt: '2025-06-02T09:00:00Z',
    title: 'Fire breaks out at Valletta grain warehouse',
    text: para(
      'A fire broke out at a grain warehouse in Valletta harbour on Monday, and firefighters evacuated 40 workers from the quay.',
    ),
  },
  {
    id: 'm2',
    url: 'https://island-times.example/warehouse',
    outlet: 'Island Times',
    publishedAt: '2025-06-02T11:00:00Z',
    title: 'Valletta harbour warehouse fire forces evacuation',
    text: para(
      'Firefighters fought a blaze at a Valletta harbour grain warehouse on Monday after 40 workers were evacuated from the quay.',
    ),
  },
  {
    id: 'm3',
    url: 'https://med-wire.example/valletta',
    outlet: 'Med Wire',
    publishedAt: '2025-06-02T12:00:00Z',
    title: 'Grain warehouse burns in Valletta harbour',
    text: para(
      'A grain warehouse burned in Valletta harbour on Monday; 40 quay workers were evacuated and firefighters contained the blaze.',
    ),
  },
  {
    id: 'm4',
    url: 'https://town-crier.example/vote',
    outlet: 'Town Crier',
    publishedAt: '2025-09-10T09:00:00Z',
    title: 'Council <script>alert(1)</script> vote on budget',
    text: para(
      'The Mdina town council voted on Tuesday to approve a new budget for road repairs and street lighting.',
    ),
  },
].map((input, i) => ({ input, origin: { file: 'mini', line: i + 1 } }));

/** Ingests the mini corpus into the store and marks it as a fictional sample. */
export async function loadMiniCorpus(store: Store): Promise<void> {
  await store.settings.set('dataset.sample', 'fictional');
  await ingest({ store, config: parseConfig({}), clock: fixedClock('2025-10-01T00:00:00Z') }, MINI_REPORTS);
}

/** A fresh database holding the mini corpus, as the command line's `--db` names it (for command-line tests). */
export async function miniCorpusAt(db: TestDatabase): Promise<string> {
  const address = await db.address();
  const store = await openStore(address);
  try {
    await loadMiniCorpus(store);
  } finally {
    await store.close();
  }
  return address;
}
