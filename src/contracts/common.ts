/** Pieces of many requests: the audited reason of a change, a region code. zod only. */
import { z } from 'zod';

/**
 * The messages of the contracts' own checks: keys of the server's message catalog (src/domain/messages),
 * which the HTTP error handler renders in the request's language. A contract cannot import the catalog;
 * http/schemas.ts checks that each key is one.
 */
export const CONTRACT_MESSAGES = { reasonRequired: 'validation.reasonRequired', regionCode: 'validation.regionCode' } as const;

export const reasonSchema = z.string().trim().min(1, CONTRACT_MESSAGES.reasonRequired).max(500).describe('操作原因（写入审计日志）');
export const reasonBodySchema = z.object({ reason: reasonSchema });
export type ReasonBody = z.input<typeof reasonBodySchema>;

/** A 6-digit administrative division code (GB/T 2260) or a 9-digit park code. */
export const regionCodeSchema = z.string().regex(/^\d{6}(\d{3})?$/, CONTRACT_MESSAGES.regionCode);
