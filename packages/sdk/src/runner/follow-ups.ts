/**
 * Background tasks with a bound on how many run at once. `add` resolves as soon as the task has
 * started (waiting first only when the bound is reached); a task's failure is swallowed, since
 * follow-up work (a cited-page crawl) never fails the item it follows.
 */
export class FollowUps {
  readonly #limit: number;
  readonly #running = new Set<Promise<void>>();

  constructor(limit: number) {
    this.#limit = Math.max(1, limit);
  }

  get size(): number {
    return this.#running.size;
  }

  async add(task: () => Promise<void>): Promise<void> {
    while (this.#running.size >= this.#limit) await Promise.race(this.#running);
    const p: Promise<void> = task()
      .catch(() => {})
      .finally(() => this.#running.delete(p));
    this.#running.add(p);
  }

  /** Waits until every started task has settled. */
  async drain(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}
