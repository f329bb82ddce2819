/** Direct quotations with their speaker, found from quote marks and a nearby speech verb. */
import type { EntityMention, Quote } from '../../domain/analysis.ts';

/** Verbs that introduce or close a quotation. */
const SPEECH_VERBS = 'said|says|told|added|stated|wrote|warned|insisted|declared|explained|argued|noted|according to|claimed|announced|urged|asked';

/** Returns the direct quotes of a text; a speaker is given when a named entity stands beside a speech verb. */
export function findQuotes(text: string, entities: EntityMention[]): Quote[] {
  const out: Quote[] = [];
  const re = /[“"]([^”"\n]{12,1200})[”"]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const after = text.slice(end, Math.min(text.length, end + 80));
    const before = text.slice(Math.max(0, start - 120), start);
    const sp = speakerAfter(after, end, entities) ?? speakerBefore(before, start, entities);
    out.push({ start, end, text: m[1] as string, speaker: sp?.speaker ?? null, verb: sp?.verb ?? null, direct: true });
  }
  return out;
}

type Found = { speaker: { text: string; entityId: string | null }; verb: string };

/** `"…," said Jan Kowalski` or `"…," Kowalski said`. */
function speakerAfter(after: string, offset: number, entities: EntityMention[]): Found | null {
  const m = new RegExp(`^[,.]?\\s*(?:(${SPEECH_VERBS})\\s+([^,.;]{2,60})|([^,.;]{2,60}?)\\s+(${SPEECH_VERBS}))`, 'i').exec(after);
  if (!m) return null;
  const name = (m[2] ?? m[3] ?? '').trim();
  const at = offset + after.indexOf(name);
  return { speaker: nameAt(name, at, entities), verb: (m[1] ?? m[4] ?? '').toLowerCase() };
}

/** `Jan Kowalski said: "…"`. */
function speakerBefore(before: string, offset: number, entities: EntityMention[]): Found | null {
  const m = new RegExp(`([^,.;"“”]{2,60}?)\\s+(${SPEECH_VERBS})(?:\\s+\\w+){0,3}[:,]?\\s*$`, 'i').exec(before);
  if (!m) return null;
  const name = (m[1] as string).trim();
  const at = offset - before.length + before.lastIndexOf(name);
  return { speaker: nameAt(name, at, entities), verb: (m[2] as string).toLowerCase() };
}

function nameAt(phrase: string, at: number, entities: EntityMention[]): { text: string; entityId: string | null } {
  const e = entities.find((x) => x.start >= at && x.end <= at + phrase.length && (x.type === 'PERSON' || x.type === 'ORG'));
  return e ? { text: e.text, entityId: e.entityId } : { text: phrase, entityId: null };
}
