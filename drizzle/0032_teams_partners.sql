CREATE TABLE "partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"contact" text,
	"notes" text,
	"agreement_no" text,
	"signed_date" date,
	"start_date" date,
	"end_date" date,
	"terms" text,
	"fee_terms" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partners_dates_order" CHECK ("partners"."end_date" is null or "partners"."start_date" is null or "partners"."end_date" >= "partners"."start_date")
);
--> statement-breakpoint
CREATE TABLE "resident_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"base_city" text NOT NULL,
	"members" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"period_from" date,
	"period_to" date,
	"targets_text" text,
	"target_activities" integer,
	"target_leads" integer,
	"target_signed_projects" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_teams_period_order" CHECK ("resident_teams"."period_to" is null or "resident_teams"."period_from" is null or "resident_teams"."period_to" >= "resident_teams"."period_from")
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "brought_by_partner_id" uuid;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "team_id" uuid;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "partner_id" uuid;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_teams" ADD CONSTRAINT "resident_teams_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_teams" ADD CONSTRAINT "resident_teams_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "partners_region_name_uq" ON "partners" USING btree ("region_code","name");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_teams_region_name_uq" ON "resident_teams" USING btree ("region_code","name");--> statement-breakpoint
CREATE INDEX "resident_teams_name_idx" ON "resident_teams" USING btree ("name");--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_brought_by_partner_id_partners_id_fk" FOREIGN KEY ("brought_by_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_team_id_resident_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."resident_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "projects_partner_idx" ON "projects" USING btree ("brought_by_partner_id");--> statement-breakpoint
CREATE INDEX "activities_team_idx" ON "activities" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "activities_partner_idx" ON "activities" USING btree ("partner_id");