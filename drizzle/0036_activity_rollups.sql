CREATE TABLE "activity_rollup_keys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activity_rollup_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"project_id" uuid,
	CONSTRAINT "activity_rollup_keys_key_key" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "activity_rollup_versions" (
	"region_code" text NOT NULL,
	"month" text NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "activity_rollup_versions_region_code_month_pk" PRIMARY KEY("region_code","month")
);
--> statement-breakpoint
CREATE TABLE "activity_rollups" (
	"region_code" text NOT NULL,
	"month" text NOT NULL,
	"version" bigint NOT NULL,
	"combos" text NOT NULL,
	"ids" "bytea" NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_rollups_region_code_month_pk" PRIMARY KEY("region_code","month")
);
--> statement-breakpoint
CREATE TABLE "project_reserve_counts" (
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	"version" bigint NOT NULL,
	"projects" integer NOT NULL,
	CONSTRAINT "project_reserve_counts_region_code_day_pk" PRIMARY KEY("region_code","day")
);
--> statement-breakpoint
CREATE TABLE "project_reserve_versions" (
	"region_code" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activity_rollup_versions" ADD CONSTRAINT "activity_rollup_versions_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_rollups" ADD CONSTRAINT "activity_rollups_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reserve_counts" ADD CONSTRAINT "project_reserve_counts_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reserve_versions" ADD CONSTRAINT "project_reserve_versions_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- Versions: every change of an activity or of its links bumps the version of the activity's
-- region-month, in the changing transaction, so a part computed in an older snapshot is never
-- taken for current. A project's amounts are read when a summary is made and need no bump.
CREATE FUNCTION activity_rollup_bump(codes text[], months text[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO activity_rollup_versions AS v (region_code, month, version)
  SELECT c, m, 1 FROM (SELECT DISTINCT c, m FROM unnest(codes, months) AS u(c, m) WHERE c IS NOT NULL ORDER BY c, m) s
  ON CONFLICT (region_code, month) DO UPDATE SET version = v.version + 1
$$;
--> statement-breakpoint
CREATE FUNCTION activity_rollup_activities_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM activity_rollup_bump(array_agg(s.region_code), array_agg(s.month)) FROM (
      SELECT DISTINCT n.region_code, to_char(n.start_date, 'YYYY-MM') AS month FROM new_rows n) s;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM activity_rollup_bump(array_agg(s.region_code), array_agg(s.month)) FROM (
      SELECT n.region_code, to_char(n.start_date, 'YYYY-MM') AS month FROM new_rows n
      UNION SELECT o.region_code, to_char(o.start_date, 'YYYY-MM') FROM old_rows o) s;
  ELSE
    PERFORM activity_rollup_bump(array_agg(s.region_code), array_agg(s.month)) FROM (
      SELECT DISTINCT o.region_code, to_char(o.start_date, 'YYYY-MM') AS month FROM old_rows o) s;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER activity_rollup_activities_insert AFTER INSERT ON activities REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_rollup_activities_changed();
--> statement-breakpoint
CREATE TRIGGER activity_rollup_activities_update AFTER UPDATE ON activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_rollup_activities_changed();
--> statement-breakpoint
CREATE TRIGGER activity_rollup_activities_delete AFTER DELETE ON activities REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_rollup_activities_changed();
--> statement-breakpoint
-- organisations met and projects named: the region-month of their activity (a link deleted with its
-- activity finds no activity here; the activity's own trigger has bumped it)
CREATE FUNCTION activity_rollup_links_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM activity_rollup_bump(array_agg(s.region_code), array_agg(s.month)) FROM (
      SELECT DISTINCT a.region_code, to_char(a.start_date, 'YYYY-MM') AS month
      FROM (SELECT DISTINCT activity_id FROM new_rows) n JOIN activities a ON a.id = n.activity_id) s;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM activity_rollup_bump(array_agg(s.region_code), array_agg(s.month)) FROM (
      SELECT DISTINCT a.region_code, to_char(a.start_date, 'YYYY-MM') AS month
      FROM (SELECT activity_id FROM new_rows UNION SELECT activity_id FROM old_rows) n JOIN activities a ON a.id = n.activity_id) s;
  ELSE
    PERFORM activity_rollup_bump(array_agg(s.region_code), array_agg(s.month)) FROM (
      SELECT DISTINCT a.region_code, to_char(a.start_date, 'YYYY-MM') AS month
      FROM (SELECT DISTINCT activity_id FROM old_rows) n JOIN activities a ON a.id = n.activity_id) s;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER activity_rollup_organisations_insert AFTER INSERT ON activity_organisations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_rollup_links_changed();
--> statement-breakpoint
CREATE TRIGGER activity_rollup_organisations_update AFTER UPDATE ON activity_organisations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_rollup_links_changed();
--> statement-breakpoint
CREATE TRIGGER activity_rollup_organisations_delete AFTER DELETE ON activity_organisations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_rollup_links_changed();
--> statement-breakpoint
CREATE TRIGGER activity_rollup_projects_insert AFTER INSERT ON activity_projects REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_rollup_links_changed();
--> statement-breakpoint
CREATE TRIGGER activity_rollup_projects_update AFTER UPDATE ON activity_projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_rollup_links_changed();
--> statement-breakpoint
CREATE TRIGGER activity_rollup_projects_delete AFTER DELETE ON activity_projects REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_rollup_links_changed();
--> statement-breakpoint
INSERT INTO activity_rollup_versions (region_code, month, version)
SELECT DISTINCT region_code, to_char(start_date, 'YYYY-MM'), 1 FROM activities ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- 储备项目 counts: a project's stage history, region or existence changing bumps its region's version
CREATE FUNCTION project_reserve_bump(codes text[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO project_reserve_versions AS v (region_code, version)
  SELECT c, 1 FROM (SELECT DISTINCT c FROM unnest(codes) AS u(c) WHERE c IS NOT NULL ORDER BY c) s
  ON CONFLICT (region_code) DO UPDATE SET version = v.version + 1
$$;
--> statement-breakpoint
CREATE FUNCTION project_reserve_history_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM project_reserve_bump(array_agg(DISTINCT p.region_code)) FROM new_rows n JOIN projects p ON p.id = n.project_id;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM project_reserve_bump(array_agg(DISTINCT p.region_code))
    FROM (SELECT project_id FROM new_rows UNION SELECT project_id FROM old_rows) n JOIN projects p ON p.id = n.project_id;
  ELSE
    -- history deleted with its project finds no project here; the project's own trigger has bumped
    PERFORM project_reserve_bump(array_agg(DISTINCT p.region_code)) FROM old_rows n JOIN projects p ON p.id = n.project_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER project_reserve_history_insert AFTER INSERT ON project_stage_history REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_reserve_history_changed();
--> statement-breakpoint
CREATE TRIGGER project_reserve_history_update AFTER UPDATE ON project_stage_history REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_reserve_history_changed();
--> statement-breakpoint
CREATE TRIGGER project_reserve_history_delete AFTER DELETE ON project_stage_history REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION project_reserve_history_changed();
--> statement-breakpoint
CREATE FUNCTION project_reserve_projects_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM project_reserve_bump(array_agg(DISTINCT x.region_code)) FROM (
      SELECT unnest(ARRAY[o.region_code, n.region_code]) AS region_code FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.region_code IS DISTINCT FROM n.region_code) x;
  ELSE
    PERFORM project_reserve_bump(array_agg(DISTINCT o.region_code)) FROM old_rows o;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER project_reserve_projects_update AFTER UPDATE ON projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_reserve_projects_changed();
--> statement-breakpoint
CREATE TRIGGER project_reserve_projects_delete AFTER DELETE ON projects REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION project_reserve_projects_changed();
--> statement-breakpoint
INSERT INTO project_reserve_versions (region_code, version) SELECT DISTINCT region_code, 1 FROM projects ON CONFLICT DO NOTHING;
