CREATE TABLE "inquiries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tracking_number" text NOT NULL,
	"kind" text NOT NULL,
	"type" text NOT NULL,
	"subject_type" text,
	"subject_id" uuid,
	"subject_title" text,
	"region_code" text NOT NULL,
	"investor_name" text NOT NULL,
	"company" text,
	"phone" text,
	"email" text,
	"content" text NOT NULL,
	"consent_version" text NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"stage" text DEFAULT 'received' NOT NULL,
	"owner_id" uuid,
	"received_on" date NOT NULL,
	"first_response_due_on" date NOT NULL,
	"close_due_on" date NOT NULL,
	"first_responded_on" date,
	"closed_on" date,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"rating" integer,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"duplicate_of_id" uuid,
	"spam_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"clause_id" uuid,
	"contact_key" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inquiries_rating_range" CHECK ("inquiries"."rating" is null or "inquiries"."rating" between 1 and 5),
	CONSTRAINT "inquiries_contact_present" CHECK ("inquiries"."phone" is not null or "inquiries"."email" is not null)
);
--> statement-breakpoint
CREATE TABLE "inquiry_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inquiry_id" uuid NOT NULL,
	"author" text NOT NULL,
	"office_name" text,
	"body" text NOT NULL,
	"visible_to_investor" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_submissions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"address_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scoreboard_snapshots" (
	"month" text NOT NULL,
	"region_code" text NOT NULL,
	"figures" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scoreboard_snapshots_month_region_code_pk" PRIMARY KEY("month","region_code")
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "origin_inquiry_id" uuid;--> statement-breakpoint
ALTER TABLE "targets" ADD COLUMN "origin_inquiry_id" uuid;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_duplicate_of_fk" FOREIGN KEY ("duplicate_of_id") REFERENCES "public"."inquiries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_messages" ADD CONSTRAINT "inquiry_messages_inquiry_id_inquiries_id_fk" FOREIGN KEY ("inquiry_id") REFERENCES "public"."inquiries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_messages" ADD CONSTRAINT "inquiry_messages_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoreboard_snapshots" ADD CONSTRAINT "scoreboard_snapshots_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inquiries_tracking_idx" ON "inquiries" USING btree ("tracking_number");--> statement-breakpoint
CREATE INDEX "inquiries_region_idx" ON "inquiries" USING btree ("region_code","received_on");--> statement-breakpoint
CREATE INDEX "inquiries_open_idx" ON "inquiries" USING btree ("stage","close_due_on");--> statement-breakpoint
CREATE INDEX "inquiries_contact_idx" ON "inquiries" USING btree ("contact_key","received_on");--> statement-breakpoint
CREATE INDEX "inquiries_duplicate_idx" ON "inquiries" USING btree ("duplicate_of_id");--> statement-breakpoint
CREATE INDEX "inquiry_messages_inquiry_idx" ON "inquiry_messages" USING btree ("inquiry_id","created_at");--> statement-breakpoint
CREATE INDEX "public_submissions_address_idx" ON "public_submissions" USING btree ("address_key","created_at");--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_origin_inquiry_id_inquiries_id_fk" FOREIGN KEY ("origin_inquiry_id") REFERENCES "public"."inquiries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_origin_inquiry_id_inquiries_id_fk" FOREIGN KEY ("origin_inquiry_id") REFERENCES "public"."inquiries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "projects_origin_inquiry_idx" ON "projects" USING btree ("origin_inquiry_id");--> statement-breakpoint
CREATE INDEX "targets_origin_inquiry_idx" ON "targets" USING btree ("origin_inquiry_id");