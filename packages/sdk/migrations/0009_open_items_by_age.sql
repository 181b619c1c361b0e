-- "Is anything of this run still open?" asked after every completion must read one index entry,
-- whatever the run's size. 0008's index on (analysis_run_id) alone left the planner free to answer
-- it with a sequential scan (its statistics, taken when the run was submitted, say nearly every row
-- is open): the scan then walked every completed item of the run, which sit first in the table, so
-- each completion cost grew with the run (a run of n items: O(n²) rows read). With the items' age
-- as the second key, the check reads the run's newest open item straight from the index
-- (`ORDER BY created_at DESC LIMIT 1`, which a sequential scan can only answer by reading every row,
-- so the planner never prefers it); the newest items are the ones not yet claimed, so the scan does
-- not step over entries left by items completed since the last vacuum.
CREATE INDEX IF NOT EXISTS analysis_queue_open_by_run_age_idx
  ON analysis_queue (analysis_run_id, created_at) WHERE status IN ('pending', 'processing');
DROP INDEX IF EXISTS analysis_queue_open_by_run_idx;
