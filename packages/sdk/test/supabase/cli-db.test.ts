import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, openDatabase } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/testing/index.js';

// `citebots db sql|migrate|status`, run as a user runs them: the built binary in a child process.
const CLI_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../cli');
const BIN = resolve(CLI_ROOT, 'bin/run.js');
const built = existsSync(resolve(CLI_ROOT, 'dist/commands/db/migrate.js'));
if (!built && process.env.CI === 'true') throw new Error('CI=true: build the CLI first (pnpm build)');
if (!built)
  console.warn('citebots db commands skipped: the CLI is not built (pnpm --filter @citebots/cli... build)');

const run = promisify(execFile);
const versions = listMigrations().map((m) => m.version);

async function cli(args: string[], env: Record<string, string>) {
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, cwd: CLI_ROOT });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Each command starts a Node process (seconds on a loaded machine): a generous timeout, not a speed goal.
describe.skipIf(!built)('citebots db commands on a fresh PostgreSQL database', { timeout: 240_000 }, () => {
  let t: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await createTestDatabase('postgres', { migrate: false });
    env = { DATABASE_URL: t.url!, CI: '' };
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('status shows every migration pending, without migrating', async () => {
    const r = await cli(['db', 'status', '--json'], env);
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout);
    expect(status).toMatchObject({ current: 0, upToDate: false, applied: [] });
    expect(status.pending.map((p: { version: number }) => p.version)).toEqual(versions);
    const human = await cli(['db', 'status'], env);
    expect(human.stdout).toMatch(/Schema version 0 of \d+/);
    expect(human.stdout).toMatch(/pending {2}0001_legacy_tables/);
  });

  it('sql prints a script that applies everything when run as one request; status then shows it applied', async () => {
    const r = await cli(['db', 'sql'], env);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('-- Citebots schema migrations')).toBe(true);
    expect(r.stderr).toMatch(/safe to run twice/);
    const single = await openDatabase({ url: t.url, migrate: false, maxConnections: 1, env: {} });
    try {
      await single.exec(r.stdout);
      await single.exec(r.stdout);
    } finally {
      await single.close();
    }
    const status = JSON.parse((await cli(['db', 'status', '--json'], env)).stdout);
    expect(status.upToDate).toBe(true);
    expect(status.applied.map((a: { version: number }) => a.version)).toEqual(versions);
  });

  it('sql --rollback --to N prints the rollbacks newest first; migrate re-applies what the rollback removed', async () => {
    const to = versions[versions.length - 2]!;
    const r = await cli(['db', 'sql', '--rollback', '--to', String(to), '--json'], env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.direction).toBe('down');
    expect(out.versions).toEqual(versions.filter((v) => v > to).reverse());
    const single = await openDatabase({ url: t.url, migrate: false, maxConnections: 1, env: {} });
    try {
      await single.exec(out.script);
    } finally {
      await single.close();
    }
    const m = await cli(['db', 'migrate', '--json'], env);
    expect(m.code).toBe(0);
    expect(JSON.parse(m.stdout).applied.map((a: { version: number }) => a.version)).toEqual(
      versions.filter((v) => v > to),
    );
    expect(m.stderr).toMatch(/Applying/);
    const again = await cli(['db', 'migrate', '--json'], env);
    expect(JSON.parse(again.stdout).applied).toEqual([]);
  });

  it('refuses bad flags with exit code 2 and says what to do', async () => {
    const from0 = await cli(['db', 'sql', '--from', '0'], env);
    expect(from0.code).toBe(2);
    expect(from0.stderr).toMatch(/--from.*Fix:/s);
    expect((await cli(['db', 'sql', '--to', '3'], env)).code).toBe(2);
  });

  it('reports an unreachable database with exit code 4 and no password', async () => {
    const r = await cli(['db', 'status', '--json'], {
      DATABASE_URL: 'postgres://u:Sup3rSecretPw@127.0.0.1:1/x',
    });
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout).error.code).toBe('database_error');
    expect(r.stdout + r.stderr).not.toContain('Sup3rSecretPw');
  });
});
