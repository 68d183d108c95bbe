import { useMemo } from 'react';
import { Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { chainsApi, SEGMENTS, type ChainSummary } from '../../api/chains';
import { useI18n, type MessageKey } from '../../i18n';

interface Props {
  regionCode: string;
  chain: string | null;
  node: string | null;
  onChange: (chain: string | null, node: string | null) => void;
  phone: boolean;
  /** a list filter: both may be cleared */
  allowClear?: boolean;
}

/** The chains a region uses (defined at it or above). */
export function useUsedChains(regionCode: string) {
  return useQuery({ queryKey: ['chains', 'usedBy', regionCode], queryFn: () => chainsApi.list(regionCode), staleTime: 60_000 });
}

/** 产业链 and 节点: the chains the region uses, then the chain's nodes grouped by 上游/中游/下游. */
export function ChainNodePickers({ regionCode, chain, node, onChange, phone, allowClear }: Props) {
  const { t } = useI18n();
  const chainsQ = useUsedChains(regionCode);
  const chains: ChainSummary[] = chainsQ.data ?? [];
  const detailQ = useQuery({ queryKey: ['chain', chain ?? '', 'current'], queryFn: () => chainsApi.get(chain ?? ''), enabled: Boolean(chain), staleTime: 60_000 });
  const nodeOptions = useMemo(
    () =>
      SEGMENTS.map((s) => ({
        label: t(`chains.segment.${s}` as MessageKey),
        title: t(`chains.segment.${s}` as MessageKey),
        options: (detailQ.data?.nodes ?? []).filter((n) => n.segment === s).map((n) => ({ value: n.code, label: n.name })),
      })).filter((g) => g.options.length > 0),
    [detailQ.data, t],
  );
  const width = phone ? '100%' : 220;
  return (
    <Space wrap size={[12, 8]} style={{ width: phone ? '100%' : undefined }} direction={phone ? 'vertical' : 'horizontal'}>
      <Select
        aria-label={t('targets.chain')}
        data-testid="targets-chain"
        style={{ width }}
        placeholder={t('targets.chain')}
        loading={chainsQ.isLoading}
        value={chain ?? undefined}
        allowClear={allowClear}
        onChange={(v: string | undefined) => onChange(v ?? null, null)}
        options={chains.map((c) => ({ value: c.code, label: c.name }))}
      />
      <Select
        aria-label={t('targets.node')}
        data-testid="targets-node"
        style={{ width }}
        placeholder={t('targets.node')}
        loading={detailQ.isFetching}
        disabled={!chain}
        value={node ?? undefined}
        allowClear={allowClear}
        showSearch
        optionFilterProp="label"
        onChange={(v: string | undefined) => onChange(chain, v ?? null)}
        options={nodeOptions}
      />
    </Space>
  );
}
