-- The runner's fast path. Additive only: a column, an index, statement-level counter triggers and
-- two functions that make completing or failing an item one statement (one round trip).
--
-- Before: a row-level trigger moved the run's counters once per item, and the runner then
-- updated the same analysis_runs row again (cost, finishing, cost guard) in the same transaction,
-- so every worker queued on that one row. Now one statement-level trigger per statement sums the
-- changes per run (transition tables) and makes ONE update of each run touched: counters, cost of
-- the items that reached `completed`, `running` (+ started_at) when items start, closing
-- (`completed`/`failed`, completed_at) when nothing is left queued or processing, and pausing when
-- `max_cost_usd` is reached. The run row is locked from the end of the statement to its commit.

-- Which provider account a completed item was charged to: the daily spend is derived from the
-- queue instead of a ledger row every worker updates (citebots_daily_spend stays for spend
-- recorded by hand with recordSpend).
ALTER TABLE analysis_queue ADD COLUMN IF NOT EXISTS account_key text;
CREATE INDEX IF NOT EXISTS analysis_queue_completed_spend_idx
  ON analysis_queue (completed_at) INCLUDE (cost_usd, account_key) WHERE status = 'completed';

-- One function for the three triggers (transition tables need one trigger per event).
-- Transitions of run statuses made by the statement are appended to the transaction-local
-- setting citebots.run_events ('<run id>=<status>;'), read by the functions below.
CREATE OR REPLACE FUNCTION citebots_sync_run_counters_stmt()
RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  runs uuid[];
  dt integer[];
  dq integer[];
  dp integer[];
  dc integer[];
  df integer[];
  dx integer[];
  dcost numeric[];
  events text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(s.run), array_agg(s.t), array_agg(s.q), array_agg(s.p), array_agg(s.c),
           array_agg(s.f), array_agg(s.x), array_agg(s.cost)
      INTO runs, dt, dq, dp, dc, df, dx, dcost
      FROM (SELECT n.analysis_run_id AS run, count(*)::int AS t,
                   count(*) FILTER (WHERE n.status = 'pending')::int AS q,
                   count(*) FILTER (WHERE n.status = 'processing')::int AS p,
                   count(*) FILTER (WHERE n.status = 'completed')::int AS c,
                   count(*) FILTER (WHERE n.status = 'failed')::int AS f,
                   count(*) FILTER (WHERE n.status = 'cancelled')::int AS x,
                   0::numeric AS cost
              FROM citebots_new_items n WHERE n.analysis_run_id IS NOT NULL GROUP BY 1) s;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(s.run), array_agg(s.t), array_agg(s.q), array_agg(s.p), array_agg(s.c),
           array_agg(s.f), array_agg(s.x), array_agg(s.cost)
      INTO runs, dt, dq, dp, dc, df, dx, dcost
      FROM (SELECT o.analysis_run_id AS run, -count(*)::int AS t,
                   -count(*) FILTER (WHERE o.status = 'pending')::int AS q,
                   -count(*) FILTER (WHERE o.status = 'processing')::int AS p,
                   -count(*) FILTER (WHERE o.status = 'completed')::int AS c,
                   -count(*) FILTER (WHERE o.status = 'failed')::int AS f,
                   -count(*) FILTER (WHERE o.status = 'cancelled')::int AS x,
                   0::numeric AS cost
              FROM citebots_old_items o WHERE o.analysis_run_id IS NOT NULL GROUP BY 1) s;
  ELSE
    SELECT array_agg(s.run), array_agg(s.t), array_agg(s.q), array_agg(s.p), array_agg(s.c),
           array_agg(s.f), array_agg(s.x), array_agg(s.cost)
      INTO runs, dt, dq, dp, dc, df, dx, dcost
      FROM (SELECT u.run, sum(u.sign)::int AS t,
                   coalesce(sum(u.sign) FILTER (WHERE u.status = 'pending'), 0)::int AS q,
                   coalesce(sum(u.sign) FILTER (WHERE u.status = 'processing'), 0)::int AS p,
                   coalesce(sum(u.sign) FILTER (WHERE u.status = 'completed'), 0)::int AS c,
                   coalesce(sum(u.sign) FILTER (WHERE u.status = 'failed'), 0)::int AS f,
                   coalesce(sum(u.sign) FILTER (WHERE u.status = 'cancelled'), 0)::int AS x,
                   coalesce(sum(u.sign * u.cost) FILTER (WHERE u.status = 'completed'), 0)::numeric AS cost
              FROM (SELECT n.analysis_run_id AS run, n.status, 1 AS sign, coalesce(n.cost_usd, 0) AS cost
                      FROM citebots_new_items n
                    UNION ALL
                    SELECT o.analysis_run_id, o.status, -1, coalesce(o.cost_usd, 0)
                      FROM citebots_old_items o) u
             WHERE u.run IS NOT NULL
             GROUP BY u.run) s
     WHERE s.t <> 0 OR s.q <> 0 OR s.p <> 0 OR s.c <> 0 OR s.f <> 0 OR s.x <> 0 OR s.cost <> 0;
  END IF;
  IF runs IS NULL THEN
    RETURN NULL;
  END IF;

  WITH d AS (
    SELECT * FROM unnest(runs, dt, dq, dp, dc, df, dx, dcost)
      AS d(run, dt, dq, dp, dc, df, dx, dcost)
  ), moved AS (
    UPDATE analysis_runs r SET
      queries_total = r.queries_total + d.dt,
      queries_queued = r.queries_queued + d.dq,
      queries_processing = r.queries_processing + d.dp,
      queries_completed = r.queries_completed + d.dc,
      queries_failed = r.queries_failed + d.df,
      queries_cancelled = r.queries_cancelled + d.dx,
      cost_usd = r.cost_usd + d.dcost,
      updated_at = now(),
      status = CASE
        WHEN r.status IN ('queued', 'running') AND d.dq + d.dp < 0
             AND r.queries_queued + d.dq + r.queries_processing + d.dp = 0
          THEN CASE WHEN r.queries_completed + d.dc = 0 AND r.queries_failed + d.df > 0 THEN 'failed' ELSE 'completed' END
        WHEN r.status IN ('queued', 'running') AND d.dcost > 0 AND r.max_cost_usd IS NOT NULL
             AND r.cost_usd + d.dcost >= r.max_cost_usd
          THEN 'paused'
        WHEN r.status = 'queued' AND d.dp > 0 THEN 'running'
        ELSE r.status END,
      completed_at = CASE
        WHEN r.status IN ('queued', 'running') AND d.dq + d.dp < 0
             AND r.queries_queued + d.dq + r.queries_processing + d.dp = 0
          THEN now() ELSE r.completed_at END,
      paused_reason = CASE
        WHEN r.status IN ('queued', 'running') AND NOT (d.dq + d.dp < 0
             AND r.queries_queued + d.dq + r.queries_processing + d.dp = 0)
             AND d.dcost > 0 AND r.max_cost_usd IS NOT NULL AND r.cost_usd + d.dcost >= r.max_cost_usd
          THEN 'cost limit reached: the run spent ' || round(r.cost_usd + d.dcost, 4)::text || ' USD of its max_cost_usd '
               || r.max_cost_usd::text || ' USD. Raise the limit or resume the run to continue.'
        ELSE r.paused_reason END,
      started_at = CASE WHEN d.dp > 0 THEN coalesce(r.started_at, now()) ELSE r.started_at END
      FROM d
     WHERE r.id = d.run
    -- Which transitions this statement made, from the new row and the deltas (the run row is
    -- locked once, by the UPDATE itself: a separate locking read of the same row can deadlock).
    RETURNING r.id, CASE
      WHEN r.status IN ('completed', 'failed') AND d.dq + d.dp < 0
           AND r.queries_queued + r.queries_processing = 0 AND r.completed_at = now() THEN r.status
      WHEN r.status = 'paused' AND d.dcost > 0 AND r.max_cost_usd IS NOT NULL
           AND r.cost_usd >= r.max_cost_usd AND r.cost_usd - d.dcost < r.max_cost_usd
           AND r.paused_reason LIKE 'cost limit reached:%' THEN 'paused'
      END AS event
  )
  SELECT string_agg(m.id::text || '=' || m.event, ';') INTO events
    FROM moved m WHERE m.event IS NOT NULL;

  IF events IS NOT NULL THEN
    PERFORM set_config('citebots.run_events',
                       coalesce(current_setting('citebots.run_events', true), '') || events || ';', true);
  END IF;
  RETURN NULL;
END
$$;

-- The UPDATE trigger keeps 0002's name: it replaces the row-level trigger of that name.
DROP TRIGGER IF EXISTS citebots_run_counters ON analysis_queue;
DROP TRIGGER IF EXISTS citebots_run_counters_insert ON analysis_queue;
DROP TRIGGER IF EXISTS citebots_run_counters_delete ON analysis_queue;
CREATE TRIGGER citebots_run_counters_insert
  AFTER INSERT ON analysis_queue REFERENCING NEW TABLE AS citebots_new_items
  FOR EACH STATEMENT EXECUTE FUNCTION citebots_sync_run_counters_stmt();
CREATE TRIGGER citebots_run_counters
  AFTER UPDATE ON analysis_queue REFERENCING OLD TABLE AS citebots_old_items NEW TABLE AS citebots_new_items
  FOR EACH STATEMENT EXECUTE FUNCTION citebots_sync_run_counters_stmt();
CREATE TRIGGER citebots_run_counters_delete
  AFTER DELETE ON analysis_queue REFERENCING OLD TABLE AS citebots_old_items
  FOR EACH STATEMENT EXECUTE FUNCTION citebots_sync_run_counters_stmt();

-- What happened to run `run` in this transaction, from citebots.run_events (last status wins).
CREATE OR REPLACE FUNCTION citebots_run_event(run uuid)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT (array_agg(split_part(e, '=', 2) ORDER BY n DESC))[1]
    FROM unnest(string_to_array(coalesce(current_setting('citebots.run_events', true), ''), ';'))
         WITH ORDINALITY AS t(e, n)
   WHERE split_part(e, '=', 1) = run::text
$$;

-- Completes an item in one statement, fenced on (id, worker, attempt, status): the result row
-- (p_result: column => value, cast by jsonb_populate_record) is stored only while the worker still
-- holds the attempt. Returns whether it was accepted, the result id, and the run's new status when
-- this completion closed it ('completed'/'failed') or paused it (with the reason).
CREATE OR REPLACE FUNCTION citebots_complete_item(
  p_item uuid, p_worker text, p_attempt integer, p_cost numeric, p_account text, p_result jsonb)
RETURNS TABLE (accepted boolean, result_id uuid, run_status text, paused_reason text)
LANGUAGE plpgsql AS $$
DECLARE
  v_run uuid;
  v_cols text;
  v_id uuid;
  v_event text;
BEGIN
  SELECT q.analysis_run_id INTO v_run FROM analysis_queue q
   WHERE q.id = p_item AND q.processor_id = p_worker AND q.attempts = p_attempt AND q.status = 'processing'
   FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT false, NULL::uuid, NULL::text, NULL::text;
    RETURN;
  END IF;
  SELECT string_agg(quote_ident(k), ', ') INTO v_cols FROM jsonb_object_keys(p_result) AS k;
  EXECUTE format('INSERT INTO analysis_queries (%1$s) SELECT %1$s FROM jsonb_populate_record(NULL::analysis_queries, $1) RETURNING id', v_cols)
     INTO v_id USING p_result;
  PERFORM set_config('citebots.run_events', '', true);
  UPDATE analysis_queue
     SET status = 'completed', completed_at = now(), updated_at = now(), lease_expires_at = NULL,
         cost_usd = p_cost, account_key = p_account, error_message = NULL
   WHERE id = p_item;
  v_event := citebots_run_event(v_run);
  RETURN QUERY
    SELECT true, v_id,
           CASE WHEN v_event IN ('completed', 'failed') THEN v_event END,
           CASE WHEN v_event = 'paused' THEN (SELECT r.paused_reason FROM analysis_runs r WHERE r.id = v_run) END;
END
$$;

-- Records a failed attempt in one statement, fenced like completion: back to 'pending' after
-- p_delay_ms, or 'failed' (terminal). Returns the run's status when this failure closed it.
CREATE OR REPLACE FUNCTION citebots_fail_item(
  p_item uuid, p_worker text, p_attempt integer, p_status text, p_delay_ms integer,
  p_message text, p_details jsonb)
RETURNS TABLE (accepted boolean, item_status text, run_status text)
LANGUAGE plpgsql AS $$
DECLARE
  v_run uuid;
  v_event text;
BEGIN
  PERFORM set_config('citebots.run_events', '', true);
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
  v_event := citebots_run_event(v_run);
  RETURN QUERY SELECT true, p_status, CASE WHEN v_event IN ('completed', 'failed') THEN v_event END;
END
$$;
