/**
 * A chain version as a file of the chains import format (DESIGN.md "Import files, second half"):
 * download, edit, import again as the next version. RFC 4180 quoting; text cells protected against
 * formula injection (safe-cell.ts). UTF-8 with a BOM, so that Excel and WPS open it as UTF-8.
 */
import { SEGMENT_NAMES } from '../domain/chains/chain-content';
import { COLUMNS } from '../imports/columns';
import { safeCell } from './safe-cell';

interface ChainFile {
  code: string;
  name: string;
  nodes: readonly { code: string; name: string; parentCode: string | null; segment: 'upstream' | 'midstream' | 'downstream'; industryCodes: readonly string[]; products: readonly string[] }[];
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function buildChainCsv(chain: ChainFile): Buffer {
  const header = COLUMNS.chain.map((c) => c.header);
  const lines = [header.join(',')];
  for (const n of chain.nodes) {
    const cells = [chain.code, chain.name, n.code, n.name, n.parentCode ?? '', SEGMENT_NAMES[n.segment], n.industryCodes.join(';'), n.products.join(';')];
    lines.push(cells.map((c) => quote(safeCell(c))).join(','));
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}
