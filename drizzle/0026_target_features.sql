CREATE TABLE "enterprise_growth_signals" (
	"enterprise_id" uuid PRIMARY KEY NOT NULL,
	"capital_increases" integer NOT NULL,
	"new_branch_regions" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "region_industry_counts" (
	"region_code" text NOT NULL,
	"industry_code" text NOT NULL,
	"enterprises" integer NOT NULL,
	CONSTRAINT "region_industry_counts_region_code_industry_code_pk" PRIMARY KEY("region_code","industry_code")
);
--> statement-breakpoint
CREATE INDEX "enterprises_industry_capital_idx" ON "enterprises" USING btree ("industry_code","registered_capital_yuan" DESC NULLS LAST,"id");