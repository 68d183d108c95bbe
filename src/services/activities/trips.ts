/**
 * 外出招商的计划、审批与报告 (issue 13 item 1). A trip may be planned before it happens (planned →
 * submitted → approved / returned with a reason), approved by a holder of activities.approve in the
 * trip's organising region or above (the activity's scope: others get 404), never by the one who
 * submitted it. Its report falls due on the 15th working day after its end (the calendar of
 * services/calendar.ts); the report's leads become projects in stage lead that keep their origin
 * (the activity, the channel, the partner) and are linked to the trip. Every step is audited and
 * versioned. A trip logged after the fact needs no plan: its report is due all the same.
 */
import type { TripReportInput } from '../../contracts/trips';
import { insertActivityProjectLinks } from '../../db/queries/activities/trips';
import { updateActivityVersioned, type ActivityRow } from '../../db/queries/activities/activities';
import { ACTIVITY_TYPE_LABELS } from '../../domain/activities/activity-kinds';
import { applyTripPlanStep, canReportTrip } from '../../domain/activities/trip-plan';
import { AppError } from '../../domain/app-error';
import { todayInShanghai } from '../../domain/dates';
import { msg } from '../../domain/messages/catalog';
import type { ProjectChannel } from '../../domain/project-channels';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { createProject } from '../projects/projects';
import { getActivity, requireActivityInScope } from './activities';
import { computeTripReportDue } from './activity-parts';
import type { Db } from '../../db/client';


function versionConflict(current: number, base: number): AppError {
  return new AppError('VERSION_CONFLICT', msg('activity.versionConflict', { current, base }));
}

async function requireTrip(deps: Deps, caller: Caller, id: string, version: number) {
  const row = await requireActivityInScope(deps, caller, id);
  if (row.type !== 'trip') throw new AppError('CONFLICT', msg('trip.notTrip', { name: row.name, type: ACTIVITY_TYPE_LABELS[row.type] }));
  if (row.version !== version) throw versionConflict(row.version, version);
  return row;
}

function planAudit(row: ActivityRow) {
  return { planStatus: row.planStatus, planText: row.planText, planReturnReason: row.planReturnReason, version: row.version };
}

export async function submitTripPlan(deps: Deps, caller: Caller, id: string, input: { version: number }) {
  const row = await requireTrip(deps, caller, id, input.version);
  const step = applyTripPlanStep(row.planStatus, 'submit');
  if (!step.ok) throw new AppError('CONFLICT', step.message);
  await deps.db.transaction(async (tx) => {
    const saved = await updateActivityVersioned(tx, id, input.version, { planStatus: step.to, planSubmittedAt: new Date(), planSubmittedBy: caller.actor.id, planReturnReason: null });
    if (!saved) throw versionConflict(row.version + 1, input.version);
    await recordAudit(tx, caller, { action: 'activity.plan.submit', objectType: 'activity', objectId: id, regionCode: row.regionCode, before: planAudit(row), after: planAudit(saved) });
  });
  return getActivity(deps, caller, id);
}

export async function decideTripPlan(deps: Deps, caller: Caller, id: string, input: { decision: 'approve' | 'return'; reason?: string | null; version: number }) {
  // the activity's scope is the approver's: a leader of the organising region or a region above it
  const row = await requireTrip(deps, caller, id, input.version);
  const step = applyTripPlanStep(row.planStatus, input.decision);
  if (!step.ok) throw new AppError('CONFLICT', step.message);
  if (row.planSubmittedBy && row.planSubmittedBy === caller.actor.id) throw new AppError('FORBIDDEN', msg('trip.selfApproval'));
  const reason = input.reason?.trim() || null;
  if (input.decision === 'return' && !reason) throw new AppError('VALIDATION', msg('trip.returnReasonRequired'), [{ field: 'reason', message: msg('trip.returnReasonRequired') }]);
  await deps.db.transaction(async (tx) => {
    const saved = await updateActivityVersioned(tx, id, input.version, {
      planStatus: step.to,
      planDecidedBy: caller.actor.id,
      planDecidedAt: new Date(),
      planReturnReason: input.decision === 'return' ? reason : null,
    });
    if (!saved) throw versionConflict(row.version + 1, input.version);
    await recordAudit(tx, caller, {
      action: input.decision === 'approve' ? 'activity.plan.approve' : 'activity.plan.return',
      objectType: 'activity',
      objectId: id,
      regionCode: row.regionCode,
      before: planAudit(row),
      after: planAudit(saved),
      reason: reason ?? undefined,
    });
  });
  return getActivity(deps, caller, id);
}

/** The channel a lead keeps when none is given: the team's (驻点), the partner's (以商), else 直接. */
function defaultLeadChannel(row: ActivityRow): ProjectChannel {
  if (row.teamId || row.residentTeam) return 'residentTeam';
  if (row.partnerId) return 'partner';
  return 'direct';
}

export async function submitTripReport(deps: Deps, caller: Caller, id: string, input: TripReportInput) {
  const row = await requireTrip(deps, caller, id, input.version);
  const today = todayInShanghai();
  if (!canReportTrip(row.planStatus)) throw new AppError('CONFLICT', msg('trip.reportNeedsApproval', { status: msg(`trip.status.${row.planStatus ?? 'logged'}`) }));
  if (today < row.endDate) throw new AppError('CONFLICT', msg('trip.reportNotYet', { end: row.endDate }));
  const text = input.text.trim();
  if (!text) throw new AppError('VALIDATION', msg('trip.reportTextRequired'), [{ field: 'text', message: msg('trip.reportTextRequired') }]);
  const leads = input.leads ?? [];
  const seen = new Set<string>();
  leads.forEach((l, i) => {
    const name = l.name.trim();
    if (seen.has(name)) throw new AppError('VALIDATION', msg('trip.leadNameDuplicate', { name }), [{ field: `leads.${i}.name`, message: msg('trip.leadNameDuplicate', { name }) }]);
    seen.add(name);
  });
  if (leads.length > 0 && !caller.actor.permissions.includes('projects.manage')) throw new AppError('FORBIDDEN', msg('auth.forbidden', { permission: msg('permission.projects.manage') }));
  const reportDueOn = row.reportDueOn ?? (await computeTripReportDue(deps, row.endDate));
  await deps.db.transaction(async (tx) => {
    const txDeps = { ...deps, db: tx as unknown as Db };
    const created: { id: string; code: string; name: string; channel: string | null }[] = [];
    for (const lead of leads) {
      const channel = lead.channel ?? defaultLeadChannel(row);
      const project = await createProject(txDeps, caller, {
        name: lead.name,
        regionCode: row.regionCode,
        stage: 'lead',
        investorName: lead.investorName ?? null,
        industryCode: lead.industryCode ?? null,
        plannedInvestmentYuan: lead.plannedInvestmentYuan ?? null,
        description: lead.description ?? null,
        channel,
        broughtByPartnerId: channel === 'partner' ? row.partnerId : null,
        originActivityId: row.id,
      });
      created.push({ id: project.id, code: project.code, name: project.name, channel });
    }
    await insertActivityProjectLinks(tx, row.id, created.map((p) => p.id));
    const saved = await updateActivityVersioned(tx, id, input.version, {
      reportText: text,
      reportResults: input.results?.trim() || null,
      reportDueOn,
      // the first submission dates the report (on time or late); a correction keeps it
      reportSubmittedAt: row.reportSubmittedAt ?? new Date(),
      reportSubmittedBy: row.reportSubmittedBy ?? caller.actor.id,
      ...(row.planStatus === 'approved' ? { planStatus: 'done' as const } : {}),
    });
    if (!saved) throw versionConflict(row.version + 1, input.version);
    await recordAudit(tx, caller, {
      action: 'activity.report',
      objectType: 'activity',
      objectId: id,
      regionCode: row.regionCode,
      before: { reportText: row.reportText, reportResults: row.reportResults, reportSubmittedAt: row.reportSubmittedAt?.toISOString() ?? null, planStatus: row.planStatus },
      after: { reportText: saved.reportText, reportResults: saved.reportResults, reportDueOn, reportSubmittedAt: saved.reportSubmittedAt?.toISOString() ?? null, planStatus: saved.planStatus, leads: created },
    });
  });
  return getActivity(deps, caller, id);
}
