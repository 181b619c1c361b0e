-- Counters off the hot path. Additive only (0007's objects are replaced or dropped, no data changes).
--
-- Since 0007 every claim and every completion updated the run's one analysis_runs row (its
-- counters, via the statement-level trigger), so all workers of a run queued on that row lock and
-- throughput fell as workers were added. Now claims, completions, failures and releases touch only
-- their own queue rows. The run's counters, cost and status are RECOUNTED from its items by
-- citebots_refresh_run (never incremented, so they cannot drift): workers call it for the runs
-- they work on about once a second, at once when they run out of work, and whenever a completion
-- may have been a run's last or its run has a cost cap; run control (cancel, retry, resume, pause)
-- calls it in its own transaction. Between refreshes the counters on analysis_runs may lag the
-- items by about a second while a run is active; `getRun` counts the items themselves.
--
-- Inserting and deleting items still move the counters in the same statement (0007's statement
-- triggers; submission is rare and run by one caller).

DROP TRIGGER IF EXISTS citebots_run_counters ON analysis_queue;

-- Recounts run p_run from its items and moves its status: queued -> running once an item started;
-- queued/running -> completed (or failed when nothing completed) once no item is pending or
-- processing; queued/running -> paused when its completed items' cost reached max_cost_usd.
-- Locks the run row (p_wait false: gives up at once when another caller holds it — that caller's
-- count is at least as fresh). Returns the status before and after, and the pause reason.
CREATE OR REPLACE FUNCTION citebots_refresh_run(p_run uuid, p_wait boolean DEFAULT true)
RETURNS TABLE (refreshed boolean, old_status text, new_status text, paused_reason text)
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  c record;
  v_status text;
  v_reason text;
BEGIN
  IF p_wait THEN
    SELECT a.status, a.paused_reason, a.max_cost_usd INTO r FROM analysis_runs a WHERE a.id = p_run FOR UPDATE;
  ELSE
    SELECT a.status, a.paused_reason, a.max_cost_usd INTO r FROM analysis_runs a WHERE a.id = p_run
       FOR UPDATE SKIP LOCKED;
  END IF;
  IF NOT FOUND THEN
    RETURN QUERY SELECT false, NULL::text, NULL::text, NULL::text;
    RETURN;
  END IF;
  -- A new statement: its snapshot is taken after the lock, so it sees every commit before it.
  SELECT count(*)::int AS total,
         count(*) FILTER (WHERE q.status = 'pending')::int AS queued,
         count(*) FILTER (WHERE q.status = 'processing')::int AS processing,
         count(*) FILTER (WHERE q.status = 'completed')::int AS completed,
         count(*) FILTER (WHERE q.status = 'failed')::int AS failed,
         count(*) FILTER (WHERE q.status = 'cancelled')::int AS cancelled,
         coalesce(sum(q.cost_usd) FILTER (WHERE q.status = 'completed'), 0)::numeric AS cost,
         min(q.started_at) AS first_started,
         max(q.completed_at) AS last_completed
    INTO c
    FROM analysis_queue q WHERE q.analysis_run_id = p_run;

  v_status := r.status;
  v_reason := r.paused_reason;
  IF r.status IN ('queued', 'running') THEN
    IF c.total > 0 AND c.queued + c.processing = 0 THEN
      v_status := CASE WHEN c.completed = 0 AND c.failed > 0 THEN 'failed' ELSE 'completed' END;
    ELSIF r.max_cost_usd IS NOT NULL AND c.cost >= r.max_cost_usd THEN
      v_status := 'paused';
      v_reason := 'cost limit reached: the run spent ' || round(c.cost, 4)::text || ' USD of its max_cost_usd '
                  || r.max_cost_usd::text || ' USD. Raise the limit or resume the run to continue.';
    ELSIF r.status = 'queued' AND c.total > c.queued THEN
      v_status := 'running';
    END IF;
  END IF;

  UPDATE analysis_runs a SET
    queries_total = c.total, queries_queued = c.queued, queries_processing = c.processing,
    queries_completed = c.completed, queries_failed = c.failed, queries_cancelled = c.cancelled,
    cost_usd = c.cost, status = v_status, paused_reason = v_reason,
    started_at = CASE WHEN v_status <> 'queued' AND c.total > c.queued
                      THEN coalesce(a.started_at, c.first_started, now()) ELSE a.started_at END,
    completed_at = CASE WHEN v_status IN ('completed', 'failed') AND r.status IN ('queued', 'running')
                        THEN coalesce(c.last_completed, now()) ELSE a.completed_at END,
    updated_at = now()
   WHERE a.id = p_run;
  RETURN QUERY SELECT true, r.status::text, v_status, v_reason;
END
$$;

-- Open runs with nothing left pending or processing (their last worker stopped before it could
-- close them): for the workers' periodic sweep.
CREATE OR REPLACE FUNCTION citebots_runs_to_close()
RETURNS SETOF uuid LANGUAGE sql STABLE AS $$
  SELECT r.id FROM analysis_runs r
   WHERE r.status IN ('queued', 'running')
     AND EXISTS (SELECT 1 FROM analysis_queue q WHERE q.analysis_run_id = r.id)
     AND NOT EXISTS (SELECT 1 FROM analysis_queue q
                      WHERE q.analysis_run_id = r.id AND q.status IN ('pending', 'processing'))
$$;

-- Completion: the SDK now completes an item with one statement of its own (the result row, the
-- fenced item update and the "was this the run's last open item?" check in one CTE), prepared once
-- per connection. 0007's citebots_complete_item stays for callers of older releases; it no longer
-- closes runs (the workers' refresh does).

-- Records a failed attempt in one statement, fenced like completion: back to 'pending' after
-- p_delay_ms, or 'failed' (terminal). A terminal failure that may have been the run's last open
-- item refreshes the run; returns the run's status when this failure closed it.
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
  IF p_status = 'failed' AND v_run IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM analysis_queue o
        WHERE o.analysis_run_id = v_run AND o.status IN ('pending', 'processing') AND o.id <> p_item) THEN
    SELECT * INTO f FROM citebots_refresh_run(v_run, true);
    RETURN QUERY SELECT true, p_status,
      CASE WHEN f.old_status IN ('queued', 'running') AND f.new_status IN ('completed', 'failed') THEN f.new_status END;
    RETURN;
  END IF;
  RETURN QUERY SELECT true, p_status, NULL::text;
END
$$;

-- The open items of a run: "is anything left?" (after each completion, when closing runs) reads
-- a handful of entries instead of every item of the run.
CREATE INDEX IF NOT EXISTS analysis_queue_open_by_run_idx
  ON analysis_queue (analysis_run_id) WHERE status IN ('pending', 'processing');

-- The claim walks pending items in exactly its ORDER BY (priority, due time, age, id), so it stops
-- at the first unlocked due item instead of sorting all pending items of all runs. Replaces 0002's
-- index, which lacked the id.
CREATE INDEX IF NOT EXISTS analysis_queue_claim_order_idx
  ON analysis_queue (priority DESC, run_at, created_at, id) WHERE status = 'pending';
DROP INDEX IF EXISTS analysis_queue_claim_idx;
