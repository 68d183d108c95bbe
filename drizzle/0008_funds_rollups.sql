CREATE TABLE "funds_rollup_versions" (
	"region_code" text NOT NULL,
	"bucket" integer NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "funds_rollup_versions_region_code_bucket_pk" PRIMARY KEY("region_code","bucket")
);
--> statement-breakpoint
CREATE TABLE "funds_rollups" (
	"region_code" text NOT NULL,
	"bucket" integer NOT NULL,
	"year" integer NOT NULL,
	"from_month" integer NOT NULL,
	"to_month" integer NOT NULL,
	"variant" integer NOT NULL,
	"version" bigint NOT NULL,
	"figures" jsonb NOT NULL,
	"groups" jsonb NOT NULL,
	"months" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funds_rollups_region_code_bucket_year_from_month_to_month_variant_pk" PRIMARY KEY("region_code","bucket","year","from_month","to_month","variant")
);
--> statement-breakpoint
ALTER TABLE "funds_rollup_versions" ADD CONSTRAINT "funds_rollup_versions_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds_rollups" ADD CONSTRAINT "funds_rollups_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Versions: every change that can move a region's funds figures bumps the version of the region's
-- bucket of the project, in the changing transaction (so a rollup computed in an older snapshot is
-- never taken for current). Buckets spread a region's projects by the last byte of their id.
CREATE FUNCTION funds_rollup_bucket(id uuid) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT get_byte(uuid_send(id), 15) & 15
$$;
--> statement-breakpoint
CREATE FUNCTION funds_rollup_bump(codes text[], buckets int[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO funds_rollup_versions AS v (region_code, bucket, version)
  SELECT c, b, 1 FROM (SELECT DISTINCT c, b FROM unnest(codes, buckets) AS u(c, b) WHERE c IS NOT NULL ORDER BY c, b) s
  ON CONFLICT (region_code, bucket) DO UPDATE SET version = v.version + 1
$$;
--> statement-breakpoint
CREATE FUNCTION funds_rollup_receipts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM funds_rollup_bump(array_agg(s.region_code), array_agg(s.bucket)) FROM (
      SELECT DISTINCT p.region_code, funds_rollup_bucket(p.id) AS bucket FROM new_rows n JOIN projects p ON p.id = n.project_id) s;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM funds_rollup_bump(array_agg(s.region_code), array_agg(s.bucket)) FROM (
      SELECT DISTINCT p.region_code, funds_rollup_bucket(p.id) AS bucket
      FROM (SELECT project_id FROM new_rows UNION SELECT project_id FROM old_rows) n JOIN projects p ON p.id = n.project_id) s;
  ELSE
    PERFORM funds_rollup_bump(array_agg(s.region_code), array_agg(s.bucket)) FROM (
      SELECT DISTINCT p.region_code, funds_rollup_bucket(p.id) AS bucket FROM old_rows n JOIN projects p ON p.id = n.project_id) s;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER funds_rollup_receipts_insert AFTER INSERT ON fund_receipts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION funds_rollup_receipts_changed();
--> statement-breakpoint
CREATE TRIGGER funds_rollup_receipts_update AFTER UPDATE ON fund_receipts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION funds_rollup_receipts_changed();
--> statement-breakpoint
CREATE TRIGGER funds_rollup_receipts_delete AFTER DELETE ON fund_receipts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION funds_rollup_receipts_changed();
--> statement-breakpoint
-- evidence decides which receipts count when the policy asks for it (先证后计)
CREATE FUNCTION funds_rollup_evidence_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM funds_rollup_bump(array_agg(s.region_code), array_agg(s.bucket)) FROM (
      SELECT DISTINCT p.region_code, funds_rollup_bucket(p.id) AS bucket FROM new_rows n JOIN projects p ON p.id = n.project_id
      WHERE n.fund_receipt_id IS NOT NULL) s;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM funds_rollup_bump(array_agg(s.region_code), array_agg(s.bucket)) FROM (
      SELECT DISTINCT p.region_code, funds_rollup_bucket(p.id) AS bucket
      FROM (SELECT project_id FROM new_rows UNION SELECT project_id FROM old_rows) n JOIN projects p ON p.id = n.project_id) s;
  ELSE
    PERFORM funds_rollup_bump(array_agg(s.region_code), array_agg(s.bucket)) FROM (
      SELECT DISTINCT p.region_code, funds_rollup_bucket(p.id) AS bucket FROM old_rows n JOIN projects p ON p.id = n.project_id
      WHERE n.fund_receipt_id IS NOT NULL) s;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER funds_rollup_evidence_insert AFTER INSERT ON evidence_files REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION funds_rollup_evidence_changed();
--> statement-breakpoint
CREATE TRIGGER funds_rollup_evidence_update AFTER UPDATE ON evidence_files REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION funds_rollup_evidence_changed();
--> statement-breakpoint
CREATE TRIGGER funds_rollup_evidence_delete AFTER DELETE ON evidence_files REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION funds_rollup_evidence_changed();
--> statement-breakpoint
-- a project moving to another region, source, industry or investor moves its funds; a deleted project takes its receipts along
CREATE FUNCTION funds_rollup_projects_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM funds_rollup_bump(array_agg(s.region_code), array_agg(s.bucket)) FROM (
      SELECT DISTINCT x.region_code, funds_rollup_bucket(x.id) AS bucket FROM (
        SELECT o.id, unnest(ARRAY[o.region_code, n.region_code]) AS region_code FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE o.region_code IS DISTINCT FROM n.region_code OR o.source IS DISTINCT FROM n.source
          OR o.industry_code IS DISTINCT FROM n.industry_code OR o.investor_id IS DISTINCT FROM n.investor_id) x) s;
  ELSE
    PERFORM funds_rollup_bump(array_agg(s.region_code), array_agg(s.bucket)) FROM (
      SELECT DISTINCT o.region_code, funds_rollup_bucket(o.id) AS bucket FROM old_rows o) s;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER funds_rollup_projects_update AFTER UPDATE ON projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION funds_rollup_projects_changed();
--> statement-breakpoint
CREATE TRIGGER funds_rollup_projects_delete AFTER DELETE ON projects REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION funds_rollup_projects_changed();
--> statement-breakpoint
-- an investor's tags decide the investor type of its projects in the breakdowns
CREATE FUNCTION funds_rollup_enterprises_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM funds_rollup_bump(array_agg(s.region_code), array_agg(s.bucket)) FROM (
    SELECT DISTINCT p.region_code, funds_rollup_bucket(p.id) AS bucket
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN projects p ON p.investor_id = n.id
    WHERE o.tags IS DISTINCT FROM n.tags) s;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER funds_rollup_enterprises_update AFTER UPDATE ON enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION funds_rollup_enterprises_changed();
--> statement-breakpoint
INSERT INTO funds_rollup_versions (region_code, bucket, version) SELECT DISTINCT region_code, funds_rollup_bucket(id), 1 FROM projects ON CONFLICT DO NOTHING;
