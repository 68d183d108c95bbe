CREATE TABLE "industry_division_counts" (
	"division" text PRIMARY KEY NOT NULL,
	"enterprises" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
