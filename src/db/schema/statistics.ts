import { bigint, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { regions } from './regions';

/** Annual targets of a region (到位资金, optionally 签约额), entered by the parent level. */
export const regionTargets = pgTable(
  'region_targets',
  {
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    year: integer('year').notNull(),
    fundsTargetYuan: bigint('funds_target_yuan', { mode: 'bigint' }).notNull(),
    signedTargetYuan: bigint('signed_target_yuan', { mode: 'bigint' }),
    setBy: uuid('set_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year] })],
);
