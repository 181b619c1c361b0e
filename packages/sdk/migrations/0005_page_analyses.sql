-- Citation analyzer: the facts of a crawled page that reports filter and sort on, as columns.
-- Additive only; the details stay in the jsonb columns of 0001 (technical_seo, on_page_seo,
-- content_quality, page_performance, page_analysis).

ALTER TABLE page_analyses ADD COLUMN IF NOT EXISTS normalized_url text;
ALTER TABLE page_analyses ADD COLUMN IF NOT EXISTS final_url text;
ALTER TABLE page_analyses ADD COLUMN IF NOT EXISTS http_status integer;
ALTER TABLE page_analyses ADD COLUMN IF NOT EXISTS content_type text;
ALTER TABLE page_analyses ADD COLUMN IF NOT EXISTS page_language text;
ALTER TABLE page_analyses ADD COLUMN IF NOT EXISTS word_count integer;
ALTER TABLE page_analyses ADD COLUMN IF NOT EXISTS published_at timestamptz;
ALTER TABLE page_analyses ADD COLUMN IF NOT EXISTS modified_at timestamptz;
ALTER TABLE page_analyses ADD COLUMN IF NOT EXISTS response_time_ms integer;
ALTER TABLE page_analyses ADD COLUMN IF NOT EXISTS crawled_at timestamptz;
ALTER TABLE page_analyses ADD COLUMN IF NOT EXISTS analysis_version integer;

CREATE INDEX IF NOT EXISTS page_analyses_domain_idx ON page_analyses (domain_name);
