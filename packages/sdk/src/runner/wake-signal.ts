/** A sleep that ends early when `wake()` is called or the abort signal fires. */
export class WakeSignal {
  #resolve: (() => void) | null = null;

  wake(): void {
    const r = this.#resolve;
    this.#resolve = null;
    r?.();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        if (this.#resolve === done) this.#resolve = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      const previous = this.#resolve;
      this.#resolve = () => {
        previous?.();
        done();
      };
    });
  }
}
