CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"region_code" text NOT NULL,
	"hosting" text,
	"leader_name" text,
	"leader_level" text DEFAULT 'none' NOT NULL,
	"person_trips" integer,
	"destinations" text,
	"resident_team" text,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_dates_order" CHECK ("activities"."end_date" >= "activities"."start_date"),
	CONSTRAINT "activities_person_trips_nonnegative" CHECK ("activities"."person_trips" is null or "activities"."person_trips" >= 0)
);
--> statement-breakpoint
CREATE TABLE "activity_organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"enterprise_id" uuid,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_projects" (
	"activity_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	CONSTRAINT "activity_projects_activity_id_project_id_pk" PRIMARY KEY("activity_id","project_id")
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_organisations" ADD CONSTRAINT "activity_organisations_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_organisations" ADD CONSTRAINT "activity_organisations_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_projects" ADD CONSTRAINT "activity_projects_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_projects" ADD CONSTRAINT "activity_projects_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activities_code_uq" ON "activities" USING btree ("code");--> statement-breakpoint
CREATE INDEX "activities_region_start_idx" ON "activities" USING btree ("region_code","start_date");--> statement-breakpoint
CREATE INDEX "activities_start_idx" ON "activities" USING btree ("start_date");--> statement-breakpoint
CREATE INDEX "activities_type_start_idx" ON "activities" USING btree ("type","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_organisations_activity_name_uq" ON "activity_organisations" USING btree ("activity_id","name");--> statement-breakpoint
CREATE INDEX "activity_organisations_enterprise_idx" ON "activity_organisations" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "activity_projects_project_idx" ON "activity_projects" USING btree ("project_id");