import type { Queryable } from '../storage/database.js';
import { abortableSleep } from './abortable-sleep.js';
import { type RateLimitPolicy, reserveRateLimitSlots } from './rate-limit.js';

/** How far ahead one worker books slots for the calls it has waiting (default 250 ms of the rate). */
export const DEFAULT_BOOKING_WINDOW_MS = 250;

interface Account {
  /** Booked slots not yet handed out: when each may be used (epoch ms), ascending. */
  slots: number[];
  /** Callers waiting for a slot of this account in this worker. */
  waiting: number;
  booking: Promise<void> | null;
}

/**
 * A worker's door to the shared per-account rate limits: callers waiting for the same account are
 * served from one booking of several consecutive slots (`reserveRateLimitSlots`), as many as are
 * waiting but at most `windowMs` of the rate, so the database sees one statement per batch instead
 * of one per call, and the calls still go out evenly spaced on the shared schedule. A booked slot
 * that nobody used within one interval of its time is dropped, never saved up into a burst.
 */
export class RateLimitGate {
  readonly #db: Queryable;
  readonly #windowMs: number;
  readonly #accounts = new Map<string, Account>();

  constructor(db: Queryable, options: { windowMs?: number } = {}) {
    this.#db = db;
    this.#windowMs = options.windowMs ?? DEFAULT_BOOKING_WINDOW_MS;
  }

  /** Waits for a slot of the account (or until `signal` aborts). Returns the time waited. */
  async wait(accountKey: string, policy: RateLimitPolicy, signal?: AbortSignal): Promise<number> {
    const started = Date.now();
    const interval = Math.max(1, Math.ceil(60_000 / policy.requestsPerMinute));
    const account = this.#account(accountKey);
    account.waiting++;
    try {
      for (;;) {
        if (signal?.aborted) throw signal.reason ?? new Error('aborted');
        const now = Date.now();
        while (account.slots.length > 0 && account.slots[0]! < now - interval) account.slots.shift();
        const slot = account.slots.shift();
        if (slot !== undefined) {
          if (slot > now) await abortableSleep(slot - now, signal);
          return Date.now() - started;
        }
        account.booking ??= this.#book(account, accountKey, policy, interval, signal).finally(() => {
          account.booking = null;
        });
        await account.booking;
      }
    } finally {
      account.waiting--;
    }
  }

  /** Forgets the slots booked for an account (after a 429 moved its shared schedule on). */
  drop(accountKey: string): void {
    const account = this.#accounts.get(accountKey);
    if (account) account.slots = [];
  }

  #account(accountKey: string): Account {
    let account = this.#accounts.get(accountKey);
    if (!account) {
      account = { slots: [], waiting: 0, booking: null };
      this.#accounts.set(accountKey, account);
    }
    return account;
  }

  async #book(
    account: Account,
    accountKey: string,
    policy: RateLimitPolicy,
    interval: number,
    signal?: AbortSignal,
  ): Promise<void> {
    const most = Math.max(1, Math.floor(this.#windowMs / interval));
    const count = Math.min(Math.max(1, account.waiting), most);
    const booked = await reserveRateLimitSlots(this.#db, accountKey, policy, count);
    if (!booked.reserved) {
      await abortableSleep(booked.retryInMs, signal);
      return;
    }
    const now = Date.now();
    account.slots.push(...booked.waitsMs.map((w) => now + w));
  }
}
