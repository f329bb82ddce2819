/** `corroborate events`: list the events in the database; merge and split them; show one's history of merges and splits. */
import type { Command } from 'commander';
import { CorroborateError } from '../domain/errors.ts';
import { systemClock } from '../lib/clock.ts';
import { listEvents } from '../run/event-views.ts';
import { resolveDispute } from '../run/disputes.ts';
import { editEvent, type EventEditRequest } from '../run/edit-event.ts';
import { EVENT_CATEGORIES } from '../domain/event.ts';
import { mergeEvents, splitEvent } from '../run/regroup.ts';
import { plural } from '../server/views/format.ts';
import { DB_HELP, loadConfig, lockOptions, withExistingStore } from './context.ts';

/**
 * Adds the command to the program. The subcommands read their options with the parent's (`events
 * --db X merge …` and `events merge … --db X` both work).
 */
export function registerEvents(program: Command): void {
  const events = program
    .command('events')
    .description(
      'list events, newest first, with report and independent-source counts (subcommands: merge, split, edit, lineage, resolve-dispute)',
    )
    .option('--db <db>', DB_HELP)
    .option('--json', 'print a JSON array of events (the shape in DESIGN.md, "Interfaces")')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const config = loadConfig(opts);
      const list = await withExistingStore(config, listEvents);
      if (opts.json) {
        console.log(JSON.stringify(list, null, 2));
        return;
      }
      for (const e of list) {
        // A span of days shows both ends ("2026-01-06..07" when only the day differs).
        const date = !e.date
          ? '????-??-??'
          : e.date.end && e.date.end !== e.date.start
            ? `${e.date.start}..${sharedPrefixCut(e.date.start, e.date.end)}`
            : e.date.start;
        console.log(
          `${date}  ${(e.level ?? '-').padEnd(11)} ${plural(e.articleCount, 'report').padStart(11)}, ${plural(e.independentSources, 'independent source').padEnd(22)}  ${e.title}  [${e.id}]`,
        );
      }
      console.log(plural(list.length, 'event'));
    });

  events
    .command('merge')
    .description(
      'merge one event into another: its reports join the other, its id redirects there, and the merge is recorded',
    )
    .argument('<from>', 'the event to merge away')
    .argument('<into>', 'the event that takes its reports and keeps its id')
    .option('--reason <text>', 'why (kept in the record)', 'merged by an editor')
    .option('--db <db>', DB_HELP)
    .option('--json', 'print the summary as JSON')
    .action(async (from: string, into: string, _opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ reason: string; db?: string; json?: boolean }>();
      const config = loadConfig(opts);
      const s = await withExistingStore(config, (store) =>
        mergeEvents(
          { store, config, clock: systemClock(), actor: 'cli', lock: lockOptions({}) },
          from,
          into,
          opts.reason,
        ),
      );
      if (opts.json) return void console.log(JSON.stringify(s));
      console.log(`merged ${from} into ${into}; ${from} now redirects there`);
    });

  events
    .command('split')
    .description(
      'split reports off an event into a new event; the event keeps its id and its other reports, and the split is recorded',
    )
    .argument('<event>', 'the event to split')
    .argument('<articles...>', 'ids of the reports that leave it')
    .option('--reason <text>', 'why (kept in the record)', 'split by an editor')
    .option('--db <db>', DB_HELP)
    .option('--json', 'print the summary as JSON')
    .action(async (event: string, articles: string[], _opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ reason: string; db?: string; json?: boolean }>();
      const config = loadConfig(opts);
      const s = await withExistingStore(config, (store) =>
        splitEvent(
          { store, config, clock: systemClock(), actor: 'cli', lock: lockOptions({}) },
          event,
          articles,
          opts.reason,
        ),
      );
      if (opts.json) return void console.log(JSON.stringify(s));
      console.log(`split ${articles.length} report(s) off ${event} into ${s.newEventId}`);
    });

  events
    .command('resolve-dispute')
    .description(
      'settle a dispute over a field of an event with the value that stands; the event is re-assessed and the settlement shown with it',
    )
    .argument('<event>', 'the event')
    .argument('<field>', 'the disputed field, as the event lists it (e.g. participants)')
    .argument('<value>', 'the value that stands, one of the disputed values')
    .option('--note <text>', 'why (shown with the settlement)')
    .option('--db <db>', DB_HELP)
    .option('--json', 'print the new assessment as JSON')
    .action(async (event: string, field: string, value: string, _opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ note?: string; db?: string; json?: boolean }>();
      const config = loadConfig(opts);
      const a = await withExistingStore(config, (store) =>
        resolveDispute(
          { store, config, clock: systemClock(), actor: 'cli' },
          event,
          field,
          value,
          opts.note ?? null,
        ),
      );
      if (opts.json) return void console.log(JSON.stringify(a));
      console.log(`${event}: ${a.level} — ${a.explanation}`);
    });

  events
    .command('edit')
    .description(
      "set an event's title, category, date or place over what its reports make of them (in force until undone); the event is re-assessed and the change shown on its page",
    )
    .argument('<event>', 'the event')
    .option('--title <text>', 'its title')
    .option('--category <name>', `its category: ${EVENT_CATEGORIES.join(', ')}; "" for none`)
    .option('--date <day>', 'its day (YYYY-MM-DD) or span ("YYYY-MM-DD to YYYY-MM-DD"); "" for unknown')
    .option('--place <name>', 'where it happened: a city, region or country ("Paris, Texas"); "" for none')
    .option('--undo <field...>', "undo the edit of these fields: the reports' value stands again")
    .option('--note <text>', 'why (shown to readers with the change)')
    .option('--db <db>', DB_HELP)
    .option('--json', 'print the changes as JSON')
    .action(async (event: string, _opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<
        EventEditRequest & { undo?: string[]; db?: string; json?: boolean; note?: string }
      >();
      const config = loadConfig(opts);
      const { changes } = await withExistingStore(config, (store) =>
        editEvent({ store, config, clock: systemClock(), actor: 'cli' }, event, {
          ...(opts.title !== undefined ? { title: opts.title } : {}),
          ...(opts.category !== undefined ? { category: opts.category } : {}),
          ...(opts.date !== undefined ? { date: opts.date } : {}),
          ...(opts.place !== undefined ? { place: opts.place } : {}),
          undo: opts.undo ?? [],
          note: opts.note ?? null,
        }),
      );
      if (opts.json) return void console.log(JSON.stringify({ event, changes }));
      if (!changes.length)
        return void console.log(`${event}: nothing changed (every field given stands as it is)`);
      for (const c of changes)
        console.log(
          `${event}: ${c.field} ${c.undone ? "back to the reports' value" : 'set'}: ${c.before} → ${c.after}`,
        );
    });

  events
    .command('lineage')
    .description(
      'show the merges and splits an event took part in; an id that was merged away names the event it lives on in',
    )
    .argument('<event>', 'an event id, current or merged away')
    .option('--db <db>', DB_HELP)
    .option('--json', 'print the record as JSON')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ db?: string; json?: boolean }>();
      const config = loadConfig(opts);
      const { current, entries } = await withExistingStore(config, async (store) => ({
        current: await store.events.successor(id),
        entries: await store.events.lineage(id),
      }));
      if (!current && !entries.length) throw new CorroborateError('not-found', 'no such event', id);
      if (opts.json) return void console.log(JSON.stringify({ id, current: current ?? null, entries }));
      if (current && current !== id) console.log(`${id} was merged into ${current}`);
      for (const e of entries)
        console.log(
          `${e.at}  ${e.kind.padEnd(5)} ${e.fromId} → ${e.toId}  ${e.articleIds.length} report(s)  (${e.reason}${e.decidedBy ? `, decided by ${e.decidedBy}` : ''})`,
        );
      if (!entries.length) console.log(`${id}: no merges or splits`);
    });
}

/** The end of a span without what it shares with the start: "2026-01-07" after "2026-01-06" is "07". */
function sharedPrefixCut(start: string, end: string): string {
  const parts = end.split('-');
  const from = start.split('-');
  let i = 0;
  while (i < parts.length - 1 && parts[i] === from[i]) i++;
  return parts.slice(i).join('-');
}
