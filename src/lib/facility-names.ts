/** Names of companies, ports, facilities and vessels, which the entity tagger may take for places. */

/**
 * Names that end in one of these words are a company, a port, a facility or a vessel, not a place: a
 * name the gazetteer lacks is not given the country of its report when it reads as one ("Northgate
 * Terminals", "the Harbour Point Hotel").
 */
const FACILITY_OR_COMPANY =
  /\b(?:terminals?|port|harbou?r|docks?|shipyards?|airport|airlines?|airways|station|inc|ltd|llc|plc|corp|corporation|company|group|holdings?|partners|bank|logistics|logistik|shipping|lines|industries|technologies|systems|services|solutions|energy|motors|gmbh|ag|sa|spa|nv|bv|centre|center|hospital|clinic|hotel|stadium|arena|university|college|school|prison|jail|church|mall|plant|factory|refinery|tower|building|ship|vessel|tanker|ferry)\.?$/i;

/** Whether a name reads as a company, a port, a facility or a vessel rather than a place ("Harbour Point Hotel"). */
export function readsAsFacility(name: string): boolean {
  return FACILITY_OR_COMPANY.test(name.trim());
}
