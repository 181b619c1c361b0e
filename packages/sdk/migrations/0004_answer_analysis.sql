-- Answer analysis: the derived values the metrics read, beside the legacy columns they refine.
-- Additive only.
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS brand_sentiment_label text;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS brand_citation_count integer;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS brand_pawc double precision;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS branded_query boolean;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS analysis_method text;
ALTER TABLE analysis_queries ADD COLUMN IF NOT EXISTS analysis_cost_usd numeric;
