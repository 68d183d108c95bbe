/**
 * The parts of an activity's answer that issue 13 item 1 adds — a trip's plan and report, the targets
 * it advanced, its attachments — and the report's due day. Apart from activities.ts, which reads
 * them, and from trips.ts / activity-targets.ts / activity-files.ts, which change them.
 */
import type { ActivityFile } from '../../contracts/trips';
import type { Db } from '../../db/client';
import type { ActivityRow } from '../../db/queries/activities/activities';
import { selectActivityFiles, selectActivityLeads, selectActivityTargets } from '../../db/queries/activities/trips';
import { selectUserNames } from '../../db/queries/projects/project-records';
import { describeTripReport, TRIP_REPORT_WORKING_DAYS, type TripPlanStatus } from '../../domain/activities/trip-plan';
import { toShanghaiDate, todayInShanghai } from '../../domain/dates';
import { addWorkingDays } from '../../domain/working-days';
import { loadWorkingCalendar } from '../calendar';
import type { Deps } from '../context';

/** The report's due day of a trip ending on `endDate`: the 15th working day after it. */
export async function computeTripReportDue(deps: Deps, endDate: string): Promise<string> {
  return addWorkingDays(await loadWorkingCalendar(deps), endDate, TRIP_REPORT_WORKING_DAYS);
}

export async function listActivityFiles(db: Db, activityId: string): Promise<ActivityFile[]> {
  return (await selectActivityFiles(db, activityId)).map((f) => ({
    id: f.id,
    kind: f.kind,
    fileName: f.fileName,
    mimeType: f.mimeType,
    sizeBytes: f.sizeBytes,
    uploadedByName: f.uploadedByName,
    uploadedAt: f.uploadedAt.toISOString(),
  }));
}

/** The targets an activity advanced (the caller sees the activity, and so its links). */
export async function listActivityTargets(db: Db, activityId: string) {
  return (await selectActivityTargets(db, activityId)).map((t) => ({
    targetId: t.target_id,
    enterpriseId: t.enterprise_id,
    enterpriseName: t.enterprise_name,
    nodeCode: t.node_code,
    nodeName: t.node_name,
    regionName: t.region_name,
    status: t.status,
    statusSet: t.status_set,
  }));
}

type TripFields = Pick<ActivityRow, 'id' | 'type' | 'endDate' | 'planStatus' | 'planText' | 'planSubmittedAt' | 'planSubmittedBy' | 'planDecidedAt' | 'planDecidedBy' | 'planReturnReason' | 'reportDueOn' | 'reportText' | 'reportResults' | 'reportSubmittedAt' | 'reportSubmittedBy'>;

/** The plan and report parts of an activity's answer (null when it has none). */
export async function describeTripParts(db: Db, row: TripFields) {
  if (row.type !== 'trip') return { plan: null, report: null };
  const names = await selectUserNames(db, [row.planSubmittedBy, row.planDecidedBy, row.reportSubmittedBy]);
  const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const plan = row.planStatus
    ? {
        status: row.planStatus as TripPlanStatus,
        text: row.planText,
        submittedAt: row.planSubmittedAt?.toISOString() ?? null,
        submittedByName: name(row.planSubmittedBy),
        decidedAt: row.planDecidedAt?.toISOString() ?? null,
        decidedByName: name(row.planDecidedBy),
        returnReason: row.planReturnReason,
      }
    : null;
  const report = row.reportDueOn
    ? {
        dueOn: row.reportDueOn,
        state: describeTripReport(
          { planStatus: row.planStatus, endDate: row.endDate, reportDueOn: row.reportDueOn, reportSubmittedOn: row.reportSubmittedAt ? toShanghaiDate(row.reportSubmittedAt) : null },
          todayInShanghai(),
        ),
        text: row.reportText,
        results: row.reportResults,
        submittedAt: row.reportSubmittedAt?.toISOString() ?? null,
        submittedByName: name(row.reportSubmittedBy),
        leads: (await selectActivityLeads(db, row.id)).map((l) => ({ projectId: l.projectId, code: l.code, name: l.name, stage: l.stage, channel: l.channel })),
      }
    : null;
  return { plan, report };
}
