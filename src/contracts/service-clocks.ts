/**
 * 服务时钟 (DESIGN.md "Service clocks", issue 13 item 8): GET /api/stats/service-items and
 * `yinfeng stats service --json`. Definitions in domain/service-clocks.ts and docs/activities.md. zod only.
 */
import { z } from 'zod';
import { monthSchema, regionCodeSchema } from './common';

export const serviceClockQuerySchema = z.object({
  region: regionCodeSchema.describe('地区（含全部下级）'),
  from: monthSchema,
  to: monthSchema,
});
export type ServiceClockQuery = z.input<typeof serviceClockQuerySchema>;

const figures = {
  opened: z.number().int().describe('统计期内受理'),
  closed: z.number().int().describe('统计期内办结'),
  closedOnTime: z.number().int().describe('其中不晚于到期日办结'),
  onTimeRatePct: z.number().nullable().describe('按期办结率 %（四舍五入两位；无办结时为 null）'),
  medianDays: z.number().nullable().describe('办结用时中位数（工作日，最近秩法）'),
  p90Days: z.number().nullable().describe('办结用时第 90 百分位（工作日，最近秩法）'),
  openPastDue: z.number().int().describe('截至 asOf 仍未办结且已过到期日'),
  projects: z.number().int().describe('统计期内受理事项涉及的不同项目'),
};
const figuresSchema = z.object(figures);

export const serviceClockStatsSchema = z.object({
  kind: z.literal('serviceItems').describe('时钟种类：serviceItems 帮办代办（咨询、投诉上线后同一形状）'),
  region: z.string(),
  regionName: z.string(),
  from: z.string(),
  to: z.string(),
  asOf: z.string().describe('“逾期未办结”按这一天计：统计期最后一天，或今天（更早时）'),
  totals: figuresSchema,
  byRegion: z.array(z.object({ code: z.string(), name: z.string(), ...figures })).describe('直属下级地区各一行；本级项目另起一行（本级）'),
  byHandler: z.array(z.object({ handler: z.string(), ...figures })),
  trend: z.array(z.object({ month: z.string(), asOf: z.string(), ...figures })).describe('按月'),
});
export type ServiceClockStats = z.infer<typeof serviceClockStatsSchema>;
