/**
 * Names shaped like outlets that are not news outlets: a page's section labels ("Breaking News",
 * "Latest News") and well-known data, reference, review, commerce and social sites ("Example.com" shaped
 * names a text cites for a figure, not for news). Both lists are general knowledge of the web, written
 * for the project; a known news outlet is never looked up here.
 */
import { outletKey } from '../../domain/outlet.ts';

/** A section or a label, not a name: "Breaking News", "Top News", "The Latest News". */
const NEWS_LABEL =
  /^(?:the\s+)?(?:breaking|latest|top|more|related|recent|other|local|national|international|business|sports?|entertainment|fake|good|bad|big|live|trending|popular|world)\s+news$/i;

/** Sites people cite for data, reference, reviews, prices or posts: sources, not news outlets. */
const NOT_NEWS_SITES = new Set(
  [
    'Wikipedia',
    'Wikimedia',
    'IMDb',
    'Box Office Mojo',
    'Rotten Tomatoes',
    'Metacritic',
    'Edmunds',
    'Kelley Blue Book',
    'TrueCar',
    'Cars.com',
    'Autotrader',
    'Carfax',
    'Zillow',
    'Redfin',
    'Realtor.com',
    'Trulia',
    'Glassdoor',
    'Indeed',
    'Statista',
    'Ookla',
    'Similarweb',
    'StatCounter',
    'Alexa',
    'Nielsen',
    'comScore',
    'Gartner',
    'Forrester',
    'Gallup',
    'YouGov',
    'Ipsos',
    'Rasmussen Reports',
    'Quinnipiac',
    'FlightAware',
    'Flightradar24',
    'AccuWeather',
    'Weather Underground',
    'TripAdvisor',
    'Yelp',
    'Expedia',
    'Kayak',
    'Amazon',
    'eBay',
    'Craigslist',
    'Etsy',
    'LinkedIn',
    'Twitter',
    'Facebook',
    'Instagram',
    'YouTube',
    'TikTok',
    'Reddit',
    'GitHub',
    'Spotify',
    'Netflix',
    'Ticketmaster',
    'StubHub',
    'GoFundMe',
    'Kickstarter',
    'Change.org',
    'Snopes',
    'Ancestry',
    'Crunchbase',
    'PitchBook',
    'CoinMarketCap',
    'CoinDesk Indices',
    'Morningstar',
    'Zacks',
    'FactSet',
    'Refinitiv',
    'S&P Global',
    "Moody's",
    'Fitch Ratings',
    'Baseball-Reference',
    'Pro Football Reference',
    'Spotrac',
    'Transfermarkt',
  ].map((n) => outletKey(n)),
);

/** Whether a name shaped like an outlet's is a label or a known non-news site (with or without ".com"). */
export function isNotNewsName(name: string): boolean {
  if (NEWS_LABEL.test(name.trim())) return true;
  const key = outletKey(name);
  return NOT_NEWS_SITES.has(key) || NOT_NEWS_SITES.has(key.replace(/(?:com|net|org|couk)$/, ''));
}
