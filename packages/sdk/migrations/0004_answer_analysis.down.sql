ALTER TABLE analysis_queries DROP COLUMN IF EXISTS analysis_cost_usd;
ALTER TABLE analysis_queries DROP COLUMN IF EXISTS analysis_method;
ALTER TABLE analysis_queries DROP COLUMN IF EXISTS branded_query;
ALTER TABLE analysis_queries DROP COLUMN IF EXISTS brand_pawc;
ALTER TABLE analysis_queries DROP COLUMN IF EXISTS brand_citation_count;
ALTER TABLE analysis_queries DROP COLUMN IF EXISTS brand_sentiment_label;
