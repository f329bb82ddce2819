/** B-cubed precision, recall and F1 of a clustering against gold labels (Bagga & Baldwin 1998). */

export interface BCubedScore {
  precision: number;
  recall: number;
  f1: number;
  items: number;
}

/** Returns B-cubed scores over the items present in gold; items missing from the prediction count as singletons. */
export function bcubed(predicted: Record<string, string>, gold: Record<string, string>): BCubedScore {
  const ids = Object.keys(gold);
  const pred = (id: string) => predicted[id] ?? `\u0000singleton:${id}`;
  const byPred = groupBy(ids, pred);
  const byGold = groupBy(ids, (id) => gold[id] as string);
  let p = 0;
  let r = 0;
  for (const id of ids) {
    const pc = byPred.get(pred(id)) as string[];
    const gc = byGold.get(gold[id] as string) as string[];
    const gs = new Set(gc);
    const both = pc.filter((x) => gs.has(x)).length;
    p += both / pc.length;
    r += both / gc.length;
  }
  const precision = ids.length ? p / ids.length : 0;
  const recall = ids.length ? r / ids.length : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, items: ids.length };
}

function groupBy(ids: string[], key: (id: string) => string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const id of ids) {
    const k = key(id);
    const list = m.get(k);
    if (list) list.push(id);
    else m.set(k, [id]);
  }
  return m;
}
