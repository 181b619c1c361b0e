-- The remaining "is anything of this run still open?" checks take 0009's form: the run's newest
-- open item, read from the (run, age) index of open items, instead of NOT EXISTS. With NOT EXISTS
-- the planner, trusting statistics from when the run was submitted (nearly every item open), may
-- answer with a sequential scan that walks every completed item of the run; ORDER BY ... LIMIT 1
-- can only be answered cheaply by the index. Same results as 0008's versions.

-- Open runs with nothing left pending or processing (the workers' periodic sweep, every few
-- seconds per worker). Both checks are per open run, one index probe each: 0008's EXISTS "has any
-- item" became a semi-join over the whole queue (every item ever queued, read on every sweep).
CREATE OR REPLACE FUNCTION citebots_runs_to_close()
RETURNS SETOF uuid LANGUAGE sql STABLE AS $$
  SELECT r.id FROM analysis_runs r
   WHERE r.status IN ('queued', 'running')
     AND (SELECT q.id FROM analysis_queue q WHERE q.analysis_run_id = r.id LIMIT 1) IS NOT NULL
     AND (SELECT q.id FROM analysis_queue q
           WHERE q.analysis_run_id = r.id AND q.status IN ('pending', 'processing')
           ORDER BY q.created_at DESC LIMIT 1) IS NULL
$$;

-- A failed attempt, fenced like completion (0008), with the last-open-item check by age.
CREATE OR REPLACE FUNCTION citebots_fail_item(
  p_item uuid, p_worker text, p_attempt integer, p_status text, p_delay_ms integer,
  p_message text, p_details jsonb)
RETURNS TABLE (accepted boolean, item_status text, run_status text)
LANGUAGE plpgsql AS $$
DECLARE
  v_run uuid;
  f record;
BEGIN
  UPDATE analysis_queue
     SET status = p_status, run_at = now() + p_delay_ms * interval '1 millisecond',
         error_message = p_message, error_details = p_details,
         processor_id = CASE WHEN p_status = 'pending' THEN NULL ELSE processor_id END,
         lease_expires_at = NULL, updated_at = now(),
         completed_at = CASE WHEN p_status = 'failed' THEN now() ELSE NULL END
   WHERE id = p_item AND processor_id = p_worker AND attempts = p_attempt AND status = 'processing'
  RETURNING analysis_run_id INTO v_run;
  IF NOT FOUND THEN
    RETURN QUERY SELECT false, NULL::text, NULL::text;
    RETURN;
  END IF;
  IF p_status = 'failed' AND v_run IS NOT NULL AND (
       SELECT o.id FROM analysis_queue o
        WHERE o.analysis_run_id = v_run AND o.status IN ('pending', 'processing') AND o.id <> p_item
        ORDER BY o.created_at DESC LIMIT 1) IS NULL THEN
    SELECT * INTO f FROM citebots_refresh_run(v_run, true);
    RETURN QUERY SELECT true, p_status,
      CASE WHEN f.old_status IN ('queued', 'running') AND f.new_status IN ('completed', 'failed') THEN f.new_status END;
    RETURN;
  END IF;
  RETURN QUERY SELECT true, p_status, NULL::text;
END
$$;
