import { pgTable, smallint, text } from 'drizzle-orm/pg-core';

/** GB/T 4754-2017 industry classification (门类, 大类, 中类, 小类) with the three-sector mapping. */
export const industries = pgTable('industries', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  level: text('level', { enum: ['section', 'division', 'group', 'class'] }).notNull(),
  parentCode: text('parent_code'),
  sector: smallint('sector').notNull(),
  standard: text('standard').notNull(),
});
