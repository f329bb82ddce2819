/**
 * Month names as news copy writes them, by language: full names in the forms a date takes (the
 * genitive in Polish, Russian and Ukrainian: "12 marca", "5 сентября", "5 вересня"; the nominative too,
 * for "marzec 2024"), and the usual abbreviations. Shared by extraction (bylines, datelines) and analysis
 * (a report's own date line), so both read the same dates.
 *
 * Written from the languages' grammars, not from any page: twelve entries per language, January first.
 * Each entry lists the forms separated by "|"; abbreviations may be written with a trailing dot.
 */
export const MONTH_NAMES: Record<string, readonly string[]> = {
  en: [
    'january|jan',
    'february|feb',
    'march|mar',
    'april|apr',
    'may',
    'june|jun',
    'july|jul',
    'august|aug',
    'september|sep|sept',
    'october|oct',
    'november|nov',
    'december|dec',
  ],
  fr: [
    'janvier|janv',
    'février|fevrier|févr|fév|fevr',
    'mars',
    'avril|avr',
    'mai',
    'juin',
    'juillet|juil',
    'août|aout',
    'septembre|sept',
    'octobre|oct',
    'novembre|nov',
    'décembre|decembre|déc',
  ],
  de: [
    'januar|jänner|jan',
    'februar|feber|feb',
    'märz|maerz|mär|mrz',
    'april|apr',
    'mai',
    'juni|jun',
    'juli|jul',
    'august|aug',
    'september|sep|sept',
    'oktober|okt',
    'november|nov',
    'dezember|dez',
  ],
  es: [
    'enero|ene',
    'febrero|feb',
    'marzo|mar',
    'abril|abr',
    'mayo|may',
    'junio|jun',
    'julio|jul',
    'agosto|ago',
    'septiembre|setiembre|sep|sept|set',
    'octubre|oct',
    'noviembre|nov',
    'diciembre|dic',
  ],
  it: [
    'gennaio|gen',
    'febbraio|feb',
    'marzo|mar',
    'aprile|apr',
    'maggio|mag',
    'giugno|giu',
    'luglio|lug',
    'agosto|ago',
    'settembre|set|sett',
    'ottobre|ott',
    'novembre|nov',
    'dicembre|dic',
  ],
  pt: [
    'janeiro|jan',
    'fevereiro|fev',
    'março|marco|mar',
    'abril|abr',
    'maio|mai',
    'junho|jun',
    'julho|jul',
    'agosto|ago',
    'setembro|set',
    'outubro|out',
    'novembro|nov',
    'dezembro|dez',
  ],
  nl: [
    'januari|jan',
    'februari|feb',
    'maart|mrt|mar',
    'april|apr',
    'mei',
    'juni|jun',
    'juli|jul',
    'augustus|aug',
    'september|sep|sept',
    'oktober|okt',
    'november|nov',
    'december|dec',
  ],
  pl: [
    'stycznia|styczeń|styczen|sty',
    'lutego|luty|lut',
    'marca|marzec|mar',
    'kwietnia|kwiecień|kwiecien|kwi',
    'maja|maj',
    'czerwca|czerwiec|cze',
    'lipca|lipiec|lip',
    'sierpnia|sierpień|sierpien|sie',
    'września|wrzesień|wrzesnia|wrzesien|wrz',
    'października|październik|pazdziernika|pazdziernik|paź|paz',
    'listopada|listopad|lis',
    'grudnia|grudzień|grudzien|gru',
  ],
  ru: [
    'января|январь|янв',
    'февраля|февраль|фев|февр',
    'марта|март|мар',
    'апреля|апрель|апр',
    'мая|май',
    'июня|июнь|июн',
    'июля|июль|июл',
    'августа|август|авг',
    'сентября|сентябрь|сен|сент',
    'октября|октябрь|окт',
    'ноября|ноябрь|ноя|нояб',
    'декабря|декабрь|дек',
  ],
  uk: [
    'січня|січень|січ',
    'лютого|лютий|лют',
    'березня|березень|бер',
    'квітня|квітень|квіт|кві',
    'травня|травень|трав|тра',
    'червня|червень|черв|чер',
    'липня|липень|лип',
    'серпня|серпень|серп|сер',
    'вересня|вересень|вер',
    'жовтня|жовтень|жовт|жов',
    'листопада|листопад|лист|лис',
    'грудня|грудень|груд|гру',
  ],
  tr: [
    'ocak|oca',
    'şubat|subat|şub',
    'mart|mar',
    'nisan|nis',
    'mayıs|mayis|may',
    'haziran|haz',
    'temmuz|tem',
    'ağustos|agustos|ağu',
    'eylül|eylul|eyl',
    'ekim|eki',
    'kasım|kasim|kas',
    'aralık|aralik|ara',
  ],
  sv: [
    'januari|jan',
    'februari|feb',
    'mars|mar',
    'april|apr',
    'maj',
    'juni|jun',
    'juli|jul',
    'augusti|aug',
    'september|sep|sept',
    'oktober|okt',
    'november|nov',
    'december|dec',
  ],
  ro: [
    'ianuarie|ian',
    'februarie|feb',
    'martie|mar',
    'aprilie|apr',
    'mai',
    'iunie|iun',
    'iulie|iul',
    'august|aug',
    'septembrie|sep|sept',
    'octombrie|oct',
    'noiembrie|nov',
    'decembrie|dec',
  ],
  id: [
    'januari|jan',
    'februari|feb',
    'maret|mar',
    'april|apr',
    'mei',
    'juni|jun',
    'juli|jul',
    'agustus|agu|agt',
    'september|sep|sept',
    'oktober|okt',
    'november|nov',
    'desember|des',
  ],
  // Arabic: the names from the Latin months (Egypt, the Gulf, the Maghreb) and the Syriac ones
  // (the Levant and Iraq: "كانون الثاني" is January).
  ar: [
    'يناير|كانون الثاني|جانفي',
    'فبراير|شباط|فيفري',
    'مارس|آذار',
    'أبريل|ابريل|إبريل|نيسان|أفريل',
    'مايو|أيار|ماي',
    'يونيو|يونيه|حزيران|جوان',
    'يوليو|يوليه|تموز|جويلية',
    'أغسطس|اغسطس|آب|أوت',
    'سبتمبر|أيلول',
    'أكتوبر|اكتوبر|تشرين الأول',
    'نوفمبر|تشرين الثاني',
    'ديسمبر|كانون الأول',
  ],
};

// Abbreviations that are also common words in some language ("set", "out", "may", "mar", "ara") are
// safe only because every date pattern that reads them requires a day and a year around them.
let byName: Map<string, number> | null = null;

/** Returns every month form of every language, lower-case, mapped to its month number (1–12). */
export function monthNameIndex(): Map<string, number> {
  if (byName) return byName;
  const out = new Map<string, number>();
  for (const months of Object.values(MONTH_NAMES))
    months.forEach((forms, i) => {
      for (const f of forms.split('|')) if (!out.has(f)) out.set(f, i + 1);
    });
  byName = out;
  return out;
}

/** Returns the month number (1–12) of a written month name in any language here, or null. */
export function monthNumber(word: string): number | null {
  const key = word.toLocaleLowerCase('tr').replace(/\.$/, '').replace(/\s+/g, ' ');
  return monthNameIndex().get(key) ?? monthNameIndex().get(word.toLowerCase().replace(/\.$/, '')) ?? null;
}

/** A regular-expression alternation of every month form, longest first (so "sept" wins over "sep"). */
export function monthAlternation(): string {
  return [...monthNameIndex().keys()]
    .sort((a, b) => b.length - a.length)
    .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}

/**
 * Languages whose writers put the month before the day in all-numeric dates (05/10/2018 is 10 May):
 * American English and a few others. Everyone else writes the day first; "en" without a region is
 * read month-first, as most English pages without one are American.
 */
export const MONTH_FIRST_LOCALES = /^(en(-us|-ph|-ca)?|en_us|fil|tl)$/i;

/** Returns true when all-numeric dates in this language (BCP 47 tag) put the month first. */
export function numericMonthFirst(language: string | null): boolean {
  return language ? MONTH_FIRST_LOCALES.test(language.trim()) : false;
}
