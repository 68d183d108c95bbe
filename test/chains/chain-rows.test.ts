/** The chains file format: every problem of every row, parents and segments, and the content fingerprint and diff. */
import { describe, expect, it } from 'vitest';
import { diffChains, fingerprintChain, orderParentsFirst, type ChainContent } from '../../src/domain/chains/chain-content';
import { judgeCoverage, listSubtreeCodes, summarizeCoverage, WEAK_BELOW } from '../../src/domain/chains/chain-coverage';
import { renderMessage } from '../../src/domain/messages/catalog';
import { parseChainRows, splitChainList, type ChainFileRow } from '../../src/imports/chains/chain-rows';

const HEADERS = ['产业链编码', '产业链名称', '节点编码', '节点名称', '上级节点编码', '环节', '行业代码', '关键产品'] as const;

function rows(...lines: string[][]): ChainFileRow[] {
  return lines.map((values, i) => ({ rowNumber: i + 2, cells: Object.fromEntries(HEADERS.map((h, j) => [h, values[j] ?? ''])) }));
}

const reasons = (parsed: ReturnType<typeof parseChainRows>) => parsed.problems.map((p) => `${p.row} ${p.column} ${renderMessage(p.reason, 'zh')}`);

describe('parseChainRows', () => {
  it('reads nodes, nested and in any order, with codes resolved at their level and lists split on ; ； 、', () => {
    const parsed = parseChainRows(
      rows(
        ['pv', '光伏产业链', 'pv-m01-01', '电池片', 'PV-M01', '中游', '3825', '电池片；TOPCon'],
        ['PV', '光伏产业链', 'PV-M01', '光伏制造', '', '中游', 'C38', ''],
        ['PV', '光伏产业链', 'PV-U01', '多晶硅', '', '上游', '3985、锂离子电池制造', '多晶硅;颗粒硅;多晶硅'],
      ),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.chains).toHaveLength(1);
    const chain = parsed.chains[0]!;
    expect(chain).toMatchObject({ code: 'PV', name: '光伏产业链' });
    expect(chain.nodes).toEqual([
      { code: 'PV-M01-01', name: '电池片', parentCode: 'PV-M01', segment: 'midstream', industryCodes: ['3825'], products: ['电池片', 'TOPCon'] },
      { code: 'PV-M01', name: '光伏制造', parentCode: null, segment: 'midstream', industryCodes: ['38'], products: [] },
      { code: 'PV-U01', name: '多晶硅', parentCode: null, segment: 'upstream', industryCodes: ['3985', '3841'], products: ['多晶硅', '颗粒硅'] },
    ]);
    expect(orderParentsFirst(chain.nodes).map((n) => n.code)).toEqual(['PV-M01', 'PV-M01-01', 'PV-U01']);
    expect(parsed.rowOfNode.get('PV-U01')).toBe(4);
  });

  it('reports every problem of a row, not only the first', () => {
    const parsed = parseChainRows(rows(['光伏', '', 'X Y', '', '', '侧游', '9999;C', 'a'.repeat(33)]));
    expect(reasons(parsed)).toEqual([
      '2 产业链编码 编码“光伏”格式不对：应为 1–32 位字母、数字、“-”或“_”，以字母或数字开头',
      '2 产业链名称 “产业链名称”必填',
      '2 节点编码 编码“X Y”格式不对：应为 1–32 位字母、数字、“-”或“_”，以字母或数字开头',
      '2 节点名称 “节点名称”必填',
      '2 环节 环节“侧游”无效，应为 上游、中游 或 下游',
      '2 行业代码 行业代码“9999”不在 GB/T 4754-2017 中',
      '2 行业代码 行业代码“C”不在 GB/T 4754-2017 中',
      '2 关键产品 “关键产品”不能超过 32 个字',
    ]);
  });

  it('refuses contradictions between rows: two names, duplicate codes, a missing or self parent, a cycle, a child in another segment', () => {
    const parsed = parseChainRows(
      rows(
        ['PV', '光伏产业链', 'PV-A', '甲', 'PV-C', '上游'],
        ['PV', '光伏', 'PV-B', '乙', 'PV-A', '上游'],
        ['PV', '光伏产业链', 'PV-C', '丙', 'PV-B', '上游'],
        ['PV', '光伏产业链', 'PV-A', '甲二', '', '上游'],
        ['PV', '光伏产业链', 'PV-D', '丁', 'PV-X', '中游'],
        ['PV', '光伏产业链', 'PV-E', '戊', 'PV-E', '中游'],
        ['PV', '光伏产业链', 'PV-F', '己', '', '下游'],
        ['PV', '光伏产业链', 'PV-G', '庚', 'PV-F', '中游'],
      ),
    );
    expect(reasons(parsed)).toEqual([
      '2 上级节点编码 上级节点形成循环：PV-A → PV-C → PV-B → PV-A',
      '3 产业链名称 产业链 PV 的名称与第 2 行的“光伏产业链”不一致',
      '5 节点编码 节点编码 PV-A 在第 2 行已出现',
      '6 上级节点编码 上级节点 PV-X 不在产业链 PV 的节点中',
      '7 上级节点编码 节点不能以自己为上级',
      '9 环节 节点的环节（中游）与上级节点 PV-F 的环节（下游）不同',
    ]);
  });

  it('reports an empty file, and renders problems in English', () => {
    expect(reasons(parseChainRows([]))).toEqual(['0  文件中没有产业链数据行']);
    const parsed = parseChainRows(rows(['PV', '光伏产业链', 'PV-A', '甲', '', '旁游']));
    expect(renderMessage(parsed.problems[0]!.reason, 'en')).toBe('Segment “旁游” is invalid: it must be upstream, midstream or downstream, written in Chinese as in the template');
  });

  it('splits lists on the three separators and drops blanks and repeats', () => {
    expect(splitChainList(' a ;b；c、 ;a ')).toEqual(['a', 'b', 'c']);
    expect(splitChainList('')).toEqual([]);
  });
});

describe('chain content', () => {
  const base: ChainContent = {
    code: 'PV',
    name: '光伏产业链',
    nodes: [
      { code: 'PV-U01', name: '多晶硅', parentCode: null, segment: 'upstream', industryCodes: ['3985', '2619'], products: ['多晶硅'] },
      { code: 'PV-M01', name: '组件', parentCode: null, segment: 'midstream', industryCodes: ['3825'], products: ['组件'] },
    ],
  };

  it('fingerprints content, not the order of nodes or of list items', () => {
    const reordered: ChainContent = { ...base, nodes: [{ ...base.nodes[1]! }, { ...base.nodes[0]!, industryCodes: ['2619', '3985'] }] };
    expect(fingerprintChain(reordered)).toBe(fingerprintChain(base));
    expect(fingerprintChain({ ...base, name: '光伏' })).not.toBe(fingerprintChain(base));
    const renamed = { ...base, nodes: [base.nodes[0]!, { ...base.nodes[1]!, name: '光伏组件' }] };
    expect(fingerprintChain(renamed)).not.toBe(fingerprintChain(base));
    const moved = { ...base, nodes: [base.nodes[0]!, { ...base.nodes[1]!, products: ['组件', '背板'] }] };
    expect(fingerprintChain(moved)).not.toBe(fingerprintChain(base));
  });

  it('diffs two versions node by node', () => {
    const after: ChainContent = {
      code: 'PV',
      name: '光伏全产业链',
      nodes: [
        { code: 'PV-U01', name: '多晶硅', parentCode: null, segment: 'upstream', industryCodes: ['3985'], products: ['多晶硅', '颗粒硅'] },
        { code: 'PV-D01', name: '电站', parentCode: null, segment: 'downstream', industryCodes: ['4416'], products: ['光伏电站'] },
      ],
    };
    const diff = diffChains(base, after);
    expect(diff.name).toEqual({ before: '光伏产业链', after: '光伏全产业链' });
    expect(diff.added.map((n) => n.code)).toEqual(['PV-D01']);
    expect(diff.removed.map((n) => n.code)).toEqual(['PV-M01']);
    expect(diff.changed).toEqual([{ code: 'PV-U01', industryCodes: { added: [], removed: ['2619'] }, products: { added: ['颗粒硅'], removed: [] } }]);
    expect(diffChains(base, base)).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe('judgeCoverage', () => {
  const node = (code: string, segment: 'upstream' | 'midstream' | 'downstream', parentCode: string | null = null) => ({ code, name: code, parentCode, segment, industryCodes: [], products: [] });
  const figures = (enterprises: number, p: Partial<Record<'lead' | 'negotiating' | 'signed' | 'started' | 'operating', number>> = {}) => ({
    enterprises,
    lead: 0,
    negotiating: 0,
    signed: 0,
    started: 0,
    operating: 0,
    ...p,
  });

  it('needs WEAK_BELOW enterprises or a project signed or later to count a node as present', () => {
    const nodes = [node('A', 'upstream'), node('B', 'upstream'), node('C', 'midstream'), node('D', 'midstream'), node('E', 'midstream'), node('F', 'downstream')];
    const judged = judgeCoverage(
      nodes,
      new Map([
        ['A', figures(WEAK_BELOW)],
        ['B', figures(WEAK_BELOW - 1)],
        ['C', figures(0, { operating: 1 })],
        ['D', figures(0, { negotiating: 2, lead: 1 })],
        ['E', figures(0, { started: 1 })],
      ]),
    );
    expect(judged.map((j) => `${j.code}:${j.status}`)).toEqual(['A:present', 'B:weak', 'C:present', 'D:weak', 'E:present', 'F:extend']);
    expect(renderMessage(judged[3]!.rule, 'zh')).toBe('本地企业 0 家（少于 3 家）、在库项目 3 个，尚无签约以后阶段的项目：强链');
  });

  it('calls an empty downstream node a gap, not an extension, when nothing upstream or midstream is local', () => {
    const nodes = [node('U', 'upstream'), node('D', 'downstream'), node('D1', 'downstream', 'D')];
    const none = judgeCoverage(nodes, new Map());
    expect(none.map((j) => j.status)).toEqual(['gap', 'gap', 'gap']);
    const downstreamOnly = judgeCoverage(nodes, new Map([['D1', figures(1)], ['D', figures(1)]]));
    expect(downstreamOnly.map((j) => j.status)).toEqual(['gap', 'weak', 'weak']);
    expect(summarizeCoverage(nodes, downstreamOnly)).toEqual({ leafNodes: 2, coveredLeafNodes: 1, coveragePct: 50 });
    expect(summarizeCoverage([], [])).toEqual({ leafNodes: 0, coveredLeafNodes: 0, coveragePct: null });
  });

  it('lists each node with the nodes below it', () => {
    const nodes = [node('A', 'upstream'), node('A1', 'upstream', 'A'), node('A11', 'upstream', 'A1'), node('B', 'midstream')];
    expect(Object.fromEntries(listSubtreeCodes(nodes))).toEqual({ A: ['A', 'A1', 'A11'], A1: ['A1', 'A11'], A11: ['A11'], B: ['B'] });
  });
});
