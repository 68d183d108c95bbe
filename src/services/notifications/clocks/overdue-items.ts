/**
 * Overdue problems (问题清单) and 帮办代办 items: overdue from the day after the due date, to the
 * handlers of the project's region; after `escalationWorkingDays` working days overdue also escalated
 * to the level above and the project's leader (包联领导). Overdue and escalated are two states, each
 * notified once; a new due date is a new state.
 */
import { selectOverdueProblems, selectOverdueServiceItems, type ClockProject } from '../../../db/queries/notifications/clock-facts';
import { computeOverdueClock } from '../../../domain/aftercare/follow-ups';
import { countWorkingDays } from '../../../domain/working-days';
import type { Clock, ClockContext, NotificationDraft } from '../clock-types';

interface OverdueItem {
  id: string;
  dueDate: string;
  project: ClockProject;
  /** the item in words: 问题“…”（责任人 …） */
  text: string;
}

async function draftOverdue(
  ctx: ClockContext,
  items: OverdueItem[],
  spec: { objectType: string; kinds: [string, string]; noun: string },
): Promise<NotificationDraft[]> {
  const drafts: NotificationDraft[] = [];
  const n = ctx.settings.escalationWorkingDays;
  for (const item of items) {
    const state = computeOverdueClock(ctx.calendar, item.dueDate, ctx.today, n);
    if (!state) continue;
    const p = item.project;
    const late = countWorkingDays(ctx.calendar, item.dueDate, ctx.today);
    const base = { objectType: spec.objectType, objectId: item.id, regionCode: p.regionCode, regionPath: p.regionPath, link: `/projects/${p.projectId}` };
    drafts.push({
      ...base,
      recipientIds: await ctx.recipients.handlers(p.regionPath),
      kind: spec.kinds[0],
      stateKey: `overdue:${item.dueDate}`,
      title: `${spec.noun}逾期：${p.projectName}`,
      body: `${item.text}应于 ${item.dueDate} 办结，已逾期 ${late} 个工作日。`,
    });
    if (state === 'escalated') {
      drafts.push({
        ...base,
        recipientIds: [...(await ctx.recipients.levelAbove(p.regionPath)), ...(p.leaderId ? [p.leaderId] : [])],
        kind: spec.kinds[1],
        stateKey: `escalated:${item.dueDate}`,
        title: `${spec.noun}逾期升级督办：${p.projectName}`,
        body: `${item.text}应于 ${item.dueDate} 办结，已逾期 ${late} 个工作日（满 ${n} 个工作日），升级至上一级督办。`,
      });
    }
  }
  return drafts;
}

export const problemOverdueClock: Clock = {
  kinds: ['problemOverdue', 'problemEscalated'],
  async evaluate(ctx) {
    const items = await selectOverdueProblems(ctx.deps.db, ctx.today);
    return draftOverdue(
      ctx,
      items.map((i) => ({ id: i.id, dueDate: i.dueDate, project: i.project, text: `问题“${i.description}”（责任人 ${i.ownerName}）` })),
      { objectType: 'problem', kinds: ['problemOverdue', 'problemEscalated'], noun: '问题' },
    );
  },
};

export const serviceItemOverdueClock: Clock = {
  kinds: ['serviceItemOverdue', 'serviceItemEscalated'],
  async evaluate(ctx) {
    const items = await selectOverdueServiceItems(ctx.deps.db, ctx.today);
    return draftOverdue(
      ctx,
      items.map((i) => ({ id: i.id, dueDate: i.dueDate, project: i.project, text: `帮办代办事项“${i.title}”（经办人 ${i.handlerName}）` })),
      { objectType: 'serviceItem', kinds: ['serviceItemOverdue', 'serviceItemEscalated'], noun: '帮办代办' },
    );
  },
};
