/**
 * 服务时钟 (DESIGN.md "Service clocks", issue 13 item 8): GET /api/stats/service-items and
 * `yinfeng stats service --json`. Definitions in domain/service-clocks.ts and docs/activities.md. zod only.
 */
import { z } from 'zod';
import { monthSchema, regionCodeSchema } from './common';

export const serviceClockQuerySchema = z.object({
  region: regionCodeSchema.describe('地区（含全部下级）'),
  kind: z.enum(['serviceItems', 'inquiries', 'complaints']).default('serviceItems').describe('时钟种类：serviceItems 帮办代办，inquiries 在线咨询，complaints 投诉'),
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
  projects: z.number().int().describe('统计期内受理事项涉及的不同项目（咨询投诉为 0）'),
  medianFirstResponseDays: z.number().nullable().describe('首次响应用时中位数（工作日；投诉为受理、咨询为首次答复；帮办代办为 null）'),
  p90FirstResponseDays: z.number().nullable().describe('首次响应用时第 90 百分位（工作日）'),
};
const figuresSchema = z.object(figures);

export const serviceClockStatsSchema = z.object({
  kind: z.enum(['serviceItems', 'inquiries', 'complaints']).describe('时钟种类：serviceItems 帮办代办，inquiries 在线咨询，complaints 投诉'),
  region: z.string(),
  regionName: z.string(),
  from: z.string(),
  to: z.string(),
  asOf: z.string().describe('“逾期未办结”按这一天计：统计期最后一天，或今天（更早时）'),
  totals: figuresSchema,
  byRegion: z.array(z.object({ code: z.string(), name: z.string(), ...figures })).describe('直属下级地区各一行；本级项目另起一行（本级）'),
  byHandler: z.array(z.object({ handler: z.string(), ...figures })),
  conversions: z
    .object({ leads: z.number().int(), targets: z.number().int() })
    .nullable()
    .describe('在线咨询：统计期内受理的咨询中已转为线索项目、招商目标的件数（其他种类为 null）'),
  trend: z.array(z.object({ month: z.string(), asOf: z.string(), ...figures })).describe('按月'),
});
export type ServiceClockStats = z.infer<typeof serviceClockStatsSchema>;
