import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { regions } from './regions';

/**
 * 在线对接 (inquiries) and 投诉 (complaints) filed on the public portal, in one table with a `kind`:
 * both have the same life (stages, owner, working-day clocks, escalation, thread, rating,
 * tracking number), the same inbox and the same statistics; the differences (subtypes, default
 * clocks, one reopen for complaints) are rules in domain/inquiries/. Personal data of the investor
 * (name, phone, e-mail) is stored here and masked in every internal view unless revealed (audited).
 * A conversion is recorded on its result: projects.origin_inquiry_id and targets.origin_inquiry_id.
 */
export const inquiries = pgTable(
  'inquiries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 16 random Crockford base32 characters (80 bits) and a Luhn mod 32 check character, stored without dashes */
    trackingNumber: text('tracking_number').notNull(),
    kind: text('kind', { enum: ['inquiry', 'complaint'] }).notNull(),
    /** inquiry: projectInterest resourceInterest policyQuestion general; complaint: departmentAction brokenPromise other */
    type: text('type').notNull(),
    /** what the investor chose on the portal; the portal's tables (resources, policy items) are referenced by id */
    subjectType: text('subject_type', { enum: ['project', 'resource', 'policyItem'] }),
    subjectId: uuid('subject_id'),
    /** the subject's title when filed (the thread shows it even if the subject is unpublished later) */
    subjectTitle: text('subject_title'),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    investorName: text('investor_name').notNull(),
    company: text('company'),
    phone: text('phone'),
    email: text('email'),
    content: text('content').notNull(),
    consentVersion: text('consent_version').notNull(),
    consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
    stage: text('stage', { enum: ['received', 'accepted', 'answered', 'closed'] })
      .notNull()
      .default('received'),
    ownerId: uuid('owner_id').references(() => users.id),
    receivedOn: date('received_on').notNull(),
    firstResponseDueOn: date('first_response_due_on').notNull(),
    closeDueOn: date('close_due_on').notNull(),
    firstRespondedOn: date('first_responded_on'),
    closedOn: date('closed_on'),
    /** 0 the owner, 1 the office head (a leader of the region), 2 the level above */
    escalationLevel: integer('escalation_level').notNull().default(0),
    reopenCount: integer('reopen_count').notNull().default(0),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    /** a duplicate points at the first filing (same contact, same subject, similar text within the window) */
    duplicateOfId: uuid('duplicate_of_id'),
    /** why the filing looks like spam (links, repeated text …): flagged, never dropped */
    spamReasons: text('spam_reasons').array().notNull().default(sql`'{}'::text[]`),
    /** the commitment clause a complaint names (政策承诺条款); a deleted draft clause leaves the complaint without one */
    // its FK (inquiries_clause_id_commitments_id_fk, on delete set null) is written by hand in migration 0040: declaring
    // it here would make the schema modules circular (projects → inquiries → commitments → projects)
    clauseId: uuid('clause_id'),
    /** hash of the normalised phone or e-mail: finds duplicates without reading personal data */
    contactKey: text('contact_key').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inquiries_tracking_idx').on(t.trackingNumber),
    index('inquiries_region_idx').on(t.regionCode, t.receivedOn),
    index('inquiries_open_idx').on(t.stage, t.closeDueOn),
    index('inquiries_contact_idx').on(t.contactKey, t.receivedOn),
    index('inquiries_duplicate_idx').on(t.duplicateOfId),
    // a clause's complaints
    index('inquiries_clause_idx').on(t.clauseId),
    foreignKey({ name: 'inquiries_duplicate_of_fk', columns: [t.duplicateOfId], foreignColumns: [t.id] }).onDelete('set null'),
    check('inquiries_rating_range', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
    check('inquiries_contact_present', sql`${t.phone} is not null or ${t.email} is not null`),
  ],
);

/** The thread of an inquiry or complaint: what the office answers (visible to the investor) and internal notes. */
export const inquiryMessages = pgTable(
  'inquiry_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inquiryId: uuid('inquiry_id')
      .notNull()
      .references(() => inquiries.id, { onDelete: 'cascade' }),
    /** office: an answer in the office's name; investor: the investor's reopen reason or rating comment; system: a stage change */
    author: text('author', { enum: ['office', 'investor', 'system'] }).notNull(),
    /** the office's name shown to the investor (never an officer's name) */
    officeName: text('office_name'),
    body: text('body').notNull(),
    visibleToInvestor: boolean('visible_to_investor').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inquiry_messages_inquiry_idx').on(t.inquiryId, t.createdAt)],
);

/** Submissions from the public forms per address (a SHA-256 hash, never the address itself), shared by every app process. */
export const publicSubmissions = pgTable(
  'public_submissions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    addressKey: text('address_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('public_submissions_address_idx').on(t.addressKey, t.createdAt)],
);

/** The public scoreboard of a region for a complete month, fixed when first published. */
export const scoreboardSnapshots = pgTable(
  'scoreboard_snapshots',
  {
    month: text('month').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    figures: jsonb('figures').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.month, t.regionCode] })],
);
