/**
 * Review of near-duplicate enterprises: an investor without a credit code that looks like an
 * enterprise the registry knows. Merging moves the uncoded one's projects, contacts and list
 * memberships to the coded enterprise, keeps its name as a former name (with field history), fills
 * fields the coded one lacks, and deletes the uncoded row; dismissing keeps both for good.
 * A reviewer sees the candidates that concern their scope: the uncoded enterprise has a project or
 * contact in their subtree, or none anywhere; others answer 404.
 */
import type { FieldSource } from '../../db/schema/enterprises';
import { refreshContactRegionCodes, type EnterpriseRow } from '../../db/queries/enterprises/enterprises';
import {
  deleteEnterprise,
  moveEnterpriseReferences,
  resolveCandidate,
  selectCandidate,
  selectPendingCandidates,
  type CandidateViewRow,
} from '../../db/queries/enterprises/enterprise-duplicates';
import { insertFieldChanges, selectEnterpriseByKey, updateEnterpriseVersioned, type EnterpriseSet, type FieldChangeInsert } from '../../db/queries/enterprises/enterprise-records';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { todayInShanghai } from '../../domain/dates';
import { NAME_MATCH_LABELS, type NameMatch } from '../../domain/enterprise-names';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { searchKeysPatch } from './enterprises';
import { assertInvestorsUnlocked } from '../returns/locked-figures';
import { isTopInvestor } from '../../domain/enterprise-status';
import { recordOutOfScope } from '../regions';

/** The source recorded for fields a merge sets. */
export const MERGE_SOURCE = '合并重复企业';
const NOT_FOUND = msg('duplicate.notFound');

function toCandidateDto(r: CandidateViewRow) {
  const c = r.candidate;
  return {
    id: c.id,
    status: c.status,
    similarity: c.similarity,
    reason: c.reason,
    reasonLabel: NAME_MATCH_LABELS[c.reason as NameMatch['reason']] ?? c.reason,
    uncoded: { id: c.enterpriseId, name: r.uncodedName, projectCount: Number(r.projectCount), contactRegionCodes: r.uncodedRegionCodes },
    coded: { id: c.candidateId, name: r.codedName, creditCode: r.codedCreditCode ?? '', regionCode: r.codedRegionCode },
    createdAt: c.createdAt.toISOString(),
  };
}

export async function listDuplicateCandidates(deps: Deps, caller: Caller, q: { page: number; pageSize: number }) {
  const { rows, total } = await selectPendingCandidates(deps.db, caller.actor.regionPath, q.pageSize, (q.page - 1) * q.pageSize);
  return { total, items: rows.map(toCandidateDto) };
}

async function requirePendingCandidate(deps: Deps, caller: Caller, id: string) {
  const row = await selectCandidate(deps.db, id, caller.actor.regionPath);
  if (!row || !row.inScope) {
    if (row) await recordOutOfScope(deps, caller, 'enterprise-duplicate', id);
    throw new AppError('NOT_FOUND', NOT_FOUND);
  }
  if (row.candidate.status !== 'pending') throw new AppError('CONFLICT', msg(row.candidate.status === 'merged' ? 'duplicate.alreadyMerged' : 'duplicate.alreadyDismissed'));
  if (row.uncodedCreditCode !== null) throw new AppError('CONFLICT', msg('duplicate.hasCode', { name: row.uncodedName, code: row.uncodedCreditCode }));
  return row;
}

export async function dismissDuplicate(deps: Deps, caller: Caller, id: string, reason?: string | null) {
  const row = await requirePendingCandidate(deps, caller, id);
  await deps.db.transaction(async (tx) => {
    if (!(await resolveCandidate(tx, id, 'dismissed', caller.actor.id))) throw new AppError('CONFLICT', msg('duplicate.handledElsewhere'));
    await recordAudit(tx, caller, {
      action: 'enterprise.duplicate.dismiss',
      objectType: 'enterprise',
      objectId: row.candidate.enterpriseId,
      after: { candidateId: id, uncoded: row.uncodedName, coded: row.codedName, codedCreditCode: row.codedCreditCode },
      reason: reason?.trim() || null,
    });
  });
  return { ...toCandidateDto(row), status: 'dismissed' as const };
}

/** Profile fields a merge copies from the uncoded record when the coded one has none. */
const FILLABLE = ['regionCode', 'industryCode', 'registeredCapitalYuan', 'establishedOn', 'status', 'ticker', 'businessScope', 'mainProducts', 'website', 'parentGroup', 'employees', 'revenueBand'] as const;

function jsonValue(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : (v ?? null);
}

export async function mergeDuplicate(deps: Deps, caller: Caller, id: string, reason?: string | null) {
  const row = await requirePendingCandidate(deps, caller, id);
  const today = todayInShanghai();
  const result = await deps.db.transaction(async (tx) => {
    const from = await selectEnterpriseByKey(tx, row.candidate.enterpriseId);
    const to = await selectEnterpriseByKey(tx, row.candidate.candidateId);
    if (!from || !to || from.creditCode !== null || to.creditCode === null) throw new AppError('CONFLICT', msg('duplicate.bothChanged'));
    // the coded enterprise takes the uncoded one's names as former names, and fields it lacks
    const formerNames = [...new Set([...to.formerNames, from.name, ...from.formerNames])].filter((n) => n !== to.name);
    const changes: { field: string; oldValue: unknown; newValue: unknown }[] = [];
    const set: EnterpriseSet = {};
    if (formerNames.length !== to.formerNames.length) {
      set.formerNames = formerNames;
      changes.push({ field: 'formerNames', oldValue: to.formerNames, newValue: formerNames });
    }
    for (const f of FILLABLE) {
      if (to[f] === null && from[f] !== null) {
        (set as Record<string, unknown>)[f] = from[f];
        changes.push({ field: f, oldValue: null, newValue: jsonValue(from[f]) });
      }
    }
    const tags = [...new Set([...to.tags, ...from.tags])];
    if (tags.length !== to.tags.length) {
      set.tags = tags;
      changes.push({ field: 'tags', oldValue: to.tags, newValue: tags });
    }
    // the coded enterprise's projects, and the uncoded one's that move to it, must not start or stop
    // counting among the top investors' projects in an approved (locked) month
    await assertInvestorsUnlocked(tx, [
      { key: 0, enterpriseId: to.id, oldTop: isTopInvestor(to.tags), newTop: isTopInvestor(tags) },
      { key: 1, enterpriseId: from.id, oldTop: isTopInvestor(from.tags), newTop: isTopInvestor(tags) },
    ]);
    if (changes.length > 0) {
      const fieldSources: Record<string, FieldSource> = { ...to.fieldSources };
      for (const c of changes) fieldSources[c.field] = { source: MERGE_SOURCE, date: today };
      set.fieldSources = fieldSources;
      if (set.formerNames || set.businessScope || set.mainProducts) {
        Object.assign(
          set,
          searchKeysPatch({
            name: to.name,
            formerNames,
            businessScope: (set.businessScope as string | undefined) ?? to.businessScope,
            mainProducts: (set.mainProducts as string | undefined) ?? to.mainProducts,
          }),
        );
      }
      if (!(await updateEnterpriseVersioned(tx, to.id, to.version, set))) throw new AppError('VERSION_CONFLICT', msg('duplicate.versionConflict'));
      const history: FieldChangeInsert[] = changes.map((c) => ({
        enterpriseId: to.id,
        field: c.field,
        oldValue: c.oldValue,
        newValue: c.newValue,
        source: MERGE_SOURCE,
        sourceDate: today,
        changedBy: caller.actor.id,
      }));
      await insertFieldChanges(tx, history);
    }
    const moved = await moveEnterpriseReferences(tx, from.id, to.id);
    await resolveCandidate(tx, id, 'merged', caller.actor.id);
    // deleting the uncoded row also drops its other candidate pairs (cascade); the audit row keeps the story
    await deleteEnterprise(tx, from.id);
    await refreshContactRegionCodes(tx, [to.id]);
    await recordAudit(tx, caller, {
      action: 'enterprise.merge',
      objectType: 'enterprise',
      objectId: to.id,
      before: { merged: snapshot(from), into: { id: to.id, creditCode: to.creditCode, name: to.name } },
      after: { candidateId: id, movedProjectIds: moved.projectIds, movedContactIds: moved.contactIds, movedListIds: moved.listIds, fieldsSet: changes.map((c) => c.field) },
      reason: reason?.trim() || null,
    });
    return { into: to, moved };
  });
  return {
    enterpriseId: result.into.id,
    creditCode: result.into.creditCode ?? '',
    name: result.into.name,
    movedProjects: result.moved.projectIds.length,
    movedContacts: result.moved.contactIds.length,
    movedListMemberships: result.moved.listIds.length,
  };
}

function snapshot(e: EnterpriseRow) {
  return { id: e.id, name: e.name, formerNames: e.formerNames, tags: e.tags, regionCode: e.regionCode, industryCode: e.industryCode };
}
