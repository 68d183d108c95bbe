/**
 * 咨询投诉的逾期与升级 (issue 14 item 3): an open inquiry or complaint past its first-response or closing
 * due day climbs the ladder — overdue: its owner (or, with none, the handlers of its region);
 * after `escalationWorkingDays` working days late: the office head (the region's 领导); after twice
 * that: the level above. The level reached is stored on the item (escalation_level, shown in the
 * inbox and its 已升级 filter); each level is notified once per due day.
 */
import { selectOverdueInquiries, updateEscalationLevel } from '../../../db/queries/inquiries/inquiries';
import { computeEscalationLevel } from '../../../domain/inquiries/inquiry-rules';
import { countWorkingDays } from '../../../domain/working-days';
import { getInquiryClockSettings } from '../../inquiries/inquiry-settings';
import type { Clock, NotificationDraft } from '../clock-types';

const NOUN = { inquiry: '在线咨询', complaint: '投诉' } as const;

export const inquiryOverdueClock: Clock = {
  kinds: ['inquiryOverdue', 'inquiryEscalated'],
  async evaluate(ctx) {
    const settings = await getInquiryClockSettings(ctx.deps);
    const drafts: NotificationDraft[] = [];
    for (const i of await selectOverdueInquiries(ctx.deps.db, ctx.today)) {
      const item = { stage: i.stage, firstRespondedOn: i.first_responded_on, firstResponseDueOn: i.first_response_due_on, closeDueOn: i.close_due_on };
      const level = computeEscalationLevel(ctx.calendar, item, ctx.today, settings.escalationWorkingDays);
      if (level > i.escalation_level) await updateEscalationLevel(ctx.deps.db, i.id, level);
      const missed = i.first_responded_on === null && i.first_response_due_on < ctx.today ? i.first_response_due_on : i.close_due_on;
      const what = i.first_responded_on === null && i.first_response_due_on < ctx.today ? (i.kind === 'complaint' ? '受理' : '首次答复') : '办结';
      const late = countWorkingDays(ctx.calendar, missed, ctx.today);
      const subject = `${NOUN[i.kind]}${i.subject_title ? `“${i.subject_title}”` : ''}（${i.region_name}）`;
      const base = { objectType: 'inquiry', objectId: i.id, regionCode: i.region_code, regionPath: i.region_path, link: `/inquiries/${i.id}` };
      const body = `${subject}应于 ${missed} 前${what}，已逾期 ${late} 个工作日。`;
      drafts.push({
        ...base,
        recipientIds: i.owner_id ? [i.owner_id] : await ctx.recipients.handlers(i.region_path),
        kind: 'inquiryOverdue',
        stateKey: `overdue:${missed}`,
        title: `${NOUN[i.kind]}逾期：${i.region_name}`,
        body,
      });
      if (level >= 1) {
        drafts.push({ ...base, recipientIds: await ctx.recipients.leaders(i.region_path), kind: 'inquiryEscalated', stateKey: `escalated1:${missed}`, title: `${NOUN[i.kind]}逾期升级（窗口负责人）：${i.region_name}`, body: `${body}已升级至窗口负责人督办。` });
      }
      if (level >= 2) {
        drafts.push({ ...base, recipientIds: await ctx.recipients.levelAbove(i.region_path), kind: 'inquiryEscalated', stateKey: `escalated2:${missed}`, title: `${NOUN[i.kind]}逾期升级（上一级）：${i.region_name}`, body: `${body}已升级至上一级督办。` });
      }
    }
    return drafts;
  },
};
