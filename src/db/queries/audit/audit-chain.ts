/**
 * Queries of the audit hash chain (domain/audit-chain.ts). The canonical form of an audit row is
 * computed by the database, identically on PostgreSQL and PGlite: the row as jsonb (to_jsonb of the
 * whole row, so a column added later is covered), its top-level nulls left out (so adding a nullable
 * column does not change the form of older rows), as jsonb's text (keys in jsonb's fixed order),
 * UTF-8 encoded, hashed with sha256(). Timestamps inside depend on the session's TimeZone: every
 * statement here runs in a transaction that set it to UTC (setChainTimeZone).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { auditChain } from '../../schema/index';
import type { ChainHead, ChainLink, StoredLink } from '../../../domain/audit-chain';

/** pg_advisory_xact_lock key: one sealer at a time across processes */
const SEAL_LOCK_KEY = 7_246_312;

async function rows<T>(db: Db, statement: SQL): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

/** The canonical row hash of audit_log alias `a`, lower-case hex. */
export const ROW_HASH_EXPRESSION = `encode(sha256(convert_to((select jsonb_object_agg(f.key, f.value) from jsonb_each(to_jsonb(a)) f where f.value <> 'null'::jsonb)::text, 'UTF8')), 'hex')`;
export const ROW_HASH_SQL = sql.raw(ROW_HASH_EXPRESSION);

export async function setChainTimeZone(tx: Db): Promise<void> {
  await tx.execute(sql`set local timezone = 'UTC'`);
}

export async function tryLockSealer(tx: Db): Promise<boolean> {
  const [r] = await rows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${SEAL_LOCK_KEY}) as ok`);
  return Boolean(r?.ok);
}

export async function selectChainHead(db: Db): Promise<ChainHead | null> {
  const [r] = await rows<{ audit_id: unknown; hash: string }>(db, sql`select audit_id, hash from audit_chain order by audit_id desc limit 1`);
  return r ? { auditId: Number(r.audit_id), hash: r.hash } : null;
}

/** Committed audit rows after `afterId`, ascending, with their canonical hashes. */
export async function selectRowsToSeal(db: Db, afterId: number, limit: number): Promise<{ id: number; rowHash: string }[]> {
  const found = await rows<{ id: unknown; row_hash: string }>(
    db,
    sql`select a.id, ${ROW_HASH_SQL} as row_hash from audit_log a where a.id > ${afterId} order by a.id limit ${limit}`,
  );
  return found.map((r) => ({ id: Number(r.id), rowHash: r.row_hash }));
}

/**
 * The last audit id handed out. Read BEFORE selectSnapshot: every id up to it belongs to a
 * transaction that had its transaction id already (migration 0012's statement trigger), so that
 * transaction is in the snapshot's in-progress list or finished before it.
 */
export async function selectLastAuditIdIssued(db: Db): Promise<number> {
  const [seq] = await rows<{ name: string | null }>(db, sql`select pg_get_serial_sequence('audit_log', 'id') as name`);
  if (!seq?.name) return 0;
  const [r] = await rows<{ last_value: unknown; is_called: boolean }>(db, sql`select last_value, is_called from ${sql.raw(seq.name)}`);
  return r?.is_called ? Number(r.last_value) : 0;
}

/** The current snapshot, as text (xmin:xmax:xip…). */
export async function selectSnapshot(db: Db): Promise<string> {
  const [r] = await rows<{ s: string }>(db, sql`select pg_current_snapshot()::text as s`);
  return r?.s ?? '';
}

/** How many transactions in progress at `snapshot` (other than this one) are still in progress. */
export async function countStillRunning(db: Db, snapshot: string): Promise<number> {
  const [r] = await rows<{ n: unknown }>(
    db,
    sql`select count(*) as n from pg_snapshot_xip(${snapshot}::pg_snapshot) x
        where pg_xact_status(x) = 'in progress' and x is distinct from pg_current_xact_id_if_assigned()`,
  );
  return Number(r?.n ?? 0);
}

export async function insertLinks(db: Db, links: ChainLink[]): Promise<void> {
  if (links.length === 0) return;
  await db.insert(auditChain).values(links.map((l) => ({ auditId: l.auditId, rowHash: l.rowHash, prevHash: l.prevHash, hash: l.hash })));
}

/** Links after `afterId`, ascending, each with the current hash of the row it seals (null: the row is gone). */
export async function selectStoredLinks(db: Db, afterId: number, limit: number): Promise<StoredLink[]> {
  const found = await rows<{ audit_id: unknown; row_hash: string; prev_hash: string; hash: string; actual: string | null }>(
    db,
    sql`select c.audit_id, c.row_hash, c.prev_hash, c.hash, (select ${ROW_HASH_SQL} from audit_log a where a.id = c.audit_id) as actual
        from audit_chain c where c.audit_id > ${afterId} order by c.audit_id limit ${limit}`,
  );
  return found.map((r) => ({ auditId: Number(r.audit_id), rowHash: r.row_hash, prevHash: r.prev_hash, hash: r.hash, actualRowHash: r.actual }));
}

/** The first audit rows at or below the head that no link seals. */
export async function selectUnsealedBelow(db: Db, headId: number, limit: number): Promise<number[]> {
  const found = await rows<{ id: unknown }>(
    db,
    sql`select a.id from audit_log a where a.id <= ${headId}
        and not exists (select 1 from audit_chain c where c.audit_id = a.id) order by a.id limit ${limit}`,
  );
  return found.map((r) => Number(r.id));
}

export async function countAuditRowsAfter(db: Db, afterId: number): Promise<number> {
  const [r] = await rows<{ n: unknown }>(db, sql`select count(*) as n from audit_log where id > ${afterId}`);
  return Number(r?.n ?? 0);
}
