import { InputError, openDatabase } from '@citebots/sdk';
import * as errorsEntry from '@citebots/sdk/errors';
import * as metricsEntry from '@citebots/sdk/metrics';
import * as runsEntry from '@citebots/sdk/runs';
import * as storageEntry from '@citebots/sdk/storage';
import { describe, expect, it } from 'vitest';
import { cliConfigSchema } from '../src/config-file.js';
import { defaultCliConfig } from '../src/read-config.js';

describe('what the CLI does to start fast', () => {
  it('uses the config schema defaults when there is no config file, without the schema', () => {
    expect(defaultCliConfig()).toEqual(cliConfigSchema.parse({}));
    expect(defaultCliConfig()).not.toBe(defaultCliConfig());
  });

  it('opens the embedded database with the buffer cache it asks for', async () => {
    const db = await openDatabase({ dataDir: 'memory://', env: {}, sharedBuffers: '16MB', migrate: false });
    try {
      const [row] = await db.query<{ shared_buffers: string }>('SHOW shared_buffers');
      expect(row?.shared_buffers).toBe('16MB');
    } finally {
      await db.close();
    }
  });

  it('rejects a buffer cache size PostgreSQL would not understand, naming the option and the fix', async () => {
    const error = await openDatabase({ dataDir: 'memory://', env: {}, sharedBuffers: 'lots' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/sharedBuffers.*"lots".*Fix: .*16MB/);
  });

  it('imports the same functions and classes from the SDK sub-path entries as from its root', async () => {
    const root = await import('@citebots/sdk');
    const entries = { ...errorsEntry, ...storageEntry, ...runsEntry, ...metricsEntry } as Record<
      string,
      unknown
    >;
    expect(Object.keys(entries).length).toBeGreaterThan(20);
    for (const [name, value] of Object.entries(entries))
      expect((root as Record<string, unknown>)[name], name).toBe(value);
  });
});
