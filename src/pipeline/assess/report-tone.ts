/**
 * A report's tone for its event, and whether it denies the event (issue 17, Tone). A sentence the
 * analysis reads as denying ("did not publish", "denied", "no injuries") counts as a denial of the
 * event only when what it denies is the event's own claim:
 *   1. the words it denies (what follows its cue up to a preposition, else the cue's own) share a word
 *      with what the event's other reports lead with (their sentences that deny nothing: a copy repeats
 *      the denial), or for a later lead sentence with the report's own first sentence — "Rebels denied
 *      the attack" against "…attacked a camp";
 *   2. or they point back at a claim ("denied the reports", "rejected the allegations").
 * "Negotiators did not publish the size of the cuts" in a report of an agreement denies nothing the
 * event claims; "no one was hurt" in a report of a fire is not a denial of the fire. With nothing to
 * compare with (one report, its first sentence), a denying sentence counts as before.
 */
import type { Analysis, CertaintyLevel, Sentence } from '../../domain/analysis.ts';
import type { Denial } from '../../domain/assessment.ts';

/** Sentences at the top of a report that carry its own account of the event. */
export const LEAD_SENTENCES = 3;

/** Words of a denial that point back at a claim made elsewhere. */
const CLAIM_WORDS =
  /^(?:claims?|reports?|allegations?|accusations?|charges?|suggestions?|accounts?|it|this|that)$/;

/** Words too common to tie a denial to a claim. */
const STOPWORDS = new Set(
  'that this with from have been were their there they them about after before into over under than then which would could should will also said says what when where while other some more most such only very just being does done make made take taken told according'.split(
    ' ',
  ),
);

/** Letters a content word is compared on ("attacked" and "attack", "publish" and "published"). */
const STEM = 5;

export interface ToneReport {
  articleId: string;
  outletName: string;
  text: string;
  analysis: Pick<Analysis, 'sentences'>;
}

/**
 * Returns each report's tone: its first sentence's certainty (the first lead sentence that denies
 * nothing, when it denies something else), unless a lead sentence denies the event's claim.
 */
export function reportTones(reports: ToneReport[]): Map<string, CertaintyLevel> {
  return new Map(
    reports.map((r) => {
      const lead = r.analysis.sentences.slice(0, LEAD_SENTENCES);
      if (lead.some((s, k) => deniesEvent(r, s, k, reports))) return [r.articleId, 'denied'];
      // A denial of something else says nothing of the tone: the next lead sentence that denies nothing does.
      const first = lead.find((s) => s.certainty.level !== 'denied')?.certainty.level ?? 'certain';
      return [r.articleId, first];
    }),
  );
}

/** Returns the reports whose opening sentence denies the event's claim, with the sentence and its cues. */
export function eventDenials(reports: ToneReport[]): Denial[] {
  return reports.flatMap((r) => {
    const first = r.analysis.sentences[0];
    return first && deniesEvent(r, first, 0, reports)
      ? [
          {
            articleId: r.articleId,
            outlet: r.outletName,
            sentence: r.text.slice(first.start, first.end),
            cues: first.certainty.cues,
          },
        ]
      : [];
  });
}

/** Whether the report's k-th sentence denies what the event claims. */
function deniesEvent(r: ToneReport, s: Sentence, k: number, reports: ToneReport[]): boolean {
  if (s.certainty.level !== 'denied') return false;
  const claim = [
    ...reports
      .filter((o) => o.articleId !== r.articleId)
      .flatMap((o) =>
        o.analysis.sentences
          .slice(0, LEAD_SENTENCES)
          .filter((x) => x.certainty.level !== 'denied')
          .map((x) => o.text.slice(x.start, x.end)),
      ),
    ...(k > 0 && r.analysis.sentences[0]
      ? [r.text.slice(r.analysis.sentences[0].start, r.analysis.sentences[0].end)]
      : []),
  ];
  if (!claim.length) return true;
  const claimed = new Set(claim.flatMap(contentWords));
  const denied = deniedWords(r.text.slice(s.start, s.end), s.certainty.cues);
  return denied.some((w) => CLAIM_WORDS.test(w) || claimed.has(stem(w)));
}

/** Words of a cue that say it is a denial, not what is denied ("did not", "denied", "no one was"). */
const DENYING =
  /^(?:no|not|none|nobody|never|one|was|were|is|are|be|been|has|have|had|did|does|do|there|deny|denies|denied|denying|rejects?|rejected|rejecting|dismiss(?:ed|es|ing)?|refut(?:ed|es)|unrelated|false|categorically|truth|happen(?:ed)?|fabricated|take|taken|place|a|an|the|claim|reported|announced|confirmed|found|seen|given|yet|any|so|far)$/;

/** A preposition ends what a denial denies: "did not publish the size [of the cuts]", "no one was hurt [in the blaze]". */
const PREPOSITION = /^(?:in|at|on|of|during|after|before|by|for|from|near|over|since|until|with|to)$/;

/**
 * The words a sentence denies: what follows each cue up to a preposition ("did not publish [the size]",
 * "denied [the attack took place]"); when nothing does, the cue's own words ("no one was [hurt]");
 * when they say nothing either, the clause before the cue (its subject: "the attack never happened").
 */
function deniedWords(sentence: string, cues: string[]): string[] {
  const lower = sentence.toLowerCase();
  const words = (t: string) => (t.match(/\p{L}+/gu) ?? []).filter((w) => !DENYING.test(w));
  return cues.flatMap((cue) => {
    const at = lower.indexOf(cue);
    if (at < 0) return [];
    const after = lower.slice(at + cue.length);
    const tail = (after.slice(0, after.search(/[,;:.!?]|$/)).match(/\p{L}+/gu) ?? []) as string[];
    const stop = tail.findIndex((w) => PREPOSITION.test(w));
    const object = (stop < 0 ? tail : tail.slice(0, stop)).filter((w) => !DENYING.test(w));
    if (object.length) return object;
    if (words(cue).length) return words(cue);
    const before = lower.slice(0, at);
    return words(before.slice(before.search(/[^,;:]*$/)));
  });
}

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}+/gu) ?? [])
    .filter((w) => w.length >= 4 && !STOPWORDS.has(w))
    .map(stem);
}

function stem(w: string): string {
  return w.slice(0, STEM);
}
