/**
 * The rows of a chains file (DESIGN.md "Import files, second half", kind `chains`) turned into chain
 * contents, with every problem of every row (row, column, value, reason). Each row is one node;
 * rows with the same 产业链编码 make one chain. Checked here, without the database: formats and
 * lengths, the segment, industry codes against GB/T 4754-2017, one name per chain, node codes unique
 * in the file, parents inside the same chain, no cycles, a child in its parent's segment. The
 * service checks what needs the database (node codes of other chains, who may change a chain).
 */
import { SEGMENT_BY_NAME, type ChainContent, type ChainNode, type Segment } from '../../domain/chains/chain-content';
import { msg, type Message } from '../../domain/messages/catalog';
import { resolveIndustry } from '../../reference/industry-classification';

export interface ChainFileRow {
  rowNumber: number;
  /** cells keyed by canonical header (columns.ts COLUMNS.chain) */
  cells: Record<string, string>;
}

export interface ChainRowProblem {
  row: number;
  column: string;
  value: string;
  reason: Message;
}

export interface ParsedChains {
  chains: ChainContent[];
  /** the first row of each chain and of each node (for problems found later, by the service) */
  rowOfChain: Map<string, number>;
  rowOfNode: Map<string, number>;
  problems: ChainRowProblem[];
}

export const MAX_NODES_PER_CHAIN = 500;
const MAX_LIST_ITEMS = 30;
/** A chain or node code (after upper-casing): also the rule for a code chosen when adopting a template. */
export const CHAIN_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;
const LIST_SEPARATORS = /[;；、]/;

/** Splits a list cell on ; ； or 、, trimmed, empty items dropped, duplicates once. */
export function splitChainList(cell: string): string[] {
  return [...new Set(cell.split(LIST_SEPARATORS).map((s) => s.trim()).filter((s) => s !== ''))];
}

class RowReader {
  constructor(
    private readonly row: ChainFileRow,
    private readonly problems: ChainRowProblem[],
  ) {}

  private problem(column: string, value: string, reason: Message) {
    this.problems.push({ row: this.row.rowNumber, column, value, reason });
  }

  cell(column: string): string {
    return (this.row.cells[column] ?? '').trim();
  }

  code(column: string, required: boolean): string | null {
    const value = this.cell(column).toUpperCase();
    if (value === '') {
      if (required) this.problem(column, '', msg('chains.required', { column }));
      return null;
    }
    if (!CHAIN_CODE_PATTERN.test(value)) {
      this.problem(column, this.cell(column), msg('chains.codeFormat', { value: this.cell(column) }));
      return null;
    }
    return value;
  }

  text(column: string, max: number): string | null {
    const value = this.cell(column).replace(/\s+/g, ' ');
    if (value === '') {
      this.problem(column, '', msg('chains.required', { column }));
      return null;
    }
    if ([...value].length > max) {
      this.problem(column, value, msg('chains.tooLong', { column, max }));
      return null;
    }
    return value;
  }

  segment(column: string): Segment | null {
    const value = this.cell(column);
    if (value === '') {
      this.problem(column, '', msg('chains.required', { column }));
      return null;
    }
    const segment = SEGMENT_BY_NAME[value];
    if (!segment) this.problem(column, value, msg('chains.segment', { value }));
    return segment ?? null;
  }

  list(column: string, maxLength: number): string[] | null {
    const items = splitChainList(this.cell(column));
    if (items.length > MAX_LIST_ITEMS) {
      this.problem(column, this.cell(column), msg('chains.tooManyItems', { column, max: MAX_LIST_ITEMS }));
      return null;
    }
    const long = items.find((i) => [...i].length > maxLength);
    if (long !== undefined) {
      this.problem(column, long, msg('chains.tooLong', { column, max: maxLength }));
      return null;
    }
    return items;
  }

  industryCodes(column: string): string[] | null {
    const items = this.list(column, 60);
    if (!items) return null;
    const codes: string[] = [];
    let ok = true;
    for (const item of items) {
      const found = resolveIndustry(item);
      if (!found || found.level === 'section') {
        this.problem(column, item, msg('chains.industry', { value: item }));
        ok = false;
      } else codes.push(found.code);
    }
    return ok ? [...new Set(codes)] : null;
  }
}

interface PendingNode extends ChainNode {
  row: number;
}

/** Validates the rows of a chains file; `chains` is only meaningful (and complete) when `problems` is empty. */
export function parseChainRows(rows: Iterable<ChainFileRow>): ParsedChains {
  const problems: ChainRowProblem[] = [];
  const names = new Map<string, { name: string; row: number }>();
  const nodesByChain = new Map<string, PendingNode[]>();
  const rowOfNode = new Map<string, number>();
  const rowOfChain = new Map<string, number>();

  for (const row of rows) {
    const r = new RowReader(row, problems);
    const chainCode = r.code('产业链编码', true);
    const chainName = r.text('产业链名称', 64);
    const code = r.code('节点编码', true);
    const name = r.text('节点名称', 64);
    const parentCode = r.code('上级节点编码', false);
    const segment = r.segment('环节');
    const industryCodes = r.industryCodes('行业代码');
    const products = r.list('关键产品', 32);

    if (chainCode && chainName) {
      const first = names.get(chainCode);
      if (!first) {
        names.set(chainCode, { name: chainName, row: row.rowNumber });
        rowOfChain.set(chainCode, row.rowNumber);
      } else if (first.name !== chainName) {
        problems.push({ row: row.rowNumber, column: '产业链名称', value: chainName, reason: msg('chains.nameDiffers', { chain: chainCode, row: first.row, name: first.name }) });
      }
    }
    if (code) {
      const seen = rowOfNode.get(code);
      if (seen !== undefined) {
        problems.push({ row: row.rowNumber, column: '节点编码', value: code, reason: msg('chains.nodeDuplicate', { code, row: seen }) });
        continue;
      }
      rowOfNode.set(code, row.rowNumber);
    }
    if (code && parentCode === code) {
      problems.push({ row: row.rowNumber, column: '上级节点编码', value: parentCode, reason: msg('chains.parentSelf') });
      continue;
    }
    // a row with other problems still takes part in the checks between rows (parents, segments),
    // so that every problem of the file is reported at once
    if (!chainCode || !code || !segment) continue;
    const list = nodesByChain.get(chainCode) ?? [];
    list.push({ code, name: name ?? '', parentCode, segment, industryCodes: industryCodes ?? [], products: products ?? [], row: row.rowNumber });
    nodesByChain.set(chainCode, list);
  }

  const chains: ChainContent[] = [];
  for (const [chainCode, nodes] of nodesByChain) {
    checkParents(chainCode, nodes, problems);
    if (nodes.length > MAX_NODES_PER_CHAIN) {
      problems.push({
        row: rowOfChain.get(chainCode) ?? 0,
        column: '产业链编码',
        value: chainCode,
        reason: msg('chains.tooManyNodes', { chain: chainCode, count: nodes.length, max: MAX_NODES_PER_CHAIN }),
      });
    }
    chains.push({
      code: chainCode,
      name: names.get(chainCode)?.name ?? chainCode,
      nodes: nodes.map(({ row: _row, ...n }) => n),
    });
  }
  if (problems.length === 0 && chains.length === 0) problems.push({ row: 0, column: '', value: '', reason: msg('chains.emptyFile') });
  problems.sort((a, b) => a.row - b.row);
  return { chains, rowOfChain, rowOfNode, problems };
}

/** Parents in the same chain, the same segment as their child, and no cycles. */
function checkParents(chainCode: string, nodes: readonly PendingNode[], problems: ChainRowProblem[]) {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const segmentName = (s: Segment) => msg(`chains.segment.${s}`);
  for (const n of nodes) {
    if (!n.parentCode) continue;
    const parent = byCode.get(n.parentCode);
    if (!parent) {
      problems.push({ row: n.row, column: '上级节点编码', value: n.parentCode, reason: msg('chains.parentMissing', { parent: n.parentCode, chain: chainCode }) });
    } else if (parent.segment !== n.segment) {
      problems.push({
        row: n.row,
        column: '环节',
        value: n.segment,
        reason: msg('chains.segmentDiffers', { segment: segmentName(n.segment), parent: parent.code, parentSegment: segmentName(parent.segment) }),
      });
    }
  }
  // cycles: follow parents from each node; a walk that meets itself is a cycle (reported once, at its first row)
  const reported = new Set<string>();
  for (const start of nodes) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur: PendingNode | undefined = start;
    while (cur && !onPath.has(cur.code)) {
      onPath.add(cur.code);
      path.push(cur.code);
      cur = cur.parentCode ? byCode.get(cur.parentCode) : undefined;
    }
    if (!cur) continue;
    const cycle = path.slice(path.indexOf(cur.code));
    if (cycle.some((c) => reported.has(c))) continue;
    cycle.forEach((c) => reported.add(c));
    const first = cycle.map((c) => byCode.get(c)!).sort((a, b) => a.row - b.row)[0]!;
    problems.push({ row: first.row, column: '上级节点编码', value: first.parentCode ?? '', reason: msg('chains.parentCycle', { cycle: [...cycle, cycle[0]!].join(' → ') }) });
  }
}
