/** When a report's event happened: a day its lead states, or one it gives where it tells of the scene. */
import type { ArticleRecord } from '../../domain/article.ts';
import { wordTokens } from '../../lib/text-normalize.ts';

const DAY_MS = 86_400_000;

/** A stated day counts as the event's only this many days before publication (news is recent). */
const WINDOW_DAYS = 10;

/** How far into a report a sentence that puts a day on the scene is looked for. */
const SCENE_SENTENCES = 12;

const DAY_PRECISIONS = new Set(['day', 'hour', 'minute']);

/** The longest span of days taken as one event's ("talks on 6-7 January"); a longer one is a period. */
const MAX_SPAN_DAYS = 14;

/**
 * Returns the report's estimate of its event's day (ISO date), and its last day when the report states a
 * span of days ("on January 6-7", "from 3 to 5 March"), and whether the report states it: a day
 * its lead gives (within the window before publication); else a day a later sentence gives where it
 * names the scene the lead put the event in ("The meeting in Lyon on 4 March …", with Lyon the
 * scene); else the publication day, not stated.
 */
export function eventDateOf(
  rec: ArticleRecord,
  leadEnd: number,
  scene: string | null,
): { value: string | null; stated: boolean; last?: string } {
  const pub = rec.article.publishedAt ? Date.parse(rec.article.publishedAt) : NaN;
  const recent = (iso: string) => {
    if (Number.isNaN(pub)) return true;
    const at = Date.parse(iso);
    return at <= pub + DAY_MS && pub - at <= WINDOW_DAYS * DAY_MS;
  };
  const days = rec.analysis.times.filter((t) => DAY_PRECISIONS.has(t.precision) && recent(t.value.start));
  const inLead = days.find((t) => t.start < leadEnd);
  if (inLead) return stated(inLead);
  const sceneWords = scene ? ` ${wordTokens(scene).join(' ')} ` : null;
  if (sceneWords && sceneWords.trim()) {
    const until = rec.analysis.sentences[SCENE_SENTENCES - 1]?.end ?? rec.article.text.length;
    for (const s of rec.analysis.sentences) {
      if (s.start >= until) break;
      const day = days.find((t) => t.start >= s.start && t.end <= s.end);
      if (!day) continue;
      const words = ` ${wordTokens(rec.article.text.slice(s.start, s.end)).join(' ')} `;
      if (words.includes(sceneWords)) return stated(day);
    }
  }
  return { value: Number.isNaN(pub) ? null : new Date(pub).toISOString().slice(0, 10), stated: false };
}

/** A stated time as the report's day, with its last day when it spans more than one (its end is exclusive). */
function stated(t: ArticleRecord['analysis']['times'][number]): {
  value: string;
  stated: true;
  last?: string;
} {
  const value = t.value.start.slice(0, 10);
  const end = Date.parse(t.value.end) - DAY_MS;
  const days = (end - Date.parse(value)) / DAY_MS;
  const last = days >= 1 && days <= MAX_SPAN_DAYS ? new Date(end).toISOString().slice(0, 10) : undefined;
  return last ? { value, stated: true, last } : { value, stated: true };
}
