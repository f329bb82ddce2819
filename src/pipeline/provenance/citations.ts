/** "According to X" and "X reported": which outlets a report cites for its facts. */
import { outletKey, type Outlet } from '../../domain/outlet.ts';

/** Phrases that attribute a fact to another outlet; the outlet's name follows or precedes them. */
const CITE_BEFORE = ['according to', 'as reported by', 'reported by', 'first reported by', 'citing', 'told'];
const CITE_AFTER = ['reported', 'reports', 'said in a report', 'first reported'];

/** Returns the known outlets (other than the report's own) that the text cites, each with the phrase that shows it. */
export function findCitations(
  text: string,
  known: Outlet[],
  ownOutletId: string | null,
): { outlet: Outlet; evidence: string }[] {
  const out = new Map<string, { outlet: Outlet; evidence: string }>();
  for (const o of known) {
    if (o.id === ownOutletId) continue;
    for (const variant of nameVariants(o.name)) {
      const name = escapeRe(variant);
      const before = new RegExp(`\\b(?:${CITE_BEFORE.join('|')})\\s+(?:the\\s+)?${name}\\b`, 'i');
      const after = new RegExp(`\\b${name}\\s+(?:${CITE_AFTER.join('|')})\\b`, 'i');
      const m = before.exec(text) ?? firstStandalone(after, text);
      if (m && !out.has(o.id)) out.set(o.id, { outlet: o, evidence: m[0] });
    }
  }
  return [...out.values()];
}

/**
 * The first match of "NAME reported" where NAME stands alone: not the tail of a longer name ("Frontier
 * Times reported" does not cite The Times).
 */
function firstStandalone(re: RegExp, text: string): RegExpExecArray | null {
  const all = new RegExp(re.source, 'gi');
  for (const m of text.matchAll(all)) {
    if (!/\p{Lu}[\p{L}'’.-]*\s+$/u.test(text.slice(Math.max(0, m.index - 40), m.index)))
      return m as RegExpExecArray;
  }
  return null;
}

function nameVariants(name: string): string[] {
  const bare = name.replace(/^the\s+/i, '');
  return outletKey(bare) === outletKey(name) && bare !== name ? [name, bare] : [name];
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
