/** A terminal progress bar for long work, shown only when there is more than a handful of items. */
import cliProgress from 'cli-progress';
import { silentProgress, type Progress } from '../run/progress.ts';

/** Below this many items the work is quick and a bar would only flicker. */
const MIN_ITEMS_FOR_BAR = 5;

/** Returns a progress sink drawing on stderr (or nothing when quiet). */
export function progressBar(quiet: boolean): Progress {
  if (quiet) return silentProgress();
  let bar: cliProgress.SingleBar | null = null;
  return {
    start(total, label) {
      if (total <= MIN_ITEMS_FOR_BAR) return;
      bar = new cliProgress.SingleBar(
        {
          format: `  ${label} [{bar}] {value}/{total} {percentage}% ({duration}s)`,
          stream: process.stderr,
          noTTYOutput: true,
          notTTYSchedule: 1000,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    tick(done) {
      if (done === undefined) bar?.increment();
      else bar?.update(done);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
