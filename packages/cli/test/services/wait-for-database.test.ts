import { DatabaseError } from '@citebots/sdk';
import { describe, expect, it } from 'vitest';
import { waitForDatabase } from '../../src/services/wait-for-database.js';

/** What openDatabase throws when the server cuts or refuses the connection. */
function connectionError(code: string): DatabaseError {
  return new DatabaseError(`Cannot reach the database at 127.0.0.1:5432/x: ${code}.`, {
    cause: Object.assign(new Error(code), { code }),
    isRetryable: true,
  });
}

describe('waitForDatabase (the worker opening its database)', () => {
  it('tries again while the connection itself fails, saying so, then returns the database', async () => {
    const notes: string[] = [];
    const failures = [connectionError('ECONNREFUSED'), connectionError('57P01')];
    let tries = 0;
    const db = await waitForDatabase(
      async () => {
        tries++;
        const failure = failures.shift();
        if (failure) throw failure;
        return 'db';
      },
      { signal: new AbortController().signal, note: (m) => notes.push(m), firstDelayMs: 5 },
    );
    expect(db).toBe('db');
    expect(tries).toBe(3);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/Cannot reach the database .*ECONNREFUSED.*Trying again in 0\.0 s/);
  });

  it('throws any other error at once: a wrong password is not waited for', async () => {
    const wrongPassword = new DatabaseError('password authentication failed', {
      cause: Object.assign(new Error('auth'), { code: '28P01' }),
    });
    let tries = 0;
    const attempt = waitForDatabase(
      async () => {
        tries++;
        throw wrongPassword;
      },
      { signal: new AbortController().signal, note: () => {}, firstDelayMs: 5 },
    );
    await expect(attempt).rejects.toBe(wrongPassword);
    expect(tries).toBe(1);
  });

  it('gives up with the last connection error after maxWaitMs, and at once when stopped', async () => {
    const refused = connectionError('ECONNREFUSED');
    const open = async () => {
      throw refused;
    };
    await expect(
      waitForDatabase(open, {
        signal: new AbortController().signal,
        note: () => {},
        firstDelayMs: 5,
        maxWaitMs: 30,
      }),
    ).rejects.toBe(refused);
    const stopped = new AbortController();
    const waiting = waitForDatabase(open, {
      signal: stopped.signal,
      note: () => stopped.abort(),
      firstDelayMs: 60_000,
    });
    await expect(waiting).rejects.toBe(refused);
  });
});
