-- Rollback of 0009_open_items_by_age: 0008's index on the run alone.
CREATE INDEX IF NOT EXISTS analysis_queue_open_by_run_idx
  ON analysis_queue (analysis_run_id) WHERE status IN ('pending', 'processing');
DROP INDEX IF EXISTS analysis_queue_open_by_run_age_idx;
