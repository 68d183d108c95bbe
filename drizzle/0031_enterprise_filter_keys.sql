-- Filter-only enterprise browsing over a national registry (issue 12 item 11): two broad filters whose
-- intersection is small (industry 门类 F and the tag 高新技术; an industry in one prefecture) made the
-- planner AND two huge btree/GIN bitmaps and recheck lossy pages. One GIN index over "filter keys"
-- answers such a combination with GIN's own AND (the rarer key's posting list drives; the other is
-- skipped through): |i:<门类 letter>, |i:<2-, 3- and 4-digit prefixes of the industry code>,
-- |s:<status> ('|s:' when unknown), |r:<first 2, 4 and 6 digits of the region code>, and each tag as
-- it is (a tag name cannot hold '|': services/enterprises/enterprise-tags.ts TAG_NAME). The body is
-- one expression without a subquery, so the planner inlines it (the index and the queries match on
-- the inlined expression, and a recheck evaluates it directly).
-- The 门类 of a 大类 follows GB/T 4754-2017 (test/enterprise-search/filter-keys.test.ts checks it
-- against the installed classification); the search uses a region key only when that prefix names
-- exactly the region's subtree (src/services/enterprises/enterprise-search.ts).
CREATE OR REPLACE FUNCTION enterprise_filter_keys(industry text, status text, tags text[], region text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_remove(ARRAY[
    CASE WHEN industry ~ '^[A-Z]$' THEN '|i:' || industry
         WHEN industry ~ '^[0-9]{2}' THEN '|i:' || CASE
      WHEN left(industry, 2) BETWEEN '01' AND '05' THEN 'A' WHEN left(industry, 2) BETWEEN '06' AND '12' THEN 'B'
      WHEN left(industry, 2) BETWEEN '13' AND '43' THEN 'C' WHEN left(industry, 2) BETWEEN '44' AND '46' THEN 'D'
      WHEN left(industry, 2) BETWEEN '47' AND '50' THEN 'E' WHEN left(industry, 2) BETWEEN '51' AND '52' THEN 'F'
      WHEN left(industry, 2) BETWEEN '53' AND '60' THEN 'G' WHEN left(industry, 2) BETWEEN '61' AND '62' THEN 'H'
      WHEN left(industry, 2) BETWEEN '63' AND '65' THEN 'I' WHEN left(industry, 2) BETWEEN '66' AND '69' THEN 'J'
      WHEN left(industry, 2) = '70' THEN 'K' WHEN left(industry, 2) BETWEEN '71' AND '72' THEN 'L'
      WHEN left(industry, 2) BETWEEN '73' AND '75' THEN 'M' WHEN left(industry, 2) BETWEEN '76' AND '79' THEN 'N'
      WHEN left(industry, 2) BETWEEN '80' AND '82' THEN 'O' WHEN left(industry, 2) = '83' THEN 'P'
      WHEN left(industry, 2) BETWEEN '84' AND '85' THEN 'Q' WHEN left(industry, 2) BETWEEN '86' AND '90' THEN 'R'
      WHEN left(industry, 2) BETWEEN '91' AND '96' THEN 'S' WHEN left(industry, 2) = '97' THEN 'T' END END,
    CASE WHEN industry ~ '^[0-9]{2}' THEN '|i:' || left(industry, 2) END,
    CASE WHEN industry ~ '^[0-9]{3}' THEN '|i:' || left(industry, 3) END,
    CASE WHEN industry ~ '^[0-9]{4}' THEN '|i:' || left(industry, 4) END,
    '|s:' || coalesce(status, ''),
    CASE WHEN region IS NOT NULL THEN '|r:' || left(region, 2) END,
    CASE WHEN region IS NOT NULL THEN '|r:' || left(region, 4) END,
    CASE WHEN region IS NOT NULL THEN '|r:' || left(region, 6) END
  ], NULL) || tags
$$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "enterprises_filter_keys_idx" ON "enterprises" USING gin (enterprise_filter_keys("industry_code", "status", "tags", "region_code"));
--> statement-breakpoint
ANALYZE "enterprises";
