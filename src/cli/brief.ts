/**
 * `corroborate brief event ID` / `brief story ID`: an event's card or a story's briefing as text (each
 * sentence followed by the reports it cites) or as JSON (sections of sentences with their citations).
 */
import type { Command } from 'commander';
import { CorroborateError } from '../domain/errors.ts';
import type { BriefSection, EntityCard } from '../pipeline/brief/sections.ts';
import { getEventCard } from '../run/event-views.ts';
import { earlierNote, getStoryBriefing } from '../run/story-views.ts';
import { DB_HELP, loadConfig, withExistingStore } from './context.ts';

/** Adds the command to the program. */
export function registerBrief(program: Command): void {
  const brief = program
    .command('brief')
    .description(
      "print an event's card or a story's briefing: every sentence with the report sentences it rests on",
    );
  brief
    .command('event')
    .description("print an event's card: what happened, what the papers say, disputes, what comes next")
    .argument('<event>', 'the event id (as `corroborate events` lists them)')
    .option('--db <db>', DB_HELP)
    .option('--json', 'print the card as JSON')
    .action(async (id: string, opts: { db?: string; json?: boolean }) => {
      const config = loadConfig(opts);
      const card = await withExistingStore(config, (store) => getEventCard(store, id, config.brief));
      if (!card) throw new CorroborateError('not-found', 'no such event', id);
      if (opts.json) return void console.log(JSON.stringify(card));
      console.log(
        `${card.title}\n${card.level ?? 'not assessed'} — ${card.explanation ?? ''}${card.next ? ` ${card.next}` : ''}`,
      );
      printSections(card.sections, card.entities);
    });
  brief
    .command('story')
    .description(
      "print a story's briefing: what's happened, behind the headline, the papers, how we got here, go deeper, the topics",
    )
    .argument('<story>', 'the story id (as `corroborate events --json` gives it)')
    .option('--db <db>', DB_HELP)
    .option('--json', 'print the briefing as JSON')
    .action(async (id: string, opts: { db?: string; json?: boolean }) => {
      const config = loadConfig(opts);
      const b = await withExistingStore(config, (store) => getStoryBriefing(store, id, config.brief));
      if (!b) throw new CorroborateError('not-found', 'no such story', id);
      if (opts.json) return void console.log(JSON.stringify(b));
      console.log(b.title);
      printSections(b.sections, b.entities);
      if (b.earlierEvents) console.log(`\n${earlierNote(b.earlierEvents)}`);
    });
}

function printSections(sections: BriefSection[], entities: EntityCard[]): void {
  for (const s of sections) {
    const paragraphs = s.paragraphs.filter((p) => p.sentences.length);
    if (!paragraphs.length) continue;
    console.log(`\n${s.heading}`);
    for (const p of paragraphs) {
      const about =
        p.heading ??
        p.source?.label ??
        (p.event ? `${p.event.date ?? ''} ${p.event.title}`.trim() : null) ??
        (p.dispute ? `${p.dispute.field}: ${p.dispute.value}` : null);
      if (about) console.log(`  ${about}${p.source ? ` (tone: ${p.source.tone ?? 'unknown'})` : ''}`);
      for (const x of p.sentences)
        console.log(`    ${x.text} [${[...new Set(x.citations.map((c) => c.articleId))].join(', ')}]`);
    }
  }
  if (entities.length) {
    console.log('\nMore on these topics');
    for (const e of entities)
      console.log(
        `  ${e.name} (${e.type.toLowerCase()}, ${e.mentions} mentions)${e.description ? ` — ${e.description.text} [${e.description.citations[0]?.articleId}]` : ''}`,
      );
  }
}
