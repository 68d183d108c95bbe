CREATE TABLE "import_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"import_id" uuid NOT NULL,
	"object_type" text NOT NULL,
	"object_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"change" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE INDEX "import_changes_project_idx" ON "import_changes" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "import_changes_import_idx" ON "import_changes" USING btree ("import_id","id");--> statement-breakpoint
-- The per-object history of imports is append-only, like the audit trail it completes.
CREATE OR REPLACE FUNCTION yinfeng_import_changes_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '导入变更记录只能追加，不能修改或删除 (import_changes is append-only)'
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER import_changes_no_update_delete
  BEFORE UPDATE OR DELETE ON import_changes
  FOR EACH ROW EXECUTE FUNCTION yinfeng_import_changes_append_only();
--> statement-breakpoint
CREATE TRIGGER import_changes_no_truncate
  BEFORE TRUNCATE ON import_changes
  FOR EACH STATEMENT EXECUTE FUNCTION yinfeng_import_changes_append_only();
