DROP TABLE IF EXISTS citebots_daily_spend;
DROP TABLE IF EXISTS citebots_rate_limits;
