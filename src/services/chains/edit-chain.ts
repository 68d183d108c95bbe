/**
 * The chain editor of the UI: an analyst saves a whole chain definition (its name and nodes) without
 * preparing a file. The nodes go through the rules of the chains file (parseChainRows, one node a
 * row) and the one write path (saveChainContents): same checks, same new version, same audit (action
 * `chain.edit`). The request names the version it was based on; when the chain has moved on meanwhile
 * nothing is written and the answer says who saved which version (409).
 */
import { lockChainWrites, selectChainByCode, selectChainVersion } from '../../db/queries/chains/chains';
import { AppError, type AppErrorDetailInput } from '../../domain/app-error';
import { SEGMENT_NAMES, type ChainNode } from '../../domain/chains/chain-content';
import { msg, type Message } from '../../domain/messages/catalog';
import { parseChainRows, type ChainFileRow } from '../../imports/chains/chain-rows';
import type { Caller, Deps } from '../context';
import { canChangeChain, requireVisibleChain } from './chain-scope';
import { saveChainContents, type ChainSaveOutcome } from './save-chains';

export interface ChainEdit {
  /** the version the editor started from */
  baseVersion: number;
  name: string;
  /** in the order the editor shows them (kept as the order of the version) */
  nodes: ChainNode[];
}

export interface ChainEditResult extends ChainSaveOutcome {
  baseVersion: number;
}

/** The file's column of each field of a node (the problems of parseChainRows name columns). */
const FIELD_OF_COLUMN: Readonly<Record<string, string>> = {
  节点编码: 'code',
  节点名称: 'name',
  上级节点编码: 'parentCode',
  环节: 'segment',
  行业代码: 'industryCodes',
  关键产品: 'products',
};

class DryRunRollback extends Error {}

function toRows(chainCode: string, edit: ChainEdit): ChainFileRow[] {
  return edit.nodes.map((n, i) => ({
    rowNumber: i + 1,
    cells: {
      产业链编码: chainCode,
      产业链名称: edit.name,
      节点编码: n.code,
      节点名称: n.name,
      上级节点编码: n.parentCode ?? '',
      环节: SEGMENT_NAMES[n.segment],
      行业代码: n.industryCodes.join(';'),
      关键产品: n.products.join(';'),
    },
  }));
}

/**
 * Problems (row = node index + 1, column of the file) as error details: field `nodes.<index>.<field>`
 * (or `name` for the chain's name), the message naming the node code and the field. Chain-level
 * problems repeated on every row are given once.
 */
function toDetails(edit: ChainEdit, problems: readonly { row: number; column: string; reason: Message }[]): AppErrorDetailInput[] {
  const details: AppErrorDetailInput[] = [];
  const seen = new Set<string>();
  for (const p of problems) {
    const field = FIELD_OF_COLUMN[p.column];
    const node = edit.nodes[p.row - 1];
    if (field && node) {
      const code = node.code.trim().toUpperCase();
      const label = code === '' ? msg('chains.editNodeUnnamed', { n: p.row }) : code;
      details.push({ field: `nodes.${p.row - 1}.${field}`, message: msg('chains.editNodeProblem', { node: label, column: p.column, reason: p.reason }) });
      continue;
    }
    const key = `${p.column}|${JSON.stringify(p.reason)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push({ field: 'name', message: p.column === '' ? p.reason : msg('chains.editChainProblem', { column: p.column, reason: p.reason }) });
  }
  return details;
}

function invalid(chainCode: string, details: AppErrorDetailInput[]): AppError {
  return new AppError('VALIDATION', msg('chains.editInvalid', { chain: chainCode, count: details.length }), details);
}

const formatTime = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** Saves the edited chain as its next version (nothing when the content is the same); a dry run checks only. */
export async function editChain(deps: Deps, caller: Caller, code: string, edit: ChainEdit, opts: { dryRun?: boolean } = {}): Promise<ChainEditResult> {
  const chain = await requireVisibleChain(deps, caller, code);
  if (!canChangeChain(caller.actor, chain.regionPath)) throw new AppError('FORBIDDEN', msg('chains.otherRegion', { chain: chain.code, region: chain.regionName }));
  if (edit.nodes.length === 0) throw invalid(chain.code, [{ field: 'nodes', message: msg('chains.editEmpty') }]);

  const parsed = parseChainRows(toRows(chain.code, edit));
  if (parsed.problems.length > 0) throw invalid(chain.code, toDetails(edit, parsed.problems));
  const content = parsed.chains[0]!;

  let result: ChainEditResult | undefined;
  try {
    await deps.db.transaction(async (tx) => {
      await lockChainWrites(tx);
      const now = await selectChainByCode(tx, chain.code);
      if (!now) throw new AppError('NOT_FOUND', msg('chains.notFound'));
      if (now.currentVersion !== edit.baseVersion) {
        const latest = await selectChainVersion(tx, now.id, now.currentVersion);
        throw new AppError(
          'VERSION_CONFLICT',
          msg('chains.staleVersion', {
            chain: now.code,
            by: latest?.createdByName ?? '—',
            at: latest ? formatTime(latest.createdAt) : '—',
            current: now.currentVersion,
            base: edit.baseVersion,
          }),
        );
      }
      const saved = await saveChainContents(tx, caller, {
        contents: [content],
        source: 'edit',
        sourceName: null,
        definingRegionCode: now.regionCode,
        rowOfChain: parsed.rowOfChain,
        rowOfNode: parsed.rowOfNode,
      });
      if (saved.problems.length > 0) throw invalid(chain.code, toDetails(edit, saved.problems));
      result = { ...saved.outcomes[0]!, baseVersion: edit.baseVersion };
      if (opts.dryRun) throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  return result!;
}
