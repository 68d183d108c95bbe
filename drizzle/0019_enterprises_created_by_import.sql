ALTER TABLE "enterprises" ADD COLUMN "created_by_import" uuid;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "created_source" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "created_source_date" date;--> statement-breakpoint
CREATE INDEX "enterprises_created_by_import_brin" ON "enterprises" USING brin ("created_by_import") WITH (autosummarize=true);