CREATE TABLE "audit_chain" (
	"audit_id" bigint PRIMARY KEY NOT NULL,
	"row_hash" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"sealed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- The chain is insert-only for every role, like the audit trail it seals.
CREATE OR REPLACE FUNCTION yinfeng_audit_chain_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '审计链只能追加，不能修改或删除 (audit_chain is append-only)'
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_chain
  FOR EACH ROW EXECUTE FUNCTION yinfeng_audit_chain_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_truncate
  BEFORE TRUNCATE ON audit_chain
  FOR EACH STATEMENT EXECUTE FUNCTION yinfeng_audit_chain_append_only();
--> statement-breakpoint
-- A statement inserting audit rows takes its transaction id before its rows take their ids (a BEFORE
-- STATEMENT trigger fires before the row values, and so the identity's nextval, are computed). The
-- sealer relies on it: an id handed out before it read the sequence belongs to a transaction listed
-- in (or finished before) the snapshot it takes next, so a gap is skipped only once that transaction
-- is over (src/db/queries/audit-chain.ts).
CREATE OR REPLACE FUNCTION yinfeng_audit_log_take_xact_id() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_current_xact_id();
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_take_xact_id
  BEFORE INSERT ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION yinfeng_audit_log_take_xact_id();
