-- Words and filters in one GIN index (issue 12 item 11). A search of two common words with filters
-- ("商务 咨询" + 高新技术 + 注册资本 ≥ 1000万 over 10,000,000 enterprises) made the planner AND the
-- words' bitmaps with the tag's and check capital on every row they found: hundreds of thousands
-- of rows, lossy bitmaps and rechecks, 0.5–1 s. Here the words of search_words and the filter keys
-- (enterprise_filter_keys, migration 0031, and the range keys below) are lexemes of one tsvector,
-- so one GIN scan intersects them all and hands back only the rows that have every word and key
-- (the rarest entry drives, the common ones are skipped through).
-- Range keys, each row having all that apply:
--   |c:4 … |c:10  registered capital ≥ 10^4 … ≥ 10^10 yuan (a floor of 1000万 is |c:7);
--   |y:<year>     the year established, and |d:<decade> (|d:2010 for 2010–2019), so a span of
--                 years is a few keys (2010–2025: |d:2010 or |y:2020 … |y:2025).
-- The search still checks the exact bounds on the rows the index finds; the keys only narrow.
-- search_words is null until an import's keys are computed: such a row still has its filter keys.
-- Nulls and empty strings (a lexeme cannot be either) are removed from the keys first.
-- The functions are single expressions without subqueries: the planner inlines them, and the index
-- and the queries match on the inlined expression. The inner calls name their schema: an index is
-- built with a search_path of pg_catalog only (PostgreSQL 17, PGlite). The filter keys' own index (0031) is replaced.
CREATE OR REPLACE FUNCTION enterprise_range_keys(capital bigint, established date) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_remove(ARRAY[
    CASE WHEN capital >= 10000 THEN '|c:4' END,
    CASE WHEN capital >= 100000 THEN '|c:5' END,
    CASE WHEN capital >= 1000000 THEN '|c:6' END,
    CASE WHEN capital >= 10000000 THEN '|c:7' END,
    CASE WHEN capital >= 100000000 THEN '|c:8' END,
    CASE WHEN capital >= 1000000000 THEN '|c:9' END,
    CASE WHEN capital >= 10000000000 THEN '|c:10' END,
    CASE WHEN established IS NOT NULL THEN '|y:' || extract(year FROM established)::int END,
    CASE WHEN established IS NOT NULL THEN '|d:' || (extract(year FROM established)::int / 10 * 10) END
  ], NULL)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION enterprise_search_vector(words tsvector, industry text, status text, tags text[], region text, capital bigint, established date) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(words, ''::tsvector)
    || array_to_tsvector(array_remove(array_remove(public.enterprise_filter_keys(industry, status, tags, region) || public.enterprise_range_keys(capital, established), NULL), ''))
$$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "enterprises_search_vector_idx" ON "enterprises" USING gin (enterprise_search_vector("search_words", "industry_code", "status", "tags", "region_code", "registered_capital_yuan", "established_on"));
--> statement-breakpoint
DROP INDEX IF EXISTS "enterprises_filter_keys_idx";
--> statement-breakpoint
ANALYZE "enterprises";
