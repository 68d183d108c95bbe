import { useState, type ReactNode } from 'react';
import { Alert, Button, Modal, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { BatchClaimResult } from '../../api/targets';
import { useMe } from '../../auth/session';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { ChainNodePickers } from './ChainNodePickers';

type Row = BatchClaimResult['results'][number];

interface Props {
  open: boolean;
  onClose: () => void;
  title: string;
  /** what is claimed, in words */
  hint: ReactNode;
  /** more fields (e.g. how many of a search's matches) and warnings, under the hint */
  children?: ReactNode;
  /** the request may not be sent (e.g. a list above the cap) */
  blocked?: boolean;
  /** sends the claim for the chosen chain and node */
  submit: (chain: string, node: string) => Promise<BatchClaimResult>;
}

/**
 * 认领为招商目标 from a list or a saved search: the chain and node pickers, then each enterprise as claimed or not
 * claimed with the reason (local firm, claimed by another region …), with a way to the node's targets.
 */
export function ClaimTargetsModal({ open, onClose, title, hint, children, blocked, submit }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const phone = usePhone();
  const client = useQueryClient();
  const [chain, setChain] = useState<string | null>(null);
  const [node, setNode] = useState<string | null>(null);
  const claim = useMutation({
    mutationFn: () => submit(chain ?? '', node ?? ''),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['targets'] }),
  });
  const result = claim.data;
  const close = () => {
    onClose();
    claim.reset();
  };

  return (
    <Modal
      open={open}
      title={title}
      width={phone ? '100%' : 720}
      onCancel={close}
      destroyOnClose
      footer={
        result ? (
          <Space>
            <Link to={`/targets?chain=${encodeURIComponent(result.chain.code)}&node=${encodeURIComponent(result.node.code)}`}>{t('entLists.toTargets')}</Link>
            <Button onClick={close}>{t('entLists.claimClose')}</Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" disabled={!chain || !node || blocked} loading={claim.isPending} onClick={() => claim.mutate()} data-testid="claim-targets-ok">
              {t('entLists.claimOk')}
            </Button>
          </Space>
        )
      }
    >
      {result ? (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="claim-targets-result">
          <Alert
            type={result.refused > 0 ? 'warning' : 'success'}
            showIcon
            message={t('entLists.claimResult', { claimed: result.claimed, refused: result.refused })}
            description={`${result.region.name} · ${result.chain.name} · ${result.node.name}`}
          />
          <Table<Row>
            size="small"
            rowKey="enterpriseId"
            dataSource={result.results}
            pagination={result.results.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            columns={[
              { title: t('entSearch.colName'), key: 'name', render: (_: unknown, r) => r.name },
              {
                title: t('entLists.claimOutcome'),
                key: 'outcome',
                width: 90,
                render: (_: unknown, r) =>
                  r.outcome === 'claimed' ? <Tag color="success">{t('entLists.claimed')}</Tag> : <Tag color="error">{t('entLists.refused')}</Tag>,
              },
              { title: t('entLists.claimReason'), key: 'reason', render: (_: unknown, r) => r.reason ?? '—' },
            ]}
          />
        </Space>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
          {children}
          <ChainNodePickers
            regionCode={me.regionCode}
            chain={chain}
            node={node}
            phone={phone}
            onChange={(c, n) => {
              setChain(c);
              setNode(n);
            }}
          />
          {!chain || !node ? <Typography.Text type="secondary">{t('entLists.claimNeedNode')}</Typography.Text> : null}
          {claim.error && <Alert type="error" showIcon role="alert" message={claim.error instanceof Error ? claim.error.message : String(claim.error)} />}
        </Space>
      )}
    </Modal>
  );
}
