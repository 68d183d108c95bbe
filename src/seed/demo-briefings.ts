/**
 * Demo briefings (issue 13 item 10): the weekly briefings of the demo prefecture for the four weeks
 * before this one, generated through the service from the demo's activities and records in order (so
 * each compares with the one before), the first three issued by the demo leader (第1–3期) and the
 * last left as a draft to edit; and the 旬调度 of the last 旬 as a draft. A second seeding changes nothing.
 */
import { selectBriefingByPeriod } from '../db/queries/briefings/briefings';
import { selectUserByUsername } from '../db/queries/accounts/users';
import { selectRegion } from '../db/queries/regions';
import { periodContaining, previousPeriod, type BriefingPeriod } from '../domain/briefings/briefing-periods';
import { todayInShanghai } from '../domain/dates';
import { listPermissions } from '../domain/roles';
import { issueBriefing, updateBriefing } from '../services/briefings/briefings';
import { generateBriefing } from '../services/briefings/generate-briefings';
import type { Caller, Deps } from '../services/context';

async function leaderCaller(deps: Deps, prefecture: string): Promise<Caller | null> {
  const user = await selectUserByUsername(deps.db, 'leader');
  const region = await selectRegion(deps.db, prefecture);
  if (!user || !region) return null;
  return {
    actor: { id: user.id, username: user.username, displayName: user.displayName, roles: ['leader'], permissions: listPermissions(['leader']), regionCode: region.code, regionPath: region.path },
    clientIp: null,
    requestId: null,
  };
}

const NEXT_WEEK = ['下周拟赴长三角开展小分队招商，重点对接光伏组件和储能企业。', '下周继续跟踪在谈项目，督促红灯项目限期整改。', '下周筹备产业链专题推介会，梳理目标企业名单。'];

export async function seedDemoBriefings(deps: Deps, prefecture: string, now = new Date()): Promise<void> {
  const leader = await leaderCaller(deps, prefecture);
  if (!leader) return;
  const today = todayInShanghai(now);
  const last = previousPeriod('weekly', periodContaining('weekly', today));
  const weeks: BriefingPeriod[] = [last];
  for (let i = 0; i < 3; i++) weeks.unshift(previousPeriod('weekly', weeks[0] ?? last));
  for (const [i, week] of weeks.entries()) {
    const existing = await selectBriefingByPeriod(deps.db, prefecture, 'weekly', week.start);
    if (existing) continue;
    const draft = await generateBriefing(deps, leader, { regionCode: prefecture, kind: 'weekly', date: week.start }, { now, generatedByName: '系统（定时生成）' });
    if (i === weeks.length - 1) continue; // last week's stays a draft
    const edited = await updateBriefing(deps, leader, draft.id, { version: draft.version, sections: [{ key: 'next', text: NEXT_WEEK[i % NEXT_WEEK.length] ?? '' }] });
    await issueBriefing(deps, leader, draft.id, { version: edited.version });
  }
  const xun = previousPeriod('dispatch', periodContaining('dispatch', today));
  if (!(await selectBriefingByPeriod(deps.db, prefecture, 'dispatch', xun.start))) {
    await generateBriefing(deps, leader, { regionCode: prefecture, kind: 'dispatch', date: xun.start }, { now, generatedByName: '系统（定时生成）' });
  }
}
