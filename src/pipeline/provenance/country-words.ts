/**
 * Words that name a country, a region or a people: a short name that is one of these ("Kenya" for Kenya
 * News Agency, "Arab" for Arab News) names the place, not the outlet. General knowledge, written for the
 * project; regions and peoples that news agencies and papers are named after.
 */
const WORDS = [
  'Afghan|Afghanistan|African?|Albanian?|Algerian?|America|American|Arab|Arabia|Arabian|Argentin(?:a|e|ian)',
  'Armenian?|Asian?|Australian?|Austrian?|Azerbaijani?|Bahrain|Bahraini|Bangladesh|Bangladeshi|Belarus|Belarusian',
  'Belgian|Belgium|Bolivian?|Bosnian?|Brazil|Brazilian|British|Britain|Bulgarian?|Burmese|Cambodian?|Canadian?',
  'Caribbean|Central|Chile|Chilean|China|Chinese|Colombian?|Congo|Congolese|Croatian?|Cuban?|Cyprus|Cypriot|Czech',
  'Danish|Denmark|Dutch|East|Eastern|Ecuador|Ecuadorian|Egypt|Egyptian|Emirates|English|Eritrean?|Estonian?',
  'Ethiopian?|Europe|European|Filipino|Finland|Finnish|France|French|Georgian?|German|Germany|Ghana|Ghanaian',
  'Global|Greece|Greek|Gulf|Hungarian|Hungary|Iceland|Icelandic|India|Indian|Indonesian?|Iran|Iranian|Iraq|Iraqi',
  'Ireland|Irish|Israel|Israeli|Italian|Italy|Jamaican?|Japan|Japanese|Jordan|Jordanian|Kazakh|Kazakhstan|Kenyan?',
  'Korea|Korean|Kosovo|Kuwait|Kuwaiti|Latin|Latvian?|Lebanese|Lebanon|Libyan?|Lithuanian?|Malaysian?|Mexican|Mexico',
  'Middle|Moroccan|Morocco|National|International|Nepal|Nepali|New Zealand|Nigerian?|North|Northern|Norway|Norwegian',
  'Pakistan|Pakistani|Palestinian?|Persian|Peru|Peruvian|Philippine|Philippines|Poland|Polish|Portugal|Portuguese',
  'Qatar|Qatari|Regional|Romanian?|Russian?|Saudi|Scottish|Scotland|Serbian?|Singapore|Slovak|Slovakia|Slovenian?',
  'Somali|Somalia|South|Southern|Spain|Spanish|Sri Lanka|Sudan|Sudanese|Swedish|Sweden|Swiss|Switzerland|Syrian?',
  'Taiwan|Taiwanese|Thai|Thailand|Tunisian?|Turkey|Turkish|Uganda|Ugandan|Ukrainian?|Ukraine|Vietnam|Vietnamese',
  'Welsh|Wales|West|Western|World|Yemen|Yemeni|Zambian?|Zimbabwe|Zimbabwean',
].join('|');

const PLACE_WORD = new RegExp(`(?<![\\p{L}])(?:${WORDS})(?![\\p{L}])`, 'u');

/** Whether a short name is, or holds, a word that names a country, a region or a people. */
export function holdsCountryWord(name: string): boolean {
  return PLACE_WORD.test(name);
}
