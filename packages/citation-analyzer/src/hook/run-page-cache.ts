import type { PageFacts } from '../analysis/page-facts.js';
import type { CrawlResult } from '../crawler/crawl-result.js';

export interface CachedPage {
  crawl: CrawlResult;
  facts: PageFacts | null;
}

/**
 * Pages crawled and parsed within one run, by normalised URL: every citation of a page in the
 * run shares one fetch and one parse (in-flight promises are shared too). Only the most recent
 * `maxRuns` runs are kept, so a long-lived worker does not grow without bound.
 */
export class RunPageCache {
  readonly #runs = new Map<string, Map<string, Promise<CachedPage>>>();

  constructor(private readonly maxRuns: number) {}

  get(runId: string, key: string, load: () => Promise<CachedPage>): Promise<CachedPage> {
    let pages = this.#runs.get(runId);
    if (pages) {
      this.#runs.delete(runId); // most recently used last
      this.#runs.set(runId, pages);
    } else {
      pages = new Map();
      this.#runs.set(runId, pages);
      while (this.#runs.size > this.maxRuns) {
        const oldest = this.#runs.keys().next().value as string;
        this.#runs.delete(oldest);
      }
    }
    let pending = pages.get(key);
    if (!pending) {
      pending = load();
      pages.set(key, pending);
      const map = pages;
      pending.then(
        (page) => {
          if (!page.crawl.ok && page.crawl.error.code === 'aborted') map.delete(key);
        },
        () => map.delete(key),
      );
    }
    return pending;
  }

  /** Forgets a run's pages (call when the run is finished). */
  forget(runId: string): void {
    this.#runs.delete(runId);
  }
}
