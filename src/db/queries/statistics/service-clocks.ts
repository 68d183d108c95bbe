/**
 * 服务时钟 (issue 13 item 8): the 帮办代办 of a subtree's projects that bear on a period — opened by
 * its end and not closed before its start — with the path of the project's region, so the service
 * can count them per sub-region and per handler (domain/service-clocks.ts).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { selectRows } from '../sql-rows';

export interface ServiceClockRow {
  opened_on: string;
  due_on: string;
  closed_on: string | null;
  project_id: string;
  handler_name: string;
  region_path: string;
}

export async function selectServiceClockItems(db: Db, regionCodes: readonly string[], start: string, end: string): Promise<ServiceClockRow[]> {
  return selectRows<ServiceClockRow>(
    db,
    sql`select s.opened_on::text as opened_on, s.due_on::text as due_on, s.closed_on::text as closed_on, s.project_id, s.handler_name, r.path as region_path
        from service_items s
        join projects p on p.id = s.project_id
        join regions r on r.code = p.region_code
        where p.region_code = any(${sql.param([...regionCodes])}::text[])
          and s.opened_on <= ${end}
          and (s.closed_on is null or s.closed_on >= ${start})`,
  );
}
