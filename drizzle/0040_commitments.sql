CREATE TABLE "commitment_fulfilments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commitment_id" uuid NOT NULL,
	"fulfilled_on" date NOT NULL,
	"amount_yuan" bigint,
	"complete" boolean DEFAULT false NOT NULL,
	"note" text,
	"evidence_file_id" uuid,
	"recorded_by" uuid,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commitment_fulfilments_amount_nonnegative" CHECK ("commitment_fulfilments"."amount_yuan" is null or "commitment_fulfilments"."amount_yuan" >= 0)
);
--> statement-breakpoint
CREATE TABLE "commitment_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"commitment_id" uuid NOT NULL,
	"event" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"detail" text,
	"reason" text,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"clause_no" text,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"content" text,
	"amount_yuan" bigint,
	"conditions" text,
	"selective" boolean DEFAULT false NOT NULL,
	"policy_basis" text,
	"trigger_kind" text DEFAULT 'date' NOT NULL,
	"due_date" date,
	"trigger_amount_yuan" bigint,
	"trigger_stage" text,
	"days_after_trigger" integer DEFAULT 0 NOT NULL,
	"grace_working_days" integer DEFAULT 10 NOT NULL,
	"responsible_department" text NOT NULL,
	"responsible_user_id" uuid NOT NULL,
	"obligation_investment_yuan" bigint,
	"obligation_output_yuan" bigint,
	"obligation_taxes_yuan" bigint,
	"obligation_jobs" integer,
	"actual_output_yuan" bigint,
	"actual_taxes_yuan" bigint,
	"actual_jobs" integer,
	"agreement" text DEFAULT 'draft' NOT NULL,
	"agreed_on" date,
	"review_required" boolean DEFAULT false NOT NULL,
	"review_decision" text,
	"review_note" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"manual_status" text,
	"manual_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commitments_amount_nonnegative" CHECK ("commitments"."amount_yuan" is null or "commitments"."amount_yuan" >= 0),
	CONSTRAINT "commitments_trigger_complete" CHECK (("commitments"."trigger_kind" = 'date' and "commitments"."due_date" is not null) or ("commitments"."trigger_kind" = 'fundsReach' and "commitments"."trigger_amount_yuan" is not null and "commitments"."trigger_amount_yuan" > 0) or ("commitments"."trigger_kind" = 'stageReached' and "commitments"."trigger_stage" is not null)),
	CONSTRAINT "commitments_days_range" CHECK ("commitments"."days_after_trigger" between 0 and 3660 and "commitments"."grace_working_days" between 0 and 250),
	CONSTRAINT "commitments_agreed_reviewed" CHECK ("commitments"."agreement" = 'draft' or not "commitments"."review_required" or "commitments"."review_decision" = 'approved'),
	CONSTRAINT "commitments_manual_reason" CHECK ("commitments"."manual_status" is null or "commitments"."manual_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "commitment_fulfilments" ADD CONSTRAINT "commitment_fulfilments_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_fulfilments" ADD CONSTRAINT "commitment_fulfilments_evidence_file_id_evidence_files_id_fk" FOREIGN KEY ("evidence_file_id") REFERENCES "public"."evidence_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_history" ADD CONSTRAINT "commitment_history_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commitment_fulfilments_commitment_idx" ON "commitment_fulfilments" USING btree ("commitment_id");--> statement-breakpoint
CREATE INDEX "commitment_history_commitment_idx" ON "commitment_history" USING btree ("commitment_id","at");--> statement-breakpoint
CREATE INDEX "commitments_project_idx" ON "commitments" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "commitments_responsible_idx" ON "commitments" USING btree ("responsible_user_id");--> statement-breakpoint
CREATE INDEX "inquiries_clause_idx" ON "inquiries" USING btree ("clause_id");--> statement-breakpoint
-- written by hand: the schema cannot declare it without a cycle of schema modules (see src/db/schema/inquiries.ts)
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_clause_id_commitments_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."commitments"("id") ON DELETE set null ON UPDATE no action;