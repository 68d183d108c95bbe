/** The months each target of a chain first reached each funnel step (domain/targets/target-funnel.ts has the definitions). */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { selectRows } from '../sql-rows';

export interface FunnelTargetRow {
  node_code: string;
  claimed: string;
  contacted: string | null;
  visited: string | null;
  project: string | null;
  signed: string | null;
  landed: string | null;
}


const month = (at: SQL) => sql`to_char((${at}) at time zone 'Asia/Shanghai', 'YYYY-MM')`;

/** Every target of the regions in `regionPath`'s subtree on a node code of the chain (any version). */
export async function selectFunnelTargets(db: Db, chainId: string, regionPath: string): Promise<FunnelTargetRow[]> {
  const like = `${regionPath.replace(/[\\%_]/g, '\\$&')}%`;
  return selectRows<FunnelTargetRow>(
    db,
    sql`select t.node_code,
          ${month(sql`t.created_at`)} as claimed,
          (select ${month(sql`min(ev.at)`)} from target_events ev where ev.target_id = t.id and ev.status in ('contacted', 'visited', 'negotiating', 'signed')) as contacted,
          (select ${month(sql`min(ev.at)`)} from target_events ev where ev.target_id = t.id and ev.status in ('visited', 'negotiating', 'signed')) as visited,
          case when p.id is not null then ${month(sql`p.created_at`)} end as project,
          coalesce(
            case when p.signed_date is not null and (p.stage in ('signed', 'started', 'operating') or p.stage_before_termination in ('signed', 'started', 'operating'))
              then to_char(p.signed_date, 'YYYY-MM') end,
            (select ${month(sql`min(ev.at)`)} from target_events ev where ev.target_id = t.id and ev.status = 'signed')) as signed,
          case when p.id is not null then coalesce(
            (select ${month(sql`min(h.changed_at)`)} from project_stage_history h where h.project_id = p.id and h.to_stage in ('started', 'operating')),
            case when p.stage in ('started', 'operating') or p.stage_before_termination in ('started', 'operating')
              then to_char(least(p.started_date, p.operating_date), 'YYYY-MM') end) end as landed
        from targets t
        join regions r on r.code = t.region_code
        join chain_node_codes nc on nc.code = t.node_code
        left join projects p on p.id = t.project_id
        where nc.chain_id = ${chainId} and r.path like ${like}`,
  );
}
