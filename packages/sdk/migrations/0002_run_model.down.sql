-- Rollback of 0002_run_model. DESTRUCTIVE for the data held in the columns 0002 added:
-- platforms, options, cost_usd, leases, raw responses, citations, mention analysis and the other
-- columns listed below are dropped with their contents. Archived duplicate runs become live rows
-- again (their archived_at/archived_reason are dropped with the columns); no row is deleted.
-- The old tables and their original columns are untouched. Take a backup first.

DROP TRIGGER IF EXISTS citebots_run_counters ON analysis_queue;
DROP FUNCTION IF EXISTS citebots_sync_run_counters();
DROP FUNCTION IF EXISTS citebots_recount_run(uuid);
DROP FUNCTION IF EXISTS citebots_status_delta(text, integer);

DROP INDEX IF EXISTS page_analyses_query_idx;
DROP INDEX IF EXISTS analysis_queries_run_idx;
DROP INDEX IF EXISTS analysis_queries_queue_item_uidx;
DROP INDEX IF EXISTS analysis_queue_run_idx;
DROP INDEX IF EXISTS analysis_queue_lease_idx;
DROP INDEX IF EXISTS analysis_queue_claim_idx;
DROP INDEX IF EXISTS analysis_queue_run_query_platform_uidx;
DROP INDEX IF EXISTS analysis_runs_client_created_idx;
DROP INDEX IF EXISTS analysis_runs_client_batch_uidx;
DROP INDEX IF EXISTS competitors_client_idx;

ALTER TABLE analysis_queries
  DROP COLUMN IF EXISTS analysis_version,
  DROP COLUMN IF EXISTS analyzed_at,
  DROP COLUMN IF EXISTS client_citation_position,
  DROP COLUMN IF EXISTS brand_list_rank,
  DROP COLUMN IF EXISTS brand_rank,
  DROP COLUMN IF EXISTS brand_first_mention_offset,
  DROP COLUMN IF EXISTS mention_analysis,
  DROP COLUMN IF EXISTS provider_metadata,
  DROP COLUMN IF EXISTS raw_response,
  DROP COLUMN IF EXISTS cost_details,
  DROP COLUMN IF EXISTS cost_usd,
  DROP COLUMN IF EXISTS token_usage,
  DROP COLUMN IF EXISTS search_queries,
  DROP COLUMN IF EXISTS sources,
  DROP COLUMN IF EXISTS citations,
  DROP COLUMN IF EXISTS attempt,
  DROP COLUMN IF EXISTS model,
  DROP COLUMN IF EXISTS platform,
  DROP COLUMN IF EXISTS queue_item_id;

ALTER TABLE analysis_queue
  DROP COLUMN IF EXISTS cost_usd,
  DROP COLUMN IF EXISTS updated_at,
  DROP COLUMN IF EXISTS heartbeat_at,
  DROP COLUMN IF EXISTS lease_expires_at,
  DROP COLUMN IF EXISTS run_at,
  DROP COLUMN IF EXISTS query_id;

ALTER TABLE analysis_runs
  DROP COLUMN IF EXISTS archived_reason,
  DROP COLUMN IF EXISTS archived_at,
  DROP COLUMN IF EXISTS paused_reason,
  DROP COLUMN IF EXISTS cancelled_at,
  DROP COLUMN IF EXISTS started_at,
  DROP COLUMN IF EXISTS max_cost_usd,
  DROP COLUMN IF EXISTS cost_usd,
  DROP COLUMN IF EXISTS queries_cancelled,
  DROP COLUMN IF EXISTS client_snapshot,
  DROP COLUMN IF EXISTS options,
  DROP COLUMN IF EXISTS platforms;

ALTER TABLE competitors DROP COLUMN IF EXISTS aliases;
ALTER TABLE clients DROP COLUMN IF EXISTS profile, DROP COLUMN IF EXISTS aliases;
