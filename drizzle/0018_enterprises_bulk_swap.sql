-- A large enterprise import (a first load of the enterprise database) goes into a side table that nobody
-- reads, which gets its indexes built in bulk at the end and replaces enterprises in one short step
-- (issue 10 item 5). Inserting a million rows through the live table's indexes took half again as long,
-- and every enterprise search meanwhile had to visit the import's uncommitted rows that its indexes already
-- listed. The application's role owns no table: these functions run as the owner and do only this.
-- Everything happens inside the import's transaction, so a failed or cancelled import leaves no trace.
--
-- yinfeng_enterprises_bulk_begin(): writers of enterprises wait from here until the import commits
-- (SHARE lock; readers go on), and enterprises_bulk is created with enterprises' columns, defaults and
-- checks, without indexes, with the same grants. The import inserts its new enterprises into it.
CREATE OR REPLACE FUNCTION yinfeng_enterprises_bulk_begin() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  g record;
BEGIN
  LOCK TABLE public.enterprises IN SHARE MODE;
  IF to_regclass('public.enterprises_bulk') IS NOT NULL THEN
    DROP TABLE public.enterprises_bulk; -- an earlier load's, left by nothing but a crash inside this transaction's own work
  END IF;
  CREATE TABLE public.enterprises_bulk (LIKE public.enterprises
    INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING IDENTITY INCLUDING STORAGE
    INCLUDING COMMENTS INCLUDING COMPRESSION);
  FOR g IN
    SELECT a.grantee, a.privilege_type
    FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
    WHERE c.oid = 'public.enterprises'::regclass AND a.grantee <> c.relowner
  LOOP
    EXECUTE format('GRANT %s ON public.enterprises_bulk TO %s', g.privilege_type,
      CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END);
  END LOOP;
END;
$$;
--> statement-breakpoint
-- yinfeng_enterprises_bulk_finish(): copies the stored enterprises (with this transaction's own changes)
-- into enterprises_bulk, builds every index, constraint and trigger of enterprises on it (read from the
-- catalog, so a later migration's index comes along), analyses it, then takes ACCESS EXCLUSIVE on
-- enterprises for the swap itself: the foreign keys that reference enterprises are dropped, the old table
-- is dropped, the new one takes its name and its objects' names, and the references are added again as
-- NOT VALID (every id is the same; yinfeng_enterprises_bulk_validate() checks them after the commit).
-- Returns the attempt that got the locks.
CREATE OR REPLACE FUNCTION yinfeng_enterprises_bulk_finish() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  r record;
  def text;
  opts text[];
  refs text[] := '{}';
  ref text;
  timeout_before text;
BEGIN
  IF to_regclass('public.enterprises_bulk') IS NULL THEN
    RAISE EXCEPTION '没有正在进行的企业批量载入 (yinfeng_enterprises_bulk_finish without begin)';
  END IF;
  INSERT INTO public.enterprises_bulk SELECT * FROM public.enterprises;

  -- indexes under temporary names (names are unique in the schema)
  FOR r IN
    SELECT c.relname, pg_get_indexdef(i.indexrelid) AS def
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE i.indrelid = 'public.enterprises'::regclass
  LOOP
    def := regexp_replace(r.def, '^CREATE (UNIQUE )?INDEX \S+ ON (ONLY )?(public\.)?enterprises USING ',
      'CREATE \1INDEX ' || quote_ident(r.relname || '_bulk') || ' ON public.enterprises_bulk USING ');
    IF def = r.def THEN
      RAISE EXCEPTION '无法复制索引 %: %', r.relname, r.def;
    END IF;
    EXECUTE def;
  END LOOP;

  -- primary key and unique constraints on those indexes (ADD … USING INDEX renames the index to the constraint's name)
  FOR r IN
    SELECT con.conname, con.contype, ic.relname AS index_name
    FROM pg_constraint con JOIN pg_class ic ON ic.oid = con.conindid
    WHERE con.conrelid = 'public.enterprises'::regclass AND con.contype IN ('p', 'u')
  LOOP
    EXECUTE format('ALTER TABLE public.enterprises_bulk ADD CONSTRAINT %I %s USING INDEX %I',
      r.conname || '_bulk', CASE WHEN r.contype = 'p' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END, r.index_name || '_bulk');
  END LOOP;

  -- foreign keys from enterprises (regions, industries): checked here over every row
  FOR r IN
    SELECT con.conname, pg_get_constraintdef(con.oid) AS def
    FROM pg_constraint con
    WHERE con.conrelid = 'public.enterprises'::regclass AND con.contype = 'f'
  LOOP
    EXECUTE format('ALTER TABLE public.enterprises_bulk ADD CONSTRAINT %I %s', r.conname, r.def);
  END LOOP;

  -- triggers (not the internal ones of foreign keys)
  FOR r IN
    SELECT t.tgname, pg_get_triggerdef(t.oid) AS def
    FROM pg_trigger t
    WHERE t.tgrelid = 'public.enterprises'::regclass AND NOT t.tgisinternal
  LOOP
    def := regexp_replace(r.def, ' ON (public\.)?enterprises ', ' ON public.enterprises_bulk ');
    IF def = r.def THEN
      RAISE EXCEPTION '无法复制触发器 %: %', r.tgname, r.def;
    END IF;
    EXECUTE def;
  END LOOP;

  -- storage parameters of the table
  SELECT c.reloptions INTO opts FROM pg_class c WHERE c.oid = 'public.enterprises'::regclass;
  IF opts IS NOT NULL THEN
    EXECUTE format('ALTER TABLE public.enterprises_bulk SET (%s)', array_to_string(opts, ', '));
  END IF;

  ANALYZE public.enterprises_bulk;

  -- the swap: from here until the commit, readers of enterprises wait (a fraction of a second). Other
  -- transactions may hold a lock on a table that references enterprises while they wait for enterprises
  -- (or the other way round): each attempt waits at most 1.5 s for its locks (readers queue behind a
  -- waiting ACCESS EXCLUSIVE, so this also bounds their wait), undoes itself and tries again.
  timeout_before := current_setting('lock_timeout');
  FOR attempt IN 1..40 LOOP
    BEGIN
      PERFORM set_config('lock_timeout', '1500ms', true);
      LOCK TABLE public.enterprises IN ACCESS EXCLUSIVE MODE;
      refs := '{}';
      FOR r IN
        SELECT con.conname, con.conrelid::regclass::text AS tbl, pg_get_constraintdef(con.oid) AS def
        FROM pg_constraint con
        WHERE con.confrelid = 'public.enterprises'::regclass AND con.contype = 'f' AND con.conrelid <> 'public.enterprises'::regclass
      LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
        refs := refs || format('ALTER TABLE %s ADD CONSTRAINT %I %s NOT VALID', r.tbl, r.conname, r.def);
      END LOOP;
      DROP TABLE public.enterprises;
      ALTER TABLE public.enterprises_bulk RENAME TO enterprises;
      FOR r IN
        SELECT con.conname FROM pg_constraint con
        WHERE con.conrelid = 'public.enterprises'::regclass AND con.contype IN ('p', 'u') AND con.conname LIKE '%\_bulk'
      LOOP
        EXECUTE format('ALTER TABLE public.enterprises RENAME CONSTRAINT %I TO %I', r.conname, left(r.conname, -5));
      END LOOP;
      FOR r IN
        SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = 'public.enterprises'::regclass AND c.relname LIKE '%\_bulk'
      LOOP
        EXECUTE format('ALTER INDEX public.%I RENAME TO %I', r.relname, left(r.relname, -5));
      END LOOP;
      FOREACH ref IN ARRAY refs LOOP
        EXECUTE ref;
      END LOOP;
      PERFORM set_config('lock_timeout', timeout_before, true);
      RETURN attempt;
    EXCEPTION WHEN lock_not_available OR deadlock_detected THEN
      IF attempt = 40 THEN
        RAISE;
      END IF;
      PERFORM pg_sleep(0.1 * attempt);
    END;
  END LOOP;
  RETURN 0;
END;
$$;
--> statement-breakpoint
-- yinfeng_enterprises_bulk_validate(): after the import's commit, checks the references to enterprises that
-- the swap added as NOT VALID (SHARE UPDATE EXCLUSIVE: readers and writers go on). Returns how many.
CREATE OR REPLACE FUNCTION yinfeng_enterprises_bulk_validate() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  r record;
  n integer := 0;
BEGIN
  FOR r IN
    SELECT con.conname, con.conrelid::regclass::text AS tbl
    FROM pg_constraint con
    WHERE con.confrelid = 'public.enterprises'::regclass AND con.contype = 'f' AND NOT con.convalidated
  LOOP
    EXECUTE format('ALTER TABLE %s VALIDATE CONSTRAINT %I', r.tbl, r.conname);
    n := n + 1;
  END LOOP;
  RETURN n;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION yinfeng_enterprises_bulk_begin() FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION yinfeng_enterprises_bulk_finish() FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION yinfeng_enterprises_bulk_validate() FROM PUBLIC;
