/** English function words and news filler that say nothing about which event a report covers. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all almost also although am among an and any are around as at be because been before being below
  between both but by can could did do does doing down during each either else ever every few for from further had has have having he her
  here hers herself him himself his how however i if in into is it its itself just last later least less like made make many may me might
  more most much must my myself near neither new next no nor not now of off often on once one only onto or other others our ours ourselves
  out over own per perhaps rather said same says see seen she should since so some still such than that the their theirs them themselves
  then there these they this those though through thus to told too toward towards under until up upon us very via was we were what when
  where whether which while who whom whose why will with within without would yet you your yours yourself yourselves
  monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weeks month months year years day days
  january february march april june july august september october november december time times
  mr mrs ms according told added including two three four five six first second third news report reports reported reporting
  statement people would could also well may`
    .split(/\s+/)
    .filter(Boolean),
);
