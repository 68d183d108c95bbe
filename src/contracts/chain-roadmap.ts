/** 路线图, 链长 and the conversion funnel of a chain (/api/chains/:code/leader|roadmap|funnel). zod only. */
import { z } from 'zod';
import { segmentSchema } from './chains';
import { dateSchema, monthSchema, regionCodeSchema } from './common';

export const ROADMAP_GOAL_VALUES = ['extend', 'fill', 'strengthen'] as const;

export const chainLeaderBodySchema = z.object({ userId: z.uuid().nullable().describe('链长（用户 id；null 为取消）') });
export const chainLeaderSchema = z.object({
  code: z.string(),
  leader: z.object({ id: z.string(), displayName: z.string(), regionCode: z.string().nullable() }).nullable(),
});

export const roadmapQuerySchema = z.object({ region: regionCodeSchema.optional().describe('地区（默认本人所在地区）') });

const roadmapItemInput = z.object({
  node: z.string().min(1).max(40),
  goal: z.enum(ROADMAP_GOAL_VALUES).describe('延链 extend、补链 fill、强链 strengthen'),
  ownerId: z.uuid().nullable().optional(),
  dueOn: dateSchema.nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
export const roadmapBodySchema = z.object({
  revision: z.string().min(1).max(64).describe('所依据的路线图版本（GET 的 revision）；其间他人保存过则 409，不写入'),
  items: z.array(roadmapItemInput).max(500).describe('本地区该链的全部路线图条目（替换原有）'),
});

const funnelCounts = z.object({
  claimed: z.number().int(),
  contacted: z.number().int(),
  visited: z.number().int(),
  project: z.number().int(),
  signed: z.number().int(),
  landed: z.number().int(),
});

export const roadmapSchema = z.object({
  chain: z.object({ code: z.string(), name: z.string(), version: z.number().int() }),
  region: z.object({ code: z.string(), name: z.string() }),
  leader: chainLeaderSchema.shape.leader,
  revision: z.string().describe('路线图版本：每次保存都变；保存时原样带回'),
  items: z.array(
    z.object({
      nodeCode: z.string(),
      nodeName: z.string().nullable(),
      inCurrentVersion: z.boolean(),
      goal: z.enum(ROADMAP_GOAL_VALUES),
      owner: z.object({ id: z.string(), displayName: z.string() }).nullable(),
      dueOn: z.string().nullable(),
      note: z.string().nullable(),
      targets: z.object({ total: z.number().int(), byStatus: z.record(z.string(), z.number().int()) }),
      updatedAt: z.string(),
    }),
  ),
});

export const funnelQuerySchema = z.object({ region: regionCodeSchema.optional().describe('地区（含下级；默认本人所在地区）'), from: monthSchema, to: monthSchema });

const funnelFigures = z.object({
  byMonth: z.array(funnelCounts.extend({ month: z.string() })),
  totals: funnelCounts,
  cohort: funnelCounts.describe('期间认领的目标中，期末已到达各步（或其后各步）的个数'),
  conversionPct: z.object({
    contacted: z.number().nullable(),
    visited: z.number().nullable(),
    project: z.number().nullable(),
    signed: z.number().nullable(),
    landed: z.number().nullable(),
  }),
});

export const funnelSchema = z.object({
  chain: z.object({ code: z.string(), name: z.string(), version: z.number().int() }),
  region: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  steps: z.array(z.string()),
  total: funnelFigures,
  nodes: z.array(funnelFigures.extend({ code: z.string(), name: z.string(), parentCode: z.string().nullable(), segment: segmentSchema })),
});
