CREATE TABLE "chain_roadmap_items" (
	"region_code" text NOT NULL,
	"node_code" text NOT NULL,
	"goal" text NOT NULL,
	"owner_id" uuid,
	"due_on" date,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chain_roadmap_items_region_code_node_code_pk" PRIMARY KEY("region_code","node_code")
);
--> statement-breakpoint
CREATE TABLE "industry_proximity" (
	"industry_a" text NOT NULL,
	"industry_b" text NOT NULL,
	"phi" real NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "industry_proximity_industry_a_industry_b_pk" PRIMARY KEY("industry_a","industry_b")
);
--> statement-breakpoint
CREATE TABLE "target_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_id" uuid NOT NULL,
	"status" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "target_feedback" (
	"region_code" text NOT NULL,
	"node_code" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "target_feedback_region_code_node_code_enterprise_id_user_id_pk" PRIMARY KEY("region_code","node_code","enterprise_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"node_code" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"drop_reason" text,
	"owner_id" uuid,
	"score_tenths" integer,
	"features" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"project_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "targets_drop_reason" CHECK ("targets"."status" <> 'dropped' or "targets"."drop_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "chain_roadmap_items" ADD CONSTRAINT "chain_roadmap_items_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_roadmap_items" ADD CONSTRAINT "chain_roadmap_items_node_code_chain_node_codes_code_fk" FOREIGN KEY ("node_code") REFERENCES "public"."chain_node_codes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_roadmap_items" ADD CONSTRAINT "chain_roadmap_items_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_events" ADD CONSTRAINT "target_events_target_id_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_events" ADD CONSTRAINT "target_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_feedback" ADD CONSTRAINT "target_feedback_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_feedback" ADD CONSTRAINT "target_feedback_node_code_chain_node_codes_code_fk" FOREIGN KEY ("node_code") REFERENCES "public"."chain_node_codes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_feedback" ADD CONSTRAINT "target_feedback_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_feedback" ADD CONSTRAINT "target_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_node_code_chain_node_codes_code_fk" FOREIGN KEY ("node_code") REFERENCES "public"."chain_node_codes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "target_events_target_idx" ON "target_events" USING btree ("target_id","at");--> statement-breakpoint
CREATE INDEX "target_events_at_idx" ON "target_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "target_feedback_enterprise_idx" ON "target_feedback" USING btree ("enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "targets_active_claim_uq" ON "targets" USING btree ("node_code","enterprise_id") WHERE "targets"."status" <> 'dropped';--> statement-breakpoint
CREATE INDEX "targets_region_idx" ON "targets" USING btree ("region_code","node_code");--> statement-breakpoint
CREATE INDEX "targets_enterprise_idx" ON "targets" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "targets_project_idx" ON "targets" USING btree ("project_id");