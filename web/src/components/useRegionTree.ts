import { useCallback, useEffect, useRef, useState } from 'react';
import { regionsApi } from '../api/regions';
import type { Me, RegionChild } from '../api/types';

export interface RegionNode {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  isLeaf: boolean;
}

function fromChild(c: RegionChild): RegionNode {
  return { code: c.code, name: c.name, level: c.level, parentCode: c.parentCode, isLeaf: !c.hasChildren };
}

/**
 * A lazily loaded region tree rooted at the user's home region: the server limits every user to that subtree.
 * Nodes are kept flat (parentCode links) so both Tree and TreeSelect can use them.
 */
export function useRegionTree(me: Me) {
  const [nodes, setNodes] = useState<RegionNode[]>(() => [
    {
      code: me.regionCode,
      name: me.regionName,
      level: me.regionLevel,
      parentCode: null,
      isLeaf: me.regionLevel === 'park',
    },
  ]);
  const loaded = useRef(new Set<string>());

  useEffect(() => {
    loaded.current.clear();
    setNodes([
      { code: me.regionCode, name: me.regionName, level: me.regionLevel, parentCode: null, isLeaf: me.regionLevel === 'park' },
    ]);
  }, [me.regionCode, me.regionName, me.regionLevel]);

  const merge = useCallback((incoming: RegionNode[], replaceChildrenOf?: string) => {
    setNodes((prev) => {
      const keep = replaceChildrenOf ? prev.filter((n) => n.parentCode !== replaceChildrenOf) : prev;
      const byCode = new Map(keep.map((n) => [n.code, n]));
      for (const n of incoming) byCode.set(n.code, { ...byCode.get(n.code), ...n });
      // regions before parks, each in code order
      return [...byCode.values()].sort(
        (a, b) => Number(a.level === 'park') - Number(b.level === 'park') || a.code.localeCompare(b.code),
      );
    });
  }, []);

  /** Loads (or, with force, reloads) the children of one node. */
  const loadChildren = useCallback(
    async (code: string, force = false) => {
      if (loaded.current.has(code) && !force) return;
      loaded.current.add(code);
      try {
        const children = await regionsApi.children(code);
        merge(children.map(fromChild), code);
        if (children.length === 0) {
          setNodes((prev) => prev.map((n) => (n.code === code ? { ...n, isLeaf: true } : n)));
        }
      } catch (err) {
        loaded.current.delete(code);
        throw err;
      }
    },
    [merge],
  );

  /** Makes sure a code (e.g. a form's current value) has a label even before its branch is expanded. */
  const ensure = useCallback(
    async (code: string) => {
      if (!code || nodes.some((n) => n.code === code)) return;
      const region = await regionsApi.get(code);
      merge([{ code: region.code, name: region.name, level: region.level, parentCode: region.parentCode, isLeaf: false }]);
    },
    [merge, nodes],
  );

  return { nodes, loadChildren, ensure, rootCode: me.regionCode };
}
