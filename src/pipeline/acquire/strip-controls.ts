/**
 * Control characters out of everything that comes in. NUL cannot be stored by PostgreSQL (text and
 * jsonb refuse it), and the other C0 controls are never news text: they come from binary junk,
 * broken encoders or scrapers. Tab, line feed and carriage return are text and stay.
 */
import type { ArticleInput } from '../../domain/article.ts';

/** C0 controls that are not whitespace: removed outright. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const C0_CONTROLS = /[\u0000-\u0008\u000e-\u001f]/g;
/** Vertical tab and form feed separate words like a space does, so they become one. */
// eslint-disable-next-line no-control-regex -- as above
const C0_SPACES = /[\u000b\u000c]/g;

/** Returns the text without C0 control characters (tab, line feed and carriage return kept). */
export function stripControls(text: string): string {
  return text.replace(C0_CONTROLS, '').replace(C0_SPACES, ' ');
}

/** Returns the input with control characters removed from every field. */
export function cleanArticleInput(input: ArticleInput): ArticleInput {
  const out: ArticleInput = { url: stripControls(input.url) };
  for (const k of ['outlet', 'publishedAt', 'title', 'text', 'html', 'id'] as const) {
    const v = input[k];
    if (v !== undefined) out[k] = stripControls(v);
  }
  return out;
}
