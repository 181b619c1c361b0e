-- Rollback of 0008_counters_off_hot_path: 0007's statement-level UPDATE trigger moves the counters
-- again (its function citebots_sync_run_counters_stmt is still there). The counters are recounted
-- from the items first, so they are exact when the trigger takes over. citebots_refresh_run and
-- 0008's citebots_fail_item stays: it gives the same answers to a runner
-- of 0007's release (a recount after the trigger's move changes nothing). No row is deleted.

DROP FUNCTION IF EXISTS citebots_runs_to_close();

DO $$
DECLARE run uuid;
BEGIN
  FOR run IN SELECT id FROM analysis_runs LOOP
    PERFORM citebots_refresh_run(run, true);
  END LOOP;
END
$$;

DROP TRIGGER IF EXISTS citebots_run_counters ON analysis_queue;
CREATE TRIGGER citebots_run_counters
  AFTER UPDATE ON analysis_queue REFERENCING OLD TABLE AS citebots_old_items NEW TABLE AS citebots_new_items
  FOR EACH STATEMENT EXECUTE FUNCTION citebots_sync_run_counters_stmt();

CREATE INDEX IF NOT EXISTS analysis_queue_claim_idx
  ON analysis_queue (priority DESC, run_at, created_at) WHERE status = 'pending';
DROP INDEX IF EXISTS analysis_queue_claim_order_idx;
DROP INDEX IF EXISTS analysis_queue_open_by_run_idx;
