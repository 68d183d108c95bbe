/** Partners (招商大使、商会、协会、委托招商) of the caller's region and below, with their figures; a new one in a dialog. */
import { useState } from 'react';
import { Button, Card, Empty, List, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { can } from '../../access';
import { PARTNER_KIND_KEYS, partnersApi, type PartnerKind, type PartnerList as Page } from '../../api/teams-partners';
import { useMe } from '../../auth/session';
import { formatWan } from '../../components/money';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { PartnerDialog, partnerPath } from './PartnerDialog';

type Item = Page['items'][number];

export default function PartnerList() {
  const { t } = useI18n();
  const me = useMe();
  const phone = usePhone();
  const manage = can(me, 'activities.manage');
  const [creating, setCreating] = useState(false);
  const [kind, setKind] = useState<PartnerKind | undefined>();
  const list = useQuery({ queryKey: ['partners', 'list', kind], queryFn: () => partnersApi.list({ kind }) });
  const items = list.data?.items ?? [];
  const kindName = (k: PartnerKind) => t(`partners.kind.${k}`);
  const newButton = manage ? (
    <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="partner-new">
      {t('partners.new')}
    </Button>
  ) : null;
  const empty = <Empty description={t('partners.empty')}>{newButton}</Empty>;
  const columns: ColumnsType<Item> = [
    { title: t('partners.name'), key: 'name', render: (_, r) => <Link to={partnerPath(r.id)} data-testid="partner-name">{r.name}</Link> },
    { title: t('partners.kind'), dataIndex: 'kind', width: 110, render: (k: PartnerKind) => <Tag>{kindName(k)}</Tag> },
    { title: t('partners.region'), dataIndex: 'regionName', width: 110 },
    { title: t('partners.projects'), dataIndex: 'projects', width: 90, align: 'right' },
    { title: t('partners.signedProjects'), dataIndex: 'signedProjects', width: 80, align: 'right' },
    { title: t('partners.signedAmount'), dataIndex: 'signedAmountYuan', width: 150, align: 'right', render: (v: number) => formatWan(v, '—') },
    { title: t('partners.funds'), dataIndex: 'fundsYuan', width: 150, align: 'right', render: (v: number) => formatWan(v, '—') },
    { title: t('partners.activities'), dataIndex: 'activities', width: 90, align: 'right' },
  ];
  return (
    <PageContainer title={t('partners.title')} extra={newButton ? [newButton] : []}>
      <Card styles={{ body: { padding: phone ? 12 : undefined } }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Select
            aria-label={t('partners.kind')}
            data-testid="partner-kind-filter"
            style={{ width: phone ? '100%' : 180 }}
            placeholder={t('partners.allKinds')}
            allowClear
            value={kind}
            onChange={(v: PartnerKind | undefined) => setKind(v)}
            options={PARTNER_KIND_KEYS.map((k) => ({ value: k, label: kindName(k) }))}
          />
          {phone ? (
            <List<Item>
              data-testid="partner-list"
              loading={list.isLoading}
              dataSource={items}
              rowKey="id"
              split={false}
              locale={{ emptyText: list.isLoading ? ' ' : empty }}
              renderItem={(r) => (
                <List.Item style={{ padding: '0 0 12px' }}>
                  <Card size="small" style={{ width: '100%' }}>
                    <Space direction="vertical" size={4}>
                      <Space size={6} wrap>
                        <Tag>{kindName(r.kind)}</Tag>
                        <Link to={partnerPath(r.id)} data-testid="partner-name">
                          {r.name}
                        </Link>
                      </Space>
                      <Typography.Text type="secondary">
                        {r.regionName} · {t('partners.projects')} {r.projects} · {t('partners.signedProjects')} {r.signedProjects}
                      </Typography.Text>
                      <Typography.Text type="secondary">
                        {t('partners.signedAmount')} {formatWan(r.signedAmountYuan, '—')} · {t('partners.funds')} {formatWan(r.fundsYuan, '—')} · {t('partners.activities')} {r.activities}
                      </Typography.Text>
                    </Space>
                  </Card>
                </List.Item>
              )}
            />
          ) : (
            <Table<Item> data-testid="partner-list" rowKey="id" loading={list.isLoading} columns={columns} dataSource={items} pagination={false} locale={{ emptyText: list.isLoading ? ' ' : empty }} />
          )}
        </Space>
      </Card>
      <PartnerDialog open={creating} onClose={() => setCreating(false)} />
    </PageContainer>
  );
}
