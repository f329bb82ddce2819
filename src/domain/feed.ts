/** A subscribed feed and its polling state. */

/** Every fetch failure is sorted once into one of these kinds (shown by CLI and UI). */
export type FetchErrorKind =
  | 'dns'
  | 'connect'
  | 'timeout'
  | 'tls'
  | 'http-4xx'
  | 'http-5xx'
  | 'too-many-redirects'
  | 'too-large'
  | 'robots-disallowed'
  | 'blocked-address'
  | 'not-article'
  | 'decode';

export interface Feed {
  id: string;
  url: string;
  outletId: string | null;
  pollIntervalSeconds: number;
  etag: string | null;
  lastModified: string | null;
  lastStatus: number | null;
  consecutiveErrors: number;
  lastError: { kind: FetchErrorKind; message: string } | null;
  nextPollAt: string | null;
}
