/**
 * Credits and citations of the shipped registry's agencies as news writes them, through extract and
 * provenance: wire datelines in every dash and case, closing credits, "Reporting by", writer lines,
 * copyright notices, and citing phrases (sentences written for the project).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shippedOutlets } from '../src/pipeline/acquire/outlet-registry.ts';
import { extract } from '../src/pipeline/extract/extract.ts';
import { traceProvenance } from '../src/pipeline/provenance/provenance.ts';
import { resolveOutlet } from '../src/pipeline/provenance/resolve-outlet.ts';

const body = 'Ferry crews stopped work on Monday over pay, the union said. Talks resume on Friday.';

/** The report's credits and citations as "kind:outlet", against the shipped registry. */
function links(text: string): string[] {
  const known = shippedOutlets();
  const ex = extract({ id: 'r', url: 'https://bay-courier.example/r', text }, { maxChars: 100_000 });
  if (ex.kind !== 'ok') return [];
  const outlet = resolveOutlet({ url: ex.article.url, name: null, known });
  const { lineage } = traceProvenance(
    { articleId: 'r', extracted: ex.article, outlet, candidates: [], knownOutlets: known },
    { copySimilarity: 0.5 },
  ).provenance;
  return lineage.flatMap((l) =>
    l.kind === 'credit' ? [`credit:${l.source}`] : l.kind === 'citation' ? [`citation:${l.outlet}`] : [],
  );
}

describe('wire datelines', () => {
  it('reads the agency in a dateline with an em dash, an en dash, a hyphen or two hyphens', () => {
    for (const dash of ['—', '–', '-', '--'])
      assert.deepEqual(links(`HARBOURTON (AP) ${dash} ${body}`), ['credit:Associated Press'], dash);
  });
  it('reads a dateline with its date, in capitals or title case, and the agency alone', () => {
    assert.deepEqual(links(`HARBOURTON, March 3 (UPI) — ${body}`), ['credit:United Press International']);
    assert.deepEqual(links(`Harbourton (AP) — ${body}`), ['credit:Associated Press']);
    assert.deepEqual(links(`(Reuters) - ${body}`), ['credit:Reuters']);
  });
  it("reads each major agency's dateline name, lower-case initials and old names among them", () => {
    const agencies: Record<string, string> = {
      Reuters: 'Reuters',
      AFP: 'Agence France-Presse',
      dpa: 'dpa',
      ANSA: 'ANSA',
      EFE: 'EFE',
      Kyodo: 'Kyodo News',
      Xinhua: 'Xinhua',
      TASS: 'TASS',
      'ITAR-TASS': 'TASS',
      'Itar-Tass': 'TASS',
      Ukrinform: 'Ukrinform',
      AAP: 'Australian Associated Press',
      PTI: 'Press Trust of India',
      Yonhap: 'Yonhap News Agency',
    };
    for (const [written, name] of Object.entries(agencies))
      assert.deepEqual(links(`HARBOURTON, March 3 (${written}) -- ${body}`), [`credit:${name}`], written);
  });
});

describe('wire datelines as agencies around the world write them', () => {
  it('reads a colon or an underscore after the agency, a day before its month, a year, slashes', () => {
    assert.deepEqual(links(`HARBOURTON, Nov 10 (PTI): ${body}`), ['credit:Press Trust of India']);
    assert.deepEqual(links(`HARBOURTON (AP) _ ${body}`), ['credit:Associated Press']);
    assert.deepEqual(links(`HARBOURTON, 3 March (Reuters) - ${body}`), ['credit:Reuters']);
    assert.deepEqual(links(`HARBOURTON, Nov. 10, 2011 (Xinhua) -- ${body}`), ['credit:Xinhua']);
    assert.deepEqual(links(`HARBOURTON, March 3 /Xinhua/ -- ${body}`), ['credit:Xinhua']);
  });
  it('reads an agency opening the text before a dash, and two agencies credited together', () => {
    assert.deepEqual(links(`AP — ${body}`), ['credit:Associated Press']);
    assert.deepEqual(links(`Officials — ${body}`), []);
    assert.deepEqual(links(`HARBOURTON, Nov 10 (AFP/Reuters) - ${body}`), [
      'credit:Agence France-Presse',
      'credit:Reuters',
    ]);
    assert.deepEqual(links(`HARBOURTON, Nov 10 (Sapa-AFP) - ${body}`), [
      'credit:South African Press Association',
      'credit:Agence France-Presse',
    ]);
  });
});

describe('closing credits and credit lines', () => {
  it('reads "— Agency", "(Agency)", "Reporting by" and "Additional reporting by"', () => {
    assert.deepEqual(links(`${body}\n— Reuters`), ['credit:Reuters']);
    assert.deepEqual(links(`${body}\n-- Associated Press`), ['credit:Associated Press']);
    assert.deepEqual(links(`${body}\n(AFP)`), ['credit:Agence France-Presse']);
    assert.deepEqual(links(`${body}\nReporting by Reuters; Editing by Ana Reis`), ['credit:Reuters']);
    assert.deepEqual(links(`${body}\nAdditional reporting by Reuters.`), ['credit:Reuters']);
  });
  it('reads "contributed to this report", with or without a writer named', () => {
    assert.deepEqual(links(`${body}\nThe Associated Press contributed to this report.`), [
      'credit:Associated Press',
    ]);
    assert.deepEqual(links(`${body}\nAssociated Press writer Ana Reis contributed to this report.`), [
      'credit:Associated Press',
    ]);
    assert.deepEqual(links(`${body}\nAdditional reporting by Ana Reis.`), []);
    assert.deepEqual(
      links(
        `${body}\n(Reporting by Ana Reis in Harbourton; Additional reporting by Reuters; Editing by Tom Vale)`,
      ),
      ['credit:Reuters'],
    );
  });
  it('reads an agency writer\'s byline ("By ANA REIS, Associated Press Writer", or the title on its own line)', () => {
    assert.deepEqual(links(`By ANA REIS, Associated Press Writer\n${body}`), ['credit:Associated Press']);
    assert.deepEqual(links(`By Ana Reis\nAssociated Press Business Writer\n${body}`), [
      'credit:Associated Press',
    ]);
    assert.deepEqual(links(`By Ana Reis, Staff Writer\n${body}`), []);
    assert.deepEqual(links(`By The Associated Press\n${body}`), ['credit:Associated Press']);
    assert.deepEqual(links(`By Reuters Staff\n${body}`), ['credit:Reuters']);
    assert.deepEqual(links(`By Ana Reis\n${body}`), []);
  });
  it('reads copyright notices, with or without "All rights reserved", and an agency by its owner group', () => {
    assert.deepEqual(links(`${body}\n(c) 2008 The Associated Press. All rights reserved.`), [
      'credit:Associated Press',
    ]);
    assert.deepEqual(links(`${body}\nCopyright (c) 2009 The Associated Press`), ['credit:Associated Press']);
    assert.deepEqual(links(`${body}\nCopyright 2010 Agence France-Presse.`), ['credit:Agence France-Presse']);
    assert.deepEqual(links(`${body}\n© 2013 Thomson Reuters. All rights reserved.`), ['credit:Reuters']);
    assert.deepEqual(links(`${body}\n© Thomson Reuters 2013 All rights reserved`), ['credit:Reuters']);
    assert.deepEqual(links(`${body}\nCopyright 2013 Reuters. Click for Restrictions.`), ['credit:Reuters']);
    assert.deepEqual(links(`${body}\n© 2013 News Corp. All rights reserved.`), []);
  });
});

describe('citations of agencies and papers', () => {
  it('reads "according to", "told", "reported" and "said" with agencies by name, initials and old names', () => {
    assert.deepEqual(links('The ferry sank, according to the Associated Press.'), [
      'citation:Associated Press',
    ]);
    assert.deepEqual(links('"It is over," the mayor told the AP.'), ['citation:Associated Press']);
    assert.deepEqual(links('"It is over," the mayor told AFP.'), ['citation:Agence France-Presse']);
    assert.deepEqual(links('The ferry sank, dpa reported.'), ['citation:dpa']);
    assert.deepEqual(links('The ferry sank, Itar-Tass reported.'), ['citation:TASS']);
    assert.deepEqual(links('The official Xinhua news agency reported the ferry sank.'), ['citation:Xinhua']);
    assert.deepEqual(links('The ferry sank, the Spanish news agency EFE reported.'), ['citation:EFE']);
  });
  it('reads "the newspaper said" as the paper named before it', () => {
    assert.deepEqual(
      links('The Times-Picayune ran the story on Sunday. The newspaper said the ferry sank.'),
      ['citation:The Times-Picayune'],
    );
  });
  it('reads "the ABC" by the country the text speaks of, and leaves it unresolved without one', () => {
    assert.deepEqual(links('In Sydney, the ferry sank, the ABC reported.'), [
      'citation:ABC News (Australia)',
    ]);
    assert.deepEqual(links('The ferry sank, according to the ABC.'), ['citation:ABC']);
  });
});
