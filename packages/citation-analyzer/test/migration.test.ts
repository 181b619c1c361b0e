import { listMigrations } from '@citebots/sdk';
import { createTestDatabase, type TestDatabase } from '@citebots/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ADDED = [
  'analysis_version',
  'content_type',
  'crawled_at',
  'final_url',
  'http_status',
  'modified_at',
  'normalized_url',
  'page_language',
  'published_at',
  'response_time_ms',
  'word_count',
];

async function pageAnalysisColumns(test: TestDatabase): Promise<string[]> {
  const rows = await test.db.query<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_name = 'page_analyses' ORDER BY column_name",
  );
  return rows.map((r) => r.column_name);
}

describe('migration 0005_page_analyses', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase('pglite');
  }, 180_000); // a fresh PGlite runs every migration: slow on a busy machine

  afterAll(async () => {
    await test?.dispose();
  });

  it('adds its columns to the legacy table, rolls back cleanly and applies again', async () => {
    const migration = listMigrations().find((m) => m.version === 5)!;
    expect(migration.name).toBe('page_analyses');
    expect(migration.down).not.toBeNull();
    const before = await pageAnalysisColumns(test);
    expect(before).toEqual(expect.arrayContaining([...ADDED, 'crawl_error', 'technical_seo', 'query_id']));

    await test.db.exec(migration.down!);
    const rolledBack = await pageAnalysisColumns(test);
    expect(rolledBack.filter((c) => ADDED.includes(c))).toEqual([]);
    expect(rolledBack).toContain('crawl_error'); // the legacy columns stay

    await test.db.exec(migration.up);
    await test.db.exec(migration.up); // idempotent
    expect(await pageAnalysisColumns(test)).toEqual(before);
  });
});
