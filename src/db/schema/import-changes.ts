import { bigint, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';

/**
 * The per-object history of imports (项目 and 到位资金 sheets): one row per project an import created
 * or changed and per fund receipt it changed, with the before and after of each changed field (a
 * created project: its fields in `after`). A receipt an import created carries the import's id in
 * fund_receipts.created_by_import instead (a bulk import creates millions). Who, when and which file are on the import's audit row (action `import.run`,
 * object type `import`, object id = `import_id`), so the rows stay small and a large import writes
 * them with one set-based statement per kind. An import that changes nothing writes none. Rows are
 * append-only (a trigger refuses UPDATE, DELETE and TRUNCATE, like the audit trail).
 */
export const importChanges = pgTable(
  'import_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    importId: uuid('import_id').notNull(),
    /** `project` or `fundReceipt` (the audit trail's object types) */
    objectType: text('object_type', { enum: ['project', 'fundReceipt'] }).notNull(),
    objectId: uuid('object_id').notNull(),
    /** the project itself, or the receipt's project: the project page's history reads by it */
    projectId: uuid('project_id').notNull(),
    change: text('change', { enum: ['create', 'update'] }).notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('import_changes_project_idx').on(t.projectId, t.id), index('import_changes_import_idx').on(t.importId, t.id)],
);
