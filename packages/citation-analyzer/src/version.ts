/** The package version, sent in the crawler's user agent. Keep in step with package.json. */
export const VERSION = '0.1.0';

/** The analysis format version stored with every page_analyses row (bump when fields change meaning). */
export const ANALYSIS_VERSION = 1;

/** The honest user agent the crawler sends; robots.txt groups for `CitebotsBot` apply to it. */
export const USER_AGENT = `CitebotsBot/${VERSION} (+https://github.com/citebots/citebots)`;

/** The product token matched against robots.txt `User-agent` lines. */
export const ROBOTS_TOKEN = 'citebotsbot';
