/** The public scoreboard's monthly snapshots (fixed once written) and the installation's top region. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { regions, scoreboardSnapshots } from '../../schema/index';

export async function selectScoreboardSnapshot(db: Db, month: string, regionCode: string) {
  const [row] = await db.select().from(scoreboardSnapshots).where(and(eq(scoreboardSnapshots.month, month), eq(scoreboardSnapshots.regionCode, regionCode)));
  return row;
}

/** Writes a snapshot unless one exists already (a published month never changes). */
export async function insertScoreboardSnapshot(db: Db, month: string, regionCode: string, figures: unknown): Promise<void> {
  await db.insert(scoreboardSnapshots).values({ month, regionCode, figures }).onConflictDoNothing();
}

export async function selectTopRegionCode(db: Db): Promise<string | undefined> {
  const [row] = await db
    .select({ code: regions.code })
    .from(regions)
    .where(and(isNull(regions.parentCode), eq(regions.active, true)))
    .orderBy(sql`${regions.code}`)
    .limit(1);
  return row?.code;
}
