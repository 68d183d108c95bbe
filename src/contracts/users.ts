/** The account answers (用户, 同事) and the regions and parks (地区, 园区): response schemas of the routes and the web's types; zod only. */
import { z } from 'zod';
import { regionLevelSchema } from './auth';
import { CONTRACT_MESSAGES, reasonSchema, regionCodeSchema, regionQuerySchema } from './common';

/** The roles (domain/roles.ts ROLES; http/schemas.ts fails to compile when the two differ). */
export const ROLES = ['sysadmin', 'secadmin', 'auditor', 'leader', 'officer', 'statistician', 'reviewer', 'analyst'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  regionCode: z.string(),
  regionName: z.string(),
  status: z.enum(['active', 'disabled']),
  lockedUntil: z.string().nullable(),
  failedLoginCount: z.number(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type User = z.infer<typeof userSchema>;

export const userPageSchema = z.object({ items: z.array(userSchema), total: z.number() });
export type UserPage = z.infer<typeof userPageSchema>;

/** GET /api/users. */
export const userQuerySchema = z.object({
  q: z.string().max(64).optional(),
  regionCode: regionCodeSchema.optional(),
  status: z.enum(['active', 'disabled', 'locked']).optional(),
  role: roleSchema.optional(),
  page: z.coerce.number<number | undefined>().int().min(1).default(1),
  pageSize: z.coerce.number<number | undefined>().int().min(1).max(200).default(20),
});
export type UserQuery = z.input<typeof userQuerySchema>;

export const newUserBodySchema = z.object({
  username: z.string().max(32),
  displayName: z.string().trim().min(1, CONTRACT_MESSAGES.userDisplayName).max(40),
  regionCode: regionCodeSchema,
  password: z.string().max(128),
});
export type NewUserBody = z.input<typeof newUserBodySchema>;

export const userChangeBodySchema = z.object({
  displayName: z.string().max(40).optional(),
  regionCode: regionCodeSchema.optional(),
  version: z.number().int().min(1),
});
export type UserChangeBody = z.input<typeof userChangeBodySchema>;

export const colleagueSchema = z.object({ id: z.string(), username: z.string(), displayName: z.string(), roles: z.array(z.string()), regionCode: z.string(), regionName: z.string() });
export type Colleague = z.infer<typeof colleagueSchema>;

export const regionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: regionLevelSchema,
  parentCode: z.string().nullable(),
  path: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type Region = z.infer<typeof regionSchema>;

export const regionChildSchema = z.object({ code: z.string(), name: z.string(), level: regionLevelSchema, parentCode: z.string().nullable(), hasChildren: z.boolean() });
export type RegionChild = z.infer<typeof regionChildSchema>;

export const parkSchema = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string(),
  parentName: z.string(),
  version: z.number(),
  createdAt: z.string(),
});
export type Park = z.infer<typeof parkSchema>;

/** PUT /api/users/:id/roles. */
export const userRolesBodySchema = z.object({ roles: z.array(roleSchema).max(8), reason: reasonSchema });
export type UserRolesBody = z.input<typeof userRolesBodySchema>;

/** GET /api/colleagues. */
export const colleagueQuerySchema = z.object({ q: z.string().max(40).optional(), role: roleSchema.optional() });
export type ColleagueQuery = z.input<typeof colleagueQuerySchema>;

/** GET /api/parks. */
export const parkQuerySchema = regionQuerySchema;
export type ParkQuery = z.input<typeof parkQuerySchema>;

/** POST /api/parks. */
export const newParkBodySchema = z.object({ parentCode: z.string().regex(/^\d{6}$/, CONTRACT_MESSAGES.parkParent), name: z.string().max(60) });
export type NewParkBody = z.input<typeof newParkBodySchema>;

/** PATCH /api/parks/:code. */
export const parkRenameBodySchema = z.object({ name: z.string().max(60), version: z.number().int().min(1) });
export type ParkRenameBody = z.input<typeof parkRenameBodySchema>;
