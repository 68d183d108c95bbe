CREATE TABLE "chain_node_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"chain_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chain_nodes" (
	"chain_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_code" text,
	"segment" text NOT NULL,
	"industry_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"products" text[] DEFAULT '{}'::text[] NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "chain_nodes_chain_id_version_code_pk" PRIMARY KEY("chain_id","version","code"),
	CONSTRAINT "chain_nodes_segment" CHECK ("chain_nodes"."segment" in ('upstream', 'midstream', 'downstream'))
);
--> statement-breakpoint
CREATE TABLE "chain_versions" (
	"chain_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"content_sha256" text NOT NULL,
	"source" text NOT NULL,
	"source_name" text,
	"node_count" integer NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chain_versions_chain_id_version_pk" PRIMARY KEY("chain_id","version"),
	CONSTRAINT "chain_versions_source" CHECK ("chain_versions"."source" in ('import', 'template', 'edit'))
);
--> statement-breakpoint
CREATE TABLE "chains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"current_version" integer NOT NULL,
	"template_code" text,
	"leader_user_id" uuid,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chains_code_unique" UNIQUE("code"),
	CONSTRAINT "chains_current_version_positive" CHECK ("chains"."current_version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "chain_node_codes" ADD CONSTRAINT "chain_node_codes_chain_id_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."chains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_nodes" ADD CONSTRAINT "chain_nodes_chain_id_version_chain_versions_chain_id_version_fk" FOREIGN KEY ("chain_id","version") REFERENCES "public"."chain_versions"("chain_id","version") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_nodes" ADD CONSTRAINT "chain_nodes_chain_id_version_parent_code_chain_nodes_chain_id_version_code_fk" FOREIGN KEY ("chain_id","version","parent_code") REFERENCES "public"."chain_nodes"("chain_id","version","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_versions" ADD CONSTRAINT "chain_versions_chain_id_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."chains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_versions" ADD CONSTRAINT "chain_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chains" ADD CONSTRAINT "chains_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chains" ADD CONSTRAINT "chains_leader_user_id_users_id_fk" FOREIGN KEY ("leader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chains_region_idx" ON "chains" USING btree ("region_code");