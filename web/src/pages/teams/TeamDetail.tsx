/**
 * One 驻点小分队: base city, members, period and targets; what its activities produced — by month, and the
 * projects reached through them (each once, with the best outcome), all in the viewer's scope.
 */
import { useState, type ReactNode } from 'react';
import { Button, Card, Col, Empty, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { PageContainer, ProDescriptions } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { can } from '../../access';
import { showError, showSuccess } from '../../api/client';
import { teamsApi, type Team } from '../../api/teams-partners';
import { useMe } from '../../auth/session';
import type { ActivityType, Outcome } from '../../api/activities';
import { formatWan } from '../../components/money';
import { PageLoading } from '../../components/PageLoading';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { activityPath, outcomeName, typeName } from '../activities/labels';
import { stageName } from '../projects/labels';
import { TeamDialog } from './TeamDialog';

const text = (v: string | number | null) => (v === null || v === '' ? '—' : v);

export default function TeamDetail() {
  const { t } = useI18n();
  const phone = usePhone();
  const { id = '' } = useParams();
  const me = useMe();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: ['teams', 'detail', id], queryFn: () => teamsApi.get(id) });
  const team = q.data;
  // 撤回 / 恢复驻点: the status changed with the version it was based on
  const toggle = useMutation({
    mutationFn: (x: Team) => teamsApi.update(x.id, { status: x.status === 'active' ? 'closed' : 'active', version: x.version }),
    onSuccess: async () => {
      showSuccess(t('teams.saved'));
      await client.invalidateQueries({ queryKey: ['teams'] });
    },
    onError: (e) => showError(e),
  });
  if (!team) return q.isLoading ? <PageLoading /> : <Empty />;
  const f = team.figures;
  const of = (n: number | null) => (n === null ? undefined : <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('teams.ofTarget', { n })}</Typography.Text>);
  const figures: { key: string; title: string; value: number | string; suffix?: ReactNode }[] = [
    { key: 'activities', title: t('teams.activities'), value: f.activities, suffix: of(team.targetActivities) },
    { key: 'projects', title: t('teams.projects'), value: f.projects, suffix: of(team.targetLeads) },
    { key: 'signed', title: t('teams.signed'), value: f.signed, suffix: of(team.targetSignedProjects) },
    { key: 'amount', title: t('teams.signedAmount'), value: formatWan(f.signedAmountYuan, '—') },
  ];
  return (
    <PageContainer
      title={team.name}
      subTitle={phone ? undefined : `${team.baseCity} · ${team.regionName}`}
      tags={<Tag color={team.status === 'active' ? 'green' : undefined}>{t(`teams.status.${team.status}`)}</Tag>}
      extra={
        can(me, 'activities.manage')
          ? [
              <Button key="edit" type="primary" onClick={() => setEditing(true)} data-testid="team-edit">
                {t('teams.edit')}
              </Button>,
              <Button key="status" loading={toggle.isPending} onClick={() => toggle.mutate(team)} data-testid="team-status-toggle">
                {team.status === 'active' ? t('teams.close') : t('teams.reopen')}
              </Button>,
            ]
          : []
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size={phone ? 'small' : 'default'}>
          <ProDescriptions column={phone ? 1 : 3} size="small">
            <ProDescriptions.Item label={t('teams.baseCity')}>{team.baseCity}</ProDescriptions.Item>
            <ProDescriptions.Item label={t('teams.region')}>{team.regionName}</ProDescriptions.Item>
            <ProDescriptions.Item label={t('teams.period')}>{team.periodFrom || team.periodTo ? `${team.periodFrom ?? '…'} ~ ${team.periodTo ?? '…'}` : '—'}</ProDescriptions.Item>
            <ProDescriptions.Item label={t('teams.members')} span={phone ? 1 : 3}>
              {team.members.length === 0 ? '—' : team.members.map((m) => (m.role ? `${m.name}（${m.role}）` : m.name)).join('、')}
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('teams.targets')} span={phone ? 1 : 3}>
              {text(team.targetsText)}
            </ProDescriptions.Item>
          </ProDescriptions>
        </Card>
        <Row gutter={[12, 12]} data-testid="team-figures">
          {figures.map((x) => (
            <Col key={x.key} xs={12} md={6}>
              <Card size="small">
                <Statistic title={x.title} value={x.value} suffix={x.suffix} />
              </Card>
            </Col>
          ))}
        </Row>
        <Card size="small" title={t('teams.byMonth')}>
          <Table<Team['figures']['byMonth'][number]>
            size="small"
            rowKey="month"
            pagination={false}
            dataSource={f.byMonth}
            columns={[
              { title: t('teams.month'), dataIndex: 'month' },
              { title: t('teams.activities'), dataIndex: 'activities', align: 'right' },
              { title: t('teams.projects'), dataIndex: 'projects', align: 'right' },
              { title: t('teams.signed'), dataIndex: 'signed', align: 'right' },
            ]}
          />
        </Card>
        <Card size="small" title={t('teams.projects')} extra={phone ? undefined : <Typography.Text type="secondary">{t('teams.projectsNote')}</Typography.Text>}>
          <List
            data-testid="team-projects"
            dataSource={team.projects}
            rowKey="projectId"
            locale={{ emptyText: '—' }}
            renderItem={(p) => (
              <List.Item>
                <Space size={6} wrap>
                  <Link to={`/projects/${encodeURIComponent(p.projectId)}`}>
                    {p.code} {p.name}
                  </Link>
                  <Tag>{stageName(t, p.stage)}</Tag>
                  <Tag color={p.outcome === 'signed' ? 'green' : 'blue'}>{outcomeName(t, p.outcome as Outcome)}</Tag>
                  {p.signedAmountYuan !== null && <Typography.Text type="secondary">{formatWan(p.signedAmountYuan, '—')}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </Card>
        <Card size="small" title={t('teams.activities')}>
          <List
            data-testid="team-activities"
            dataSource={team.activities}
            rowKey="id"
            locale={{ emptyText: '—' }}
            renderItem={(a) => (
              <List.Item>
                <Space size={6} wrap>
                  <Typography.Text type="secondary">{a.startDate}</Typography.Text>
                  <Tag>{typeName(t, a.type as ActivityType)}</Tag>
                  <Link to={activityPath(a.id)}>{a.name}</Link>
                  <Typography.Text type="secondary">{a.regionName}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Space>
      {editing && <TeamDialog open onClose={() => setEditing(false)} team={team} />}
    </PageContainer>
  );
}
