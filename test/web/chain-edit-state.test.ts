/**
 * The chain editor's state (web/src/pages/chains/chainEdit.ts): the tree per segment, moving a node with
 * its subtree, removing a subtree, a new code following into the children, suggested codes, and the
 * server's `nodes.<index>.<field>` details mapped back to the nodes as they were sent.
 */
import { describe, expect, it } from 'vitest';
import { editTrees, mapErrors, moveNode, recodeNode, removeNode, suggestCode, toChainNodes, toEditNodes } from '../../web/src/pages/chains/chainEdit';

const nodes = toEditNodes([
  { code: 'PV-U01', name: '工业硅', parentCode: null, segment: 'upstream', industryCodes: ['3218'], products: [] },
  { code: 'PV-U01-01', name: '金属硅', parentCode: 'PV-U01', segment: 'upstream', industryCodes: [], products: [] },
  { code: 'PV-U01-01-01', name: '高纯硅', parentCode: 'PV-U01-01', segment: 'upstream', industryCodes: [], products: [] },
  { code: 'PV-M01', name: '组件', parentCode: null, segment: 'midstream', industryCodes: ['3825'], products: ['组件'] },
]);
const byCode = (list: typeof nodes, code: string) => list.find((n) => n.code === code)!;

describe('chain editor state', () => {
  it('lists each segment as a tree, parents first', () => {
    const trees = editTrees(nodes);
    expect(trees.upstream.map((r) => [r.node.code, r.depth])).toEqual([
      ['PV-U01', 1],
      ['PV-U01-01', 2],
      ['PV-U01-01-01', 3],
    ]);
    expect(trees.midstream.map((r) => r.node.code)).toEqual(['PV-M01']);
    expect(trees.downstream).toEqual([]);
  });

  it('moves a node with its subtree under a parent of another segment, or to the top of a segment', () => {
    const moved = moveNode(nodes, byCode(nodes, 'PV-U01-01').key, 'PV-M01', 'upstream');
    expect(byCode(moved, 'PV-U01-01')).toMatchObject({ parentCode: 'PV-M01', segment: 'midstream' });
    expect(byCode(moved, 'PV-U01-01-01')).toMatchObject({ parentCode: 'PV-U01-01', segment: 'midstream' });
    expect(byCode(moved, 'PV-U01')).toMatchObject({ segment: 'upstream' });
    const top = moveNode(nodes, byCode(nodes, 'PV-U01').key, null, 'downstream');
    expect(top.filter((n) => n.segment === 'downstream').map((n) => n.code)).toEqual(['PV-U01', 'PV-U01-01', 'PV-U01-01-01']);
    expect(byCode(top, 'PV-U01').parentCode).toBeNull();
  });

  it('removes a node with everything below it, and a new code carries its children along', () => {
    expect(removeNode(nodes, byCode(nodes, 'PV-U01-01').key).map((n) => n.code)).toEqual(['PV-U01', 'PV-M01']);
    const recoded = recodeNode(nodes, byCode(nodes, 'PV-U01-01').key, 'PV-U01-09');
    expect(byCode(recoded, 'PV-U01-01-01').parentCode).toBe('PV-U01-09');
    expect(toChainNodes(recoded)[1]).toEqual({ code: 'PV-U01-09', name: '金属硅', parentCode: 'PV-U01', segment: 'upstream', industryCodes: [], products: [] });
  });

  it('suggests a free code under a parent or at the top of a segment', () => {
    expect(suggestCode(nodes, 'PV', 'upstream', null)).toBe('PV-U02');
    expect(suggestCode(nodes, 'PV', 'downstream', null)).toBe('PV-D01');
    expect(suggestCode(nodes, 'PV', 'upstream', 'PV-U01')).toBe('PV-U01-02');
  });

  it('maps the server’s details to the nodes as sent, the rest to the chain', () => {
    const { byNode, chain } = mapErrors(nodes, [
      { field: 'nodes.3.industryCodes', message: '节点 PV-M01 的“行业代码”：…' },
      { field: 'nodes.3.products.0', message: '第二条' },
      { field: 'name', message: '“产业链名称”必填' },
      { field: 'nodes.9.code', message: '不存在的节点' },
    ]);
    expect(byNode).toEqual({ [nodes[3]!.key]: { industryCodes: '节点 PV-M01 的“行业代码”：…', products: '第二条' } });
    expect(chain).toEqual(['“产业链名称”必填', '不存在的节点']);
  });
});
