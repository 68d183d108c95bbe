/** Targets: claims, their status changes, feedback, and the lists a region and its parents read. */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { escapeLike } from '../audit/audit';
import { selectRows } from '../sql-rows';
import type { TARGET_STATUSES, TARGET_FEEDBACK_KINDS } from '../../schema/index';
import { targetEvents, targetFeedback, targets } from '../../schema/index';

export type TargetStatus = (typeof TARGET_STATUSES)[number];
export type TargetFeedbackKind = (typeof TARGET_FEEDBACK_KINDS)[number];
export type TargetRow = typeof targets.$inferSelect;


/** Inserts a claim, or returns null when the firm is already claimed for the node (the partial unique index). */
export async function insertTarget(
  tx: Db,
  v: { regionCode: string; nodeCode: string; enterpriseId: string; ownerId: string | null; scoreTenths: number; features: Record<string, number>; createdBy: string | null },
): Promise<TargetRow | null> {
  const [row] = await tx
    .insert(targets)
    .values(v)
    .onConflictDoNothing({ target: [targets.nodeCode, targets.enterpriseId], where: sql`${targets.status} <> 'dropped'` })
    .returning();
  if (!row) return null;
  await tx.insert(targetEvents).values({ targetId: row.id, status: 'new', actorId: v.createdBy });
  return row;
}

export async function selectTargetById(db: Db, id: string): Promise<TargetRow | undefined> {
  const [row] = await db.select().from(targets).where(eq(targets.id, id));
  return row;
}

/** The active claim on a firm for a node, with the claiming region. */
export async function selectActiveClaim(db: Db, nodeCode: string, enterpriseId: string) {
  const [row] = await selectRows<{ id: string; region_code: string; region_name: string; region_path: string; status: TargetStatus }>(
    db,
    sql`select t.id, t.region_code, r.name as region_name, r.path as region_path, t.status from targets t join regions r on r.code = t.region_code
         where t.node_code = ${nodeCode} and t.enterprise_id = ${enterpriseId} and t.status <> 'dropped'`,
  );
  return row;
}

/** Changes status (and the project link) when the version matches; records the event. Null on a version conflict. */
export async function updateTargetStatus(
  tx: Db,
  id: string,
  version: number,
  v: { status: TargetStatus; dropReason: string | null; projectId: string | null; actorId: string | null; reason: string | null },
): Promise<TargetRow | null> {
  const now = new Date();
  const [row] = await tx
    .update(targets)
    .set({ status: v.status, dropReason: v.dropReason, projectId: v.projectId, statusChangedAt: now, updatedAt: now, version: sql`${targets.version} + 1` })
    .where(and(eq(targets.id, id), eq(targets.version, version)))
    .returning();
  if (!row) return null;
  await tx.insert(targetEvents).values({ targetId: id, status: v.status, at: now, actorId: v.actorId, reason: v.reason });
  return row;
}

export async function upsertTargetFeedback(
  db: Db,
  v: { regionCode: string; nodeCode: string; enterpriseId: string; userId: string; kind: TargetFeedbackKind; note: string | null },
): Promise<void> {
  await db
    .insert(targetFeedback)
    .values(v)
    .onConflictDoUpdate({
      target: [targetFeedback.regionCode, targetFeedback.nodeCode, targetFeedback.enterpriseId, targetFeedback.userId],
      set: { kind: v.kind, note: v.note, createdAt: new Date() },
    });
}

export interface TargetListRow {
  id: string;
  region_code: string;
  region_name: string;
  node_code: string;
  node_name: string | null;
  chain_code: string;
  chain_name: string;
  enterprise_id: string;
  enterprise_name: string;
  credit_code: string | null;
  enterprise_region_name: string | null;
  status: TargetStatus;
  drop_reason: string | null;
  owner_name: string | null;
  score_tenths: number | null;
  project_id: string | null;
  project_code: string | null;
  project_name: string | null;
  project_stage: string | null;
  created_at: Date;
  status_changed_at: Date;
  version: number;
  /** other regions (within the same scope) claiming the same firm for another node */
  overlaps: number;
}

/** Targets of the regions in `scopePath`'s subtree, filtered; newest status change first. */
/**
 * Targets of the regions under `scopePath`; `contacts`: the firm's contacts held within `callerPath`
 * (the caller's own scope, which may be wider than the filtered region: a prefecture sees its counties' contacts).
 */
export async function selectTargets(db: Db, f: { scopePath: string; callerPath: string; chainId?: string; nodeCode?: string; status?: TargetStatus; limit: number; offset: number }) {
  const like = `${escapeLike(f.scopePath)}%`;
  const callerLike = `${escapeLike(f.callerPath)}%`;
  const conds: SQL[] = [sql`r.path like ${like}`];
  if (f.chainId) conds.push(sql`nc.chain_id = ${f.chainId}`);
  if (f.nodeCode) conds.push(sql`t.node_code = ${f.nodeCode}`);
  if (f.status) conds.push(sql`t.status = ${f.status}`);
  return selectRows<TargetListRow & { total: string; contacts: number }>(
    db,
    sql`select t.id, t.region_code, r.name as region_name, t.node_code,
          (select n.name from chain_nodes n where n.chain_id = c.id and n.version = c.current_version and n.code = t.node_code) as node_name,
          c.code as chain_code, c.name as chain_name, t.enterprise_id, e.name as enterprise_name, e.credit_code, er.name as enterprise_region_name,
          t.status, t.drop_reason, u.display_name as owner_name, t.score_tenths, t.project_id, p.code as project_code, p.name as project_name, p.stage as project_stage,
          t.created_at, t.status_changed_at, t.version,
          (select count(distinct o.region_code)::int from targets o join regions orr on orr.code = o.region_code
            where o.enterprise_id = t.enterprise_id and o.region_code <> t.region_code and o.status <> 'dropped' and orr.path like ${like}) as overlaps,
          (select count(*)::int from enterprise_contacts ec join regions cr on cr.code = ec.region_code
            where ec.enterprise_id = t.enterprise_id and cr.path like ${callerLike}) as contacts,
          count(*) over () as total
        from targets t
        join regions r on r.code = t.region_code
        join chain_node_codes nc on nc.code = t.node_code
        join chains c on c.id = nc.chain_id
        join enterprises e on e.id = t.enterprise_id
        left join regions er on er.code = e.region_code
        left join users u on u.id = t.owner_id
        left join projects p on p.id = t.project_id
        where ${sql.join(conds, sql` and `)}
        order by t.status_changed_at desc, t.id
        limit ${f.limit} offset ${f.offset}`,
  );
}
