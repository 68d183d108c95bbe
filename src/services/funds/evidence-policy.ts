/**
 * "Proof before it counts" (先证后计): per installation, which stage changes need evidence and
 * whether a fund receipt counts only with evidence and/or after verification. The receipt part
 * decides every return's funds, so a switch that would change an approved return's figures is
 * refused like any other change of a locked month (services/locked-figures.ts).
 */
import { evidencePolicySchema, type EvidencePolicy } from '../../contracts/settings';
import { selectSetting, upsertSetting } from '../../db/queries/settings';
import type { ReceiptFilter } from '../../db/queries/statistics/statistics';
import { recordAudit } from '../audit/audit';
import { assertReceiptFilterUnlocked } from '../returns/locked-figures';
import type { Caller, Deps } from '../context';

const KEY = 'evidence_policy';


export const DEFAULT_EVIDENCE_POLICY: EvidencePolicy = { stagesNeedingEvidence: [], receiptNeedsEvidence: false, receiptNeedsVerification: false };

/** Which receipts the statistics count under a policy. */
export function receiptFilterOf(policy: EvidencePolicy): ReceiptFilter {
  return { verifiedOnly: policy.receiptNeedsVerification, withEvidenceOnly: policy.receiptNeedsEvidence };
}

export async function getEvidencePolicy(deps: Deps): Promise<EvidencePolicy> {
  const row = await selectSetting(deps.db, KEY);
  const parsed = evidencePolicySchema.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_EVIDENCE_POLICY, ...(parsed.success ? parsed.data : {}) };
}

export async function updateEvidencePolicy(deps: Deps, caller: Caller, policy: EvidencePolicy, reason: string): Promise<EvidencePolicy> {
  const before = await getEvidencePolicy(deps);
  await deps.db.transaction(async (tx) => {
    // which receipts count decides every approved return's funds: no switch that moves one
    await assertReceiptFilterUnlocked(tx, receiptFilterOf(before), receiptFilterOf(policy));
    await upsertSetting(tx, KEY, policy);
    await recordAudit(tx, caller, { action: 'settings.evidencePolicy.update', objectType: 'settings', objectId: KEY, before, after: policy, reason });
  });
  return policy;
}

/** Whether a receipt counts under the policy, and if not, why (for the ledger and, later, the statistics). */
export function judgeReceipt(policy: EvidencePolicy, r: { verified: boolean; evidenceCount: number }): { counts: boolean; why: string | null } {
  const missing: string[] = [];
  if (policy.receiptNeedsVerification && !r.verified) missing.push('未核实');
  if (policy.receiptNeedsEvidence && r.evidenceCount === 0) missing.push('缺少佐证材料');
  return missing.length > 0 ? { counts: false, why: missing.join('、') } : { counts: true, why: null };
}
