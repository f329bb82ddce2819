/** How acquisition results are printed: one summary line of counts, then one line per failure (by kind). */
import type { AcquireResult } from '../run/acquire.ts';

/** Most failures listed one by one; the rest are counted. */
const MAX_LISTED = 20;

/** Prints the result as JSON or as text lines (without the failures when the caller names them itself). */
export function printAcquireResult(
  result: AcquireResult,
  json: boolean,
  what: string,
  listFailures = true,
): void {
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(
    `${what}: ${result.new} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.failed} failed${result.skipped ? `, ${result.skipped} skipped (not articles)` : ''}; ${result.eventsCreated} new events, ${result.storiesCreated} new stories`,
  );
  if (!listFailures) return;
  for (const f of result.failures.slice(0, MAX_LISTED))
    console.log(`  failed (${f.kind}): ${f.source}: ${f.message}`);
  if (result.failures.length > MAX_LISTED)
    console.log(`  … and ${result.failures.length - MAX_LISTED} more failures (--json lists them all)`);
}
