CREATE TABLE "region_targets" (
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"funds_target_yuan" bigint NOT NULL,
	"signed_target_yuan" bigint,
	"set_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "region_targets_region_code_year_pk" PRIMARY KEY("region_code","year")
);
--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "region_targets" ADD CONSTRAINT "region_targets_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;