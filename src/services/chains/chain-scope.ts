/**
 * Who sees and who changes a chain. A chain is defined by a province or a prefecture and used by
 * every region below it: a user sees the chains of their region and of the regions above (they use
 * them) and below (they oversee them); a user changes a chain defined at their own region or below.
 */
import { selectChainByCode, type ChainRow } from '../../db/queries/chains/chains';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import type { Actor, Caller, Deps } from '../context';
import { recordOutOfScope } from '../regions';

/** A region uses the chains defined at it or above it (a project of the region may name their nodes). */
export function canRegionUseChain(regionPath: string, chainRegionPath: string): boolean {
  return isPathWithin(chainRegionPath, regionPath);
}

export function canSeeChain(actor: Actor, chainRegionPath: string): boolean {
  return canRegionUseChain(actor.regionPath, chainRegionPath) || isPathWithin(actor.regionPath, chainRegionPath);
}

export function canChangeChain(actor: Actor, chainRegionPath: string): boolean {
  return isPathWithin(actor.regionPath, chainRegionPath);
}

/** The chain when the caller may see it; otherwise 404 (and an audit row when it exists). */
export async function requireVisibleChain(deps: Deps, caller: Caller, code: string): Promise<ChainRow> {
  const chain = await selectChainByCode(deps.db, code.trim().toUpperCase());
  if (!chain || !canSeeChain(caller.actor, chain.regionPath)) {
    if (chain) await recordOutOfScope(deps, caller, 'chain', chain.code);
    throw new AppError('NOT_FOUND', msg('chains.notFound'));
  }
  return chain;
}
