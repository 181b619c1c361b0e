/** A counting semaphore: at most `limit` holders at once, waiters served in order. */
export class Semaphore {
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  get idle(): boolean {
    return this.#active === 0 && this.#waiting.length === 0;
  }

  async acquire(): Promise<() => void> {
    if (this.#active >= this.limit) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#active++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active--;
    };
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

interface HostSlot {
  semaphore: Semaphore;
  nextStartAt: number;
}

/**
 * Politeness: a global cap on requests in flight, a per-host cap, and a minimum gap between
 * two request starts to the same host.
 */
export class HostScheduler {
  readonly #global: Semaphore;
  readonly #hosts = new Map<string, HostSlot>();

  constructor(
    globalConcurrency: number,
    private readonly perHostConcurrency: number,
    private readonly delayMs: number,
  ) {
    this.#global = new Semaphore(globalConcurrency);
  }

  async run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let slot = this.#hosts.get(host);
    if (!slot) {
      slot = { semaphore: new Semaphore(this.perHostConcurrency), nextStartAt: 0 };
      this.#hosts.set(host, slot);
    }
    const releaseHost = await slot.semaphore.acquire();
    try {
      const wait = slot.nextStartAt - Date.now();
      slot.nextStartAt = Math.max(Date.now(), slot.nextStartAt) + this.delayMs;
      await sleep(wait, signal);
      const releaseGlobal = await this.#global.acquire();
      try {
        return await task();
      } finally {
        releaseGlobal();
      }
    } finally {
      releaseHost();
      this.#prune();
    }
  }

  /** Forgets idle hosts whose politeness gap has passed, so the map does not grow without bound. */
  #prune(): void {
    if (this.#hosts.size < 1000) return;
    const now = Date.now();
    for (const [host, slot] of this.#hosts) {
      if (slot.semaphore.idle && slot.nextStartAt <= now) this.#hosts.delete(host);
    }
  }
}
