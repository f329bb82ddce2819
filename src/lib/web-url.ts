/**
 * Web addresses: the only kind of article address stored or served as a link is http(s) with a host.
 * A javascript:, data:, vbscript: or other address in a feed or a JSONL line is refused at the door, and
 * one stored before this rule is shown as text, never as a link.
 */

/** Whether `url` is an absolute http or https address with a host. */
export function isWebUrl(url: string | null | undefined): boolean {
  if (!url || !/^https?:\/\//i.test(url.trim())) return false;
  try {
    const u = new URL(url.trim());
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** Returns the scheme of an address as a reader would see it ("javascript"), or null when it has none. */
export function schemeOf(url: string): string | null {
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim());
  return m ? (m[1] as string).toLowerCase() : null;
}
