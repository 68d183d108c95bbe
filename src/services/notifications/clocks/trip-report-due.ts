/**
 * 外出招商报告 (issue 13 item 1) coming due within the due-soon window (working days) and overdue: to
 * the handlers (招商专员) of the trip's organising region and whoever logged the trip. A trip whose
 * plan is not approved owes no report yet. One notification per trip and state (due soon, overdue)
 * and due day; a new end date (a new due day) notifies again.
 */
import { selectTripReportsDueBy } from '../../../db/queries/activities/trips';
import { addWorkingDays } from '../../../domain/working-days';
import type { Clock, NotificationDraft } from '../clock-types';

export const tripReportDueClock: Clock = {
  kinds: ['tripReportDue', 'tripReportOverdue'],
  async evaluate(ctx) {
    const until = addWorkingDays(ctx.calendar, ctx.today, ctx.settings.dueSoonWorkingDays);
    const drafts: NotificationDraft[] = [];
    for (const a of await selectTripReportsDueBy(ctx.deps.db, ctx.today, until)) {
      const overdue = ctx.today > a.report_due_on;
      drafts.push({
        recipientIds: [...new Set([...(await ctx.recipients.handlers(a.region_path)), ...(a.created_by ? [a.created_by] : [])])],
        kind: overdue ? 'tripReportOverdue' : 'tripReportDue',
        objectType: 'activity',
        objectId: a.id,
        stateKey: `${overdue ? 'overdue' : 'dueSoon'}:${a.report_due_on}`,
        regionCode: a.region_code,
        regionPath: a.region_path,
        title: overdue ? `外出招商报告逾期：${a.name}` : `外出招商报告即将到期：${a.name}`,
        body: overdue ? `行程 ${a.end_date} 结束，报告应于 ${a.report_due_on} 前提交，尚未提交。` : `行程 ${a.end_date} 结束，请于 ${a.report_due_on} 前提交报告及带来的线索。`,
        link: `/activities/${a.id}`,
      });
    }
    return drafts;
  },
};
