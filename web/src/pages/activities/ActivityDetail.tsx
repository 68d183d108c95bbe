import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { PageContainer, ProDescriptions } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { can } from '../../access';
import { activitiesApi, type Activity } from '../../api/activities';
import { showSuccess } from '../../api/client';
import { useMe } from '../../auth/session';
import { PageLoading } from '../../components/PageLoading';
import { ReasonModalForm } from '../../components/ReasonModalForm';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { activityPath, hostingName, levelName, orgKindName, outcomeName, typeName } from './labels';
import { ActivityFilesCard, ActivityTargetsCard, TripCard } from './TripCards';

const text = (v: string | number | null) => (v === null || v === '' ? '—' : v);

/** One activity: what, when, where, who led it, the organisations met and the projects discussed or signed. */
export default function ActivityDetail() {
  const { t } = useI18n();
  const phone = usePhone();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['activities', 'detail', id], queryFn: () => activitiesApi.get(id) });
  const a = q.data;
  if (!a) return q.isLoading ? <PageLoading /> : <Empty />;
  const dates = a.startDate === a.endDate ? a.startDate : `${a.startDate} ~ ${a.endDate}`;
  const manage = can(me, 'activities.manage');
  const edit = manage ? (
    <Button key="edit" onClick={() => navigate(`${activityPath(a.id)}/edit`)} data-testid="activity-edit">
      {t('activities.edit')}
    </Button>
  ) : null;
  const remove = manage ? (
    <ReasonModalForm
      key="delete"
      title={t('activities.delete')}
      danger
      trigger={<Button danger>{t('activities.delete')}</Button>}
      onSubmit={async (v) => {
        await activitiesApi.remove(a.id, a.version, v.reason);
        showSuccess(t('activities.deleted'));
        await queryClient.invalidateQueries({ queryKey: ['activities'] });
        navigate('/activities');
      }}
    />
  ) : null;

  return (
    <PageContainer title={a.name} subTitle={phone ? undefined : a.code} onBack={() => navigate('/activities')} extra={edit && remove ? [edit, remove] : []}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card styles={{ body: { padding: phone ? 12 : undefined } }} data-testid="activity-detail">
          <ProDescriptions<Activity> column={phone ? 1 : 2} size="small">
            <ProDescriptions.Item label={t('activities.code')}>{a.code}</ProDescriptions.Item>
            <ProDescriptions.Item label={t('activities.type')}>
              <Tag>{typeName(t, a.type)}</Tag>
              {a.hosting && hostingName(t, a.hosting)}
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('activities.startDate')}>{dates}</ProDescriptions.Item>
            <ProDescriptions.Item label={t('activities.region')}>{a.regionName}</ProDescriptions.Item>
            <ProDescriptions.Item label={t('activities.leader')}>
              {text(a.leaderName)} {a.leaderLevel !== 'none' && <Typography.Text type="secondary">{levelName(t, a.leaderLevel)}</Typography.Text>}
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('activities.personTrips')}>{text(a.personTrips)}</ProDescriptions.Item>
            <ProDescriptions.Item label={t('activities.destinations')}>{text(a.destinations)}</ProDescriptions.Item>
            <ProDescriptions.Item label={t('activities.residentTeam')}>{a.teamId ? <Link to={`/activities/teams/${encodeURIComponent(a.teamId)}`}>{a.residentTeam}</Link> : text(a.residentTeam)}</ProDescriptions.Item>
            <ProDescriptions.Item label={t('activities.partner')}>{a.partnerId ? <Link to={`/activities/partners/${encodeURIComponent(a.partnerId)}`}>{a.partnerName}</Link> : '—'}</ProDescriptions.Item>
            <ProDescriptions.Item label={t('activities.notes')}>{text(a.notes)}</ProDescriptions.Item>
          </ProDescriptions>
        </Card>
        <TripCard a={a} />
        <Card title={t('activities.organisations')} size="small">
          <List
            data-testid="activity-detail-orgs"
            dataSource={a.organisations}
            locale={{ emptyText: t('activities.noneYet') }}
            renderItem={(o) => (
              <List.Item>
                <Space wrap>
                  {o.enterpriseId ? <Link to={`/enterprises/${encodeURIComponent(o.creditCode ?? o.enterpriseId)}`}>{o.name}</Link> : o.name}
                  <Tag>{orgKindName(t, o.kind)}</Tag>
                  {o.creditCode && <Typography.Text type="secondary">{o.creditCode}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </Card>
        <Card title={t('activities.projects')} size="small">
          <List
            data-testid="activity-detail-projects"
            dataSource={a.projects}
            locale={{ emptyText: t('activities.noneYet') }}
            renderItem={(p) => (
              <List.Item>
                <Space wrap>
                  <Link to={`/projects/${encodeURIComponent(p.projectId)}`}>
                    {p.code} {p.name}
                  </Link>
                  <Tag color={p.outcome === 'signed' ? 'green' : undefined}>{outcomeName(t, p.outcome)}</Tag>
                </Space>
              </List.Item>
            )}
          />
        </Card>
        <ActivityTargetsCard a={a} />
        <ActivityFilesCard a={a} />
      </Space>
    </PageContainer>
  );
}
