/**
 * Near-duplicate enterprises: an investor typed on a project (no credit code) that is probably an
 * enterprise the registry already knows. Same credit code twice cannot happen (unique index; the
 * import merges by code); names without a code are only flagged, for a person to merge or dismiss.
 *
 * Finding candidates for one uncoded enterprise uses the pg_trgm index on `search_names`:
 *  - coded names containing the uncoded one's normalised name (LIKE '%金风科技%'),
 *  - coded names containing its leading four characters (catches 金风科技发展 → 新疆金风科技股份有限公司),
 *  - word similarity to any name (`<%`, default threshold 0.6).
 * Each candidate is then judged on normalised names (domain/enterprise-names): the same, one
 * containing the other, or pg_trgm similarity ≥ SIMILARITY_THRESHOLD. Pairs are unique, so a
 * dismissed pair is never flagged again.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../client';
import { moveTargetsOfEnterprise } from '../targets/target-merge';
import { matchNormalizedNames, normalizeEnterpriseName, type NameMatch } from '../../../domain/enterprise-names';
import { enterpriseDuplicateCandidates, enterpriseListMembers, enterpriseContacts, enterprises, projects } from '../../schema/index';
import { escapeLike } from '../audit/audit';

export type DuplicateRow = typeof enterpriseDuplicateCandidates.$inferSelect;

const BATCH = 200;
/** candidates fetched per uncoded enterprise before judging, and flagged at most */
const FETCH_LIMIT = 50;
const FLAG_LIMIT = 5;
const REASON_RANK: Record<NameMatch['reason'], number> = { sameName: 0, containedName: 1, similarName: 2 };

export interface FlagOptions {
  /** only these enterprises (those without a credit code among them); default: every enterprise without one */
  enterpriseIds?: readonly string[];
  /**
   * newly coded enterprises (created by hand or imported) to compare against the enterprises
   * without a code; when given without enterpriseIds, only this direction runs
   */
  codedIds?: readonly string[];
}

export interface FlagResult {
  /** enterprises examined */
  checked: number;
  /** new candidate pairs recorded */
  flagged: number;
}

interface Named {
  id: string;
  name: string;
  formerNames: string[];
}

/** Enterprises with (coded) or without a credit code: the given ones, or a page of all by id. */
async function selectProbes(db: Db, coded: boolean, ids: readonly string[] | undefined, afterId: string | null): Promise<Named[]> {
  const base = db.select({ id: enterprises.id, name: enterprises.name, formerNames: enterprises.formerNames }).from(enterprises);
  const hasCode = coded ? sql`${enterprises.creditCode} is not null` : sql`${enterprises.creditCode} is null`;
  if (ids) {
    if (ids.length === 0) return [];
    return base.where(and(hasCode, sql`${enterprises.id} = any(${sql.param([...ids])}::uuid[])`));
  }
  return base
    .where(and(hasCode, afterId ? sql`${enterprises.id} > ${afterId}` : undefined))
    .orderBy(asc(enterprises.id))
    .limit(BATCH);
}

/** Enterprises on the other side (coded or not) whose names may match the normalised name. */
async function selectCandidates(db: Db, norm: string, coded: boolean): Promise<Named[]> {
  const chars = [...norm];
  const conditions = [sql`${norm} <% ${enterprises.searchNames}`];
  // a LIKE pattern needs 3 characters (one trigram) to use the index
  if (chars.length >= 3) conditions.push(sql`${enterprises.searchNames} like ${`%${escapeLike(norm)}%`}`);
  if (chars.length >= 6) conditions.push(sql`${enterprises.searchNames} like ${`%${escapeLike(chars.slice(0, 4).join(''))}%`}`);
  const result = await db.execute(sql`
    select id, name, former_names from enterprises
     where credit_code is ${coded ? sql`not null` : sql`null`} and (${sql.join(conditions, sql` or `)})
     limit ${FETCH_LIMIT}`);
  const rows = (result as unknown as { rows: { id: string; name: string; former_names: string[] | string | null }[] }).rows;
  return rows.map((r) => ({ id: r.id, name: r.name, formerNames: parseTextArray(r.former_names) }));
}

/** node-postgres parses text[]; a raw PGlite row may give the literal "{a,b}". */
function parseTextArray(v: string[] | string | null): string[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v;
  const inner = v.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',').map((s) => s.replace(/^"|"$/g, '').replace(/\\(.)/g, '$1'));
}

/** pg_trgm similarity of each pair, in one statement. */
async function selectSimilarities(db: Db, pairs: [string, string][]): Promise<number[]> {
  if (pairs.length === 0) return [];
  const result = await db.execute(sql`
    select similarity(a, b)::float8 as s from unnest(${sql.param(pairs.map((p) => p[0]))}::text[], ${sql.param(pairs.map((p) => p[1]))}::text[])
      with ordinality as t(a, b, n) order by n`);
  return (result as unknown as { rows: { s: number | string }[] }).rows.map((r) => Number(r.s));
}

const normsOf = (e: Named) => [...new Set([e.name, ...e.formerNames].map(normalizeEnterpriseName).filter((n) => [...n].length >= 2))];

/** Judges the probes of one batch against their candidates and records the best pairs; returns how many are new. */
async function flagBatch(db: Db, probes: Named[], probesAreCoded: boolean): Promise<number> {
  const pairs: { uncodedId: string; codedId: string; a: string; b: string }[] = [];
  for (const probe of probes) {
    const seen = new Set<string>();
    for (const norm of normsOf(probe)) {
      for (const c of await selectCandidates(db, norm, !probesAreCoded)) {
        if (c.id === probe.id) continue;
        for (const cn of normsOf(c)) {
          const key = `${c.id}\u0000${norm}\u0000${cn}`;
          if (seen.has(key)) continue;
          seen.add(key);
          // a: the uncoded side's name, b: the coded side's
          pairs.push(probesAreCoded ? { uncodedId: c.id, codedId: probe.id, a: cn, b: norm } : { uncodedId: probe.id, codedId: c.id, a: norm, b: cn });
        }
      }
    }
  }
  const sims = await selectSimilarities(db, pairs.map((p) => [p.a, p.b]));
  const best = new Map<string, { uncodedId: string; codedId: string; match: NameMatch }>();
  pairs.forEach((p, i) => {
    const match = matchNormalizedNames(p.a, p.b, sims[i] ?? 0);
    if (!match) return;
    const key = `${p.uncodedId}/${p.codedId}`;
    const prev = best.get(key);
    if (!prev || REASON_RANK[match.reason] < REASON_RANK[prev.match.reason] || (match.reason === prev.match.reason && match.similarity > prev.match.similarity)) {
      best.set(key, { uncodedId: p.uncodedId, codedId: p.codedId, match });
    }
  });
  // at most FLAG_LIMIT candidates per probe, the closest first
  const byProbe = new Map<string, { uncodedId: string; codedId: string; match: NameMatch }[]>();
  for (const b of best.values()) {
    const probeId = probesAreCoded ? b.codedId : b.uncodedId;
    byProbe.set(probeId, [...(byProbe.get(probeId) ?? []), b]);
  }
  const rows: (typeof enterpriseDuplicateCandidates.$inferInsert)[] = [];
  for (const list of byProbe.values()) {
    list.sort((x, y) => REASON_RANK[x.match.reason] - REASON_RANK[y.match.reason] || y.match.similarity - x.match.similarity);
    for (const c of list.slice(0, FLAG_LIMIT)) {
      rows.push({ enterpriseId: c.uncodedId, candidateId: c.codedId, similarity: Math.round(c.match.similarity * 1000) / 1000, reason: c.match.reason });
    }
  }
  if (rows.length === 0) return 0;
  const inserted = await db.insert(enterpriseDuplicateCandidates).values(rows).onConflictDoNothing().returning({ id: enterpriseDuplicateCandidates.id });
  return inserted.length;
}

/**
 * Flags near-duplicate names: enterprises without a credit code against coded enterprises whose
 * normalised names are the same, contain one another, or are similar. Idempotent (pairs are
 * unique; a dismissed pair stays dismissed). Without options every enterprise without a code is
 * examined; `enterpriseIds` limits that, `codedIds` examines new coded enterprises the other way.
 */
export async function flagNearDuplicateNames(db: Db, opts: FlagOptions = {}): Promise<FlagResult> {
  let checked = 0;
  let flagged = 0;
  const directions: { coded: boolean; ids: readonly string[] | undefined }[] = [];
  if (opts.enterpriseIds || !opts.codedIds) directions.push({ coded: false, ids: opts.enterpriseIds });
  if (opts.codedIds) directions.push({ coded: true, ids: opts.codedIds });
  for (const d of directions) {
    let afterId: string | null = null;
    for (;;) {
      const batch = await selectProbes(db, d.coded, d.ids, afterId);
      if (batch.length === 0) break;
      afterId = batch[batch.length - 1]?.id ?? null;
      checked += batch.length;
      flagged += await flagBatch(db, batch, d.coded);
      if (d.ids) break;
    }
  }
  return { checked, flagged };
}

const uncoded = alias(enterprises, 'uncoded');
const coded = alias(enterprises, 'coded');

const candidateView = {
  candidate: enterpriseDuplicateCandidates,
  uncodedName: uncoded.name,
  uncodedCreditCode: uncoded.creditCode,
  uncodedRegionCodes: uncoded.contactRegionCodes,
  codedName: coded.name,
  codedCreditCode: coded.creditCode,
  codedRegionCode: coded.regionCode,
  projectCount: sql<number>`(select count(*)::int from ${projects} p where p.investor_id = ${enterpriseDuplicateCandidates.enterpriseId})`,
};
export type CandidateViewRow = {
  candidate: DuplicateRow;
  uncodedName: string;
  uncodedCreditCode: string | null;
  uncodedRegionCodes: string[];
  codedName: string;
  codedCreditCode: string | null;
  codedRegionCode: string | null;
  projectCount: number;
};

function fromCandidates(db: Db) {
  return db
    .select(candidateView)
    .from(enterpriseDuplicateCandidates)
    .innerJoin(uncoded, eq(uncoded.id, enterpriseDuplicateCandidates.enterpriseId))
    .innerJoin(coded, eq(coded.id, enterpriseDuplicateCandidates.candidateId));
}

/**
 * Whether the uncoded enterprise concerns the scope: it has a project or contact in the subtree, or
 * none anywhere (an orphan anyone may clean up).
 */
function concernsScope(scopePath: string) {
  return sql`(${uncoded.contactRegionCodes} = '{}'::text[] or exists (select 1 from regions r where r.code = any(${uncoded.contactRegionCodes}) and r.path like ${`${scopePath}%`}))`;
}

export async function selectPendingCandidates(db: Db, scopePath: string, limit: number, offset: number) {
  const where = and(eq(enterpriseDuplicateCandidates.status, 'pending'), sql`${uncoded.creditCode} is null`, sql`${coded.creditCode} is not null`, concernsScope(scopePath));
  const rows = await fromCandidates(db)
    .where(where)
    .orderBy(asc(uncoded.name), sql`${enterpriseDuplicateCandidates.similarity} desc`, asc(enterpriseDuplicateCandidates.id))
    .limit(limit)
    .offset(offset);
  const [total] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(enterpriseDuplicateCandidates)
    .innerJoin(uncoded, eq(uncoded.id, enterpriseDuplicateCandidates.enterpriseId))
    .innerJoin(coded, eq(coded.id, enterpriseDuplicateCandidates.candidateId))
    .where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Pending candidates touching one enterprise (either side), for its page. */
export async function selectPendingCandidatesOf(db: Db, enterpriseId: string) {
  return fromCandidates(db)
    .where(
      and(
        eq(enterpriseDuplicateCandidates.status, 'pending'),
        sql`${uncoded.creditCode} is null`,
        sql`(${enterpriseDuplicateCandidates.enterpriseId} = ${enterpriseId} or ${enterpriseDuplicateCandidates.candidateId} = ${enterpriseId})`,
      ),
    )
    .orderBy(sql`${enterpriseDuplicateCandidates.similarity} desc`)
    .limit(20);
}

/** The candidate if it exists, with whether it concerns the scope. */
export async function selectCandidate(db: Db, id: string, scopePath: string): Promise<(CandidateViewRow & { inScope: boolean }) | undefined> {
  const [row] = await db
    .select({ ...candidateView, inScope: sql<boolean>`${concernsScope(scopePath)}` })
    .from(enterpriseDuplicateCandidates)
    .innerJoin(uncoded, eq(uncoded.id, enterpriseDuplicateCandidates.enterpriseId))
    .innerJoin(coded, eq(coded.id, enterpriseDuplicateCandidates.candidateId))
    .where(eq(enterpriseDuplicateCandidates.id, id));
  return row;
}

export async function resolveCandidate(db: Db, id: string, status: 'dismissed' | 'merged', userId: string | null): Promise<boolean> {
  const rows = await db
    .update(enterpriseDuplicateCandidates)
    .set({ status, resolvedBy: userId, resolvedAt: new Date() })
    .where(and(eq(enterpriseDuplicateCandidates.id, id), eq(enterpriseDuplicateCandidates.status, 'pending')))
    .returning({ id: enterpriseDuplicateCandidates.id });
  return rows.length > 0;
}

/**
 * Moves what points at `fromId` to `toId`: projects' investor, contacts, list memberships (a list
 * already holding the target keeps its own entry), targets and feedback (targets/target-merge.ts).
 * Returns the ids moved, for the audit row.
 */
export async function moveEnterpriseReferences(db: Db, fromId: string, toId: string) {
  const movedProjects = await db.update(projects).set({ investorId: toId }).where(eq(projects.investorId, fromId)).returning({ id: projects.id });
  const movedContacts = await db
    .update(enterpriseContacts)
    .set({ enterpriseId: toId, updatedAt: new Date() })
    .where(eq(enterpriseContacts.enterpriseId, fromId))
    .returning({ id: enterpriseContacts.id });
  const movedLists = await db.execute(sql`
    insert into enterprise_list_members (list_id, enterprise_id, note, added_by, added_at)
    select list_id, ${toId}, note, added_by, added_at from enterprise_list_members where enterprise_id = ${fromId}
    on conflict do nothing returning list_id`);
  await db.delete(enterpriseListMembers).where(eq(enterpriseListMembers.enterpriseId, fromId));
  const targetIds = await moveTargetsOfEnterprise(db, fromId, toId);
  return {
    targetIds,
    projectIds: movedProjects.map((p) => p.id),
    contactIds: movedContacts.map((c) => c.id),
    listIds: (movedLists as unknown as { rows: { list_id: string }[] }).rows.map((r) => r.list_id),
  };
}

export async function deleteEnterprise(db: Db, id: string): Promise<void> {
  await db.delete(enterprises).where(eq(enterprises.id, id));
}
