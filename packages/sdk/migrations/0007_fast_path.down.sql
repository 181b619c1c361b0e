-- Rollback of 0007_fast_path: back to 0002's row-level counter trigger (its function
-- citebots_sync_run_counters is still there) and 0003's spend ledger. The runner of an older
-- release writes the ledger again; spend derived from the queue since 0007 is not copied into it.
-- The account_key column is dropped with its contents (which account each completed item was
-- charged to); no row is deleted.

DROP FUNCTION IF EXISTS citebots_fail_item(uuid, text, integer, text, integer, text, jsonb);
DROP FUNCTION IF EXISTS citebots_complete_item(uuid, text, integer, numeric, text, jsonb);
DROP FUNCTION IF EXISTS citebots_run_event(uuid);

DROP TRIGGER IF EXISTS citebots_run_counters_insert ON analysis_queue;
DROP TRIGGER IF EXISTS citebots_run_counters ON analysis_queue;
DROP TRIGGER IF EXISTS citebots_run_counters_delete ON analysis_queue;
DROP FUNCTION IF EXISTS citebots_sync_run_counters_stmt();

DROP TRIGGER IF EXISTS citebots_run_counters ON analysis_queue;
CREATE TRIGGER citebots_run_counters
  AFTER INSERT OR UPDATE OF status, analysis_run_id OR DELETE ON analysis_queue
  FOR EACH ROW EXECUTE FUNCTION citebots_sync_run_counters();

DROP INDEX IF EXISTS analysis_queue_completed_spend_idx;
ALTER TABLE analysis_queue DROP COLUMN IF EXISTS account_key;
