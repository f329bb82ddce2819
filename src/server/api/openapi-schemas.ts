/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses) of what the API answers, written by hand beside the
 * TypeScript shapes they describe (run/event-views.ts, run/story-views.ts, run/provenance-views.ts,
 * pipeline/brief/event-card.ts). Objects list the fields a client may rely on; fields are only ever added,
 * so objects stay open (additionalProperties) except where the shape is closed by design.
 */
import { EVENT_CATEGORIES } from '../../domain/event.ts';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (s: Schema): Schema => ({ oneOf: [s, { type: 'null' }] });
const str: Schema = { type: 'string' };
const nstr: Schema = { type: ['string', 'null'] };
const int: Schema = { type: 'integer', minimum: 0 };
const array = (items: Schema): Schema => ({ type: 'array', items });
/** An object with these fields, all required unless named in `optional`. */
const obj = (props: Record<string, Schema>, optional: string[] = []): Schema => ({
  type: 'object',
  required: Object.keys(props).filter((k) => !optional.includes(k)),
  properties: props,
});
/** A keyset page: the items under `key` and the cursor of the next page (null on the last). */
const page = (key: string, item: Schema, extra: Record<string, Schema> = {}): Schema =>
  obj({ [key]: array(item), next: { ...nstr, description: 'cursor of the next page (`after`)' }, ...extra }, [
    ...Object.keys(extra),
  ]);

const LEVELS = ['Unconfirmed', 'Likely', 'Verified', 'Disputed', 'Retracted'];
const TONES = ['certain', 'likely', 'possible', 'attributed', 'denied'];

const headline: Record<string, Schema> = {
  title: str,
  category: { enum: [...EVENT_CATEGORIES, null] },
  cameo: { ...nstr, description: 'CAMEO root code of the category' },
  date: ref('EventDate'),
  place: ref('EventPlace'),
  level: ref('Level'),
};

const citedSentence: Record<string, Schema> = {
  text: str,
  articleId: str,
  outlet: str,
  url: ref('ArticleUrl'),
  start: int,
  end: int,
};

const briefSection = obj({ key: str, heading: str, paragraphs: array({ type: 'object' }) });
const entityCard = obj(
  {
    entityId: str,
    name: str,
    type: str,
    description: { type: ['object', 'null'] },
    mentions: int,
    reports: int,
    events: array(obj({ id: str, title: str })),
  },
  ['description'],
);
const citedReport = obj({
  articleId: str,
  outlet: str,
  url: ref('ArticleUrl'),
  title: nstr,
  publishedAt: nstr,
});

/** The schemas of components/schemas, by name. */
export const SCHEMAS: Record<string, Schema> = {
  Error: {
    ...obj({ error: { ...str, description: 'what was wrong, naming the parameter' }, status: int }),
    additionalProperties: false,
  },
  Level: { enum: [...LEVELS, null], description: 'confidence level (null before assessment)' },
  ArticleUrl: {
    type: ['string', 'null'],
    description: 'the report\'s address: http(s) only; "" or null when it has none that may be linked',
    pattern: '^(https?://.*)?$',
  },
  EventDate: nullable(obj({ start: str, end: str, precision: { enum: ['day', 'week', 'month', 'year'] } })),
  EventPlace: nullable(
    obj({
      name: str,
      country: nstr,
      lat: { type: ['number', 'null'] },
      lon: { type: ['number', 'null'] },
      role: { enum: ['occurred', 'dateline', 'mentioned'] },
      precision: { enum: ['point', 'city', 'region', 'country'] },
    }),
  ),
  LineageEdge: obj({
    from: str,
    kind: { enum: ['copy', 'credit', 'citation'] },
    toArticle: nstr,
    toOutlet: nstr,
    similarity: { type: ['number', 'null'] },
    evidence: str,
  }),
  EventReport: obj(
    {
      articleId: str,
      url: ref('ArticleUrl'),
      outlet: nstr,
      publishedAt: nstr,
      title: nstr,
      tone: { enum: [...TONES, null] },
      passage: obj({ start: int, end: int }),
    },
    ['passage'],
  ),
  ReaderPolicy: obj({ exclude: array(str), lower: array(str) }),
  Event: obj(
    {
      id: str,
      ...headline,
      articleCount: int,
      outletCount: int,
      independentSources: int,
      lineage: array(ref('LineageEdge')),
      reports: array(ref('EventReport')),
      storyId: nstr,
      fields: { type: ['object', 'null'] },
      support: array(obj({ field: str, value: str, sources: array(str), reports: int })),
      levelHistory: array(obj({ level: str, at: str, explanation: str })),
      mergesAndSplits: array({ type: 'object' }),
      recalledIn: array(
        obj({ articleId: str, eventId: nstr, title: nstr, outlet: nstr, start: int, end: int, text: str }),
      ),
      editorial: array(ref('EditorialChange')),
      reader: obj({ explanation: str, next: nstr }),
      readerPolicy: ref('ReaderPolicy'),
    },
    [
      'fields',
      'support',
      'levelHistory',
      'mergesAndSplits',
      'recalledIn',
      'editorial',
      'reader',
      'readerPolicy',
    ],
  ),
  EventListItem: obj(
    {
      id: str,
      ...headline,
      articleCount: int,
      outletCount: int,
      independentSources: int,
      storyId: nstr,
      reader: obj({ explanation: str, next: nstr }),
    },
    ['reader'],
  ),
  EventPage: page('events', ref('EventListItem'), { readerPolicy: ref('ReaderPolicy') }),
  EventCard: obj({
    eventId: str,
    ...headline,
    explanation: nstr,
    next: nstr,
    summary: nullable(obj(citedSentence)),
    sources: array(obj({ label: str, tier: str, outlets: array(str), reports: int })),
    disputes: array({ type: 'object' }),
    denials: array({ type: 'object' }),
    claims: array(obj({ ...citedSentence, tone: { enum: [...TONES, null] }, cues: array(str) })),
    sections: array(briefSection),
    entities: array(entityCard),
    levelHistory: array(obj({ level: str, at: str, explanation: str })),
    extraction: obj({ builtAt: str, assessedAt: nstr, reports: array(citedReport) }),
    submitSource: str,
  }),
  Story: obj({
    id: str,
    title: str,
    createdAt: str,
    updatedAt: str,
    span: nullable(obj({ start: str, end: str })),
    eventCount: int,
    events: array(obj({ id: str, ...headline, articleCount: int, independentSources: int })),
    firstEvent: int,
    next: nstr,
  }),
  StoryPage: page('stories', ref('StoryListItem')),
  StoryBriefing: obj({
    storyId: str,
    title: str,
    latestEventId: nstr,
    sections: array(briefSection),
    entities: array(entityCard),
    relatedStories: array(obj({ id: str, title: str, shared: array(str) })),
    earlierEvents: int,
    reports: array(citedReport),
    builtAt: str,
  }),
  Provenance: obj({
    article: obj({ id: str, title: nstr, url: ref('ArticleUrl'), publishedAt: nstr }),
    outlet: nullable(obj({ id: str, name: str, kind: str, tier: str, ownerGroup: nstr, country: nstr })),
    derivesFrom: array(ref('LineageEdge')),
    origin: str,
    derivedBy: array(ref('LineageEdge')),
  }),
  StoryListItem: obj({
    id: str,
    title: str,
    eventCount: int,
    span: nullable(obj({ start: str, end: str })),
    latestEvent: nullable(obj({ id: str, title: str })),
    createdAt: str,
    updatedAt: str,
  }),
  SearchPage: obj({
    query: str,
    events: array(
      obj({ id: str, title: str, titleHtml: str, dateStart: nstr, level: ref('Level'), reportCount: int }),
    ),
    reports: array(
      obj({
        articleId: str,
        url: ref('ArticleUrl'),
        title: str,
        titleHtml: str,
        snippet: str,
        snippetHtml: str,
        publishedAt: nstr,
        outlet: nullable(obj({ id: str, name: str })),
        event: nullable(obj({ id: str, title: str })),
      }),
    ),
    next: { ...nstr, description: 'cursor of the next page of reports (`after`)' },
  }),
  Entity: obj({
    key: str,
    name: str,
    kind: { enum: ['person', 'organisation', 'place', 'other'] },
    eventCount: int,
    firstDate: nstr,
    lastDate: nstr,
    description: nullable(obj({ text: str, articleId: str, start: int, end: int })),
    url: { ...str, description: "the entity's page on this site" },
  }),
  EntityPage: page('entities', ref('Entity')),
  EntityDetail: {
    allOf: [
      ref('Entity'),
      obj({
        cited: nullable(
          obj({
            sentence: str,
            report: obj({ id: str, title: nstr, url: ref('ArticleUrl'), outlet: nstr, publishedAt: nstr }),
          }),
        ),
        events: array(
          obj({
            id: str,
            title: str,
            category: { enum: [...EVENT_CATEGORIES, null] },
            date: ref('EventDate'),
            place: nullable(obj({ name: str, country: nstr })),
            storyId: nstr,
            level: ref('Level'),
            independentSources: int,
            articleCount: int,
            mentions: int,
            url: str,
          }),
        ),
        next: nstr,
        related: array({ allOf: [ref('Entity'), obj({ sharedEvents: int })] }),
        feed: str,
      }),
    ],
  },
  Outlet: obj({
    id: str,
    name: str,
    kind: str,
    tier: str,
    ownerGroup: nstr,
    country: nstr,
    domain: nstr,
    lineage: obj({ reports: int, copies: int, origins: int, copiedBy: int }),
    url: { ...str, description: "the outlet's page on this site" },
  }),
  OutletPage: page('outlets', ref('Outlet')),
  OutletDetail: { allOf: [ref('Outlet'), obj({ reports: array(ref('Report')), next: nstr })] },
  Report: obj({
    id: str,
    url: ref('ArticleUrl'),
    title: nstr,
    publishedAt: nstr,
    outletId: nstr,
    eventId: str,
    derivesFrom: nullable(obj({ kind: str, articleId: nstr, outletId: nstr })),
  }),
  ReportPage: page('reports', ref('Report')),
  ReportDetail: obj({
    id: str,
    url: ref('ArticleUrl'),
    canonicalUrl: ref('ArticleUrl'),
    title: nstr,
    publishedAt: nstr,
    status: str,
    outlet: nullable(obj({ id: str, name: str, kind: str, tier: str, ownerGroup: nstr, country: nstr })),
    eventId: nstr,
    derivesFrom: array(ref('LineageEdge')),
    origin: str,
    derivedBy: array(ref('LineageEdge')),
  }),
  ExportedEvent: obj({ id: str, ...headline, articleCount: int, independentSources: int }),
  ExportedReport: obj(
    {
      id: str,
      url: ref('ArticleUrl'),
      outlet: str,
      publishedAt: str,
      title: str,
      text: str,
      status: str,
      eventId: nstr,
    },
    ['outlet', 'publishedAt', 'title'],
  ),
  // The editorial API (src/server/pages/submit-page.ts, editor-pages.ts, admin-pages.ts).
  Session: obj({
    user: nullable(obj({ login: str, name: str, role: { enum: ['editor', 'admin'] } })),
    csrf: {
      ...nstr,
      description: 'send as X-CSRF-Token (with the cookies this answer set) to change anything',
    },
  }),
  SubmissionRequest: obj({ url: { ...str, format: 'uri' }, note: nstr }, ['note']),
  SubmissionAccepted: obj({
    id: str,
    eventId: str,
    url: str,
    status: { enum: ['pending', 'approved', 'rejected'] },
    repeat: { type: 'boolean', description: 'the address was already submitted for this event' },
    message: str,
  }),
  Submission: obj({
    id: str,
    url: str,
    canonicalUrl: str,
    eventId: nstr,
    note: nstr,
    status: { enum: ['pending', 'approved', 'rejected'] },
    reviewedBy: nstr,
    reviewedAt: nstr,
    createdAt: str,
    times: { ...int, description: 'how many times it was submitted' },
    articleId: { ...nstr, description: 'the report it became once approved' },
    fetchState: { enum: ['queued', 'fetched', 'failed'] },
    fetchError: nstr,
    reason: { ...nstr, description: "an editor's reason for rejecting it" },
  }),
  SubmissionList: obj({ status: str, submissions: array(ref('Submission')) }),
  SubmissionDetail: obj({
    submission: ref('Submission'),
    preview: nullable(
      obj({
        url: str,
        title: nstr,
        outlet: nstr,
        publishedAt: nstr,
        authors: array(str),
        words: int,
        opening: str,
        refused: nstr,
      }),
    ),
    projection: nullable(
      obj({
        placement: obj({ kind: { enum: ['this', 'other', 'new'] }, eventId: str, title: str }, [
          'eventId',
          'title',
        ]),
        stored: { type: 'boolean' },
        copyOf: nullable(obj({ articleId: str, title: nstr })),
        before: ref('Standing'),
        after: ref('Standing'),
      }),
    ),
  }),
  Standing: obj({ level: ref('Level'), independentSources: int, reports: int }),
  Approval: obj({
    submission: ref('Submission'),
    articleId: str,
    before: ref('Standing'),
    after: ref('Standing'),
  }),
  Merge: obj({ into: str, reason: nstr }, ['reason']),
  Split: obj({ articles: array(str), reason: nstr }, ['reason']),
  Settle: obj({ field: str, value: str, note: nstr }, ['note']),
  EventEdit: obj(
    {
      title: str,
      category: { ...str, description: `one of ${EVENT_CATEGORIES.join(', ')}; "" for none` },
      date: { ...str, description: 'YYYY-MM-DD, or "YYYY-MM-DD to YYYY-MM-DD"; "" for unknown' },
      place: { ...str, description: 'a city, region or country ("Paris, Texas"); "" for none' },
      undo: { ...array({ enum: ['title', 'category', 'date', 'place'] }), description: 'edits to undo' },
      note: nstr,
    },
    ['title', 'category', 'date', 'place', 'undo', 'note'],
  ),
  EventEdited: obj({
    event: str,
    now: ref('Standing'),
    changes: array(obj({ field: str, before: str, after: str, undone: { type: 'boolean' } })),
  }),
  EditorialChange: obj({
    at: str,
    action: str,
    what: { ...str, description: 'the change in words, as the event page shows it' },
    note: nstr,
  }),
  Reason: obj({ reason: nstr }, ['reason']),
  EventStanding: obj({ event: str, now: ref('Standing') }),
  Withdrawal: obj({ articles: int, events: array(obj({ id: str, level: ref('Level') })) }),
  OutletChange: obj({ kind: str, tier: str, owner: nstr }, ['kind', 'tier', 'owner']),
  OutletEdited: obj({ outlet: { type: 'object' }, reassessed: int }),
  Rejection: obj({ reason: str }),
  Rejected: obj({ submission: ref('Submission') }),
  AuditLog: obj({
    entries: array(
      obj({
        id: int,
        at: str,
        actor: str,
        action: str,
        subject: obj({ kind: str, id: str }),
        detail: { type: 'object' },
      }),
    ),
  }),
  Users: obj({
    users: array(
      obj({
        id: str,
        login: str,
        name: str,
        email: nstr,
        role: { enum: ['editor', 'admin'] },
        createdAt: str,
        disabledAt: nstr,
        passwordChangedAt: nstr,
        failedLogins: int,
        lockedUntil: nstr,
      }),
    ),
  }),
};
