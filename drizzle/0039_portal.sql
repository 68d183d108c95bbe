CREATE TABLE "policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"title" text NOT NULL,
	"issuing_body" text NOT NULL,
	"document_number" text DEFAULT '' NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"source_url" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policies_validity" CHECK ("policies"."valid_to" is null or "policies"."valid_from" is null or "policies"."valid_to" >= "policies"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "policy_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" uuid NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"title" text NOT NULL,
	"industry_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"enterprise_sizes" text[] DEFAULT '{}'::text[] NOT NULL,
	"region_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"benefit" text NOT NULL,
	"conditions" text DEFAULT '' NOT NULL,
	"how_to_apply" text DEFAULT '' NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"published" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"search_words" "tsvector",
	"search_text" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_items_validity" CHECK ("policy_items"."valid_to" is null or "policy_items"."valid_from" is null or "policy_items"."valid_to" >= "policy_items"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "project_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"public_title" text NOT NULL,
	"background" text DEFAULT '' NOT NULL,
	"market" text DEFAULT '' NOT NULL,
	"conditions" text DEFAULT '' NOT NULL,
	"investment_scale_yuan" bigint,
	"cooperation_mode" text DEFAULT '' NOT NULL,
	"contact_office_id" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_publications_interval" CHECK ("project_publications"."withdrawn_at" is null or "project_publications"."withdrawn_at" >= "project_publications"."published_at"),
	CONSTRAINT "project_publications_scale_nonnegative" CHECK ("project_publications"."investment_scale_yuan" is null or "project_publications"."investment_scale_yuan" >= 0)
);
--> statement-breakpoint
CREATE TABLE "region_contact_offices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"phone" text NOT NULL,
	"hours" text DEFAULT '' NOT NULL,
	"email" text,
	"is_public" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"caption" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"area_sqm" bigint,
	"price_yuan" bigint,
	"price_unit" text,
	"utilities" text[] DEFAULT '{}'::text[] NOT NULL,
	"utilities_note" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"suitable_industry_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"suitable_industry_paths" text[] DEFAULT '{}'::text[] NOT NULL,
	"chain_node_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"availability" text DEFAULT 'available' NOT NULL,
	"contact_office_id" uuid,
	"published" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resources_area_nonnegative" CHECK ("resources"."area_sqm" is null or "resources"."area_sqm" >= 0),
	CONSTRAINT "resources_price_nonnegative" CHECK ("resources"."price_yuan" is null or "resources"."price_yuan" >= 0),
	CONSTRAINT "resources_price_unit" CHECK (("resources"."price_yuan" is null) = ("resources"."price_unit" is null))
);
--> statement-breakpoint
ALTER TABLE "project_reserve_counts" ADD COLUMN "published" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_items" ADD CONSTRAINT "policy_items_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_publications" ADD CONSTRAINT "project_publications_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_publications" ADD CONSTRAINT "project_publications_contact_office_id_region_contact_offices_id_fk" FOREIGN KEY ("contact_office_id") REFERENCES "public"."region_contact_offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_publications" ADD CONSTRAINT "project_publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_publications" ADD CONSTRAINT "project_publications_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_contact_offices" ADD CONSTRAINT "region_contact_offices_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_contact_offices" ADD CONSTRAINT "region_contact_offices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_photos" ADD CONSTRAINT "resource_photos_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_photos" ADD CONSTRAINT "resource_photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_contact_office_id_region_contact_offices_id_fk" FOREIGN KEY ("contact_office_id") REFERENCES "public"."region_contact_offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "policies_region_idx" ON "policies" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "policy_items_policy_idx" ON "policy_items" USING btree ("policy_id","sort_order");--> statement-breakpoint
CREATE INDEX "policy_items_search_words_idx" ON "policy_items" USING gin ("search_words");--> statement-breakpoint
CREATE INDEX "policy_items_search_text_idx" ON "policy_items" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "policy_items_industry_idx" ON "policy_items" USING gin ("industry_codes");--> statement-breakpoint
CREATE INDEX "policy_items_published_newest_idx" ON "policy_items" USING btree ("published_at" DESC NULLS LAST,"id") WHERE "policy_items"."published";--> statement-breakpoint
CREATE UNIQUE INDEX "project_publications_open_idx" ON "project_publications" USING btree ("project_id") WHERE "project_publications"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "project_publications_project_idx" ON "project_publications" USING btree ("project_id","published_at");--> statement-breakpoint
CREATE INDEX "project_publications_open_newest_idx" ON "project_publications" USING btree ("published_at" DESC NULLS LAST,"id") WHERE "project_publications"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "region_contact_offices_region_idx" ON "region_contact_offices" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "resource_photos_resource_idx" ON "resource_photos" USING btree ("resource_id","sort_order");--> statement-breakpoint
CREATE INDEX "resources_region_idx" ON "resources" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "resources_published_newest_idx" ON "resources" USING btree ("published_at" DESC NULLS LAST,"id") WHERE "resources"."published";--> statement-breakpoint
CREATE INDEX "resources_industry_paths_idx" ON "resources" USING gin ("suitable_industry_paths");--> statement-breakpoint
-- 储备项目 published on the portal (reserve.published): a publication opened, changed, withdrawn or
-- deleted bumps its project's region's reserve version (migration 0036), so cached counts are recomputed
CREATE FUNCTION project_reserve_publications_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM project_reserve_bump(array_agg(DISTINCT p.region_code)) FROM new_rows n JOIN projects p ON p.id = n.project_id;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM project_reserve_bump(array_agg(DISTINCT p.region_code))
    FROM (SELECT project_id FROM new_rows UNION SELECT project_id FROM old_rows) n JOIN projects p ON p.id = n.project_id;
  ELSE
    -- publications deleted with their project find no project here; the project's own trigger has bumped
    PERFORM project_reserve_bump(array_agg(DISTINCT p.region_code)) FROM old_rows n JOIN projects p ON p.id = n.project_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER project_reserve_publications_insert AFTER INSERT ON project_publications REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_reserve_publications_changed();
--> statement-breakpoint
CREATE TRIGGER project_reserve_publications_update AFTER UPDATE ON project_publications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION project_reserve_publications_changed();
--> statement-breakpoint
CREATE TRIGGER project_reserve_publications_delete AFTER DELETE ON project_publications REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION project_reserve_publications_changed();
