/**
 * An inquiry becomes a `lead` project or a target in one action, keeping its origin
 * (projects.origin_inquiry_id / targets.origin_inquiry_id; a lead's channel is 'online'), so
 * conversion from inquiries is a statistic (services/statistics/service-clocks.ts). A target must be
 * an enterprise of the enterprise database: the investor's company is looked up by its exact name or
 * by the credit code the officer gives; when it is not there the refusal says so and what to do.
 * Each inquiry converts once.
 */
import type { Db } from '../../db/client';
import { selectEnterprisesNamed, updateTargetOrigin } from '../../db/queries/inquiries/inquiries';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { createProject } from '../projects/projects';
import { claimTarget } from '../targets/target-claims';
import { getInquiry, requireInquiryInScope } from './inquiry-handling';

const TYPE_NAMES: Record<string, string> = { projectInterest: '项目对接', resourceInterest: '载体对接', policyQuestion: '政策咨询', general: '在线咨询' };

async function requireConvertible(deps: Deps, caller: Caller, id: string) {
  const view = await requireInquiryInScope(deps, caller, id);
  if (view.inquiry.kind !== 'inquiry') throw new AppError('CONFLICT', msg('inquiry.convertKind'));
  if (view.convertedProject) throw new AppError('CONFLICT', msg('inquiry.converted', { result: msg('inquiry.convertedLead', { code: view.convertedProject.code }) }));
  if (view.convertedTargetId) throw new AppError('CONFLICT', msg('inquiry.converted', { result: msg('inquiry.convertedTarget') }));
  return view;
}

/** Creates a lead project from the inquiry (region, investor company, content), channel 'online'. */
export async function convertInquiryToLead(deps: Deps, caller: Caller, id: string, input: { name?: string | null }) {
  if (!caller.actor.permissions.includes('projects.manage')) throw new AppError('FORBIDDEN', msg('inquiry.needsProjects'));
  const view = await requireConvertible(deps, caller, id);
  const i = view.inquiry;
  const name = input.name?.trim() || `${i.company ?? '在线咨询'}：${i.subjectTitle ?? TYPE_NAMES[i.type] ?? '在线咨询'}`;
  await deps.db.transaction(async (tx) => {
    const txDeps = { ...deps, db: tx as unknown as Db };
    const project = await createProject(txDeps, caller, {
      name,
      regionCode: i.regionCode,
      stage: 'lead',
      investorName: i.company,
      description: i.content,
      channel: 'online',
      originInquiryId: i.id,
    });
    await recordAudit(tx, caller, { action: 'inquiry.convert', objectType: 'inquiry', objectId: id, regionCode: i.regionCode, after: { to: 'lead', projectId: project.id, projectCode: project.code } });
  });
  return getInquiry(deps, caller, id);
}

/** Claims the investor's company as a target of a chain node for the inquiry's region. */
export async function convertInquiryToTarget(deps: Deps, caller: Caller, id: string, input: { chain: string; node: string; enterprise?: string | null }) {
  if (!caller.actor.permissions.includes('targeting.manage')) throw new AppError('FORBIDDEN', msg('inquiry.needsTargeting'));
  const view = await requireConvertible(deps, caller, id);
  const i = view.inquiry;
  let enterprise = input.enterprise?.trim() || null;
  if (!enterprise) {
    const company = i.company?.trim();
    if (!company) throw new AppError('VALIDATION', msg('inquiry.companyRequired'), [{ field: 'enterprise', message: msg('inquiry.companyRequired') }]);
    const named = await selectEnterprisesNamed(deps.db, company);
    if (named.length === 0) throw new AppError('VALIDATION', msg('inquiry.companyNotEnterprise', { company }), [{ field: 'enterprise', message: msg('inquiry.companyNotEnterprise', { company }) }]);
    if (named.length > 1) throw new AppError('VALIDATION', msg('inquiry.companyAmbiguous', { company }), [{ field: 'enterprise', message: msg('inquiry.companyAmbiguous', { company }) }]);
    enterprise = named[0]?.id ?? null;
  }
  await deps.db.transaction(async (tx) => {
    const txDeps = { ...deps, db: tx as unknown as Db };
    const target = await claimTarget(txDeps, caller, { region: i.regionCode, chain: input.chain, node: input.node, enterprise: enterprise ?? '' });
    await updateTargetOrigin(tx, target.id, i.id);
    await recordAudit(tx, caller, { action: 'inquiry.convert', objectType: 'inquiry', objectId: id, regionCode: i.regionCode, after: { to: 'target', targetId: target.id, node: input.node } });
  });
  return getInquiry(deps, caller, id);
}
