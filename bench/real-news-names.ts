/**
 * Briefing sentences that name the wrong person, on real news (issue 17, Names in briefings): the
 * ECB+ articles, the seeds and the English MEANTIME articles ingested through the real pipeline, every
 * event card and story briefing written, and each sentence checked two ways:
 *   1. against bench/data/real-news/pronouns.json: a sentence citing a labelled pronoun sentence
 *      (as the sentence it says, not as an antecedent) names the wrong person when it adds a name the
 *      labelled sentence does not hold and that name is not the label's person (any added name, when
 *      the label is "unclear");
 *   2. generally: a capitalised name in the sentence that none of its cited sentences (antecedents
 *      included) holds.
 * Few labelled sentences reach a briefing, so the writer is also asked for each labelled sentence as
 * the briefing writer would write it (compressSentence on its report), and checked as in 1.
 * Figures on the report half (bench/real-news-split.ts), the tune half printed beside, marked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toBriefReport } from '../src/pipeline/brief/event-card.ts';
import type { GroundedSentence } from '../src/pipeline/brief/grounding.ts';
import { compressSentence } from '../src/pipeline/brief/writer.ts';
import { briefInputs, getEventCard } from '../src/run/event-views.ts';
import { getStoryBriefing } from '../src/run/story-views.ts';
import type { Store } from '../src/storage/store.ts';
import { ingestSet, type RealNewsSet } from './real-news-ingest.ts';
import { halfOf, type Half } from './real-news-split.ts';
import { ROOT } from './shared-data.ts';

interface PronounLabel {
  article: string;
  sentence: string;
  means: string;
}

interface Tally {
  /** Labelled sentences the writer was asked for, those it wrote with a name for the pronoun, and the wrong ones. */
  asked: number;
  askedNamed: number;
  askedWrong: string[];
  sentences: number;
  citingLabelled: number;
  named: number;
  wrong: string[];
  unsupported: string[];
}

/** Runs the benchmark on the three sets; returns its lines. */
export async function runRealNewsNamesBench(): Promise<string> {
  const labels = (
    JSON.parse(readFileSync(join(ROOT, 'bench/data/real-news/pronouns.json'), 'utf8')) as {
      sentences: PronounLabel[];
    }
  ).sentences;
  const tally: Record<Half, Tally> = { report: empty(), tune: empty() };
  const lines: string[] = [];
  for (const set of ['ecb', 'seeds', 'meantime'] as RealNewsSet[]) {
    const t0 = performance.now();
    const store = await ingestSet(set);
    if (!store) {
      lines.push(`real-news names: ${set} skipped (shared data not found)`);
      continue;
    }
    try {
      // Outlet names a briefing may write: the store's, and the sources it credits or cites (a copy's
      // "AntiWar.com, via …, reports:").
      const sourceLabels = (await store.events.overview()).flatMap(
        (o) => o.assessment?.sources.map((x) => x.label) ?? [],
      );
      const outlets = [...(await store.outlets.list()).map((o) => o.name), ...sourceLabels];
      for (const s of await briefingSentences(store)) score(tally, s, labels, outlets);
      await askWriter(store, tally, labels, outlets);
      lines.push(
        `real-news names: ${set} ingested and written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    } finally {
      await store.close();
    }
  }
  for (const half of ['report', 'tune'] as Half[]) {
    const t = tally[half];
    lines.push(
      `real-news names ${half === 'tune' ? 'tune (rules written here)' : 'report'}: briefing sentences ${t.sentences}; citing a labelled pronoun sentence ${t.citingLabelled} (a name put for the pronoun in ${t.named}); naming the wrong person ${t.wrong.length} (target 0); a name no cited sentence holds ${t.unsupported.length}`,
      `real-news names ${half === 'tune' ? 'tune (rules written here)' : 'report'}: writer asked for each labelled pronoun sentence ${t.asked}; wrote a name for the pronoun in ${t.askedNamed}; the wrong person ${t.askedWrong.length} (target 0)`,
      ...t.wrong.map((w) => `  ${half} wrong person: ${w}`),
      ...t.askedWrong.map((w) => `  ${half} writer, wrong person: ${w}`),
      ...t.unsupported.map((w) => `  ${half} unsupported name: ${w}`),
    );
  }
  return lines.join('\n');
}

function empty(): Tally {
  return {
    asked: 0,
    askedNamed: 0,
    askedWrong: [],
    sentences: 0,
    citingLabelled: 0,
    named: 0,
    wrong: [],
    unsupported: [],
  };
}

/** Every sentence of every event card and story briefing in the store (entity descriptions included). */
async function briefingSentences(store: Store): Promise<GroundedSentence[]> {
  const out: GroundedSentence[] = [];
  const take = (
    sections: { paragraphs: { sentences: GroundedSentence[] }[] }[],
    entities: { description?: GroundedSentence | null }[],
  ) => {
    out.push(...sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences)));
    out.push(...entities.flatMap((e) => (e.description ? [e.description] : [])));
  };
  for (const id of await store.events.ids()) {
    const card = await getEventCard(store, id);
    if (card) take(card.sections, card.entities);
  }
  for (const s of await store.stories.list()) {
    const b = await getStoryBriefing(store, s.id);
    if (b) take(b.sections, b.entities);
  }
  return out;
}

/** Asks the writer for every labelled sentence of the store's reports, as a briefing would cite it. */
async function askWriter(
  store: Store,
  tally: Record<Half, Tally>,
  labels: PronounLabel[],
  outlets: string[],
) {
  for (const id of await store.events.ids()) {
    const reports = await store.events.reports(id);
    const { cardReports, offsets } = await briefInputs(store, id, reports);
    for (const c of cardReports) {
      const mine = labels.filter((l) => l.article === c.article.id);
      if (!mine.length) continue;
      const r = toBriefReport(c, offsets.get(c.article.id) ?? 0);
      r.analysis.sentences.forEach((sentence, i) => {
        const label = mine.find((l) => same(r.text.slice(sentence.start, sentence.end), l.sentence));
        if (!label) return;
        const t = tally[halfOf(label.article)];
        t.asked++;
        const written = compressSentence(r, i);
        if (!written) return;
        const added = namesNotIn(written.text, r.text.slice(sentence.start, sentence.end), outlets);
        if (added.length) t.askedNamed++;
        if (wrongPerson(added, label))
          t.askedWrong.push(`${written.text} [${label.article}: means ${label.means}]`);
      });
    }
  }
}

/** Whether names added for a pronoun name someone other than the labelled person (anyone, for "unclear"). */
function wrongPerson(added: string[], label: PronounLabel): boolean {
  if (!added.length) return false;
  if (label.means === 'unclear') return true;
  const words = (s: string) => s.split(/[\s.]+/).filter((w) => w && !/^(?:Jr|Sr|Mr|Mrs|Ms|Dr)$/.test(w));
  return !words(label.means).some((w) => added.includes(w));
}

function score(
  tally: Record<Half, Tally>,
  s: GroundedSentence,
  labels: PronounLabel[],
  outlets: string[],
): void {
  const first = s.citations[0];
  if (!first) return;
  const t = tally[halfOf(first.articleId)];
  t.sentences++;
  const own = s.citations.filter((c) => !c.antecedent);
  const label = labels.find((l) => own.some((c) => c.articleId === l.article && same(c.text, l.sentence)));
  const added = namesNotIn(s.text, own.map((c) => c.text).join('\n'), outlets);
  if (label) {
    t.citingLabelled++;
    if (added.length) t.named++;
    if (wrongPerson(added, label)) t.wrong.push(`${s.text} [${label.article}: means ${label.means}]`);
  }
  const unsupported = namesNotIn(s.text, s.citations.map((c) => c.text).join('\n'), outlets);
  if (unsupported.length) t.unsupported.push(`${s.text} [${unsupported.join(', ')}]`);
}

/** Whether a cited sentence is the labelled one (spaces aside; a citation may be a trimmed part of it). */
function same(cited: string, labelled: string): boolean {
  const a = cited.replace(/\s+/g, ' ').trim();
  const b = labelled.replace(/\s+/g, ' ').trim();
  return a === b || (a.length > 30 && b.includes(a)) || (b.length > 30 && a.includes(b));
}

/** A capitalised word, digits included ("NY1", "G7"), as names are written. */
const NAME_WORD = /[\p{Lu}][\p{L}\p{N}'’.-]*[\p{L}\p{N}]/gu;

/**
 * Capitalised words of a sentence that the text does not hold (outlet names aside); a word opening the
 * sentence or a clause counts unless the text holds it in any case ("The", "Police").
 */
function namesNotIn(sentence: string, text: string, outlets: string[]): string[] {
  const held = new Set(text.match(NAME_WORD) ?? []);
  const lower = text.toLowerCase();
  const allowed = new Set(outlets.flatMap((o) => o.split(/\s+/)));
  return [...sentence.matchAll(NAME_WORD)]
    .filter((m) => {
      const opening = m.index === 0 || /[.!?:]\s*["“]?$/.test(sentence.slice(0, m.index));
      return !opening || !new RegExp(`\\b${m[0].toLowerCase()}\\b`).test(lower);
    })
    .map((m) => m[0].replace(/['’]s$/, ''))
    .filter((w) => !held.has(w) && !allowed.has(w) && ![...held].some((h) => h.startsWith(w)));
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runRealNewsNamesBench());
