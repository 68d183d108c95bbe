CREATE TABLE "funds_rollup_versions" (
	"region_code" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funds_rollups" (
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"from_month" integer NOT NULL,
	"to_month" integer NOT NULL,
	"variant" integer NOT NULL,
	"version" bigint NOT NULL,
	"figures" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funds_rollups_region_code_year_from_month_to_month_variant_pk" PRIMARY KEY("region_code","year","from_month","to_month","variant")
);
--> statement-breakpoint
ALTER TABLE "funds_rollup_versions" ADD CONSTRAINT "funds_rollup_versions_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds_rollups" ADD CONSTRAINT "funds_rollups_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Versions: every change that can move a region's funds figures bumps the region's version, in the
-- changing transaction (so a rollup computed in an older snapshot is never taken for current).
CREATE FUNCTION funds_rollup_bump(codes text[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO funds_rollup_versions AS v (region_code, version)
  SELECT c, 1 FROM (SELECT DISTINCT c FROM unnest(codes) AS c WHERE c IS NOT NULL ORDER BY c) s
  ON CONFLICT (region_code) DO UPDATE SET version = v.version + 1
$$;
--> statement-breakpoint
CREATE FUNCTION funds_rollup_receipts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM funds_rollup_bump(ARRAY(SELECT DISTINCT p.region_code FROM new_rows n JOIN projects p ON p.id = n.project_id));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM funds_rollup_bump(ARRAY(SELECT DISTINCT p.region_code FROM (SELECT project_id FROM new_rows UNION SELECT project_id FROM old_rows) n JOIN projects p ON p.id = n.project_id));
  ELSE
    PERFORM funds_rollup_bump(ARRAY(SELECT DISTINCT p.region_code FROM old_rows n JOIN projects p ON p.id = n.project_id));
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
    PERFORM funds_rollup_bump(ARRAY(SELECT DISTINCT p.region_code FROM new_rows n JOIN projects p ON p.id = n.project_id WHERE n.fund_receipt_id IS NOT NULL));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM funds_rollup_bump(ARRAY(SELECT DISTINCT p.region_code FROM (SELECT project_id FROM new_rows UNION SELECT project_id FROM old_rows) n JOIN projects p ON p.id = n.project_id));
  ELSE
    PERFORM funds_rollup_bump(ARRAY(SELECT DISTINCT p.region_code FROM old_rows n JOIN projects p ON p.id = n.project_id WHERE n.fund_receipt_id IS NOT NULL));
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
-- a project moving to another region or source moves its funds; a deleted project takes its receipts along
CREATE FUNCTION funds_rollup_projects_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM funds_rollup_bump(ARRAY(
      SELECT unnest(ARRAY[o.region_code, n.region_code]) FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.region_code IS DISTINCT FROM n.region_code OR o.source IS DISTINCT FROM n.source));
  ELSE
    PERFORM funds_rollup_bump(ARRAY(SELECT DISTINCT o.region_code FROM old_rows o));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER funds_rollup_projects_update AFTER UPDATE ON projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION funds_rollup_projects_changed();
--> statement-breakpoint
CREATE TRIGGER funds_rollup_projects_delete AFTER DELETE ON projects REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION funds_rollup_projects_changed();
--> statement-breakpoint
INSERT INTO funds_rollup_versions (region_code, version) SELECT DISTINCT region_code, 1 FROM projects ON CONFLICT DO NOTHING;
