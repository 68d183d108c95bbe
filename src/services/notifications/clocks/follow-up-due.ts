/**
 * Follow-up visits (回访) coming due within the due-soon window (working days) and overdue ones: to
 * the handlers of the project's region and the project's leader. One notification per visit and
 * state (due soon, overdue); a visit moved to a new date notifies again.
 */
import { selectOpenFollowUpsDueBy } from '../../../db/queries/notifications/clock-facts';
import { computeFollowUpClock } from '../../../domain/aftercare/follow-ups';
import { addWorkingDays } from '../../../domain/working-days';
import type { Clock, NotificationDraft } from '../clock-types';

export const followUpDueClock: Clock = {
  kinds: ['followUpDue', 'followUpOverdue'],
  async evaluate(ctx) {
    const until = addWorkingDays(ctx.calendar, ctx.today, ctx.settings.dueSoonWorkingDays);
    const drafts: NotificationDraft[] = [];
    for (const v of await selectOpenFollowUpsDueBy(ctx.deps.db, until)) {
      const state = computeFollowUpClock(ctx.calendar, v.dueDate, null, ctx.today, ctx.settings.dueSoonWorkingDays);
      if (!state) continue;
      const p = v.project;
      const which = v.scheduleMonth ? `投产后第 ${v.scheduleMonth} 个月的回访` : '回访';
      drafts.push({
        recipientIds: [...(await ctx.recipients.handlers(p.regionPath)), ...(p.leaderId ? [p.leaderId] : [])],
        kind: state === 'overdue' ? 'followUpOverdue' : 'followUpDue',
        objectType: 'followUp',
        objectId: v.id,
        stateKey: `${state}:${v.dueDate}`,
        regionCode: p.regionCode,
        regionPath: p.regionPath,
        title: state === 'overdue' ? `回访逾期：${p.projectName}` : `回访即将到期：${p.projectName}`,
        body: state === 'overdue' ? `${which}应于 ${v.dueDate} 完成，尚未登记。` : `${which}应于 ${v.dueDate} 前完成。`,
        link: `/projects/${p.projectId}`,
      });
    }
    return drafts;
  },
};
