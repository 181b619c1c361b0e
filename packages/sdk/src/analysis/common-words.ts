/**
 * Everyday English words that are also product names (Notion, Close, Apple, Monday, Drift...).
 * A tracked name or alias that is one of these words is matched only with the capitalisation the
 * user wrote, so "keep your friends close" is not a mention of the CRM "Close", and not when used as
 * a verb with an object ("Close the call", see brand-matcher.ts). Other capitalised uses at the start
 * of a sentence stay ambiguous and are counted.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  `about above act action active adapt air all amazon anchor angle apple apex arc area arrow art
  atlas attention aura balance base basis beacon bench best bit blaze bloom blue bolt bond boost box
  brain brand brave bridge bright buffer build bus buzz cake call calm camp canvas capital card
  care cash catalyst center chain champion chance change charge chart chase check circle citadel
  clarity class clear click climb close cloud coach code collect come compass concept connect
  constant contact copper core craft crest cross crowd crystal current curve cycle dash data day deal
  delta depth design digit direct discover dock dot draft drift drive dune echo edge element
  elevate ember engage envoy epic equal escape essential event ever evolve exact expert express
  fabric factor fair faith fast feather field figure first fix flag flame flash fleet flex flight
  flip float flow fluent focus force form forward found fox frame free fresh front frontline fuel
  fusion gain gather gem genius glide glow go gold grace grain graph gravity great grid ground grow
  guide gusto harbor harmony harvest haven heap help hero hive hook horizon hub ideal impact
  index insight instinct intercom iron island jet journey jump keep key kind kit lab ladder land
  lattice launch lead leaf lean lever lift light line link live local loom loop lucid lumen
  magnet main map march mark matter maven meet mercury merit metric mint mode momentum monday
  motion move native nest net next noble north notion nova oak ocean omni one open optimal orbit
  origin outreach pace page paper path peak pilot pinpoint pitch pivot place plan planet plus
  point polar pulse pure quest quick radar rally range rapid reach ready realm relay rise river
  road rocket root route sage salt scale scout seed sense shift shine signal simple sky slack
  smart snap solid spark sphere spring sprout square stack stage star steady step stream stride
  strike summit sun surge swift sync target task team tempo thread thrive tide timber token
  touch tower trace track trail trek trello true trust unity upward urban valley value vault
  vector venture verge vertex view vista vital voice volt wave way wise word work yield zen zone`
    .split(/\s+/)
    .filter(Boolean),
);

/** A single-word name that is an everyday word (case-insensitive lookup). */
export function isCommonWord(term: string): boolean {
  return !/\s/.test(term.trim()) && COMMON_WORDS.has(term.trim().toLowerCase());
}
