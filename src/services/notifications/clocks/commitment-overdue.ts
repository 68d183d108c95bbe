/**
 * Overdue commitment clauses (政策承诺逾期, agreed, past due date plus grace): the responsible person
 * hears first; after `escalationWorkingDays` working days overdue the project's leader (包联领导) too;
 * after twice that the level above (上一级 领导 and 招商专员). Each step is a state notified once; a
 * new due date (a reached trigger, a changed term) is a new state.
 */
import { selectAgreedClauses } from '../../../db/queries/commitments/commitments';
import { computeClauseFacts } from '../../commitments/clause-view';
import type { Clock, NotificationDraft } from '../clock-types';

export const commitmentOverdueClock: Clock = {
  kinds: ['commitmentOverdue', 'commitmentEscalated', 'commitmentEscalatedAbove'],
  async evaluate(ctx) {
    const n = ctx.settings.escalationWorkingDays;
    const drafts: NotificationDraft[] = [];
    const facts = await computeClauseFacts(ctx.deps.db, ctx.calendar, await selectAgreedClauses(ctx.deps.db), ctx.today);
    for (const f of facts) {
      if (f.status !== 'overdue' || f.dueDate === null) continue;
      const p = f.row.project;
      const c = f.row.clause;
      const base = { objectType: 'commitment', objectId: c.id, regionCode: p.regionCode, regionPath: p.regionPath, link: `/projects/${p.id}?tab=commitments` };
      const text = `政策承诺“${c.title}”（${c.responsibleDepartment}，责任人 ${f.row.responsibleName}）应于 ${f.dueDate} 兑现，宽限至 ${f.deadline ?? f.dueDate}，已逾期 ${f.daysOverdue} 个工作日`;
      drafts.push({ ...base, recipientIds: [c.responsibleUserId], kind: 'commitmentOverdue', stateKey: `overdue:${f.dueDate}`, title: `政策承诺逾期：${p.name}`, body: `${text}。` });
      if (f.daysOverdue >= n) {
        drafts.push({ ...base, recipientIds: p.leaderId ? [p.leaderId] : [], kind: 'commitmentEscalated', stateKey: `escalated:${f.dueDate}`, title: `政策承诺逾期督办：${p.name}`, body: `${text}（满 ${n} 个工作日），请包联领导督办。` });
      }
      if (f.daysOverdue >= 2 * n) {
        drafts.push({
          ...base,
          recipientIds: await ctx.recipients.levelAbove(p.regionPath),
          kind: 'commitmentEscalatedAbove',
          stateKey: `escalatedAbove:${f.dueDate}`,
          title: `政策承诺逾期升级督办：${p.name}`,
          body: `${text}（满 ${2 * n} 个工作日），升级至上一级督办。`,
        });
      }
    }
    return drafts;
  },
};
