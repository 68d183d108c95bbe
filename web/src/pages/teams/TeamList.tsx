/** 驻点招商小分队: the teams of the caller's region and below, as cards on a phone; a new team in a dialog. */
import { useState } from 'react';
import { Button, Card, Empty, List, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { can } from '../../access';
import { teamsApi, type TeamList as Page } from '../../api/teams-partners';
import { useMe } from '../../auth/session';
import { usePhone } from '../../components/responsive';
import { useI18n, type Translate } from '../../i18n';
import { TeamDialog, teamPath } from './TeamDialog';

type Item = Page['items'][number];

const period = (r: { periodFrom: string | null; periodTo: string | null }) => (r.periodFrom || r.periodTo ? `${r.periodFrom ?? '…'} ~ ${r.periodTo ?? '…'}` : '—');
const statusTag = (t: Translate, s: Item['status']) => <Tag color={s === 'active' ? 'green' : undefined}>{t(`teams.status.${s}`)}</Tag>;

export default function TeamList() {
  const { t } = useI18n();
  const me = useMe();
  const phone = usePhone();
  const manage = can(me, 'activities.manage');
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['teams', 'list'], queryFn: () => teamsApi.list() });
  const items = list.data?.items ?? [];
  const newButton = manage ? (
    <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="team-new">
      {t('teams.new')}
    </Button>
  ) : null;
  const empty = <Empty description={t('teams.empty')}>{newButton}</Empty>;
  const columns: ColumnsType<Item> = [
    { title: t('teams.name'), key: 'name', render: (_, r) => <Link to={teamPath(r.id)} data-testid="team-name">{r.name}</Link> },
    { title: t('teams.baseCity'), dataIndex: 'baseCity', width: 120 },
    { title: t('teams.region'), dataIndex: 'regionName', width: 120 },
    { title: t('teams.period'), key: 'period', width: 220, render: (_, r) => period(r) },
    { title: t('teams.members'), dataIndex: 'members', width: 80, align: 'right' },
    { title: t('teams.activities'), dataIndex: 'activities', width: 80, align: 'right' },
    { title: t('teams.status'), dataIndex: 'status', width: 100, render: (s: Item['status']) => statusTag(t, s) },
  ];
  return (
    <PageContainer title={t('teams.title')} extra={newButton ? [newButton] : []}>
      <Card styles={{ body: { padding: phone ? 12 : undefined } }}>
        {phone ? (
          <List<Item>
            data-testid="team-list"
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
                      <Link to={teamPath(r.id)} data-testid="team-name">
                        {r.name}
                      </Link>
                      {statusTag(t, r.status)}
                    </Space>
                    <Typography.Text type="secondary">
                      {r.baseCity} · {r.regionName} · {period(r)}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {t('teams.members')} {r.members} · {t('teams.activities')} {r.activities}
                    </Typography.Text>
                  </Space>
                </Card>
              </List.Item>
            )}
          />
        ) : (
          <Table<Item> data-testid="team-list" rowKey="id" loading={list.isLoading} columns={columns} dataSource={items} pagination={false} locale={{ emptyText: list.isLoading ? ' ' : empty }} />
        )}
      </Card>
      {creating && <TeamDialog open onClose={() => setCreating(false)} />}
    </PageContainer>
  );
}
