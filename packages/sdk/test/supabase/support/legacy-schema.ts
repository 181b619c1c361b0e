import { type Queryable, splitSql } from '../../../src/index.js';

/**
 * The old Citebots schema as the architecture notes describe it ("Current Backend Architecture
 * Analysis"), written for these tests: the six tables with their original columns, the
 * increment-style counter trigger the notes say keeps analysis_runs in sync, the stuck-item reset
 * function and the two queue indexes of the diagnostics section. batch_id is not unique.
 */
export const LEGACY_DDL = `
CREATE TABLE clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text, domain text, created_by uuid, user_id uuid,
  industry_primary text, industry_secondary text, sub_industry text, business_model text,
  target_audience text[], key_products text[], unique_selling_props text[],
  geographic_focus text, geographic_regions text[], brand_voice text[], customer_problems text[],
  use_cases text[], industry_terminology text[], regulatory_considerations text[], keywords text[],
  ai_enhanced_at timestamptz, ai_enhancement_count integer DEFAULT 0,
  created_at timestamptz DEFAULT now(), updated_at timestamptz DEFAULT now()
);
CREATE TABLE competitors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid REFERENCES clients(id), name text, domain text, source text, ai_data jsonb,
  added_at timestamptz DEFAULT now(), created_at timestamptz DEFAULT now(), updated_at timestamptz DEFAULT now()
);
CREATE TABLE analysis_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid REFERENCES clients(id), batch_id text, status text, platform text,
  queries_total integer DEFAULT 0, queries_completed integer DEFAULT 0, queries_queued integer DEFAULT 0,
  queries_processing integer DEFAULT 0, queries_failed integer DEFAULT 0,
  processing_method text, intents text[], keywords text[], competitors jsonb, created_by uuid,
  created_at timestamptz DEFAULT now(), updated_at timestamptz DEFAULT now(), completed_at timestamptz,
  test_mode boolean DEFAULT false
);
CREATE TABLE analysis_queue (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  analysis_run_id uuid REFERENCES analysis_runs(id), query_data jsonb, query_text text, platform text,
  client_id uuid, client_name text, client_domain text, competitors jsonb,
  status text DEFAULT 'pending', attempts integer DEFAULT 0, max_attempts integer DEFAULT 3,
  processor_id text, priority integer DEFAULT 0,
  created_at timestamptz DEFAULT now(), started_at timestamptz, completed_at timestamptz,
  error_message text, error_details jsonb, result jsonb
);
CREATE TABLE analysis_queries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  analysis_run_id uuid REFERENCES analysis_runs(id), query_id text, query_text text, query_keyword text,
  query_category text, query_topic text, query_type text, query_intent text, funnel_stage text,
  query_complexity text, data_source text, model_response text, citation_count integer,
  brand_mentioned boolean, brand_sentiment double precision, brand_mention_count integer,
  brand_mention_type text, brand_positioning text, competitor_mentioned_names text[],
  competitor_count integer, competitor_analysis jsonb, total_competitor_mentions integer,
  competitor_context text, associated_pages_count integer, associated_pages jsonb, response_match text,
  response_outcome text, action_orientation text, query_competition text, status text,
  created_at timestamptz DEFAULT now(), completed_at timestamptz, error_message text
);
CREATE TABLE page_analyses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  query_id uuid REFERENCES analysis_queries(id), page_analysis_id text, citation_url text,
  citation_position integer, domain_name text, is_client_domain boolean, is_competitor_domain boolean,
  page_title text, brand_mentioned boolean, brand_mention_count integer, brand_in_title boolean,
  brand_context text, competitor_mentioned boolean, competitor_names text[], competitor_analysis jsonb,
  competitor_context text, mention_type text[], analysis_notes text, technical_seo jsonb, on_page_seo jsonb,
  content_quality jsonb, page_performance jsonb, domain_authority jsonb, page_analysis jsonb,
  relevance_score numeric, content_quality_score numeric, query_keyword text, query_text text,
  crawl_error text, created_at timestamptz DEFAULT now()
);

CREATE INDEX idx_queue_processing_fast ON analysis_queue (status, created_at) WHERE status = 'pending';
CREATE INDEX idx_queue_stuck_items ON analysis_queue (status, started_at) WHERE status = 'processing';

CREATE FUNCTION update_run_queue_counters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE analysis_runs SET queries_queued = queries_queued + 1 WHERE id = NEW.analysis_run_id;
  ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
    UPDATE analysis_runs SET
      queries_queued = queries_queued + (NEW.status = 'pending')::int - (OLD.status = 'pending')::int,
      queries_processing = queries_processing + (NEW.status = 'processing')::int - (OLD.status = 'processing')::int,
      queries_completed = queries_completed + (NEW.status = 'completed')::int - (OLD.status = 'completed')::int,
      queries_failed = queries_failed + (NEW.status = 'failed')::int - (OLD.status = 'failed')::int,
      updated_at = now()
    WHERE id = NEW.analysis_run_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER trigger_update_run_queue_counters AFTER INSERT OR UPDATE ON analysis_queue
  FOR EACH ROW EXECUTE FUNCTION update_run_queue_counters();

CREATE FUNCTION reset_stuck_queue_items() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE n integer;
BEGIN
  UPDATE analysis_queue SET status = 'pending', processor_id = NULL
   WHERE status = 'processing' AND started_at < now() - interval '5 minutes';
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
`;

/** The old columns of each table, read back after the upgrade to prove the old rows are intact. */
export const LEGACY_COLUMNS: Record<string, string[]> = {
  clients: [
    'id',
    'name',
    'domain',
    'created_by',
    'user_id',
    'keywords',
    'target_audience',
    'created_at',
    'updated_at',
  ],
  competitors: ['id', 'client_id', 'name', 'domain', 'source', 'ai_data', 'added_at'],
  analysis_runs: [
    'id',
    'client_id',
    'batch_id',
    'status',
    'platform',
    'queries_total',
    'queries_completed',
    'queries_queued',
    'queries_processing',
    'queries_failed',
    'processing_method',
    'competitors',
    'created_at',
    'completed_at',
    'test_mode',
  ],
  analysis_queue: [
    'id',
    'analysis_run_id',
    'query_data',
    'query_text',
    'platform',
    'client_id',
    'client_name',
    'status',
    'attempts',
    'max_attempts',
    'processor_id',
    'created_at',
    'started_at',
    'error_details',
    'result',
  ],
  analysis_queries: [
    'id',
    'analysis_run_id',
    'query_id',
    'query_text',
    'data_source',
    'model_response',
    'citation_count',
    'brand_mentioned',
    'brand_sentiment',
    'competitor_mentioned_names',
    'competitor_analysis',
    'associated_pages',
    'status',
    'created_at',
  ],
  page_analyses: [
    'id',
    'query_id',
    'page_analysis_id',
    'citation_url',
    'citation_position',
    'domain_name',
    'is_client_domain',
    'technical_seo',
    'content_quality',
    'relevance_score',
    'mention_type',
    'created_at',
  ],
};

export interface LegacyIds {
  knak: string;
  brevo: string;
  /** Three runs of Knak sharing batch id 'batch-dup', oldest first. */
  duplicateRuns: string[];
  /** Brevo's run reusing the batch id 'batch-dup' (another client: not a duplicate). */
  otherClientRun: string;
  /** platform='both': 2 queries x 2 platforms = 4 queue items, counters drifted. */
  bothRun: string;
  /** 'processing' for three hours, no lease, attempts left. */
  stuckItem: string;
  /** 'processing' for three hours, no attempts left. */
  exhaustedItem: string;
  /** 'processing', started seconds ago (a live worker of the old system). */
  freshItem: string;
}

async function one(db: Queryable, sql: string, params: unknown[] = []): Promise<string> {
  const rows = await db.query<{ id: string }>(sql, params);
  return rows[0]!.id;
}

/** Creates the old schema and fills it with the kinds of rows the notes' diagnostics found. */
export async function createLegacyDatabase(db: Queryable): Promise<LegacyIds> {
  for (const statement of splitSql(LEGACY_DDL)) await db.query(statement);
  const owner = '11111111-1111-4111-8111-111111111111';
  const knak = await one(
    db,
    `INSERT INTO clients (name, domain, created_by, user_id, keywords, target_audience)
     VALUES ('Knak', 'knak.com', $1, $1, ARRAY['email builder'], ARRAY['marketing ops']) RETURNING id`,
    [owner],
  );
  const brevo = await one(
    db,
    `INSERT INTO clients (name, domain, created_by) VALUES ('Brevo', 'brevo.com', $1) RETURNING id`,
    [owner],
  );
  await db.query(
    `INSERT INTO competitors (client_id, name, domain, source, ai_data)
     VALUES ($1, 'Brevo', 'brevo.com', 'ai_suggested', '{"why":"email"}'), ($1, 'Stensul', 'stensul.com', 'manual', NULL)`,
    [knak],
  );
  const duplicateRuns: string[] = [];
  for (const hoursAgo of [30, 20, 10]) {
    duplicateRuns.push(
      await one(
        db,
        `INSERT INTO analysis_runs (client_id, batch_id, status, platform, queries_total, queries_completed, created_at)
         VALUES ($1, 'batch-dup', 'completed', 'chatgpt', 1, 1, now() - $2::int * interval '1 hour') RETURNING id`,
        [knak, hoursAgo],
      ),
    );
  }
  const otherClientRun = await one(
    db,
    `INSERT INTO analysis_runs (client_id, batch_id, status, platform, created_at)
     VALUES ($1, 'batch-dup', 'completed', 'perplexity', now() - interval '40 hours') RETURNING id`,
    [brevo],
  );
  // 'both': 2 queries became 4 queue items; the counters say 2 total and 3 processing (drifted).
  const bothRun = await one(
    db,
    `INSERT INTO analysis_runs (client_id, batch_id, status, platform, queries_total, queries_completed,
                                queries_queued, queries_processing, queries_failed, processing_method, created_at)
     VALUES ($1, 'batch-both', 'running', 'both', 2, 1, 0, 3, 0, 'queue', now() - interval '4 hours') RETURNING id`,
    [knak],
  );
  const item = (
    query: string,
    platform: string,
    status: string,
    startedAgo: string | null,
    attempts: number,
  ) =>
    one(
      db,
      `INSERT INTO analysis_queue (analysis_run_id, query_data, query_text, platform, client_id, client_name,
                                   client_domain, status, attempts, processor_id, created_at, started_at)
       VALUES ($1, $2::jsonb, $3, $4, $5, 'Knak', 'knak.com', $6, $7,
               CASE WHEN $6 = 'processing' THEN 'edge-worker-7' END, now() - interval '4 hours',
               now() - $8::interval)
       RETURNING id`,
      [
        bothRun,
        JSON.stringify({ query_text: query, keyword: 'email' }),
        query,
        platform,
        knak,
        status,
        attempts,
        startedAgo,
      ],
    );
  await item('best email builder', 'chatgpt', 'completed', '4 hours', 1);
  const stuckItem = await item('best email builder', 'perplexity', 'processing', '3 hours', 1);
  const exhaustedItem = await item('email tools for agencies', 'chatgpt', 'processing', '3 hours', 3);
  const freshItem = await item('email tools for agencies', 'perplexity', 'processing', '5 seconds', 1);
  // The old trigger already counted these inserts as queued; put the drifted values back.
  await db.query(
    `UPDATE analysis_runs SET queries_total = 2, queries_completed = 1, queries_queued = 0, queries_processing = 3 WHERE id = $1`,
    [bothRun],
  );
  const answer = await one(
    db,
    `INSERT INTO analysis_queries (analysis_run_id, query_id, query_text, data_source, model_response, citation_count,
                                   brand_mentioned, brand_sentiment, competitor_mentioned_names, competitor_analysis,
                                   associated_pages, status)
     VALUES ($1, 'q-1', 'best email builder', 'chatgpt', 'Knak and Brevo are popular.', 1, true, 0.4,
             ARRAY['Brevo'], '{"Brevo":{"mentions":1}}', '[{"citation_url":"https://knak.com"}]', 'completed')
     RETURNING id`,
    [bothRun],
  );
  await db.query(
    `INSERT INTO page_analyses (query_id, page_analysis_id, citation_url, citation_position, domain_name, is_client_domain,
                                technical_seo, content_quality, relevance_score, mention_type)
     VALUES ($1, 'pa-1', 'https://knak.com', 1, 'knak.com', true, '{"https":true}', '{"score":7}', 0.82, ARRAY['citation'])`,
    [answer],
  );
  return { knak, brevo, duplicateRuns, otherClientRun, bothRun, stuckItem, exhaustedItem, freshItem };
}

/** The old columns of every old row, in a stable order. */
export async function legacyRows(db: Queryable): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, columns] of Object.entries(LEGACY_COLUMNS)) {
    out[table] = await db.query(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY id`);
  }
  return out;
}
