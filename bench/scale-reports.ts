/** The generated text reports bench/scale.ts and bench/workers.ts ingest (bench/web-world.ts's generator). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planEvents, planWorld } from './web-world.ts';

/** Generated text reports (another seed than the stored ones), as ingest's JSONL. */
export function writeScaleReports(n: number, dir: string): string {
  const world = planWorld(Math.max(n * 2, 1000), 4242);
  const lines: string[] = [];
  for (const batch of planEvents(world, 200)) {
    for (const a of batch.articles) {
      const version = batch.versions.find((v) => v.article_id === a.id);
      if (!version) continue;
      const extracted = JSON.parse(version.extracted_json as string) as { outlet: string | null };
      lines.push(
        JSON.stringify({
          id: `scale-${a.id}`,
          url: `${a.url}?scale`,
          outlet: extracted.outlet,
          publishedAt: a.published_at,
          title: a.title,
          text: version.text,
        }),
      );
      if (lines.length === n) break;
    }
    if (lines.length === n) break;
  }
  const file = join(dir, `reports-${n}.jsonl`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
