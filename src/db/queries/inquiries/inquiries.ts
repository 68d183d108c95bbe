/** 在线对接与投诉: rows, the thread, the inbox of a subtree, duplicates by contact, and the per-address submission log. */
import { and, asc, eq, gte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { enterprises, inquiries, inquiryMessages, publicSubmissions, targets } from '../../schema/index';
import { escapeLike } from '../audit/audit';
import { selectRows } from '../sql-rows';

export type InquiryRow = typeof inquiries.$inferSelect;
export type InquiryInsert = typeof inquiries.$inferInsert;
export type InquiryMessageRow = typeof inquiryMessages.$inferSelect;

export async function insertInquiry(db: Db, values: InquiryInsert): Promise<InquiryRow> {
  const [row] = await db.insert(inquiries).values(values).returning();
  if (!row) throw new Error('inquiry not inserted');
  return row;
}

/** One indexed lookup by the canonical tracking number (the same query for any input: no timing difference). */
export async function selectInquiryByTracking(db: Db, trackingNumber: string): Promise<InquiryRow | undefined> {
  const [row] = await db.select().from(inquiries).where(eq(inquiries.trackingNumber, trackingNumber));
  return row;
}

export interface InquiryView {
  inquiry: InquiryRow;
  regionName: string;
  regionPath: string;
  ownerName: string | null;
  firstTrackingNumber: string | null;
  convertedProject: { id: string; code: string; name: string } | null;
  convertedTargetId: string | null;
}

export async function selectInquiryView(db: Db, id: string): Promise<InquiryView | undefined> {
  const rows = await selectRows<{ id: string; region_name: string; region_path: string; owner_name: string | null; first_tracking: string | null; project_id: string | null; project_code: string | null; project_name: string | null; target_id: string | null }>(
    db,
    sql`select i.id, r.name as region_name, r.path as region_path, u.display_name as owner_name, f.tracking_number as first_tracking,
          p.id as project_id, p.code as project_code, p.name as project_name,
          (select t.id from targets t where t.origin_inquiry_id = i.id order by t.created_at limit 1) as target_id
        from inquiries i join regions r on r.code = i.region_code
        left join users u on u.id = i.owner_id
        left join inquiries f on f.id = i.duplicate_of_id
        left join lateral (select p.id, p.code, p.name from projects p where p.origin_inquiry_id = i.id order by p.created_at limit 1) p on true
        where i.id = ${id}::uuid`,
  );
  const r = rows[0];
  if (!r) return undefined;
  const [inquiry] = await db.select().from(inquiries).where(eq(inquiries.id, id));
  if (!inquiry) return undefined;
  return {
    inquiry,
    regionName: r.region_name,
    regionPath: r.region_path,
    ownerName: r.owner_name,
    firstTrackingNumber: r.first_tracking,
    convertedProject: r.project_id && r.project_code && r.project_name ? { id: r.project_id, code: r.project_code, name: r.project_name } : null,
    convertedTargetId: r.target_id,
  };
}

/** Filings of the same contact and kind received on or after `since`, first first (duplicate candidates, first filings only). */
export async function selectRecentByContact(db: Db, contactKey: string, kind: 'inquiry' | 'complaint', since: string): Promise<InquiryRow[]> {
  return db
    .select()
    .from(inquiries)
    .where(and(eq(inquiries.contactKey, contactKey), eq(inquiries.kind, kind), gte(inquiries.receivedOn, since), sql`${inquiries.duplicateOfId} is null`))
    .orderBy(asc(inquiries.createdAt))
    .limit(50);
}

export async function updateInquiryVersioned(db: Db, id: string, version: number, set: Partial<InquiryInsert>): Promise<InquiryRow | undefined> {
  const [row] = await db
    .update(inquiries)
    .set({ ...set, version: sql`${inquiries.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(inquiries.id, id), eq(inquiries.version, version)))
    .returning();
  return row;
}

export async function insertInquiryMessage(db: Db, values: typeof inquiryMessages.$inferInsert): Promise<void> {
  await db.insert(inquiryMessages).values(values);
}

export async function selectInquiryMessages(db: Db, inquiryId: string, investorView: boolean): Promise<InquiryMessageRow[]> {
  const where = investorView ? and(eq(inquiryMessages.inquiryId, inquiryId), eq(inquiryMessages.visibleToInvestor, true)) : eq(inquiryMessages.inquiryId, inquiryId);
  return db.select().from(inquiryMessages).where(where).orderBy(asc(inquiryMessages.createdAt), asc(inquiryMessages.id));
}

export interface InboxFilter {
  scopePath: string;
  kind?: 'inquiry' | 'complaint';
  stage?: string;
  /** open: not closed; overdue: open past a due day; escalated: escalation level above 0 */
  clock?: 'open' | 'overdue' | 'escalated';
  /** an owner's user id, or 'none' for items nobody owns yet */
  ownerId?: string;
  /** a canonical tracking number: that one filing (if in scope) */
  trackingNumber?: string;
  /** text in the subject's title or the content (case-insensitive) */
  keyword?: string;
  today: string;
  limit: number;
  offset: number;
}

export interface InboxRow {
  id: string;
  tracking_number: string;
  kind: 'inquiry' | 'complaint';
  type: string;
  stage: string;
  subject_title: string | null;
  region_code: string;
  region_name: string;
  company: string | null;
  investor_name: string;
  owner_name: string | null;
  received_on: string;
  first_response_due_on: string;
  close_due_on: string;
  first_responded_on: string | null;
  closed_on: string | null;
  escalation_level: number;
  duplicate_of_id: string | null;
  spam_reasons: string[];
  converted: boolean;
}

export async function selectInbox(db: Db, f: InboxFilter): Promise<{ rows: InboxRow[]; total: number }> {
  const conds: SQL[] = [sql`r.path like ${`${escapeLike(f.scopePath)}%`}`];
  if (f.kind) conds.push(sql`i.kind = ${f.kind}`);
  if (f.stage) conds.push(sql`i.stage = ${f.stage}`);
  if (f.ownerId === 'none') conds.push(sql`i.owner_id is null`);
  else if (f.ownerId) conds.push(sql`i.owner_id = ${f.ownerId}::uuid`);
  if (f.trackingNumber) conds.push(sql`i.tracking_number = ${f.trackingNumber}`);
  if (f.keyword) {
    const pattern = `%${escapeLike(f.keyword)}%`;
    conds.push(sql`(i.subject_title ilike ${pattern} or i.content ilike ${pattern})`);
  }
  if (f.clock === 'open') conds.push(sql`i.stage <> 'closed'`);
  if (f.clock === 'overdue') conds.push(sql`i.stage <> 'closed' and (i.close_due_on < ${f.today} or (i.first_responded_on is null and i.first_response_due_on < ${f.today}))`);
  if (f.clock === 'escalated') conds.push(sql`i.stage <> 'closed' and i.escalation_level > 0`);
  const where = sql.join(conds, sql` and `);
  const rows = await selectRows<InboxRow & { total: string }>(
    db,
    sql`select i.id, i.tracking_number, i.kind, i.type, i.stage, i.subject_title, i.region_code, r.name as region_name, i.company, i.investor_name,
          u.display_name as owner_name, i.received_on::text as received_on, i.first_response_due_on::text as first_response_due_on,
          i.close_due_on::text as close_due_on, i.first_responded_on::text as first_responded_on, i.closed_on::text as closed_on,
          i.escalation_level, i.duplicate_of_id, i.spam_reasons,
          (exists (select 1 from projects p where p.origin_inquiry_id = i.id) or exists (select 1 from targets t where t.origin_inquiry_id = i.id)) as converted,
          count(*) over () as total
        from inquiries i join regions r on r.code = i.region_code left join users u on u.id = i.owner_id
        where ${where}
        order by (i.stage = 'closed'), i.close_due_on, i.created_at desc
        limit ${f.limit} offset ${f.offset}`,
  );
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

/** Filings from an address since a moment (the per-address limit), and recording one. */
export async function countSubmissionsSince(db: Db, addressKey: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(publicSubmissions)
    .where(and(eq(publicSubmissions.addressKey, addressKey), gte(publicSubmissions.createdAt, since)));
  return row?.n ?? 0;
}

/** The oldest filing of an address since a moment: when the window frees a place. */
export async function selectOldestSubmissionSince(db: Db, addressKey: string, since: Date): Promise<Date | null> {
  const [row] = await db
    .select({ at: publicSubmissions.createdAt })
    .from(publicSubmissions)
    .where(and(eq(publicSubmissions.addressKey, addressKey), gte(publicSubmissions.createdAt, since)))
    .orderBy(asc(publicSubmissions.createdAt))
    .limit(1);
  return row?.at ?? null;
}

export async function insertSubmission(db: Db, addressKey: string): Promise<void> {
  await db.insert(publicSubmissions).values({ addressKey });
}

/** Forgets submissions older than a moment (the log is only for the limits). */
export async function deleteSubmissionsBefore(db: Db, before: Date): Promise<void> {
  await db.delete(publicSubmissions).where(sql`${publicSubmissions.createdAt} < ${before}`);
}

/** Active users with one of the roles whose home region's path is an ancestor of (or equal to) `regionPath`. */
export async function selectOwnerCandidate(db: Db, userId: string): Promise<{ id: string; roles: string[]; regionPath: string; displayName: string } | undefined> {
  const rows = await selectRows<{ id: string; roles: string[]; path: string; display_name: string }>(
    db,
    sql`select u.id, u.roles, r.path, u.display_name from users u join regions r on r.code = u.region_code where u.id = ${userId}::uuid and u.status = 'active'`,
  );
  const r = rows[0];
  return r ? { id: r.id, roles: r.roles, regionPath: r.path, displayName: r.display_name } : undefined;
}

/** Open items (not closed, not duplicates) with a due day before `today`, with their region's path (for the clock). */
export async function selectOverdueInquiries(db: Db, today: string) {
  return selectRows<{
    id: string;
    kind: 'inquiry' | 'complaint';
    stage: 'received' | 'accepted' | 'answered' | 'closed';
    owner_id: string | null;
    region_code: string;
    region_path: string;
    region_name: string;
    subject_title: string | null;
    first_responded_on: string | null;
    first_response_due_on: string;
    close_due_on: string;
    escalation_level: number;
  }>(
    db,
    sql`select i.id, i.kind, i.stage, i.owner_id, i.region_code, r.path as region_path, r.name as region_name, i.subject_title,
          i.first_responded_on::text as first_responded_on, i.first_response_due_on::text as first_response_due_on,
          i.close_due_on::text as close_due_on, i.escalation_level
        from inquiries i join regions r on r.code = i.region_code
        where i.stage <> 'closed' and i.duplicate_of_id is null
          and (i.close_due_on < ${today} or (i.first_responded_on is null and i.first_response_due_on < ${today}))
        order by i.close_due_on, i.id`,
  );
}

export async function updateEscalationLevel(db: Db, id: string, level: number): Promise<void> {
  await db.update(inquiries).set({ escalationLevel: level }).where(and(eq(inquiries.id, id), sql`${inquiries.escalationLevel} < ${level}`));
}

/** Enterprises whose registered name is exactly `name` (at most two: one is a match, two is ambiguous). */
export async function selectEnterprisesNamed(db: Db, name: string): Promise<{ id: string; creditCode: string | null }[]> {
  return db.select({ id: enterprises.id, creditCode: enterprises.creditCode }).from(enterprises).where(eq(enterprises.name, name)).limit(2);
}

export async function updateTargetOrigin(db: Db, targetId: string, inquiryId: string): Promise<void> {
  await db.update(targets).set({ originInquiryId: inquiryId }).where(eq(targets.id, targetId));
}

/**
 * The name of the public contact office that answers for a region: the region's own office, else the nearest
 * region above it that has one (the first created when a region has several); null when none is kept.
 */
export async function selectAnsweringOfficeName(db: Db, regionCode: string): Promise<string | null> {
  const rows = await selectRows<{ name: string }>(
    db,
    sql`select o.name from region_contact_offices o join regions r on r.code = o.region_code
        where o.is_public and starts_with((select path from regions where code = ${regionCode}), r.path)
        order by length(r.path) desc, o.created_at, o.id limit 1`,
  );
  return rows[0]?.name ?? null;
}
