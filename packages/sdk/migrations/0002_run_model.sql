-- The run model: a run is queries x platforms, one queue item and one result per pair.
-- Additive only: new columns, indexes, a counter trigger. Existing rows stay readable.

-- clients and competitors: what a user writes in client.json
ALTER TABLE clients ADD COLUMN IF NOT EXISTS aliases text[] NOT NULL DEFAULT '{}';
ALTER TABLE clients ADD COLUMN IF NOT EXISTS profile jsonb;
ALTER TABLE competitors ADD COLUMN IF NOT EXISTS aliases text[] NOT NULL DEFAULT '{}';
CREATE INDEX IF NOT EXISTS competitors_client_idx ON competitors (client_id);

-- analysis_runs: a list of platforms instead of 'both'; cost guards; cancel/pause; archived duplicates
ALTER TABLE analysis_runs ADD COLUMN IF NOT EXISTS platforms text[];
ALTER TABLE analysis_runs ADD COLUMN IF NOT EXISTS options jsonb NOT NULL DEFAULT '{}';
ALTER TABLE analysis_runs ADD COLUMN IF NOT EXISTS client_snapshot jsonb;
ALTER TABLE analysis_runs ADD COLUMN IF NOT EXISTS queries_cancelled integer NOT NULL DEFAULT 0;
ALTER TABLE analysis_runs ADD COLUMN IF NOT EXISTS cost_usd numeric NOT NULL DEFAULT 0;
ALTER TABLE analysis_runs ADD COLUMN IF NOT EXISTS max_cost_usd numeric;
ALTER TABLE analysis_runs ADD COLUMN IF NOT EXISTS started_at timestamptz;
ALTER TABLE analysis_runs ADD COLUMN IF NOT EXISTS cancelled_at timestamptz;
ALTER TABLE analysis_runs ADD COLUMN IF NOT EXISTS paused_reason text;
ALTER TABLE analysis_runs ADD COLUMN IF NOT EXISTS archived_at timestamptz;
ALTER TABLE analysis_runs ADD COLUMN IF NOT EXISTS archived_reason text;

-- Duplicate batch ids from the old system are archived (marked), never deleted, so that the
-- unique constraint below can hold for every live run. The newest run of each batch stays live.
UPDATE analysis_runs r
   SET archived_at = now(), archived_reason = 'duplicate batch_id (kept the newest run of the batch)'
  FROM (
    SELECT id, row_number() OVER (PARTITION BY client_id, batch_id ORDER BY created_at DESC, id DESC) AS rn
      FROM analysis_runs
     WHERE batch_id IS NOT NULL AND archived_at IS NULL
  ) d
 WHERE r.id = d.id AND d.rn > 1;

CREATE UNIQUE INDEX IF NOT EXISTS analysis_runs_client_batch_uidx
  ON analysis_runs (client_id, batch_id) WHERE batch_id IS NOT NULL AND archived_at IS NULL;
CREATE INDEX IF NOT EXISTS analysis_runs_client_created_idx ON analysis_runs (client_id, created_at DESC);

-- analysis_queue: leases on the database clock, a stable query id, a next-attempt time
ALTER TABLE analysis_queue ADD COLUMN IF NOT EXISTS query_id text;
ALTER TABLE analysis_queue ADD COLUMN IF NOT EXISTS run_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE analysis_queue ADD COLUMN IF NOT EXISTS lease_expires_at timestamptz;
ALTER TABLE analysis_queue ADD COLUMN IF NOT EXISTS heartbeat_at timestamptz;
ALTER TABLE analysis_queue ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE analysis_queue ADD COLUMN IF NOT EXISTS cost_usd numeric;

CREATE UNIQUE INDEX IF NOT EXISTS analysis_queue_run_query_platform_uidx
  ON analysis_queue (analysis_run_id, query_id, platform) WHERE query_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS analysis_queue_claim_idx
  ON analysis_queue (priority DESC, run_at, created_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS analysis_queue_lease_idx
  ON analysis_queue (lease_expires_at) WHERE status = 'processing';
CREATE INDEX IF NOT EXISTS analysis_queue_run_idx ON analysis_queue (analysis_run_id, platform, status);

-- analysis_queries: one result per queue item, with everything the engine returned
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS queue_item_id uuid;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS platform text;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS model text;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS attempt integer;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS citations jsonb;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS sources jsonb;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS search_queries text[];
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS token_usage jsonb;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS cost_usd numeric;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS cost_details jsonb;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS raw_response jsonb;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS provider_metadata jsonb;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS mention_analysis jsonb;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS brand_first_mention_offset integer;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS brand_rank integer;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS brand_list_rank integer;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS client_citation_position integer;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS analyzed_at timestamptz;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS analysis_version integer;

CREATE UNIQUE INDEX IF NOT EXISTS analysis_queries_queue_item_uidx
  ON analysis_queries (queue_item_id) WHERE queue_item_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS analysis_queries_run_idx ON analysis_queries (analysis_run_id, data_source);
CREATE INDEX IF NOT EXISTS page_analyses_query_idx ON page_analyses (query_id);

-- Counters on analysis_runs move in the same transaction as the item whose status changed,
-- so they always equal count(*) GROUP BY status over analysis_queue.
CREATE OR REPLACE FUNCTION citebots_status_delta(s text, sign integer)
RETURNS integer[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[
    sign,
    CASE WHEN s = 'pending' THEN sign ELSE 0 END,
    CASE WHEN s = 'processing' THEN sign ELSE 0 END,
    CASE WHEN s = 'completed' THEN sign ELSE 0 END,
    CASE WHEN s = 'failed' THEN sign ELSE 0 END,
    CASE WHEN s = 'cancelled' THEN sign ELSE 0 END
  ]
$$;

CREATE OR REPLACE FUNCTION citebots_sync_run_counters()
RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d integer[] := ARRAY[0, 0, 0, 0, 0, 0];
  o integer[];
  n integer[];
  run uuid;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.status IS NOT DISTINCT FROM OLD.status
     AND NEW.analysis_run_id IS NOT DISTINCT FROM OLD.analysis_run_id THEN
    RETURN NEW;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    o := citebots_status_delta(OLD.status, -1);
    UPDATE analysis_runs SET
      queries_total = queries_total + o[1],
      queries_queued = queries_queued + o[2],
      queries_processing = queries_processing + o[3],
      queries_completed = queries_completed + o[4],
      queries_failed = queries_failed + o[5],
      queries_cancelled = queries_cancelled + o[6],
      updated_at = now()
    WHERE id = OLD.analysis_run_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    n := citebots_status_delta(NEW.status, 1);
    UPDATE analysis_runs SET
      queries_total = queries_total + n[1],
      queries_queued = queries_queued + n[2],
      queries_processing = queries_processing + n[3],
      queries_completed = queries_completed + n[4],
      queries_failed = queries_failed + n[5],
      queries_cancelled = queries_cancelled + n[6],
      updated_at = now()
    WHERE id = NEW.analysis_run_id;
    RETURN NEW;
  END IF;
  RETURN OLD;
END
$$;

DROP TRIGGER IF EXISTS citebots_run_counters ON analysis_queue;
CREATE TRIGGER citebots_run_counters
  AFTER INSERT OR UPDATE OF status, analysis_run_id OR DELETE ON analysis_queue
  FOR EACH ROW EXECUTE FUNCTION citebots_sync_run_counters();

-- Recomputes a run's counters from its items (repair, and the check the tests make).
CREATE OR REPLACE FUNCTION citebots_recount_run(run uuid)
RETURNS void LANGUAGE sql AS $$
  UPDATE analysis_runs r SET
    queries_total = c.total, queries_queued = c.queued, queries_processing = c.processing,
    queries_completed = c.completed, queries_failed = c.failed, queries_cancelled = c.cancelled
  FROM (
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE status = 'pending')::int AS queued,
           count(*) FILTER (WHERE status = 'processing')::int AS processing,
           count(*) FILTER (WHERE status = 'completed')::int AS completed,
           count(*) FILTER (WHERE status = 'failed')::int AS failed,
           count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled
      FROM analysis_queue WHERE analysis_run_id = run
  ) c
  WHERE r.id = run
$$;
