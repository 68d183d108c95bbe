/**
 * The shipped industry-chain templates (src/reference/chain-templates/*.csv) follow the `chains`
 * import format (DESIGN.md, "Import files, second half") and the template rules: one chain per
 * file, node codes unique across all templates and prefixed by their chain code, parents in the
 * same file without cycles, a child in its parent's 环节, every 行业代码 a GB/T 4754-2017 大类,
 * 中类 or 小类 of the repository's table, each node with a code or 2–8 key products (none of them
 * on another node of the chain, none a bare generic word), 15–40 nodes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CsvParser } from '../../src/imports/csv-parser';
import { INDUSTRIES } from '../../src/reference/industry-classification';
import { INDUSTRY_GROUPS_AND_CLASSES } from '../../src/reference/industry-classes-data';

const TEMPLATES_DIR = fileURLToPath(new URL('../../src/reference/chain-templates', import.meta.url));

const HEADER = ['产业链编码', '产业链名称', '节点编码', '节点名称', '上级节点编码', '环节', '行业代码', '关键产品'];
const EXPECTED_CHAINS = ['AGRIFOOD', 'COALCHEM', 'H2', 'LIB', 'NEWMAT', 'PV', 'SILICONE', 'TEXTILE'];
const STAGES: ReadonlySet<string> = new Set(['上游', '中游', '下游']);
/** Words that alone match half the register: a key product must say more. */
const TOO_GENERIC: ReadonlySet<string> = new Set(['设备', '材料', '技术', '服务', '产品', '销售', '加工', '制造']);
const CHAIN_CODE = /^[A-Z0-9]{2,16}$/;
const NODE_CODE_TAIL = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;
const LIST_SEPARATOR = /[;、]/;
const MAX_DEPTH = 3;

/** 大类 from industry-classification.ts, 中类 and 小类 from industry-classes-data.ts. */
const KNOWN_INDUSTRY_CODES: ReadonlySet<string> = new Set([
  ...INDUSTRIES.filter((i) => i.level === 'division').map((i) => i.code),
  ...INDUSTRY_GROUPS_AND_CLASSES.map(([code]) => code),
]);

interface TemplateNode {
  row: number;
  chainCode: string;
  chainName: string;
  code: string;
  name: string;
  parentCode: string;
  stage: string;
  industryCodes: string[];
  products: string[];
}

interface Template {
  file: string;
  nodes: TemplateNode[];
  problems: string[];
}

const splitList = (cell: string): string[] => cell.split(LIST_SEPARATOR).map((s) => s.trim()).filter((s) => s !== '');

/** Parses one template file and lists every rule it breaks on its own (cross-file rules are separate). */
function checkTemplate(file: string, bytes: Buffer): Template {
  const problems: string[] = [];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) problems.push(`${file}: starts with a UTF-8 BOM`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { file, nodes: [], problems: [...problems, `${file}: not valid UTF-8`] };
  }
  const parser = new CsvParser(file);
  const records = [...parser.push(text), ...parser.end()];
  const [header, ...rows] = records;
  if (header === undefined || header.values.join(',') !== HEADER.join(',')) {
    problems.push(`${file}: header is ${JSON.stringify(header?.values ?? [])}, expected ${HEADER.join(',')}`);
  }
  const nodes: TemplateNode[] = [];
  for (const { rowNumber: row, values } of rows) {
    if (values.length !== HEADER.length) problems.push(`${file}:${row}: ${values.length} cells, expected ${HEADER.length}`);
    const [chainCode = '', chainName = '', code = '', name = '', parentCode = '', stage = '', codes = '', products = ''] = values.map((v) => v.trim());
    nodes.push({ row, chainCode, chainName, code, name, parentCode, stage, industryCodes: splitList(codes), products: splitList(products) });
  }
  problems.push(...checkNodes(file, nodes));
  return { file, nodes, problems };
}

function checkNodes(file: string, nodes: readonly TemplateNode[]): string[] {
  const problems: string[] = [];
  const first = nodes[0];
  if (first === undefined) return [`${file}: no nodes`];
  const chainCodes = new Set(nodes.map((n) => n.chainCode));
  const chainNames = new Set(nodes.map((n) => n.chainName));
  if (chainCodes.size !== 1) problems.push(`${file}: several chain codes ${[...chainCodes].join(' ')}`);
  if (chainNames.size !== 1) problems.push(`${file}: several chain names ${[...chainNames].join(' ')}`);
  if (!CHAIN_CODE.test(first.chainCode)) problems.push(`${file}: bad chain code "${first.chainCode}"`);
  if (first.chainName === '') problems.push(`${file}: empty chain name`);
  if (file !== `${first.chainCode.toLowerCase()}.csv`) problems.push(`${file}: file name should be ${first.chainCode.toLowerCase()}.csv`);
  if (nodes.length < 15 || nodes.length > 40) problems.push(`${file}: ${nodes.length} nodes, expected 15–40`);

  const byCode = new Map<string, TemplateNode>();
  const names = new Set<string>();
  const productOwner = new Map<string, string>();
  for (const n of nodes) {
    const at = `${file}:${n.row} ${n.code}`;
    const prefix = `${n.chainCode}-`;
    if (!n.code.startsWith(prefix) || !NODE_CODE_TAIL.test(n.code.slice(prefix.length)) || n.code.length > 32) {
      problems.push(`${at}: node code must be ${prefix} + uppercase letters/digits/'-', at most 32 characters`);
    }
    if (byCode.has(n.code)) problems.push(`${at}: node code repeated in the file`);
    byCode.set(n.code, n);
    if (n.name === '') problems.push(`${at}: empty node name`);
    if (names.has(n.name)) problems.push(`${at}: node name "${n.name}" repeated in the file`);
    names.add(n.name);
    if (!STAGES.has(n.stage)) problems.push(`${at}: 环节 "${n.stage}" is not 上游/中游/下游`);
    if (n.industryCodes.length === 0 && n.products.length === 0) problems.push(`${at}: neither 行业代码 nor 关键产品`);
    for (const c of n.industryCodes) {
      if (!KNOWN_INDUSTRY_CODES.has(c)) problems.push(`${at}: 行业代码 ${c} is not a GB/T 4754-2017 大类, 中类 or 小类`);
    }
    if (new Set(n.industryCodes).size !== n.industryCodes.length) problems.push(`${at}: 行业代码 repeated`);
    if (n.products.length > 0 && (n.products.length < 2 || n.products.length > 8)) {
      problems.push(`${at}: ${n.products.length} key products, expected 2–8`);
    }
    if (new Set(n.products).size !== n.products.length) problems.push(`${at}: key product repeated`);
    for (const p of n.products) {
      if (TOO_GENERIC.has(p)) problems.push(`${at}: key product "${p}" is too generic`);
      const owner = productOwner.get(p);
      if (owner !== undefined && owner !== n.code) problems.push(`${at}: key product "${p}" is also on ${owner}`);
      productOwner.set(p, n.code);
    }
  }

  for (const n of nodes) {
    if (n.parentCode === '') continue;
    const at = `${file}:${n.row} ${n.code}`;
    const parent = byCode.get(n.parentCode);
    if (parent === undefined) {
      problems.push(`${at}: parent ${n.parentCode} is not a node of this file`);
      continue;
    }
    if (parent.stage !== n.stage) problems.push(`${at}: 环节 ${n.stage} differs from its parent's ${parent.stage}`);
    const chain = [n.code];
    let up: TemplateNode | undefined = parent;
    while (up !== undefined && !chain.includes(up.code)) {
      chain.push(up.code);
      up = up.parentCode === '' ? undefined : byCode.get(up.parentCode);
    }
    if (up !== undefined) problems.push(`${at}: cycle ${[...chain, up.code].join(' → ')}`);
    else if (chain.length > MAX_DEPTH) problems.push(`${at}: ${chain.length} levels deep, at most ${MAX_DEPTH}`);
  }
  return problems;
}

const templateFiles = readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.csv')).sort();
const templates = templateFiles.map((f) => checkTemplate(f, readFileSync(path.join(TEMPLATES_DIR, f))));

describe('shipped chain templates', () => {
  it('are the eight chains of the seeds, one file each', () => {
    expect(templates.map((t) => t.nodes[0]?.chainCode).sort()).toEqual(EXPECTED_CHAINS);
  });

  it.each(templateFiles)('%s follows the template rules', (file) => {
    expect(templates.find((t) => t.file === file)?.problems).toEqual([]);
  });

  it('use each node code once across all templates', () => {
    const seen = new Map<string, string>();
    const repeated: string[] = [];
    for (const t of templates) {
      for (const n of t.nodes) {
        const other = seen.get(n.code);
        if (other !== undefined) repeated.push(`${n.code} in ${other} and ${t.file}`);
        seen.set(n.code, t.file);
      }
    }
    expect(repeated).toEqual([]);
  });

  it('cover 上游, 中游 and 下游 in every chain', () => {
    for (const t of templates) expect([...new Set(t.nodes.map((n) => n.stage))].sort(), t.file).toEqual(['上游', '下游', '中游'].sort());
  });

  it('are each described in the README', () => {
    const readme = readFileSync(path.join(TEMPLATES_DIR, 'README.md'), 'utf8');
    for (const code of EXPECTED_CHAINS) expect(readme, code).toContain(code);
  });
});

describe('the template check', () => {
  const good = readFileSync(path.join(TEMPLATES_DIR, 'pv.csv'), 'utf8');
  const problemsOf = (text: string, file = 'pv.csv') => checkTemplate(file, Buffer.from(text, 'utf8')).problems;
  const replaceRow = (code: string, edit: (cells: string[]) => string[]) =>
    good
      .split('\n')
      .map((line) => (line.split(',')[2] === code ? edit(line.split(',')).join(',') : line))
      .join('\n');

  it('passes the shipped file it starts from', () => {
    expect(problemsOf(good)).toEqual([]);
  });

  it('rejects a BOM, a changed header and a second chain code', () => {
    expect(problemsOf(`\ufeff${good}`)).toEqual(['pv.csv: starts with a UTF-8 BOM']);
    expect(problemsOf(good.replace('关键产品', '产品')).join()).toContain('header');
    expect(problemsOf(replaceRow('PV-D06', (c) => ['PVX', ...c.slice(1)])).join()).toContain('several chain codes');
  });

  it('rejects an unknown industry code, a node without code or product, a bad node code and a key product on two nodes', () => {
    expect(problemsOf(replaceRow('PV-M01', (c) => [...c.slice(0, 6), '3826', c[7] ?? '']))).toEqual([
      'pv.csv:15 PV-M01: 行业代码 3826 is not a GB/T 4754-2017 大类, 中类 or 小类',
    ]);
    expect(problemsOf(replaceRow('PV-M02', (c) => [...c.slice(0, 6), '', '']))).toEqual(['pv.csv:16 PV-M02: neither 行业代码 nor 关键产品']);
    expect(problemsOf(replaceRow('PV-M03', (c) => [...c.slice(0, 2), 'PV-m03', ...c.slice(3)])).join()).toContain('node code must be PV-');
    expect(problemsOf(replaceRow('PV-M03', (c) => [...c.slice(0, 7), '光伏逆变器;光伏组件']))).toEqual([
      'pv.csv:17 PV-M03: key product "光伏组件" is also on PV-M02',
    ]);
  });

  it('rejects a missing parent, a parent in another 环节 and a cycle', () => {
    expect(problemsOf(replaceRow('PV-U02-01', (c) => [...c.slice(0, 4), 'PV-U09', ...c.slice(5)]))).toEqual([
      'pv.csv:6 PV-U02-01: parent PV-U09 is not a node of this file',
    ]);
    expect(problemsOf(replaceRow('PV-U02-01', (c) => [...c.slice(0, 5), '中游', ...c.slice(6)]))).toEqual([
      'pv.csv:6 PV-U02-01: 环节 中游 differs from its parent\'s 上游',
    ]);
    expect(problemsOf(replaceRow('PV-U02', (c) => [...c.slice(0, 4), 'PV-U02-01', ...c.slice(5)])).join()).toContain('cycle');
  });

  it('rejects too few nodes', () => {
    expect(problemsOf(good.split('\n').slice(0, 10).join('\n')).join()).toContain('9 nodes, expected 15–40');
  });
});
