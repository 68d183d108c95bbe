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

export interface InquiryClockRow {
  opened_on: string;
  due_on: string;
  closed_on: string | null;
  first_responded_on: string | null;
  owner_name: string | null;
  region_path: string;
  converted_lead: boolean;
  converted_target: boolean;
}

/**
 * 在线对接与投诉 (issue 14): the filings of one kind routed to a subtree that bear on a period — received
 * by its end and not closed before its start — duplicates left out (they are the first filing's
 * matter), with the closing due day as the clock's due day and whether an inquiry was converted.
 */
export async function selectInquiryClockItems(db: Db, regionCodes: readonly string[], kind: 'inquiry' | 'complaint', start: string, end: string): Promise<InquiryClockRow[]> {
  return selectRows<InquiryClockRow>(
    db,
    sql`select i.received_on::text as opened_on, i.close_due_on::text as due_on, i.closed_on::text as closed_on,
          i.first_responded_on::text as first_responded_on, u.display_name as owner_name, r.path as region_path,
          exists (select 1 from projects p where p.origin_inquiry_id = i.id) as converted_lead,
          exists (select 1 from targets t where t.origin_inquiry_id = i.id) as converted_target
        from inquiries i
        join regions r on r.code = i.region_code
        left join users u on u.id = i.owner_id
        where i.region_code = any(${sql.param([...regionCodes])}::text[])
          and i.kind = ${kind}
          and i.duplicate_of_id is null
          and i.received_on <= ${end}
          and (i.closed_on is null or i.closed_on >= ${start})`,
  );
}
