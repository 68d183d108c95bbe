CREATE TABLE "activity_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_targets" (
	"activity_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"status_set" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_targets_activity_id_target_id_pk" PRIMARY KEY("activity_id","target_id")
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "origin_activity_id" uuid;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "plan_status" text;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "plan_text" text;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "plan_submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "plan_submitted_by" uuid;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "plan_decided_by" uuid;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "plan_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "plan_return_reason" text;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "report_due_on" date;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "report_text" text;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "report_results" text;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "report_submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "report_submitted_by" uuid;--> statement-breakpoint
ALTER TABLE "activity_files" ADD CONSTRAINT "activity_files_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_files" ADD CONSTRAINT "activity_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_targets" ADD CONSTRAINT "activity_targets_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_targets" ADD CONSTRAINT "activity_targets_target_id_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_files_activity_idx" ON "activity_files" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "activity_targets_target_idx" ON "activity_targets" USING btree ("target_id");--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_origin_activity_id_activities_id_fk" FOREIGN KEY ("origin_activity_id") REFERENCES "public"."activities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_plan_submitted_by_users_id_fk" FOREIGN KEY ("plan_submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_plan_decided_by_users_id_fk" FOREIGN KEY ("plan_decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_report_submitted_by_users_id_fk" FOREIGN KEY ("report_submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "projects_origin_activity_idx" ON "projects" USING btree ("origin_activity_id");--> statement-breakpoint
CREATE INDEX "activities_report_due_idx" ON "activities" USING btree ("report_due_on") WHERE "activities"."report_submitted_at" is null and "activities"."report_due_on" is not null;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_return_reason" CHECK ("activities"."plan_status" is distinct from 'returned' or "activities"."plan_return_reason" is not null);