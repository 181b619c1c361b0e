import { ROBOTS_TOKEN } from '../version.js';
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, type RobotsRules } from './robots.js';

/** Fetches robots.txt through the crawler's safe transport; returns status and text, or throws. */
export type RobotsFetcher = (robotsUrl: string) => Promise<{ status: number; text: string }>;

/**
 * robots.txt, fetched once per origin and cached for the crawler's lifetime (concurrent
 * requests for one origin share the same fetch). A 4xx means no rules (RFC 9309 §2.3.1.3);
 * a 5xx means the site is unavailable, so nothing is crawled there; an unreachable robots.txt
 * (network error) is treated as no rules, since the page fetch will meet the same failure.
 */
const MAX_ORIGINS = 5000;

export class RobotsCache {
  readonly #byOrigin = new Map<string, Promise<RobotsRules>>();

  constructor(private readonly fetcher: RobotsFetcher) {}

  rulesFor(origin: string): Promise<RobotsRules> {
    let pending = this.#byOrigin.get(origin);
    if (!pending) {
      pending = this.#load(origin);
      this.#byOrigin.set(origin, pending);
      // A long-lived worker meets many origins: keep the most recent ones only.
      if (this.#byOrigin.size > MAX_ORIGINS)
        this.#byOrigin.delete(this.#byOrigin.keys().next().value as string);
    }
    return pending;
  }

  async isAllowed(url: URL): Promise<boolean> {
    const rules = await this.rulesFor(url.origin);
    return rules.isAllowed(`${url.pathname}${url.search}`);
  }

  async #load(origin: string): Promise<RobotsRules> {
    try {
      const { status, text } = await this.fetcher(`${origin}/robots.txt`);
      if (status >= 200 && status < 300) return parseRobots(text, ROBOTS_TOKEN);
      if (status >= 500) return DISALLOW_ALL;
      return ALLOW_ALL;
    } catch {
      return ALLOW_ALL;
    }
  }
}
