-- The claim reads the runs it may claim from once per statement (an InitPlan) instead of looking
-- up each candidate item's run: the open runs, whose cost is under their cap. This index holds only
-- open runs, so that read stays a few entries however many runs the database keeps.
CREATE INDEX IF NOT EXISTS analysis_runs_open_idx
  ON analysis_runs (id) INCLUDE (cost_usd, max_cost_usd) WHERE status IN ('queued', 'running');
