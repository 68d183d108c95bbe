-- A part now keeps its signed projects' amounts next to its groups (one text column "part"); parts
-- stored in the earlier layout are dropped and computed again on the next summary or warm-up.
DELETE FROM activity_rollups;
--> statement-breakpoint
ALTER TABLE activity_rollups RENAME COLUMN combos TO part;
--> statement-breakpoint
-- a project's 签约额 or 计划总投资 changing bumps the region-months of the activities naming it
CREATE FUNCTION activity_rollup_project_amounts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM activity_rollup_bump(array_agg(s.region_code), array_agg(s.month)) FROM (
    SELECT DISTINCT a.region_code, to_char(a.start_date, 'YYYY-MM') AS month
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    JOIN activity_projects ap ON ap.project_id = n.id
    JOIN activities a ON a.id = ap.activity_id
    WHERE o.signed_amount_yuan IS DISTINCT FROM n.signed_amount_yuan
       OR o.planned_investment_yuan IS DISTINCT FROM n.planned_investment_yuan) s;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER activity_rollup_project_amounts_update AFTER UPDATE ON projects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_rollup_project_amounts_changed();
