/**
 * 链长 and 路线图 (issue 12 item 4). The chain leader is set by the region defining the chain or a
 * region above it, and is an active user of the defining region or below. A region using the chain
 * keeps its own roadmap: per node of the current version a goal (延链 extend / 补链 fill / 强链
 * strengthen), an owner (an active user of the region or below), a due date and a note; PUT replaces
 * the region's whole roadmap for the chain. Each item shows the targets of the region's subtree on
 * its node by status. Every write is audited with the state before and after.
 *
 * Optimistic check: GET answers the roadmap's `revision` (a digest of the region's items and their
 * save times, so it changes with every save, also one that clears the roadmap); PUT names the
 * revision it was based on and, under a per-roadmap lock, a different current revision is a 409
 * (VERSION_CONFLICT) and nothing is written.
 */
import { createHash } from 'node:crypto';
import {
  countTargetsByNodeStatus,
  lockRoadmap,
  replaceRoadmapItems,
  selectRoadmapItems,
  selectUsersByIds,
  updateChainLeader,
  type NewRoadmapItem,
  type RoadmapItemRow,
} from '../../db/queries/chains/chain-roadmap';
import { AppError } from '../../domain/app-error';
import { msg, type Message } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { resolveRegionChain } from '../targets/target-context';
import { canChangeChain, requireVisibleChain } from './chain-scope';

type Goal = NewRoadmapItem['goal'];

function roadmapRevision(rows: readonly RoadmapItemRow[]): string {
  const content = rows.map((r) => [r.node_code, r.goal, r.owner_id, r.due_on, r.note, r.updated_stamp]);
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 24);
}

async function requireActiveUserIn(deps: Deps, userId: string, regionPath: string, regionName: string, field: string, label: Message) {
  const user = (await selectUsersByIds(deps.db, [userId])).get(userId);
  if (!user || user.status !== 'active' || !user.region_path || !isPathWithin(regionPath, user.region_path)) {
    const m = msg('chains.userNotInRegion', { field: label, region: regionName });
    throw new AppError('VALIDATION', m, [{ field, message: m }]);
  }
  return user;
}

async function describeLeader(deps: Deps, userId: string | null) {
  if (!userId) return null;
  const user = (await selectUsersByIds(deps.db, [userId])).get(userId);
  return user ? { id: user.id, displayName: user.display_name, regionCode: user.region_code } : null;
}

export async function setChainLeader(deps: Deps, caller: Caller, chainCode: string, userId: string | null) {
  const chain = await requireVisibleChain(deps, caller, chainCode);
  if (!canChangeChain(caller.actor, chain.regionPath)) throw new AppError('FORBIDDEN', msg('chains.leaderScope', { region: chain.regionName }));
  if (userId) await requireActiveUserIn(deps, userId, chain.regionPath, chain.regionName, 'userId', msg('chains.leaderField'));
  const before = await describeLeader(deps, chain.leaderUserId);
  const after = await describeLeader(deps, userId);
  await deps.db.transaction(async (tx) => {
    await updateChainLeader(tx, chain.id, userId);
    await recordAudit(tx, caller, {
      action: 'chain.leader',
      objectType: 'chain',
      objectId: chain.code,
      regionCode: chain.regionCode,
      before: { leader: before?.displayName ?? null, userId: chain.leaderUserId },
      after: { leader: after?.displayName ?? null, userId },
    });
  });
  return { code: chain.code, leader: after };
}

export async function getRoadmap(deps: Deps, caller: Caller, chainCode: string, q: { region?: string }) {
  const ctx = await resolveRegionChain(deps, caller, { region: q.region, chain: chainCode });
  const items = await selectRoadmapItems(deps.db, ctx.chain.id, ctx.region.code);
  const counts = await countTargetsByNodeStatus(deps.db, ctx.chain.id, ctx.region.path);
  const names = new Map(ctx.nodes.map((n) => [n.code, n.name]));
  return {
    chain: { code: ctx.chain.code, name: ctx.chain.name, version: ctx.chain.currentVersion },
    region: { code: ctx.region.code, name: ctx.region.name },
    leader: await describeLeader(deps, ctx.chain.leaderUserId),
    revision: roadmapRevision(items),
    items: items.map((i) => {
      const mine = counts.filter((c) => c.node_code === i.node_code);
      return {
        nodeCode: i.node_code,
        nodeName: names.get(i.node_code) ?? null,
        inCurrentVersion: names.has(i.node_code),
        goal: i.goal,
        owner: i.owner_id ? { id: i.owner_id, displayName: i.owner_name ?? '' } : null,
        dueOn: i.due_on,
        note: i.note,
        targets: { total: mine.reduce((s, c) => s + c.n, 0), byStatus: Object.fromEntries(mine.map((c) => [c.status, c.n])) },
        updatedAt: new Date(i.updated_at).toISOString(),
      };
    }),
  };
}

export async function saveRoadmap(
  deps: Deps,
  caller: Caller,
  chainCode: string,
  q: { region?: string },
  input: { revision: string; items: { node: string; goal: Goal; ownerId?: string | null; dueOn?: string | null; note?: string | null }[] },
) {
  const ctx = await resolveRegionChain(deps, caller, { region: q.region, chain: chainCode });
  const seen = new Set<string>();
  const items: NewRoadmapItem[] = [];
  for (const [i, item] of input.items.entries()) {
    const code = item.node.trim().toUpperCase();
    if (!ctx.nodes.some((n) => n.code === code)) {
      const m = msg('chains.roadmapNode', { node: code, chain: ctx.chain.name });
      throw new AppError('VALIDATION', m, [{ field: `items.${i}.node`, message: m }]);
    }
    if (seen.has(code)) {
      const m = msg('chains.roadmapDuplicate', { node: code });
      throw new AppError('VALIDATION', m, [{ field: `items.${i}.node`, message: m }]);
    }
    seen.add(code);
    if (item.ownerId) await requireActiveUserIn(deps, item.ownerId, ctx.region.path, ctx.region.name, `items.${i}.ownerId`, msg('chains.ownerField'));
    items.push({ nodeCode: code, goal: item.goal, ownerId: item.ownerId ?? null, dueOn: item.dueOn ?? null, note: item.note?.trim() || null });
  }
  await deps.db.transaction(async (tx) => {
    await lockRoadmap(tx, ctx.chain.id, ctx.region.code);
    const before = await selectRoadmapItems(tx, ctx.chain.id, ctx.region.code);
    if (roadmapRevision(before) !== input.revision) throw new AppError('VERSION_CONFLICT', msg('chains.roadmapStale'));
    await replaceRoadmapItems(tx, ctx.chain.id, ctx.region.code, items);
    await recordAudit(tx, caller, {
      action: 'chain.roadmap',
      objectType: 'chain',
      objectId: `${ctx.chain.code}/${ctx.region.code}`,
      regionCode: ctx.region.code,
      before: { items: before.map((b) => ({ node: b.node_code, goal: b.goal, ownerId: b.owner_id, dueOn: b.due_on, note: b.note })) },
      after: { items: items.map((b) => ({ node: b.nodeCode, goal: b.goal, ownerId: b.ownerId, dueOn: b.dueOn, note: b.note })) },
    });
  });
  return getRoadmap(deps, caller, chainCode, q);
}
