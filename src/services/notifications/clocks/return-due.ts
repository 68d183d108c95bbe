/**
 * Returns (统计月报) coming due or late: to each statistician (统计员) of a reporting region, the same
 * reminders the returns page shows them (services/returns/returns.ts listReminders, with the reporting
 * calendar's own window); and to each reviewer (审核员) the sub-regions' returns waiting for their review.
 * One notification per return and state (due soon, late, to review) and due date.
 */
import { selectActiveUsersWithRole } from '../../../db/queries/notifications/clock-facts';
import { selectUserById } from '../../../db/queries/accounts/users';
import { toActor } from '../../accounts/auth';
import { listReminders } from '../../returns/returns';
import type { Clock, NotificationDraft } from '../clock-types';

export const returnDueClock: Clock = {
  kinds: ['returnDue', 'returnLate', 'returnToReview'],
  async evaluate(ctx) {
    const drafts: NotificationDraft[] = [];
    const people = [...(await selectActiveUsersWithRole(ctx.deps.db, 'statistician')), ...(await selectActiveUsersWithRole(ctx.deps.db, 'reviewer'))];
    for (const s of people.filter((p, i) => people.findIndex((q) => q.id === p.id) === i)) {
      const user = await selectUserById(ctx.deps.db, s.id);
      if (!user) continue;
      const caller = { actor: toActor(user), clientIp: null, requestId: null, lang: 'zh' as const };
      const { items } = await listReminders(ctx.deps, caller, ctx.today);
      for (const r of items) {
        if (r.kind === 'toReview') {
          drafts.push({
            recipientIds: [s.id],
            kind: 'returnToReview',
            objectType: 'return',
            objectId: `${r.regionCode}:${r.month}`,
            stateKey: `toReview:${r.month}`,
            regionCode: r.regionCode,
            regionPath: s.path,
            title: `月报待审核：${r.regionName} ${r.month}`,
            body: r.message,
            link: `/returns/${r.regionCode}/${r.month}`,
          });
          continue;
        }
        drafts.push({
          recipientIds: [s.id],
          kind: r.kind === 'late' ? 'returnLate' : 'returnDue',
          objectType: 'return',
          objectId: `${r.regionCode}:${r.month}`,
          stateKey: `${r.kind}:${r.dueDate ?? ''}`,
          regionCode: r.regionCode,
          regionPath: s.path,
          title: r.kind === 'late' ? `月报逾期：${r.regionName} ${r.month}` : `月报即将到期：${r.regionName} ${r.month}`,
          body: r.message,
          link: `/returns/${r.regionCode}/${r.month}`,
        });
      }
    }
    return drafts;
  },
};
