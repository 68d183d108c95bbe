CREATE TABLE "node_local_counts" (
	"match_key" text NOT NULL,
	"region_code" text NOT NULL,
	"enterprises" integer NOT NULL,
	CONSTRAINT "node_local_counts_match_key_region_code_pk" PRIMARY KEY("match_key","region_code")
);
--> statement-breakpoint
CREATE TABLE "node_local_matches" (
	"match_key" text PRIMARY KEY NOT NULL,
	"industry_codes" text[] NOT NULL,
	"product_query" text,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "node_local_counts" ADD CONSTRAINT "node_local_counts_match_key_node_local_matches_match_key_fk" FOREIGN KEY ("match_key") REFERENCES "public"."node_local_matches"("match_key") ON DELETE cascade ON UPDATE no action;