import { useState } from 'react';
import { AimOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { MAX_CLAIM_FROM_LIST } from '../../../../src/contracts/targets';
import { targetsApi, type ClaimFromListResult } from '../../api/targets';
import { useMe } from '../../auth/session';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { ChainNodePickers } from '../targets/ChainNodePickers';

type Row = ClaimFromListResult['results'][number];

/** The server claims at most this many at once. */
const MAX_AT_ONCE = 200 satisfies typeof MAX_CLAIM_FROM_LIST;

interface Props {
  listId: string;
  memberCount: number;
  /** the chosen members (enterprise ids); none = the whole list */
  chosen: string[];
}

/**
 * 认领为招商目标: the list's members (or the chosen ones) as targets of the user's region for a chain node, through the
 * one claim rule; the answer lists each enterprise as claimed or not claimed with the reason (local firm, claimed by
 * another region …).
 */
export function ClaimFromListButton({ listId, memberCount, chosen }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const phone = usePhone();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [chain, setChain] = useState<string | null>(null);
  const [node, setNode] = useState<string | null>(null);
  const claim = useMutation({
    mutationFn: () => targetsApi.claimFromList(listId, { chain: chain ?? '', node: node ?? '', ...(chosen.length ? { enterpriseIds: chosen } : {}) }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['targets'] }),
  });
  const result = claim.data;
  const tooMany = chosen.length === 0 && memberCount > MAX_AT_ONCE;
  const what = chosen.length ? t('entLists.claimChosen', { n: chosen.length }) : t('entLists.claimAll', { n: memberCount });
  const close = () => {
    setOpen(false);
    claim.reset();
  };

  return (
    <>
      <Button icon={<AimOutlined />} disabled={memberCount === 0} onClick={() => setOpen(true)} data-testid="claim-from-list">
        {chosen.length ? t('entLists.claimN', { n: chosen.length }) : t('entLists.claim')}
      </Button>
      <Modal
        open={open}
        title={t('entLists.claimTitle')}
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
              <Button type="primary" disabled={!chain || !node || tooMany} loading={claim.isPending} onClick={() => claim.mutate()} data-testid="claim-from-list-ok">
                {t('entLists.claimOk')}
              </Button>
            </Space>
          )
        }
      >
        {result ? (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="claim-from-list-result">
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
            <Typography.Paragraph type="secondary">{t('entLists.claimHint', { what })}</Typography.Paragraph>
            {tooMany && <Alert type="warning" showIcon message={t('entLists.claimTooMany', { max: MAX_AT_ONCE })} />}
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
    </>
  );
}
