/** Contacts (people) of enterprises: personal data, kept by region. Masking is the service's job. */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { enterpriseContacts, enterprises, regions, users } from '../../schema/index';

export type ContactRow = typeof enterpriseContacts.$inferSelect;
export type ContactInsert = typeof enterpriseContacts.$inferInsert;

/** A contact with the names a person reads and the region path that decides its scope. */
const contactView = {
  contact: enterpriseContacts,
  regionName: regions.name,
  regionPath: regions.path,
  enterpriseName: enterprises.name,
  enterpriseCreditCode: enterprises.creditCode,
  createdByName: users.displayName,
};
export type ContactViewRow = {
  contact: ContactRow;
  regionName: string;
  regionPath: string;
  enterpriseName: string;
  enterpriseCreditCode: string | null;
  createdByName: string | null;
};

function fromContacts(db: Db) {
  return db
    .select(contactView)
    .from(enterpriseContacts)
    .innerJoin(regions, eq(regions.code, enterpriseContacts.regionCode))
    .innerJoin(enterprises, eq(enterprises.id, enterpriseContacts.enterpriseId))
    .leftJoin(users, eq(users.id, enterpriseContacts.createdBy));
}

export async function selectContactView(db: Db, id: string): Promise<ContactViewRow | undefined> {
  const [row] = await fromContacts(db).where(eq(enterpriseContacts.id, id));
  return row;
}

/** Contacts of one enterprise within the scope subtree. */
export async function selectEnterpriseContacts(db: Db, enterpriseId: string, scopePath: string): Promise<ContactViewRow[]> {
  return fromContacts(db)
    .where(and(eq(enterpriseContacts.enterpriseId, enterpriseId), sql`${regions.path} like ${`${scopePath}%`}`))
    .orderBy(asc(enterpriseContacts.createdAt), asc(enterpriseContacts.id));
}

export interface ContactExportFilter {
  scopePath: string;
  enterpriseId?: string;
  limit: number;
  offset: number;
}

/** Contacts for an export: the scope subtree, optionally one enterprise; by enterprise name, then creation. */
export async function selectContactsForExport(db: Db, f: ContactExportFilter): Promise<ContactViewRow[]> {
  const conditions: SQL[] = [sql`${regions.path} like ${`${f.scopePath}%`}`];
  if (f.enterpriseId) conditions.push(eq(enterpriseContacts.enterpriseId, f.enterpriseId));
  return fromContacts(db)
    .where(and(...conditions))
    .orderBy(asc(enterprises.name), asc(enterpriseContacts.createdAt), asc(enterpriseContacts.id))
    .limit(f.limit)
    .offset(f.offset);
}

export async function insertContact(db: Db, row: ContactInsert): Promise<ContactRow> {
  const [created] = await db.insert(enterpriseContacts).values(row).returning();
  if (!created) throw new Error('insert enterprise_contacts returned nothing');
  return created;
}

export async function updateContactVersioned(db: Db, id: string, version: number, patch: Partial<ContactInsert>): Promise<ContactRow | undefined> {
  const [row] = await db
    .update(enterpriseContacts)
    .set({ ...patch, version: sql`${enterpriseContacts.version} + 1`, updatedAt: new Date() })
    .where(and(eq(enterpriseContacts.id, id), eq(enterpriseContacts.version, version)))
    .returning();
  return row;
}

export async function deleteContact(db: Db, id: string): Promise<void> {
  await db.delete(enterpriseContacts).where(eq(enterpriseContacts.id, id));
}
