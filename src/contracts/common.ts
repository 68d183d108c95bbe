/** Pieces of many requests: the audited reason of a change, a region code, dates, months, amounts, paging. zod only. */
import { z } from 'zod';

/**
 * The messages of the contracts' own checks: keys of the server's message catalog (src/domain/messages),
 * which the HTTP error handler renders in the request's language. A contract cannot import the catalog;
 * http/schemas.ts checks that each key is one.
 */
export const CONTRACT_MESSAGES = {
  reasonRequired: 'validation.reasonRequired',
  regionCode: 'validation.regionCode',
  dateFormat: 'validation.dateFormat',
  dateInvalid: 'validation.dateInvalid',
  monthFormat: 'validation.monthFormat',
  monthYear: 'validation.monthYear',
  amountInteger: 'validation.amountInteger',
  amountNegative: 'validation.amountNegative',
  amountMax: 'validation.amountMax',
  industryFilter: 'schema.industryFilter',
  projectName: 'schema.projectName',
  problemDescription: 'schema.problemDescription',
  problemOwner: 'schema.problemOwner',
  serviceTitle: 'schema.serviceTitle',
  serviceRequester: 'schema.serviceRequester',
  serviceHandler: 'schema.serviceHandler',
  workingDaysMin: 'schema.workingDaysMin',
  projectIdUuid: 'schema.projectIdUuid',
  noRows: 'schema.noRows',
  enterpriseNameMin: 'schema.enterpriseNameMin',
  enterpriseRegion: 'schema.enterpriseRegion',
  contactName: 'schema.contactName',
  parkParent: 'schema.parkParent',
  userDisplayName: 'schema.userDisplayName',
  savedFilterPage: 'schema.savedFilterPage',
  yearMin: 'schema.yearMin',
  listName: 'schema.listName',
  enterpriseIdUuid: 'schema.enterpriseIdUuid',
  reminderDay: 'schema.reminderDay',
  reminderDayMax: 'schema.reminderDayMax',
} as const;

/**
 * Limits of the domain that the contracts repeat (they cannot import src/domain): the years of a date or
 * month (domain/dates.ts MIN_YEAR, MAX_YEAR) and the largest amount (domain/money.ts MAX_AMOUNT_YUAN).
 * http/schemas.ts fails to load when they differ.
 */
export const CONTRACT_LIMITS = { minYear: 1900, maxYear: 2199, maxAmountYuan: 10_000_000_000_000 } as const;

export const reasonSchema = z.string().trim().min(1, CONTRACT_MESSAGES.reasonRequired).max(500).describe('操作原因（写入审计日志）');
export const reasonBodySchema = z.object({ reason: reasonSchema });
export type ReasonBody = z.input<typeof reasonBodySchema>;

/** A 6-digit administrative division code (GB/T 2260) or a 9-digit park code. */
export const regionCodeSchema = z.string().regex(/^\d{6}(\d{3})?$/, CONTRACT_MESSAGES.regionCode);
/** A read narrowed to a region (default: the caller's own). */
export const regionQuerySchema = z.object({ regionCode: regionCodeSchema.optional() });
export type RegionQuery = z.input<typeof regionQuerySchema>;

const inYears = (year: number) => year >= CONTRACT_LIMITS.minYear && year <= CONTRACT_LIMITS.maxYear;

/** The rule of domain/dates.ts isCalendarDate: a day that exists (2026-02-30 does not), in the years above. */
function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!inYears(y) || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** The rule of domain/dates.ts isMonth: 'YYYY-MM' with a month 01–12, in the years above. */
function isMonth(value: string): boolean {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  return m !== null && inYears(Number(m[1]));
}

/** A calendar date 'YYYY-MM-DD' that exists (not 2026-02-30, not 0000-00-00), years 1900–2199. */
export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, CONTRACT_MESSAGES.dateFormat)
  .refine(isCalendarDate, CONTRACT_MESSAGES.dateInvalid)
  .describe('日期 YYYY-MM-DD');

/** A month 'YYYY-MM' (01–12), years 1900–2199 (not 0000-01). */
export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, CONTRACT_MESSAGES.monthFormat)
  .refine(isMonth, CONTRACT_MESSAGES.monthYear)
  .describe('月份 YYYY-MM');

/**
 * An amount in integer yuan (fields ending in Yuan), 0 … 10^13 元 (domain/money.ts MAX_AMOUNT_YUAN
 * explains the cap: every sum stays exact); the message says the cap in 万元, as users type it.
 */
export const yuanSchema = z
  .number()
  .int(CONTRACT_MESSAGES.amountInteger)
  .min(0, CONTRACT_MESSAGES.amountNegative)
  .max(CONTRACT_LIMITS.maxAmountYuan, CONTRACT_MESSAGES.amountMax);
/** yuanSchema for a query string (coerced from text; the web sends a number). */
export const yuanQuerySchema = z.coerce
  .number<number>()
  .int(CONTRACT_MESSAGES.amountInteger)
  .min(0, CONTRACT_MESSAGES.amountNegative)
  .max(CONTRACT_LIMITS.maxAmountYuan, CONTRACT_MESSAGES.amountMax);

/** page and pageSize of a list's query string (the web sends numbers). */
export const pageQuery = {
  page: z.coerce.number<number>().int().min(1).default(1),
  pageSize: z.coerce.number<number>().int().min(1).max(200).default(20),
};
export const pageQuerySchema = z.object(pageQuery);
export type PageQuery = z.input<typeof pageQuerySchema>;
