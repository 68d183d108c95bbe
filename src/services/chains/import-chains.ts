/**
 * Importing a chains file (DESIGN.md "Import files, second half", kind `chains`): a CSV, or an xlsx
 * whose sheet 产业链 holds the rows. Whole file or nothing, like every import: every problem of every
 * row is reported (row, column, value, reason) and nothing is written; otherwise each chain whose
 * content changed gets a new version (save-chains.ts). A dry run does all of it and rolls back.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../domain/app-error';
import { msg, renderMessage, type Lang } from '../../domain/messages/catalog';
import { parseChainRows, type ChainFileRow } from '../../imports/chains/chain-rows';
import { DEFAULT_IMPORT_LIMITS, inspectImportFile } from '../../imports/file-guard';
import { readRows } from '../../imports/sheet-reader';
import { verifyZipInflationOnce } from '../../imports/zip-inflate';
import type { Caller, Deps } from '../context';
import { saveChainContents, type ChainSaveOutcome, type ChainSaveProblem } from './save-chains';

const MAX_ROWS = 20_000;

export interface ChainImportOptions {
  fileName: string;
  dryRun?: boolean;
  /** the region that defines new chains; default the caller's home region (the CLI operator names one) */
  regionCode?: string | null;
}

export interface ChainImportResult {
  fileName: string;
  sha256: string;
  dryRun: boolean;
  ok: boolean;
  chains: ChainSaveOutcome[];
  problems: { row: number; column: string; value: string; reason: string }[];
}

class DryRunRollback extends Error {}

function renderProblems(problems: readonly ChainSaveProblem[], lang: Lang) {
  return problems.map((p) => ({ row: p.row, column: p.column, value: p.value, reason: renderMessage(p.reason, lang) }));
}

export async function importChains(deps: Deps, caller: Caller, buffer: Buffer, opts: ChainImportOptions): Promise<ChainImportResult> {
  const lang = caller.lang ?? 'zh';
  const inspected = inspectImportFile(buffer, opts.fileName);
  if (inspected.format === 'xlsx') {
    await verifyZipInflationOnce(buffer, inspected.entries ?? [], opts.fileName, { maxUncompressedBytes: DEFAULT_IMPORT_LIMITS.maxUncompressedBytes });
  }
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  const rows: ChainFileRow[] = [];
  for await (const row of readRows(buffer, 'chain', { fileName: opts.fileName, format: inspected.format })) {
    if (Object.values(row.cells).every((v) => v === '')) continue;
    rows.push(row);
    if (rows.length > MAX_ROWS) throw new AppError('LIMIT_EXCEEDED', msg('chains.fileTooManyRows', { file: opts.fileName, max: MAX_ROWS }));
  }
  const base = { fileName: opts.fileName, sha256, dryRun: opts.dryRun ?? false };
  const parsed = parseChainRows(rows);
  if (parsed.problems.length > 0) return { ...base, ok: false, chains: [], problems: renderProblems(parsed.problems, lang) };

  let saved: { problems: ChainSaveProblem[]; outcomes: ChainSaveOutcome[] } = { problems: [], outcomes: [] };
  try {
    await deps.db.transaction(async (tx) => {
      saved = await saveChainContents(tx, caller, {
        contents: parsed.chains,
        source: 'import',
        sourceName: opts.fileName,
        definingRegionCode: opts.regionCode ?? caller.actor.regionCode,
        rowOfChain: parsed.rowOfChain,
        rowOfNode: parsed.rowOfNode,
      });
      if (saved.problems.length > 0 || opts.dryRun) throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  return { ...base, ok: saved.problems.length === 0, chains: saved.outcomes, problems: renderProblems(saved.problems, lang) };
}
