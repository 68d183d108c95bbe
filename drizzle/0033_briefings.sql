CREATE TABLE "briefing_editions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"briefing_id" uuid NOT NULL,
	"edition" integer NOT NULL,
	"issue_number" integer NOT NULL,
	"figures" jsonb NOT NULL,
	"sections" jsonb NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid,
	"issued_by_name" text NOT NULL,
	"revision_reason" text
);
--> statement-breakpoint
CREATE TABLE "briefings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"edition" integer DEFAULT 1 NOT NULL,
	"issue_number" integer,
	"figures" jsonb NOT NULL,
	"sections" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"generated_by" uuid,
	"generated_by_name" text NOT NULL,
	"edited_at" timestamp with time zone,
	"edited_by_name" text,
	"issued_at" timestamp with time zone,
	"issued_by" uuid,
	"issued_by_name" text,
	"revision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "briefings_period_order" CHECK ("briefings"."period_end" >= "briefings"."period_start")
);
--> statement-breakpoint
ALTER TABLE "briefing_editions" ADD CONSTRAINT "briefing_editions_briefing_id_briefings_id_fk" FOREIGN KEY ("briefing_id") REFERENCES "public"."briefings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefings" ADD CONSTRAINT "briefings_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "briefing_editions_briefing_edition_uq" ON "briefing_editions" USING btree ("briefing_id","edition");--> statement-breakpoint
CREATE UNIQUE INDEX "briefings_region_kind_period_uq" ON "briefings" USING btree ("region_code","kind","period_start");--> statement-breakpoint
CREATE INDEX "briefings_kind_period_idx" ON "briefings" USING btree ("kind","period_start");--> statement-breakpoint
CREATE INDEX "project_stage_history_changed_at_idx" ON "project_stage_history" USING btree ("changed_at");