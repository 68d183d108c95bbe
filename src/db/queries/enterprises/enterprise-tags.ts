/** Admin-defined enterprise tags (beyond the built-in DESIGN.md list) and how many enterprises carry a tag. */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { enterpriseTagDefinitions, enterprises, users } from '../../schema/index';

export type TagDefinitionRow = typeof enterpriseTagDefinitions.$inferSelect;

export async function selectTagDefinitions(db: Db) {
  return db
    .select({ name: enterpriseTagDefinitions.name, description: enterpriseTagDefinitions.description, createdAt: enterpriseTagDefinitions.createdAt, createdByName: users.displayName })
    .from(enterpriseTagDefinitions)
    .leftJoin(users, eq(users.id, enterpriseTagDefinitions.createdBy))
    .orderBy(asc(enterpriseTagDefinitions.createdAt), asc(enterpriseTagDefinitions.name));
}

export async function selectTagDefinition(db: Db, name: string): Promise<TagDefinitionRow | undefined> {
  const [row] = await db.select().from(enterpriseTagDefinitions).where(eq(enterpriseTagDefinitions.name, name));
  return row;
}

/** Inserts the tag; undefined when it already exists. */
export async function insertTagDefinition(db: Db, row: typeof enterpriseTagDefinitions.$inferInsert): Promise<TagDefinitionRow | undefined> {
  const [created] = await db.insert(enterpriseTagDefinitions).values(row).onConflictDoNothing().returning();
  return created;
}

export async function deleteTagDefinition(db: Db, name: string): Promise<void> {
  await db.delete(enterpriseTagDefinitions).where(eq(enterpriseTagDefinitions.name, name));
}

/** Enterprises carrying each of the tags (GIN index on tags). */
export async function countEnterprisesByTag(db: Db, names: readonly string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  const result = await db.execute(sql`
    select t.name, (select count(*)::int from ${enterprises} e where e.tags @> array[t.name]) as n
      from unnest(${sql.param([...names])}::text[]) as t(name)`);
  const rows = (result as unknown as { rows: { name: string; n: number | string }[] }).rows;
  return new Map(rows.map((r) => [r.name, Number(r.n)]));
}
