/**
 * robots.txt (RFC 9309): the group for our product token (else `*`), its allow and disallow rules with
 * `*` and `$` patterns, the longest match deciding and allow winning a tie, and Crawl-delay.
 */

export interface RobotsRules {
  /** Rules of the group that applies to us, longest pattern first. */
  rules: { allow: boolean; pattern: string; re: RegExp }[];
  /** Seconds between requests the site asks for, if any. */
  crawlDelaySeconds: number | null;
}

/** No rules: everything allowed (used when robots.txt is missing, 4xx, or unreadable). */
export const ALLOW_ALL: RobotsRules = { rules: [], crawlDelaySeconds: null };

/** Everything disallowed (RFC 9309 §2.3.1.4: a server error on robots.txt means "assume complete disallow"). */
export const DISALLOW_ALL: RobotsRules = {
  rules: [{ allow: false, pattern: '/', re: /^\// }],
  crawlDelaySeconds: null,
};

interface Group {
  agents: string[];
  rules: RobotsRules['rules'];
  crawlDelaySeconds: number | null;
}

/** Parses robots.txt text and picks the group that applies to `productToken` (e.g. "corroborate"). */
export function parseRobots(text: string, productToken: string): RobotsRules {
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      // Consecutive user-agent lines share one group.
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [], crawlDelaySeconds: null };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if ((key === 'allow' || key === 'disallow') && value)
      current.rules.push({ allow: key === 'allow', pattern: value, re: patternRegExp(value) });
    else if (key === 'crawl-delay') {
      const n = Number(value);
      if (Number.isFinite(n) && n >= 0) current.crawlDelaySeconds = n;
    }
  }
  const token = productToken.toLowerCase();
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && token.startsWith(a)));
  const chosen = mine.length ? mine : groups.filter((g) => g.agents.includes('*'));
  const rules = chosen
    .flatMap((g) => g.rules)
    .sort((a, b) => b.pattern.length - a.pattern.length || Number(b.allow) - Number(a.allow));
  const delays = chosen.map((g) => g.crawlDelaySeconds).filter((d): d is number => d !== null);
  return { rules, crawlDelaySeconds: delays.length ? Math.max(...delays) : null };
}

/** True when the rules let us fetch this path (with its query). */
export function robotsAllow(rules: RobotsRules, pathAndQuery: string): boolean {
  const path = safeDecodePath(pathAndQuery);
  for (const r of rules.rules) if (r.re.test(path)) return r.allow;
  return true;
}

function patternRegExp(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = safeDecodePath(anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

/** Percent-decoding for comparison, keeping the text when it is malformed. */
function safeDecodePath(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
