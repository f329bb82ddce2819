/**
 * The resolver: where each report belongs (placeReport), the index of candidate events, and what the
 * rest of the pipeline reads of a report's frame. Files outside this folder import from here only.
 */
export { EventIndex } from './event-index.ts';
export { editorialConstraints, placeReport } from './place-report.ts';
export type { Constraints, Placement, PlacementState } from './place-report.ts';
export type { BackgroundLink } from './background.ts';
export type { PassageLink } from './passages.ts';
export type { EventCandidate, ReportFeatures, ResolveOptions, Resolution } from './types.ts';
export type { Threading } from './thread-stories.ts';
// What the rest of the pipeline reads of reports and events the resolver's way: a report's frame
// (assessment, regrouping), its passages, its category, an event rebuilt from its reports, stories.
export { LEAD_SENTENCES, reportFeatures } from './report-features.ts';
export { backgroundPassages } from './background.ts';
export { passageRecord, reportPassages } from './passages.ts';
export { rebuildEvent, reportCategory, reportFrame } from './resolve-event.ts';
export { threadChanged, threadStories } from './thread-stories.ts';
