import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { projectsApi } from '../api/projects';
import type { Industry } from '../../../src/contracts/projects';

/** A node of the GB/T 4754 tree: 门类 → 大类 → 中类 → 小类, each selectable. */
export interface IndustryNode {
  value: string;
  title: string;
  /** name and code, lower-cased, and the name's pinyin initials: what the search box matches */
  search: string;
  children?: IndustryNode[];
}

/** Builds the tree once from the flat table (1,972 rows; a child's parentCode names its parent). */
export function buildIndustryTree(items: readonly Industry[]): IndustryNode[] {
  const nodes = new Map<string, IndustryNode>();
  for (const i of items) nodes.set(i.code, { value: i.code, title: `${i.code} ${i.name}`, search: `${i.code} ${i.name} ${i.pinyinInitials}`.toLowerCase() });
  const roots: IndustryNode[] = [];
  // the API orders by code; a 门类 letter sorts after the digits, so attach once all nodes exist
  for (const i of items) {
    const node = nodes.get(i.code) as IndustryNode;
    const parent = i.parentCode ? nodes.get(i.parentCode) : undefined;
    if (!parent) roots.push(node);
    else (parent.children ??= []).push(node);
  }
  return roots;
}

/** The whole tree, loaded once per session. */
export function useIndustryTree(): IndustryNode[] {
  const { data } = useQuery({ queryKey: ['industries'], queryFn: projectsApi.industries, staleTime: Infinity });
  return useMemo(() => buildIndustryTree(data ?? []), [data]);
}

/** Code → "code name" of every node, for labels of a chosen code. */
export function useIndustryTitles(): Map<string, string> {
  const tree = useIndustryTree();
  return useMemo(() => {
    const out = new Map<string, string>();
    const walk = (list: IndustryNode[]) => {
      for (const n of list) {
        out.set(n.value, n.title);
        if (n.children) walk(n.children);
      }
    };
    walk(tree);
    return out;
  }, [tree]);
}
