-- Rollback of 0011_open_runs_index.
DROP INDEX IF EXISTS analysis_runs_open_idx;
