import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getRun,
  listMigrations,
  migrate,
  migrationScript,
  migrationStatus,
  openDatabase,
  reclaimExpiredLeases,
} from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../../src/testing/index.js';
import { createLegacyDatabase, type LegacyIds, legacyRows } from './support/legacy-schema.js';

const TABLES = [
  'clients',
  'competitors',
  'analysis_runs',
  'analysis_queue',
  'analysis_queries',
  'page_analyses',
];

async function counts(t: TestDatabase): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    out[table] = row!.n;
  }
  return out;
}

describe('migrating a PostgreSQL database that holds the old Citebots tables and data', () => {
  let t: TestDatabase;
  let ids: LegacyIds;
  let countsBefore: Record<string, number>;
  let rowsBefore: Record<string, unknown[]>;
  let applied: number[];

  beforeAll(async () => {
    t = await createTestDatabase('postgres', { migrate: false });
    ids = await createLegacyDatabase(t.db);
    countsBefore = await counts(t);
    rowsBefore = await legacyRows(t.db);
    applied = await migrate(t.db);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('applies every migration', () => {
    expect(applied).toEqual(listMigrations().map((m) => m.version));
  });

  it('loses nothing: the same rows in every table, the old columns unchanged', async () => {
    expect(await counts(t)).toEqual(countsBefore);
    expect(await legacyRows(t.db)).toEqual(rowsBefore);
    const run = await getRun(t.db, ids.bothRun);
    expect(run?.id).toBe(ids.bothRun);
  });

  it('archives duplicate batch ids (never deletes them) and keeps the newest run of each batch live', async () => {
    const rows = await t.db.query<{ id: string; archived_at: Date | null; archived_reason: string | null }>(
      `SELECT id, archived_at, archived_reason FROM analysis_runs WHERE batch_id = 'batch-dup' AND client_id = $1`,
      [ids.knak],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(rows).toHaveLength(3);
    const [oldest, middle, newest] = ids.duplicateRuns;
    expect(byId.get(newest!)!.archived_at).toBeNull();
    for (const id of [oldest!, middle!]) {
      expect(byId.get(id)!.archived_at).toBeInstanceOf(Date);
      expect(byId.get(id)!.archived_reason).toMatch(/duplicate batch_id/);
    }
    const [other] = await t.db.query<{ archived_at: Date | null }>(
      'SELECT archived_at FROM analysis_runs WHERE id = $1',
      [ids.otherClientRun],
    );
    expect(other!.archived_at).toBeNull();
    await expect(
      t.db.query(`INSERT INTO analysis_runs (client_id, batch_id) VALUES ($1, 'batch-dup')`, [ids.knak]),
    ).rejects.toThrow(/analysis_runs_client_batch_uidx/);
  });

  it("reports the old system's counter trigger, which would count every status change twice", async () => {
    const status = await migrationStatus(t.db);
    expect(status.upToDate).toBe(true);
    expect(status.warnings.join('\n')).toMatch(/trigger_update_run_queue_counters on analysis_queue/);
  });

  it("after the documented clean-up, the runner's reclaim recovers the stuck items and the counters hold", async () => {
    // docs/supabase.md, "After migrating": disable the old trigger, recount the counters.
    await t.db.query('ALTER TABLE analysis_queue DISABLE TRIGGER trigger_update_run_queue_counters');
    await t.db.query('SELECT citebots_recount_run(id) FROM analysis_runs');
    expect((await migrationStatus(t.db)).warnings).toEqual([]);

    // Legacy items have no lease: 'processing' with started_at older than the lease counts as expired.
    expect(await reclaimExpiredLeases(t.db, 10 * 60_000)).toBe(2);
    const items = await t.db.query<{ id: string; status: string; processor_id: string | null }>(
      'SELECT id, status, processor_id FROM analysis_queue WHERE analysis_run_id = $1',
      [ids.bothRun],
    );
    const status = new Map(items.map((i) => [i.id, i]));
    expect(status.get(ids.stuckItem)).toMatchObject({ status: 'pending', processor_id: null });
    expect(status.get(ids.exhaustedItem)!.status).toBe('failed');
    expect(status.get(ids.freshItem)).toMatchObject({ status: 'processing', processor_id: 'edge-worker-7' });

    const [run] = await t.db.query(
      `SELECT queries_total, queries_queued, queries_processing, queries_completed, queries_failed
         FROM analysis_runs WHERE id = $1`,
      [ids.bothRun],
    );
    expect(run).toEqual({
      queries_total: 4,
      queries_queued: 1,
      queries_processing: 1,
      queries_completed: 1,
      queries_failed: 1,
    });
    expect(await counts(t)).toEqual(countsBefore);
  });
});

describe('the same upgrade done by hand: the `citebots db sql` script run twice in one request', () => {
  it('keeps every old row, archives the duplicates and records every version', async () => {
    const t = await createTestDatabase('postgres', { migrate: false });
    try {
      const ids = await createLegacyDatabase(t.db);
      const countsBefore = await counts(t);
      const rowsBefore = await legacyRows(t.db);
      const editor = await openDatabase({ url: t.url, migrate: false, maxConnections: 1, env: {} });
      try {
        await editor.exec(migrationScript());
        await editor.exec(migrationScript());
      } finally {
        await editor.close();
      }
      expect((await migrationStatus(t.db)).upToDate).toBe(true);
      expect(await counts(t)).toEqual(countsBefore);
      expect(await legacyRows(t.db)).toEqual(rowsBefore);
      const live = await t.db.query<{ id: string }>(
        `SELECT id FROM analysis_runs WHERE batch_id = 'batch-dup' AND client_id = $1 AND archived_at IS NULL`,
        [ids.knak],
      );
      expect(live.map((r) => r.id)).toEqual([ids.duplicateRuns[2]]);
    } finally {
      await t.dispose();
    }
  });
});
