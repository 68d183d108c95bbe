/**
 * The shipped chain templates (issue 12 item 2): one CSV per chain in src/reference/chain-templates/,
 * in the chains import format, read and checked by the same rules as an uploaded file. An
 * installation adopts, edits or ignores them.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChainContent } from '../../domain/chains/chain-content';
import { renderMessage } from '../../domain/messages/catalog';
import { readRows } from '../sheet-reader';
import { parseChainRows, type ChainFileRow } from './chain-rows';

export const CHAIN_TEMPLATE_DIR = fileURLToPath(new URL('../../reference/chain-templates/', import.meta.url));

export interface ChainTemplate extends ChainContent {
  fileName: string;
}

let cached: Promise<ChainTemplate[]> | undefined;

async function readTemplate(fileName: string): Promise<ChainTemplate[]> {
  const bytes = await fs.readFile(path.join(CHAIN_TEMPLATE_DIR, fileName));
  const rows: ChainFileRow[] = [];
  for await (const row of readRows(bytes, 'chain', { fileName, format: 'csv' })) rows.push(row);
  const parsed = parseChainRows(rows);
  const first = parsed.problems[0];
  if (first) throw new Error(`chain template ${fileName} row ${first.row} ${first.column}: ${renderMessage(first.reason, 'zh')}`);
  return parsed.chains.map((c) => ({ ...c, fileName }));
}

/** Every template, in chain-code order (read once per process). */
export function listChainTemplates(): Promise<ChainTemplate[]> {
  cached ??= (async () => {
    let names: string[];
    try {
      names = (await fs.readdir(CHAIN_TEMPLATE_DIR)).filter((n) => n.endsWith('.csv')).sort();
    } catch {
      return [];
    }
    const all = (await Promise.all(names.map(readTemplate))).flat();
    return all.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  })();
  return cached;
}

/** The template's CSV as shipped (for download). */
export async function readChainTemplateFile(fileName: string): Promise<Buffer> {
  return fs.readFile(path.join(CHAIN_TEMPLATE_DIR, path.basename(fileName)));
}
