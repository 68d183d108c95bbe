/**
 * One run of the notification clocks: schedules missing follow-up visits, evaluates every clock of
 * the registry as of today (Asia/Shanghai), keeps the recipients who have the object's region in
 * scope and inserts each notification once per recipient, object and state. From 08:00 北京时间 on,
 * it also raises the day's digests (digest.ts). Safe to run any number of times.
 */
import { insertNewNotifications, selectActiveUserPaths, type NotificationInsert } from '../../db/queries/notifications/notifications';
import { todayInShanghai } from '../../domain/dates';
import { isPathWithin } from '../../domain/region-scope';
import { getAftercareSettings } from '../aftercare/aftercare-settings';
import { scheduleMissingFollowUps } from '../aftercare/follow-up-schedule';
import { loadWorkingCalendar } from '../calendar';
import type { Deps } from '../context';
import type { Clock, ClockContext, NotificationDraft } from './clock-types';
import { CLOCKS } from './clocks/index';
import { raiseDailyDigests } from './digest';
import { RecipientFinder } from './recipients';

export interface ClockRunResult {
  today: string;
  /** notifications newly raised, per kind */
  raised: Record<string, number>;
  followUpsScheduled: number;
  digests: number;
}

const DIGEST_HOUR = 8;

function shanghaiHour(now: Date): number {
  return (now.getUTCHours() + 8) % 24;
}

/** The drafts as rows, one per recipient in scope (each recipient once per draft). */
async function toRows(deps: Deps, drafts: NotificationDraft[]): Promise<NotificationInsert[]> {
  const paths = await selectActiveUserPaths(deps.db, [...new Set(drafts.flatMap((d) => d.recipientIds))]);
  const rows: NotificationInsert[] = [];
  for (const d of drafts) {
    for (const recipientId of new Set(d.recipientIds)) {
      const home = paths.get(recipientId);
      // never tell someone about an object outside their region (a county user hears of their county only)
      if (!home || !isPathWithin(home, d.regionPath)) continue;
      rows.push({ recipientId, kind: d.kind, objectType: d.objectType, objectId: d.objectId, stateKey: d.stateKey, regionCode: d.regionCode, title: d.title, body: d.body, link: d.link });
    }
  }
  return rows;
}

export async function runNotificationClocks(deps: Deps, opts: { now?: Date; clocks?: readonly Clock[]; digest?: boolean } = {}): Promise<ClockRunResult> {
  const now = opts.now ?? new Date();
  const today = todayInShanghai(now);
  const [calendar, settings] = await Promise.all([loadWorkingCalendar(deps), getAftercareSettings(deps)]);
  const followUpsScheduled = await scheduleMissingFollowUps(deps, { calendar, settings });
  const ctx: ClockContext = { deps, today, calendar, settings, recipients: new RecipientFinder(deps.db) };
  const raised: Record<string, number> = {};
  for (const clock of opts.clocks ?? CLOCKS) {
    const rows = await toRows(deps, await clock.evaluate(ctx));
    for (const kind of new Set(rows.map((r) => r.kind))) {
      raised[kind] = (raised[kind] ?? 0) + (await insertNewNotifications(deps.db, rows.filter((r) => r.kind === kind)));
    }
  }
  const wantDigest = opts.digest ?? shanghaiHour(now) >= DIGEST_HOUR;
  const digests = wantDigest ? await raiseDailyDigests(deps, today) : 0;
  return { today, raised, followUpsScheduled, digests };
}
