/**
 * The cost of finding the outlets a report names as the registry grows: provenance's outlet lookups
 * (the names a text mentions, the outlets it cites, the outlet of a report by its site and name) over
 * real texts (the ECB+ articles and the demo and held-out reports), with the shipped registry and with it
 * and 5,000 more outlets (names, aliases and sites of their own), measured side by side in one run. Each
 * size is read three times, alternately; the first round also makes the name patterns the texts need
 * (once a process), and the best of the other two is kept. Each round builds the lookups of a fresh list,
 * as a run does, timed apart from the cost per report. Target: the cost per report with the larger
 * registry within 1.2× of that with the smaller.
 *   npx tsx bench/outlet-names-scale.ts [--extra 5000]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Outlet } from '../src/domain/outlet.ts';
import { shippedOutlets } from '../src/pipeline/acquire/outlet-registry.ts';
import { findCitations } from '../src/pipeline/provenance/citations.ts';
import { findOutletByName, resolveOutlet } from '../src/pipeline/provenance/resolve-outlet.ts';
import { ecbWithWebAddresses, ROOT, sharedBench } from './shared-data.ts';

const EXTRA = process.argv.includes('--extra')
  ? Number(process.argv[process.argv.indexOf('--extra') + 1])
  : 5000;
const events = sharedBench('events');
const files = [
  ...(events ? [ecbWithWebAddresses(events)] : []),
  ...['demo', 'holdout', 'holdout-2'].map((d) => join(ROOT, 'data', d, 'reports.jsonl')),
];
const reports = files.flatMap((f) =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { url: string; outlet?: string; text?: string })
    .filter((r): r is { url: string; outlet?: string; text: string } => typeof r.text === 'string'),
);

/** Outlets of made-up names, one in ten an agency with initials, each with a site. */
function extraOutlets(n: number): Outlet[] {
  const words = [
    'Harbor',
    'Lantern',
    'Meridian',
    'Falcon',
    'Cedar',
    'Summit',
    'Prairie',
    'Coastal',
    'Granite',
  ];
  const ends = ['Ledger', 'Sentinel', 'Gazette', 'Dispatch', 'Chronicle', 'Bulletin', 'Courier'];
  return Array.from({ length: n }, (_, i) => {
    const name = `${words[i % words.length]} ${words[(i * 7) % words.length]} ${ends[i % ends.length]} ${i}`;
    return {
      id: `extra-${i}.example`,
      name,
      domain: `extra-${i}.example`,
      domains: [`extra-${i}.example`],
      kind: i % 10 === 0 ? 'wire' : 'newspaper',
      ownerGroup: i % 3 === 0 ? `Group ${i % 50}` : null,
      country: null,
      tier: 'unrated',
      ...(i % 4 === 0 ? { aliases: [`${words[i % words.length]}${i}`] } : {}),
    } satisfies Outlet;
  });
}

/**
 * One run's lookups over every report: the milliseconds to build the lookups of a fresh list (as each run
 * reads its outlets anew), and then per report.
 */
function pass(registry: readonly Outlet[]): { build: number; perReport: number } {
  const known = [...registry];
  const t0 = process.hrtime.bigint();
  findCitations('Nothing to find.', known, null);
  findOutletByName('Nothing', known);
  const t1 = process.hrtime.bigint();
  for (const r of reports) {
    const own = resolveOutlet({ url: r.url, name: r.outlet ?? null, known });
    if (!known.includes(own)) known.push(own);
    findCitations(r.text, known, own);
  }
  const t2 = process.hrtime.bigint();
  return { build: Number(t1 - t0) / 1e6, perReport: Number(t2 - t1) / 1e6 / reports.length };
}

const small = shippedOutlets();
const large = [...small, ...extraOutlets(EXTRA)];
const runs = { small: [] as ReturnType<typeof pass>[], large: [] as ReturnType<typeof pass>[] };
for (let round = 0; round < 3; round++) {
  runs.small.push(pass(small));
  runs.large.push(pass(large));
}
// The first round also makes the name patterns the texts need (once a process); the best of the others.
const best = (xs: ReturnType<typeof pass>[], k: 'build' | 'perReport') =>
  Math.min(...xs.slice(1).map((x) => x[k]));
const ratio = best(runs.large, 'perReport') / best(runs.small, 'perReport');
console.log(
  JSON.stringify({
    reports: reports.length,
    outlets: { small: small.length, large: large.length },
    msPerReport: {
      small: +best(runs.small, 'perReport').toFixed(3),
      large: +best(runs.large, 'perReport').toFixed(3),
    },
    firstRoundMsPerReport: {
      small: +(runs.small[0] as { perReport: number }).perReport.toFixed(3),
      large: +(runs.large[0] as { perReport: number }).perReport.toFixed(3),
    },
    buildMsPerRun: {
      small: +best(runs.small, 'build').toFixed(1),
      large: +best(runs.large, 'build').toFixed(1),
    },
    ratio: +ratio.toFixed(2),
    target: 1.2,
    pass: ratio <= 1.2,
  }),
);
