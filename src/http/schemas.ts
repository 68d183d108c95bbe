/** Zod schemas shared by several routes: they validate, type and document (OpenAPI) at once. */
import { z } from 'zod';
import { MAX_YEAR, MIN_YEAR } from '../domain/dates';
import { MAX_AMOUNT_YUAN_NUMBER } from '../domain/money';
import { AUTH_MESSAGES } from '../contracts/auth';
import { CONTRACT_LIMITS, CONTRACT_MESSAGES } from '../contracts/common';
import { schemaMessage } from '../domain/messages/catalog';
import { ROLES, type Role } from '../domain/roles';
import { ROLES as CONTRACT_ROLES } from '../contracts/users';

export { dateSchema, monthSchema, regionCodeSchema } from '../contracts/common';
// the contracts name their messages by catalog key (they cannot import the catalog): each must be one
for (const key of [...Object.values(CONTRACT_MESSAGES), ...Object.values(AUTH_MESSAGES)]) schemaMessage(key);
// and they repeat three limits of the domain: a difference stops the server here
if (CONTRACT_LIMITS.minYear !== MIN_YEAR || CONTRACT_LIMITS.maxYear !== MAX_YEAR || CONTRACT_LIMITS.maxAmountYuan !== MAX_AMOUNT_YUAN_NUMBER) {
  throw new Error('src/contracts/common.ts CONTRACT_LIMITS differ from domain/dates.ts or domain/money.ts');
}
// and the roles (contracts/users.ts ROLES), checked both ways: no role the domain lacks (types), none missing (here)
const contractRoles: readonly Role[] = CONTRACT_ROLES;
if (ROLES.some((role) => !contractRoles.includes(role))) throw new Error('src/contracts/users.ts ROLES lacks a role of domain/roles.ts');
export const idParams = z.object({ id: z.string().uuid(schemaMessage('validation.idUuid')) });

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string().optional(), message: z.string() })).optional(),
  }),
});
