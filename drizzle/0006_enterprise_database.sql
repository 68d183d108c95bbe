CREATE TABLE "enterprise_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"phone" text,
	"email" text,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_duplicate_candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"similarity" real NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_field_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"field" text NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb,
	"source" text NOT NULL,
	"source_date" date NOT NULL,
	"import_job_id" uuid,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_list_members" (
	"list_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"note" text,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_list_members_list_id_enterprise_id_pk" PRIMARY KEY("list_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "enterprise_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"owner_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_saved_searches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"owner_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_tag_definitions" (
	"name" text PRIMARY KEY NOT NULL,
	"description" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"file_name" text NOT NULL,
	"file_path" text NOT NULL,
	"file_bytes" bigint NOT NULL,
	"sha256" text,
	"dry_run" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"source_date" date NOT NULL,
	"created_by" uuid NOT NULL,
	"region_code" text NOT NULL,
	"progress" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"result" jsonb,
	"error" text,
	"worker" text,
	"heartbeat_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "former_names" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "region_code" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "industry_code" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "registered_capital_yuan" bigint;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "established_on" date;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "status" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "ticker" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "business_scope" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "main_products" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "parent_group" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "employees" integer;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "revenue_band" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "field_sources" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "contact_region_codes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "search_words" "tsvector";--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "search_names" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "search_pinyin" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprise_contacts" ADD CONSTRAINT "enterprise_contacts_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_contacts" ADD CONSTRAINT "enterprise_contacts_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_contacts" ADD CONSTRAINT "enterprise_contacts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_duplicate_candidates" ADD CONSTRAINT "enterprise_duplicate_candidates_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_duplicate_candidates" ADD CONSTRAINT "enterprise_duplicate_candidates_candidate_id_enterprises_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_field_changes" ADD CONSTRAINT "enterprise_field_changes_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_list_members" ADD CONSTRAINT "enterprise_list_members_list_id_enterprise_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."enterprise_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_list_members" ADD CONSTRAINT "enterprise_list_members_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_list_members" ADD CONSTRAINT "enterprise_list_members_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_lists" ADD CONSTRAINT "enterprise_lists_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_lists" ADD CONSTRAINT "enterprise_lists_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_saved_searches" ADD CONSTRAINT "enterprise_saved_searches_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_saved_searches" ADD CONSTRAINT "enterprise_saved_searches_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_tag_definitions" ADD CONSTRAINT "enterprise_tag_definitions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprise_contacts_enterprise_idx" ON "enterprise_contacts" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "enterprise_contacts_region_idx" ON "enterprise_contacts" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_duplicate_pair_idx" ON "enterprise_duplicate_candidates" USING btree ("enterprise_id","candidate_id");--> statement-breakpoint
CREATE INDEX "enterprise_duplicate_status_idx" ON "enterprise_duplicate_candidates" USING btree ("status");--> statement-breakpoint
CREATE INDEX "enterprise_field_changes_enterprise_idx" ON "enterprise_field_changes" USING btree ("enterprise_id","changed_at");--> statement-breakpoint
CREATE INDEX "enterprise_list_members_enterprise_idx" ON "enterprise_list_members" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "enterprise_lists_owner_idx" ON "enterprise_lists" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "enterprise_lists_region_idx" ON "enterprise_lists" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "enterprise_saved_searches_owner_idx" ON "enterprise_saved_searches" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "import_jobs_status_idx" ON "import_jobs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "import_jobs_creator_idx" ON "import_jobs" USING btree ("created_by","created_at");--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_industry_code_industries_code_fk" FOREIGN KEY ("industry_code") REFERENCES "public"."industries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprises_region_idx" ON "enterprises" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "enterprises_industry_idx" ON "enterprises" USING btree ("industry_code");--> statement-breakpoint
CREATE INDEX "enterprises_capital_idx" ON "enterprises" USING btree ("registered_capital_yuan");