/** Zod schemas shared by several routes: they validate, type and document (OpenAPI) at once. */
import { z } from 'zod';
import { ROLES } from '../domain/roles';

export const regionLevelSchema = z.enum(['province', 'prefecture', 'county', 'park']);
export const roleSchema = z.enum(ROLES);
export const reasonSchema = z.string().trim().min(1, '请填写原因').max(500).describe('操作原因（写入审计日志）');
export const regionCodeSchema = z.string().regex(/^\d{6}(\d{3})?$/, '地区代码须为 6 位行政区划代码或 9 位园区代码');
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
export const idParams = z.object({ id: z.string().uuid('id 须为 UUID') });

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

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string().optional(), message: z.string() })).optional(),
  }),
});
