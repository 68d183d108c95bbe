/**
 * When two enterprise records are merged, the targets and feedback on the duplicate move to the
 * record that stays. A claim would collide with the survivor's own active claim on the same node
 * (one region per node and firm at a time): that claim of the duplicate is dropped first, with the
 * reason and an event, so its history stays.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';

/** The reason a duplicate's colliding claim is dropped with (stored text, Chinese like every stored reason). */
export const MERGE_DROP_REASON = '企业记录合并：同一节点已有对该企业的认领';

export async function moveTargetsOfEnterprise(db: Db, fromId: string, toId: string): Promise<string[]> {
  await db.execute(sql`
    with dropped as (
      update targets t set status = 'dropped', drop_reason = ${MERGE_DROP_REASON}, status_changed_at = now(), updated_at = now(), version = t.version + 1
       where t.enterprise_id = ${fromId} and t.status <> 'dropped'
         and exists (select 1 from targets s where s.enterprise_id = ${toId} and s.node_code = t.node_code and s.status <> 'dropped')
      returning t.id)
    insert into target_events (target_id, status, reason) select id, 'dropped', ${MERGE_DROP_REASON} from dropped`);
  const moved = await db.execute(sql`update targets set enterprise_id = ${toId}, updated_at = now() where enterprise_id = ${fromId} returning id`);
  await db.execute(sql`
    insert into target_feedback (region_code, node_code, enterprise_id, user_id, kind, note, created_at)
    select region_code, node_code, ${toId}, user_id, kind, note, created_at from target_feedback where enterprise_id = ${fromId}
    on conflict do nothing`);
  await db.execute(sql`delete from target_feedback where enterprise_id = ${fromId}`);
  return (moved as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
}
