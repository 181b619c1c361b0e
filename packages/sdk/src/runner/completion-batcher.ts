import type { Database } from '../storage/database.js';
import { type CompletionOutcome, completeItem } from './complete-item.js';
import { type Completion, completeItems } from './complete-items.js';
import { isConnectionError } from './db-retry.js';

export interface CompletionBatcherOptions {
  /** Completion statements in flight at once (default 1: the answers that arrive meanwhile go together in the next). */
  maxInFlight?: number;
  /** Most answers stored by one statement (default 32). */
  maxBatch?: number;
  /** Wraps each statement (the worker retries it when the connection drops). */
  write?: <T>(fn: () => Promise<T>) => Promise<T>;
  /**
   * Wait one turn of the event loop before each statement, so that answers already read go with it
   * (default false). For a database that runs statements on this thread (PGlite): no answer
   * arrives while one runs, so without the wait every statement would carry one answer.
   */
  gatherTurn?: boolean;
}

interface Waiting {
  completion: Completion;
  resolve: (outcome: CompletionOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Stores a worker's answers with as few statements as the load allows (group commit). An answer
 * that arrives while fewer than `maxInFlight` completion statements run is stored at once, alone,
 * so a lightly loaded worker adds no wait; answers that arrive while they all run wait for the
 * first to end and then go together, in one statement and one commit (`completeItems`).
 *
 * When a batch statement fails for another reason than a dropped connection, its answers are
 * stored one by one, so that an answer the database refuses fails alone (its caller gets the error)
 * and the others are kept.
 */
export class CompletionBatcher {
  readonly #db: Database;
  readonly #maxInFlight: number;
  readonly #maxBatch: number;
  readonly #write: <T>(fn: () => Promise<T>) => Promise<T>;
  readonly #gatherTurn: boolean;
  readonly #waiting: Waiting[] = [];
  #inFlight = 0;
  #gathering = false;

  constructor(db: Database, options: CompletionBatcherOptions = {}) {
    this.#db = db;
    this.#maxInFlight = Math.max(1, options.maxInFlight ?? 1);
    this.#maxBatch = Math.max(1, options.maxBatch ?? 32);
    this.#write = options.write ?? ((fn) => fn());
    this.#gatherTurn = options.gatherTurn ?? false;
  }

  /** Stores one answer; resolves with its outcome once its statement has committed. */
  complete(completion: Completion): Promise<CompletionOutcome> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ completion, resolve, reject });
      this.#next();
    });
  }

  #next(): void {
    if (this.#gatherTurn) {
      if (this.#gathering || this.#inFlight >= this.#maxInFlight || this.#waiting.length === 0) return;
      this.#gathering = true;
      setImmediate(() => {
        this.#gathering = false;
        this.#send();
      });
      return;
    }
    this.#send();
  }

  #send(): void {
    while (this.#inFlight < this.#maxInFlight && this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, this.#maxBatch);
      this.#inFlight++;
      void this.#store(batch).finally(() => {
        this.#inFlight--;
        this.#next();
      });
    }
  }

  async #store(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) return this.#storeOne(batch[0]!);
    let outcomes: CompletionOutcome[];
    try {
      outcomes = await this.#write(() =>
        completeItems(
          this.#db,
          batch.map((w) => w.completion),
        ),
      );
    } catch (error) {
      // Nothing of the batch was stored. The database unreachable (the retries spent): every
      // answer gets the error. Otherwise each answer on its own, so a bad one fails alone.
      if (isConnectionError(error)) for (const w of batch) w.reject(error);
      else await Promise.all(batch.map((w) => this.#storeOne(w)));
      return;
    }
    for (const [i, w] of batch.entries()) w.resolve(outcomes[i]!);
  }

  async #storeOne({ completion: c, resolve, reject }: Waiting): Promise<void> {
    try {
      resolve(
        await this.#write(() =>
          completeItem(
            this.#db,
            c.item,
            c.result,
            c.client,
            c.accountKey ? { accountKey: c.accountKey } : {},
          ),
        ),
      );
    } catch (error) {
      reject(error);
    }
  }
}
