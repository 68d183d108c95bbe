/**
 * The one write path of chain contents, for every door (file import from the API, the UI and the
 * CLI; template adoption; the chain editor of the UI, edit-chain.ts): under the chain write lock,
 * checks what needs the database — who may change each chain, where a new chain is defined, node
 * codes already used by another chain — then writes a new version for each chain whose content
 * changed (same content: nothing, so re-importing a file changes nothing) and one audit row per
 * written chain. Problems come back with the file row
 * they concern; with any problem nothing is written.
 */
import {
  insertChain,
  insertChainVersion,
  lockChainWrites,
  selectChainsByCodes,
  selectChainVersion,
  selectNodeCodeOwners,
  updateChainCurrent,
  selectChainNodes,
} from '../../db/queries/chains/chains';
import { selectRegion } from '../../db/queries/regions';
import type { Db } from '../../db/client';
import { diffChains, fingerprintChain, type ChainContent } from '../../domain/chains/chain-content';
import { msg, type Message } from '../../domain/messages/catalog';
import { recordAudit } from '../audit/audit';
import type { Caller } from '../context';
import { canChangeChain } from './chain-scope';

export interface ChainSaveProblem {
  row: number;
  column: string;
  value: string;
  reason: Message;
}

export interface ChainSaveOutcome {
  code: string;
  name: string;
  status: 'created' | 'updated' | 'unchanged';
  version: number;
  nodeCount: number;
  added: number;
  removed: number;
  changed: number;
}

export interface SaveChainsInput {
  contents: readonly ChainContent[];
  source: 'import' | 'template' | 'edit';
  sourceName: string | null;
  /** the region that defines new chains: the caller's own (or given by the CLI operator) */
  definingRegionCode: string | null;
  templateCode?: string | null;
  rowOfChain?: ReadonlyMap<string, number>;
  rowOfNode?: ReadonlyMap<string, number>;
}

const AUDIT_ACTION_OF_SOURCE = { import: 'chain.import', template: 'chain.adopt', edit: 'chain.edit' } as const;

/** Runs inside the caller's transaction; returns problems (nothing written) or the outcomes. */
export async function saveChainContents(
  tx: Db,
  caller: Caller,
  input: SaveChainsInput,
): Promise<{ problems: ChainSaveProblem[]; outcomes: ChainSaveOutcome[] }> {
  await lockChainWrites(tx);
  const problems: ChainSaveProblem[] = [];
  const rowOfChain = (code: string) => input.rowOfChain?.get(code) ?? 0;
  const existing = new Map((await selectChainsByCodes(tx, input.contents.map((c) => c.code))).map((c) => [c.code, c]));

  // who may change each existing chain, and where new ones are defined
  let definingRegion: { code: string; level: string } | undefined;
  const newChains = input.contents.filter((c) => !existing.has(c.code));
  if (newChains.length > 0) {
    const region = input.definingRegionCode ? await selectRegion(tx, input.definingRegionCode) : undefined;
    if (!region || (region.level !== 'province' && region.level !== 'prefecture')) {
      const level: Message = region?.level === 'park' ? msg('chains.level.park') : msg('chains.level.county');
      for (const c of newChains) {
        problems.push({ row: rowOfChain(c.code), column: '产业链编码', value: c.code, reason: msg('chains.defineLevel', { region: region?.name ?? input.definingRegionCode ?? '—', level }) });
      }
    } else definingRegion = region;
  }
  for (const c of input.contents) {
    const chain = existing.get(c.code);
    if (chain && !canChangeChain(caller.actor, chain.regionPath)) {
      problems.push({ row: rowOfChain(c.code), column: '产业链编码', value: c.code, reason: msg('chains.otherRegion', { chain: c.code, region: chain.regionName }) });
    }
  }

  // node codes are unique in the installation
  const owners = await selectNodeCodeOwners(tx, input.contents.flatMap((c) => c.nodes.map((n) => n.code)));
  for (const c of input.contents) {
    for (const n of c.nodes) {
      const owner = owners.get(n.code);
      if (owner !== undefined && owner !== c.code) {
        problems.push({ row: input.rowOfNode?.get(n.code) ?? 0, column: '节点编码', value: n.code, reason: msg('chains.nodeOfOtherChain', { code: n.code, chain: owner }) });
      }
    }
  }
  if (problems.length > 0) return { problems: problems.sort((a, b) => a.row - b.row), outcomes: [] };

  const outcomes: ChainSaveOutcome[] = [];
  const action = AUDIT_ACTION_OF_SOURCE[input.source];
  for (const content of input.contents) {
    const sha = fingerprintChain(content);
    const chain = existing.get(content.code);
    const version = {
      name: content.name,
      contentSha256: sha,
      source: input.source,
      sourceName: input.sourceName,
      createdBy: caller.actor.id,
      createdByName: caller.actor.displayName,
      nodes: content.nodes,
    };
    if (!chain) {
      const chainId = await insertChain(tx, { code: content.code, name: content.name, regionCode: definingRegion!.code, templateCode: input.templateCode ?? null });
      await insertChainVersion(tx, { chainId, version: 1, ...version });
      const outcome: ChainSaveOutcome = { code: content.code, name: content.name, status: 'created', version: 1, nodeCount: content.nodes.length, added: content.nodes.length, removed: 0, changed: 0 };
      await recordAudit(tx, caller, {
        action,
        objectType: 'chain',
        objectId: content.code,
        regionCode: definingRegion!.code,
        after: { ...outcome, sourceName: input.sourceName, contentSha256: sha },
      });
      outcomes.push(outcome);
      continue;
    }
    const current = await selectChainVersion(tx, chain.id, chain.currentVersion);
    if (current?.contentSha256 === sha) {
      outcomes.push({ code: chain.code, name: chain.name, status: 'unchanged', version: chain.currentVersion, nodeCount: chain.nodeCount, added: 0, removed: 0, changed: 0 });
      continue;
    }
    const before: ChainContent = { code: chain.code, name: current?.name ?? chain.name, nodes: await selectChainNodes(tx, chain.id, chain.currentVersion) };
    const diff = diffChains(before, content);
    const next = chain.currentVersion + 1;
    await insertChainVersion(tx, { chainId: chain.id, version: next, ...version });
    await updateChainCurrent(tx, chain.id, { name: content.name, currentVersion: next });
    const outcome: ChainSaveOutcome = {
      code: chain.code,
      name: content.name,
      status: 'updated',
      version: next,
      nodeCount: content.nodes.length,
      added: diff.added.length,
      removed: diff.removed.length,
      changed: diff.changed.length,
    };
    await recordAudit(tx, caller, {
      action,
      objectType: 'chain',
      objectId: chain.code,
      regionCode: chain.regionCode,
      before: { version: chain.currentVersion, name: before.name, nodeCount: chain.nodeCount, contentSha256: current?.contentSha256 },
      after: {
        ...outcome,
        sourceName: input.sourceName,
        contentSha256: sha,
        nameChange: diff.name ?? null,
        addedNodes: diff.added.map((n) => n.code),
        removedNodes: diff.removed.map((n) => n.code),
        changedNodes: diff.changed.map((n) => n.code),
      },
    });
    outcomes.push(outcome);
  }
  return { problems: [], outcomes };
}
