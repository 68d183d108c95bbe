CREATE TABLE "monthly_return_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"return_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"submitted_by" uuid,
	"submitted_by_name" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" text,
	"reviewed_by" uuid,
	"reviewed_by_name" text,
	"reviewed_at" timestamp with time zone,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "monthly_returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"month" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"submissions" integer DEFAULT 0 NOT NULL,
	"snapshot" jsonb,
	"first_submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "monthly_return_versions" ADD CONSTRAINT "monthly_return_versions_return_id_monthly_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."monthly_returns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_returns" ADD CONSTRAINT "monthly_returns_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "monthly_return_versions_uq" ON "monthly_return_versions" USING btree ("return_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "monthly_returns_region_month_uq" ON "monthly_returns" USING btree ("region_code","month");--> statement-breakpoint
CREATE INDEX "monthly_returns_month_state_idx" ON "monthly_returns" USING btree ("month","state");