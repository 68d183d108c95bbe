/** Zod schemas shared by several routes: they validate, type and document (OpenAPI) at once. */
import { z } from 'zod';
import { isCalendarDate, isMonth } from '../domain/dates';
import { MAX_AMOUNT_YUAN_NUMBER } from '../domain/money';
import { CONTRACT_MESSAGES } from '../contracts/common';
import { schemaMessage } from '../domain/messages/catalog';
import { ROLES } from '../domain/roles';

/** A calendar date 'YYYY-MM-DD' that exists (not 2026-02-30, not 0000-00-00), years 1900–2199. */
export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, schemaMessage('validation.dateFormat'))
  .refine(isCalendarDate, schemaMessage('validation.dateInvalid'))
  .describe('日期 YYYY-MM-DD');

/** A month 'YYYY-MM' (01–12), years 1900–2199 (not 0000-01). */
export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, schemaMessage('validation.monthFormat'))
  .refine(isMonth, schemaMessage('validation.monthYear'))
  .describe('月份 YYYY-MM');

/**
 * An amount in integer yuan (fields ending in Yuan), 0 … 10^13 元 (domain/money.ts MAX_AMOUNT_YUAN
 * explains the cap: every sum stays exact); the message says the cap in 万元, as users type it.
 */
export const yuanSchema = z
  .number()
  .int(schemaMessage('validation.amountInteger'))
  .min(0, schemaMessage('validation.amountNegative'))
  .max(MAX_AMOUNT_YUAN_NUMBER, schemaMessage('validation.amountMax'));
/** yuanSchema for a query string (coerced from text). */
export const yuanQuerySchema = z.coerce
  .number()
  .int(schemaMessage('validation.amountInteger'))
  .min(0, schemaMessage('validation.amountNegative'))
  .max(MAX_AMOUNT_YUAN_NUMBER, schemaMessage('validation.amountMax'));

export const roleSchema = z.enum(ROLES);
export { reasonSchema, regionCodeSchema } from '../contracts/common';
// the contracts name their messages by catalog key (they cannot import the catalog): each must be one
for (const key of Object.values(CONTRACT_MESSAGES)) schemaMessage(key);
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
export const idParams = z.object({ id: z.string().uuid(schemaMessage('validation.idUuid')) });

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string().optional(), message: z.string() })).optional(),
  }),
});
