-- Shared rate limits and a spend ledger for the durable runner. Additive only.

-- One row per provider account (the platform's secret-free accountKey, never the key itself).
-- GCRA: `tat` is the theoretical arrival time of the next request. A worker may call when
-- tat - (burst - 1) * interval <= now; each call moves tat one interval further. A 429 or a
-- rate-limit snapshot with nothing left pushes tat forward for every worker on every machine.
CREATE TABLE IF NOT EXISTS citebots_rate_limits (
  account_key text PRIMARY KEY,
  tat timestamptz NOT NULL DEFAULT now(),
  slowed_until timestamptz,
  slowed_reason text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- What each provider account cost per UTC day, moved in the same transaction as the item's
-- completion (the daily spend limit reads one small row per account instead of the queue).
CREATE TABLE IF NOT EXISTS citebots_daily_spend (
  day date NOT NULL,
  account_key text NOT NULL,
  cost_usd numeric NOT NULL DEFAULT 0,
  calls integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (day, account_key)
);
