/** The account answers (用户, 同事) and the regions and parks (地区, 园区): response schemas of the routes and the web's types; zod only. */
import { z } from 'zod';
import { regionLevelSchema } from './auth';

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
