/** 资源载体 of the caller's region and below: filters by kind and availability, cards on a phone, a dialog to create or change one. */
import { useState } from 'react';
import { Button, Card, Empty, List, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { can } from '../../access';
import { AVAILABILITIES, RESOURCE_KINDS, resourcesApi, type Availability, type ResourceKind, type ResourceListItem } from '../../api/portal';
import { useMe } from '../../auth/session';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { ResourceForm } from './ResourceForm';

export default function ResourceList() {
  const { t } = useI18n();
  const me = useMe();
  const phone = usePhone();
  const manage = can(me, 'portal.manage');
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const [kind, setKind] = useState<ResourceKind | undefined>();
  const [availability, setAvailability] = useState<Availability | undefined>();
  const list = useQuery({ queryKey: ['portal', 'resources', kind], queryFn: () => resourcesApi.list({ kind }) });
  const items = (list.data?.items ?? []).filter((r) => availability === undefined || r.availability === availability);
  const kindName = (k: ResourceKind) => t(`portal.kind.${k}`);
  const availabilityName = (a: Availability) => t(`portal.availability.${a}`);
  const area = (v: number | null) => (v === null ? '—' : `${v.toLocaleString('zh-CN')} ㎡`);
  const publishedTag = (r: ResourceListItem) => (r.published ? <Tag color="green">{t('portal.resource.isPublished')}</Tag> : <Tag>{t('portal.resource.draft')}</Tag>);
  const nameLink = (r: ResourceListItem) =>
    manage ? (
      <Typography.Link onClick={() => setEditing(r.id)} data-testid="resource-name">
        {r.name}
      </Typography.Link>
    ) : (
      <span data-testid="resource-name">{r.name}</span>
    );
  const newButton = manage ? (
    <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="resource-new">
      {t('portal.resource.new')}
    </Button>
  ) : null;
  const filtered = kind !== undefined || availability !== undefined;
  const empty = <Empty description={filtered ? t('portal.resource.emptyFiltered') : t('portal.resource.empty')}>{filtered ? null : newButton}</Empty>;
  const columns: ColumnsType<ResourceListItem> = [
    { title: t('portal.resource.name'), key: 'name', render: (_, r) => nameLink(r) },
    { title: t('portal.resource.kind'), dataIndex: 'kind', width: 110, render: (k: ResourceKind) => kindName(k) },
    { title: t('portal.resource.region'), dataIndex: 'regionName', width: 120 },
    { title: t('portal.resource.areaSqm'), dataIndex: 'areaSqm', width: 140, align: 'right', render: area },
    { title: t('portal.resource.availability'), dataIndex: 'availability', width: 100, render: (a: Availability) => availabilityName(a) },
    { title: t('portal.resource.published'), key: 'published', width: 100, render: (_, r) => publishedTag(r) },
    { title: t('portal.resource.photos'), dataIndex: 'photos', width: 80, align: 'right' },
  ];
  return (
    <PageContainer title={t('portal.resource.title')} extra={newButton ? [newButton] : []}>
      <Card styles={{ body: { padding: phone ? 12 : undefined } }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap style={{ width: '100%' }}>
            <Select
              aria-label={t('portal.resource.kind')}
              data-testid="resource-kind-filter"
              style={{ width: phone ? 150 : 180 }}
              placeholder={t('portal.resource.allKinds')}
              allowClear
              value={kind}
              onChange={(v: ResourceKind | undefined) => setKind(v)}
              options={RESOURCE_KINDS.map((k) => ({ value: k, label: kindName(k) }))}
            />
            <Select
              aria-label={t('portal.resource.availability')}
              data-testid="resource-availability-filter"
              style={{ width: phone ? 150 : 180 }}
              placeholder={t('portal.resource.allAvailability')}
              allowClear
              value={availability}
              onChange={(v: Availability | undefined) => setAvailability(v)}
              options={AVAILABILITIES.map((a) => ({ value: a, label: availabilityName(a) }))}
            />
          </Space>
          {phone ? (
            <List<ResourceListItem>
              data-testid="resource-list"
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
                        {publishedTag(r)}
                      </Space>
                      {nameLink(r)}
                      <Typography.Text type="secondary">
                        {r.regionName} · {area(r.areaSqm)} · {availabilityName(r.availability)} · {t('portal.resource.photoCount', { n: r.photos })}
                      </Typography.Text>
                    </Space>
                  </Card>
                </List.Item>
              )}
            />
          ) : (
            <Table<ResourceListItem> data-testid="resource-list" rowKey="id" loading={list.isLoading} columns={columns} dataSource={items} pagination={false} locale={{ emptyText: list.isLoading ? ' ' : empty }} />
          )}
        </Space>
      </Card>
      {editing !== undefined && <ResourceForm id={editing} onClose={() => setEditing(undefined)} />}
    </PageContainer>
  );
}
