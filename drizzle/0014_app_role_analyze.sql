-- The application's role owns no table, and ANALYZE needs the owner (PostgreSQL 15; MAINTAIN from 17):
-- after a bulk load the application refreshes the planner's statistics of the tables it loads through
-- this function, which runs as the owner and analyzes nothing else.
CREATE OR REPLACE FUNCTION yinfeng_analyze(target text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF target IS DISTINCT FROM 'enterprises' THEN
    RAISE EXCEPTION '不能分析表 % (yinfeng_analyze: not an application bulk-load table)', target
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  EXECUTE format('ANALYZE public.%I', target);
END;
$$;
