/** JSON as pages embed it (JSON-LD blocks): often with raw control characters or trailing commas. */

/** JSON.parse, retried with control characters blanked and trailing commas dropped; undefined when unreadable. */
export function parseJsonLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      // Outside strings a control character is whitespace anyway; inside, a space keeps the text readable.
      // eslint-disable-next-line no-control-regex -- blanking control characters is the point
      return JSON.parse(text.replace(/[\u0000-\u001f]+/g, ' ').replace(/,\s*([}\]])/g, '$1'));
    } catch {
      return undefined;
    }
  }
}
