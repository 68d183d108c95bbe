import { useMemo, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { chainsApi, SEGMENTS, type ChainDetail, type ChainNode } from '../../api/chains';
import { useI18n } from '../../i18n';

/** The node a project names now, shown even when it is no longer in its chain's current version. */
export interface KnownChainNode {
  code: string;
  name: string | null;
  chainName: string | null;
  current: boolean;
}

interface TreeNode {
  value: string;
  title: string;
  search: string;
  selectable?: boolean;
  children?: TreeNode[];
}

interface Props {
  /** Set by Form.Item so the label points at the input. */
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** the project's region: only the chains it uses (defined at it or above) are offered */
  regionCode?: string;
  /** every chain the user sees instead (a list filter) */
  allVisible?: boolean;
  known?: KnownChainNode | null;
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
  size?: 'small' | 'middle';
}

function buildNodes(nodes: readonly ChainNode[], parent: string | null): TreeNode[] {
  return nodes
    .filter((n) => n.parentCode === parent)
    .map((n) => {
      const children = buildNodes(nodes, n.code);
      return { value: n.code, title: `${n.name}（${n.code}）`, search: `${n.name} ${n.code}`.toLowerCase(), ...(children.length ? { children } : {}) };
    });
}

/** chain → segment → nodes (nested as in the chain); chains and segments are headings, not choices. */
function buildTree(chains: readonly ChainDetail[], segmentName: (s: string) => string): TreeNode[] {
  return chains.map((c) => ({
    value: `chain:${c.code}`,
    title: c.name,
    search: `${c.name} ${c.code}`.toLowerCase(),
    selectable: false,
    children: SEGMENTS.map((s) => ({
      value: `segment:${c.code}:${s}`,
      title: segmentName(s),
      search: '',
      selectable: false,
      children: buildNodes(c.nodes.filter((n) => n.segment === s), null),
    })).filter((s) => s.children.length > 0),
  }));
}

/**
 * Picks a project's 产业链节点 among the current nodes of the chains the project's region uses,
 * searchable by node name or code. A node the project names that its chain has since dropped stays
 * selectable as it is, marked 已不在当前版本.
 */
export function ChainNodeSelect({ id, value, onChange, regionCode, allVisible, known, placeholder, style, testId, size }: Props) {
  const { t } = useI18n();
  const { data: chains = [], isFetching } = useQuery({
    queryKey: ['chain-node-options', allVisible ? '*' : (regionCode ?? '')],
    queryFn: async () => Promise.all((await chainsApi.list(allVisible ? undefined : regionCode)).map((c) => chainsApi.get(c.code))),
    enabled: allVisible || Boolean(regionCode),
    staleTime: 60_000,
    retry: false,
  });
  const treeData = useMemo(() => {
    const tree = buildTree(chains, (s) => t(`chains.segment.${s}` as 'chains.segment.upstream'));
    if (known && !known.current) {
      const title = `${known.name ?? known.code}（${known.code}，${t('projects.chainNodeNotCurrent')}）`;
      tree.unshift({ value: known.code, title: known.chainName ? `${known.chainName} · ${title}` : title, search: `${known.name ?? ''} ${known.code}`.toLowerCase() });
    }
    return tree;
  }, [chains, known, t]);
  return (
    <TreeSelect
      id={id}
      size={size}
      data-testid={testId}
      style={{ width: '100%', ...style }}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      treeData={treeData}
      loading={isFetching}
      allowClear
      showSearch
      treeDefaultExpandAll={false}
      filterTreeNode={(input, node) => {
        const q = input.trim().toLowerCase();
        return q !== '' && (node as unknown as TreeNode).search.includes(q);
      }}
      placeholder={placeholder ?? t('projects.chainNodePlaceholder')}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)' } } }}
      listHeight={320}
    />
  );
}
