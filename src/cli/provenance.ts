/** `corroborate provenance ARTICLE`: a stored report's lineage — outlet, what it copies, credits and cites, and who copies it. */
import type { Command } from 'commander';
import { CorroborateError } from '../domain/errors.ts';
import { reportLineage, type LineageEdge } from '../run/provenance-views.ts';
import { DB_HELP, loadConfig, withExistingStore } from './context.ts';

/** Adds the command to the program. */
export function registerProvenance(program: Command): void {
  program
    .command('provenance')
    .description(
      "show a stored report's lineage: its outlet and owner, the report it copies, the outlets it credits or cites, and the reports that copy it",
    )
    .argument('<article>', 'the article id (as `corroborate events --json` lists them)')
    .option('--db <db>', DB_HELP)
    .option('--json', 'print the lineage as JSON')
    .action(async (id: string, opts: { db?: string; json?: boolean }) => {
      const config = loadConfig(opts);
      const l = await withExistingStore(config, (store) => reportLineage(store, id));
      if (!l) throw new CorroborateError('not-found', 'no such article', id);
      if (opts.json) return void console.log(JSON.stringify(l));
      const o = l.outlet;
      console.log(
        `${l.article.title ?? l.article.id}\n  ${l.article.url}\n  outlet: ${o ? `${o.name} (${o.kind}, ${o.tier}${o.ownerGroup ? `, owned by ${o.ownerGroup}` : ''})` : 'unknown'}`,
      );
      const line = (e: LineageEdge, target: string) =>
        `    ${e.kind} ${target}${e.similarity !== null ? ` (${Math.round(e.similarity * 100)}% shared)` : ''} — ${e.evidence}`;
      console.log(
        l.derivesFrom.length
          ? `  derives from:\n${l.derivesFrom.map((e) => line(e, e.toArticle ?? e.toOutlet ?? '?')).join('\n')}`
          : '  derives from: nothing (an original report)',
      );
      if (l.origin !== l.article.id) console.log(`  origin: ${l.origin}`);
      console.log(
        l.derivedBy.length
          ? `  copied or credited by:\n${l.derivedBy.map((e) => line(e, e.from)).join('\n')}`
          : '  copied or credited by: no stored report',
      );
    });
}
