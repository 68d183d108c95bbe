-- 第N期 must be unique per region, kind and year. Numbers were given under an advisory lock since they exist;
-- an installation that still has two issued briefings with one number stops here, naming them, instead of
-- failing on the index with a bare error. Decide which keeps the number (the one published), give the
-- other the next free one with an UPDATE of briefings.issue_number, and migrate again.
DO $$
DECLARE
  dup text;
BEGIN
  SELECT string_agg(format('%s %s %s 年第 %s 期（%s 份）', region_code, kind, y, issue_number, n), '；')
    INTO dup
    FROM (
      SELECT region_code, kind, date_part('year', period_start)::int AS y, issue_number, count(*) AS n
        FROM briefings
       WHERE issue_number IS NOT NULL
       GROUP BY 1, 2, 3, 4
      HAVING count(*) > 1
    ) d;
  IF dup IS NOT NULL THEN
    RAISE EXCEPTION '简报期号重复，无法建立唯一约束：%', dup
      USING HINT = '确定哪一份保留该期号（已发布的那份），把另一份的 briefings.issue_number 改为当年下一个空闲期号，再运行 bin/yinfeng migrate';
  END IF;
END $$;
--> statement-breakpoint
CREATE UNIQUE INDEX "briefings_issue_number_uq" ON "briefings" USING btree ("region_code","kind",date_part('year', "period_start"),"issue_number") WHERE "briefings"."issue_number" is not null;
