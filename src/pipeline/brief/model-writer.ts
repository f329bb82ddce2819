/**
 * The optional language-model writer, for any OpenAI-compatible chat-completions endpoint (off
 * unless `brief.modelUrl` is set; nothing leaves the machine otherwise). It is given only numbered
 * report sentences — those the default writer's "What's happened" and "What the papers say" rest on —
 * and asked for a short account in which every sentence ends with the numbers it rests on ("[2][5]").
 * Each sentence it returns goes through the same grounding checker as the default writer's; a refused
 * sentence (or a failed call) leaves the default writer's sentence in its place.
 */
import type { Citation, GroundedSentence } from './grounding.ts';
import { groundingProblems, wordOverlap } from './grounding.ts';
import type { BriefSection } from './sections.ts';
import { MAX_OVERLAP } from './writer.ts';

export interface ModelSettings {
  /** The chat-completions address, e.g. http://127.0.0.1:8000/v1/chat/completions ('' = off). */
  url: string;
  model: string;
  /** Sent as a bearer token when set. */
  apiKey: string;
  timeoutMs: number;
}

/** What became of the model's answer: sentences taken, refused (with why), or the call's failure. */
export interface ModelOutcome {
  used: number;
  refused: { text: string; why: string }[];
  error: string | null;
}

const INSTRUCTIONS = [
  'You write the opening of a news briefing from numbered report sentences.',
  'Write two to four short sentences on what happened.',
  'Use only facts stated in the numbered sentences: no name, number, date or quote that is not in the sentences you cite.',
  'Quote only word for word.',
  'End every sentence with the numbers of the sentences it rests on, in square brackets, like [1][3].',
  'Answer with the sentences only.',
].join(' ');

/**
 * Rewrites the "What's happened" paragraph of `sections` with the model, in place, keeping each
 * model sentence only when it cites, is grounded in what it cites (outlet names allowed) and repeats
 * no other sentence of the briefing; the default writer's sentences stand for the rest.
 */
export async function rewriteWithModel(
  sections: BriefSection[],
  outlets: string[],
  settings: ModelSettings,
  fetchImpl: typeof fetch = fetch,
): Promise<ModelOutcome> {
  const happened = sections.find((s) => s.key === 'happened')?.paragraphs[0];
  if (!settings.url || !happened) return { used: 0, refused: [], error: null };
  const pool = numbered(sections.filter((s) => s.key === 'happened' || s.key === 'papers'));
  if (!pool.length) return { used: 0, refused: [], error: null };
  let answer: string;
  try {
    answer = await complete(settings, pool, fetchImpl);
  } catch (e) {
    return { used: 0, refused: [], error: (e as Error).message };
  }
  const others = sections
    .filter((s) => s.key !== 'happened')
    .flatMap((s) => s.paragraphs.flatMap((p) => p.sentences.map((x) => x.text)));
  const refused: ModelOutcome['refused'] = [];
  const taken: GroundedSentence[] = [];
  for (const { text, refs } of parseAnswer(answer)) {
    const citations = refs.map((n) => pool[n - 1]).filter((c): c is Citation => !!c);
    if (!citations.length || citations.length !== refs.length) {
      refused.push({ text, why: refs.length ? 'cites a sentence it was not given' : 'cites nothing' });
      continue;
    }
    const problems = groundingProblems(text, citations, outlets);
    if (problems.length) {
      refused.push({ text, why: problems.map((p) => `${p.kind} ${p.text}`).join('; ') });
      continue;
    }
    if ([...others, ...taken.map((t) => t.text)].some((o) => wordOverlap(o, text) > MAX_OVERLAP)) {
      refused.push({ text, why: 'repeats another sentence of the briefing' });
      continue;
    }
    taken.push({ text, citations, writer: 'model' });
  }
  // Fewer than two grounded sentences are not an account: the default paragraph stands whole.
  if (taken.length >= 2) {
    const fallback = happened.sentences.filter(
      (d) => !taken.some((t) => wordOverlap(t.text, d.text) > MAX_OVERLAP),
    );
    happened.sentences = [...taken, ...fallback].slice(0, Math.max(taken.length, 4));
  }
  return { used: taken.length >= 2 ? taken.length : 0, refused, error: null };
}

/** The distinct report sentences the given sections cite, in order (the model's numbered input). */
function numbered(sections: BriefSection[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const s of sections)
    for (const p of s.paragraphs)
      for (const x of p.sentences) for (const c of x.citations) seen.set(`${c.articleId}:${c.start}`, c);
  return [...seen.values()].slice(0, 20);
}

async function complete(settings: ModelSettings, pool: Citation[], fetchImpl: typeof fetch): Promise<string> {
  const res = await fetchImpl(settings.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
    },
    body: JSON.stringify({
      model: settings.model,
      temperature: 0,
      messages: [
        { role: 'system', content: INSTRUCTIONS },
        {
          role: 'user',
          content: pool.map((c, i) => `[${i + 1}] ${c.text.replace(/\s+/g, ' ').trim()}`).join('\n'),
        },
      ],
    }),
    signal: AbortSignal.timeout(settings.timeoutMs),
  });
  if (!res.ok) throw new Error(`the model endpoint answered ${res.status}`);
  const body = (await res.json()) as { choices?: { message?: { content?: unknown } }[] };
  const content = body.choices?.[0]?.message?.content;
  if (typeof content !== 'string')
    throw new Error('the model endpoint answered without choices[0].message.content');
  return content;
}

/** Splits an answer into sentences, each with the numbers it cites ("… [2][5]." or "… [2, 5]"). */
export function parseAnswer(answer: string): { text: string; refs: number[] }[] {
  const out: { text: string; refs: number[] }[] = [];
  // A sentence ends at its full stop (then its numbers) or at its numbers (then a full stop), before a capital or the end.
  const refs = String.raw`(?:\s*\[\d+(?:\s*,\s*\d+)*\])`;
  const re = new RegExp(
    String.raw`(.+?)(?:([.!?]["”’)]*)(${refs}*)|(${refs}+)\s*([.!?]?))(?=\s+["“\p{Lu}]|\s*$)`,
    'gu',
  );
  for (const m of answer.replace(/\s+/g, ' ').trim().matchAll(re)) {
    const body = (m[1] as string).trim();
    const cited = `${m[3] ?? ''}${m[4] ?? ''}`;
    const text = m[2] ? `${body}${m[2]}` : `${body}${m[5] || '.'}`;
    out.push({ text, refs: [...cited.matchAll(/\d+/g)].map((x) => Number(x[0])) });
  }
  return out.filter((s) => /\p{L}/u.test(s.text));
}
