import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Administrative divisions (GB/T 2260: province, prefecture, county) and parks (园区) under a county
 * or prefecture. `path` is the materialised path "/650000/650100/650109/" used for region scope.
 */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'prefecture', 'county', 'park'] }).notNull(),
    parentCode: text('parent_code').references((): AnyPgColumn => regions.code),
    path: text('path').notNull(),
    /** 'gbt2260@<dataset version>' for divisions, 'park' for parks created in Yinfeng */
    source: text('source').notNull(),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('regions_parent_idx').on(t.parentCode),
    index('regions_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
  ],
);
