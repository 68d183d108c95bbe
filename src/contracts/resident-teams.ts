/**
 * 驻点招商小分队 (issue 13 item 2): the requests and answers of /api/resident-teams. zod only; the keys
 * repeat domain/activities/team-partner-kinds.ts.
 */
import { z } from 'zod';
import { dateSchema, regionCodeSchema } from './common';

export const TEAM_STATUS_KEYS = ['active', 'closed'] as const;

const text = (max: number) => z.string().trim().max(max);
const goal = z.number().int().min(0).max(1_000_000).nullable().optional();

export const teamMemberSchema = z.object({
  userId: z.uuid().nullable().optional().describe('本地区的账号（可空：只写姓名）'),
  name: z.string().trim().max(50).default('').describe('姓名（选了账号时可空，取账号姓名）'),
  role: text(50).nullable().optional().describe('分工，如 队长'),
});

/** The fields as sent, without defaults: an update names only what changes (zod 4 applies an inner default inside .partial()). */
const teamFields = {
  regionCode: regionCodeSchema.describe('组织地区'),
  name: z.string().trim().min(1).max(100).describe('小分队名称'),
  baseCity: z.string().trim().min(1).max(100).describe('驻点城市'),
  members: z.array(teamMemberSchema).max(100).describe('成员；修改时给出则整体替换'),
  periodFrom: dateSchema.nullable().optional(),
  periodTo: dateSchema.nullable().optional(),
  targetsText: text(4000).nullable().optional().describe('工作目标（文字）'),
  targetActivities: goal.describe('目标：活动次数'),
  targetLeads: goal.describe('目标：线索（对接的项目）数'),
  targetSignedProjects: goal.describe('目标：签约项目数'),
  status: z.enum(TEAM_STATUS_KEYS).describe('active 驻点中、closed 已撤回'),
};

export const teamCreateSchema = z.object({
  ...teamFields,
  members: teamFields.members.default([]),
  status: teamFields.status.default('active'),
});
export type TeamCreate = z.input<typeof teamCreateSchema>;

export const teamUpdateSchema = z.object(teamFields).partial().extend({ version: z.number().int().min(1) });
export type TeamUpdate = z.input<typeof teamUpdateSchema>;

export const teamDeleteSchema = z.object({ version: z.number().int().min(1), reason: z.string().trim().min(1).max(500) });

export const teamListQuerySchema = z.object({ region: regionCodeSchema.optional(), q: z.string().trim().max(100).optional() });

const teamBase = {
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  baseCity: z.string(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  status: z.enum(TEAM_STATUS_KEYS),
};

export const teamListSchema = z.object({
  items: z.array(
    z.object({
      ...teamBase,
      members: z.number().int(),
      activities: z.number().int(),
      projects: z.number().int().describe('经本队活动对接的不同项目数（线索）'),
      signedProjects: z.number().int().describe('其中在本队活动上签约的项目数'),
    }),
  ),
});
export type TeamList = z.infer<typeof teamListSchema>;

const monthFigures = z.object({ month: z.string(), activities: z.number().int(), projects: z.number().int(), signed: z.number().int() });

export const teamSchema = z.object({
  ...teamBase,
  members: z.array(z.object({ userId: z.string().nullable(), name: z.string(), role: z.string().nullable() })),
  targetsText: z.string().nullable(),
  targetActivities: z.number().int().nullable(),
  targetLeads: z.number().int().nullable(),
  targetSignedProjects: z.number().int().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** roll-up of the team's activities (all time): a project counts once however many activities name it */
  figures: z.object({
    activities: z.number().int(),
    projects: z.number().int().describe('经本队活动对接的不同项目数（任一成果）'),
    signed: z.number().int().describe('其中成果为签约的不同项目数'),
    signedAmountYuan: z.number().describe('这些签约项目的签约额之和（元）'),
    byMonth: z.array(monthFigures).describe('按活动开始月份：活动数、对接的不同项目数、签约的不同项目数'),
  }),
  activities: z.array(z.object({ id: z.string(), code: z.string(), type: z.string(), name: z.string(), startDate: z.string(), regionName: z.string() })),
  projects: z.array(
    z.object({ projectId: z.string(), code: z.string(), name: z.string(), stage: z.string(), outcome: z.string().describe('经本队活动达到的最好成果'), signedAmountYuan: z.number().nullable(), activities: z.number().int() }),
  ),
});
export type Team = z.infer<typeof teamSchema>;
