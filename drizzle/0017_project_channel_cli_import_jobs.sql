ALTER TABLE "import_jobs" ALTER COLUMN "created_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "channel" text;