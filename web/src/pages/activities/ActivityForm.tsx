import { useState } from 'react';
import { AutoComplete, Button, Card, Checkbox, Collapse, DatePicker, Form, Input, InputNumber, Select, Space, Tag } from 'antd';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { ACTIVITY_TYPE_KEYS, activitiesApi, type Activity, LEADER_LEVEL_KEYS, ORGANISATION_KIND_KEYS, OUTCOME_KEYS, type ActivityType, type LeaderLevel, type OrganisationKind, type Outcome } from '../../api/activities';
import { showSuccess } from '../../api/client';
import { enterpriseSearchApi } from '../../api/enterprises-search';
import { projectsApi } from '../../api/projects';
import { useMe } from '../../auth/session';
import { teamsApi } from '../../api/teams-partners';
import { PartnerSelect } from '../partners/PartnerSelect';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { usePhone } from '../../components/responsive';
import { PageLoading } from '../../components/PageLoading';
import { useI18n } from '../../i18n';
import { activityPath, hostingName, levelName, orgKindName, outcomeName, typeName } from './labels';

const EVENT_TYPES: readonly ActivityType[] = ['promotion', 'presentation', 'symposium', 'summit', 'expo', 'signing'];

interface Values {
  type: ActivityType;
  name: string;
  startDate: Dayjs;
  endDate: Dayjs;
  regionCode: string;
  hosting?: 'organised' | 'attended';
  leaderName?: string;
  leaderLevel: LeaderLevel;
  personTrips?: number | null;
  destinations?: string;
  residentTeam?: string;
  partnerId?: string | null;
  notes?: string;
  /** 先做计划: a trip planned for approval (new trips only) */
  planned?: boolean;
  planText?: string;
}

interface Org {
  name: string;
  creditCode: string | null;
  kind: OrganisationKind;
}

interface FirmOption {
  value: string;
  label: string;
  name: string;
  creditCode: string | null;
}

interface ProjectOption {
  value: string;
  label: string;
}

interface LinkedProject {
  projectId: string;
  label: string;
  outcome: Outcome;
}

/** Typed text, searched once it holds something (a remote Select's options). */
function useSearchText() {
  const [text, setText] = useState('');
  return { text: text.trim(), setText };
}

/** 记一次活动 (/activities/new) or 修改活动 (/activities/:id/edit): the same form, the latter filled from the record. */
export default function ActivityForm() {
  const { id } = useParams();
  const q = useQuery({ queryKey: ['activities', 'detail', id], queryFn: () => activitiesApi.get(id ?? ''), enabled: Boolean(id) });
  if (id && !q.data) return <PageLoading />;
  return <ActivityEditor activity={q.data} />;
}

/** The quick form — type, dates (today), name and region (the user's) are enough; organisations and projects by search. */
function ActivityEditor({ activity }: { activity?: Activity }) {
  const { t } = useI18n();
  const phone = usePhone();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);
  const planned = Form.useWatch('planned', form);
  const [orgs, setOrgs] = useState<Org[]>(() => activity?.organisations.map((o) => ({ name: o.name, creditCode: o.creditCode, kind: o.kind })) ?? []);
  const [projects, setProjects] = useState<LinkedProject[]>(() => activity?.projects.map((p) => ({ projectId: p.projectId, label: `${p.code} ${p.name}`, outcome: p.outcome })) ?? []);
  const [other, setOther] = useState('');
  const [otherKind, setOtherKind] = useState<OrganisationKind>('chamber');
  const firmSearch = useSearchText();
  const projectSearch = useSearchText();
  const firms = useQuery({
    queryKey: ['activities', 'firm-pick', firmSearch.text],
    queryFn: () => enterpriseSearchApi.search({ q: firmSearch.text }, 1, 8),
    enabled: firmSearch.text.length > 0,
  });
  const projectOptions = useQuery({
    queryKey: ['activities', 'project-pick', projectSearch.text],
    queryFn: () => projectsApi.list({ q: projectSearch.text, pageSize: 8 }),
    enabled: projectSearch.text.length > 0,
  });
  const teams = useQuery({ queryKey: ['teams', 'list'], queryFn: () => teamsApi.list(), staleTime: 60_000 });
  const addOrg = (org: Org) => setOrgs((prev) => (prev.some((o) => o.name === org.name) ? prev : [...prev, org]));
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        type: v.type,
        name: v.name,
        startDate: v.startDate.format('YYYY-MM-DD'),
        endDate: v.endDate.format('YYYY-MM-DD'),
        regionCode: v.regionCode,
        hosting: EVENT_TYPES.includes(v.type) ? (v.hosting ?? null) : null,
        leaderName: v.leaderName || null,
        leaderLevel: v.leaderLevel,
        personTrips: v.personTrips ?? null,
        destinations: v.destinations || null,
        residentTeam: v.residentTeam || null,
        partnerId: v.partnerId ?? null,
        notes: v.notes || null,
        organisations: orgs,
        projects: projects.map((p) => ({ projectId: p.projectId, outcome: p.outcome })),
      };
      if (activity) return activitiesApi.update(activity.id, { ...body, version: activity.version });
      return activitiesApi.create({ ...body, plan: v.type === 'trip' && v.planned ? { text: v.planText || null } : null });
    },
    onSuccess: (a) => {
      showSuccess(activity ? t('common.success') : t('activities.saved', { code: a.code }));
      void queryClient.invalidateQueries({ queryKey: ['activities'] });
      navigate(activityPath(a.id));
    },
  });
  const today = dayjs();
  const full = { width: '100%' };

  return (
    <PageContainer title={activity ? t('activities.edit') : t('activities.log')} onBack={() => navigate(activity ? activityPath(activity.id) : '/activities')}>
      <Card styles={{ body: { padding: phone ? 12 : undefined } }} style={{ maxWidth: 760 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="activity-form"
          initialValues={
            activity
              ? {
                  type: activity.type,
                  name: activity.name,
                  startDate: dayjs(activity.startDate),
                  endDate: dayjs(activity.endDate),
                  regionCode: activity.regionCode,
                  hosting: activity.hosting ?? undefined,
                  leaderName: activity.leaderName ?? undefined,
                  leaderLevel: activity.leaderLevel,
                  personTrips: activity.personTrips,
                  destinations: activity.destinations ?? undefined,
                  residentTeam: activity.residentTeam ?? undefined,
                  partnerId: activity.partnerId,
                  notes: activity.notes ?? undefined,
                }
              : { type: 'trip', startDate: today, endDate: today, regionCode: me.regionCode ?? undefined, leaderLevel: 'none' }
          }
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="type" label={t('activities.type')}>
            <Select data-testid="activity-type" options={ACTIVITY_TYPE_KEYS.map((k) => ({ value: k, label: typeName(t, k) }))} />
          </Form.Item>
          <Space.Compact style={full} direction="horizontal">
            <Form.Item name="startDate" label={t('activities.startDate')} rules={[{ required: true, message: t('activities.dateRequired') }]} style={{ flex: 1, marginRight: 8 }}>
              <DatePicker
                style={full}
                allowClear={false}
                inputReadOnly={phone}
                data-testid="activity-start"
                onChange={(d: Dayjs | null) => {
                  const end = form.getFieldValue('endDate') as Dayjs | undefined;
                  if (d && (!end || end.isBefore(d, 'day'))) form.setFieldValue('endDate', d);
                }}
              />
            </Form.Item>
            <Form.Item
              name="endDate"
              label={t('activities.endDate')}
              dependencies={['startDate']}
              style={{ flex: 1 }}
              rules={[
                { required: true, message: t('activities.dateRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, v: Dayjs | undefined) => (v && v.isBefore(getFieldValue('startDate') as Dayjs, 'day') ? Promise.reject(new Error(t('activities.endBeforeStart'))) : Promise.resolve()),
                }),
              ]}
            >
              <DatePicker style={full} allowClear={false} inputReadOnly={phone} data-testid="activity-end" />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="name" label={t('activities.name')} rules={[{ required: true, whitespace: true, message: t('activities.nameRequired') }, { max: 200 }]}>
            <Input placeholder={t('activities.namePlaceholder')} data-testid="activity-name-input" maxLength={200} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('activities.region')}>
            <RegionTreeSelect allowClear={false} />
          </Form.Item>
          {type && EVENT_TYPES.includes(type) && (
            <Form.Item name="hosting" label={t('activities.hosting')}>
              <Select allowClear options={(['organised', 'attended'] as const).map((k) => ({ value: k, label: hostingName(t, k) }))} />
            </Form.Item>
          )}
          <Space wrap style={full} size={[8, 0]}>
            <Form.Item name="leaderLevel" label={t('activities.leaderLevel')} style={{ minWidth: phone ? 160 : 180 }}>
              <Select options={LEADER_LEVEL_KEYS.map((k) => ({ value: k, label: levelName(t, k) }))} />
            </Form.Item>
            <Form.Item name="leaderName" label={t('activities.leader')}>
              <Input maxLength={100} style={{ width: phone ? 150 : 180 }} />
            </Form.Item>
            <Form.Item name="personTrips" label={t('activities.personTrips')}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: 110 }} data-testid="activity-person-trips" />
            </Form.Item>
          </Space>
          <Form.Item label={t('activities.organisations')}>
            <Space direction="vertical" style={full}>
              <Select<string | null, FirmOption>
                showSearch
                value={null}
                aria-label={t('activities.orgSearch')}
                placeholder={t('activities.orgSearch')}
                filterOption={false}
                onSearch={firmSearch.setText}
                loading={firms.isFetching}
                data-testid="activity-org-search"
                notFoundContent={null}
                options={(firms.data?.items ?? []).map((f) => ({ value: f.id, label: `${f.name}${f.creditCode ? `（${f.creditCode}）` : ''}`, name: f.name, creditCode: f.creditCode }))}
                onSelect={(_, option) => {
                  addOrg({ name: option.name, creditCode: option.creditCode, kind: 'enterprise' });
                  firmSearch.setText('');
                }}
                style={full}
              />
              <Space.Compact style={full}>
                <Input aria-label={t('activities.orgOther')} placeholder={t('activities.orgOther')} value={other} onChange={(e) => setOther(e.target.value)} maxLength={200} />
                <Select<OrganisationKind>
                  aria-label={t('activities.orgKind')}
                  value={otherKind}
                  onChange={setOtherKind}
                  style={{ width: 110 }}
                  options={ORGANISATION_KIND_KEYS.map((k) => ({ value: k, label: orgKindName(t, k) }))}
                />
                <Button
                  onClick={() => {
                    if (other.trim() === '') return;
                    addOrg({ name: other.trim(), creditCode: null, kind: otherKind });
                    setOther('');
                  }}
                >
                  {t('activities.add')}
                </Button>
              </Space.Compact>
              <Space wrap data-testid="activity-orgs">
                {orgs.map((o) => (
                  <Tag key={o.name} closable closeIcon={<span aria-label={t('activities.remove', { name: o.name })}>×</span>} onClose={() => setOrgs((prev) => prev.filter((x) => x.name !== o.name))}>
                    {o.name} · {orgKindName(t, o.kind)}
                  </Tag>
                ))}
              </Space>
            </Space>
          </Form.Item>
          <Form.Item label={t('activities.projects')}>
            <Space direction="vertical" style={full}>
              <Select<string | null, ProjectOption>
                showSearch
                value={null}
                aria-label={t('activities.projectSearch')}
                placeholder={t('activities.projectSearch')}
                filterOption={false}
                onSearch={projectSearch.setText}
                loading={projectOptions.isFetching}
                notFoundContent={null}
                data-testid="activity-project-search"
                options={(projectOptions.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
                onSelect={(_, option) => {
                  const id = option.value;
                  setProjects((prev) => (prev.some((p) => p.projectId === id) ? prev : [...prev, { projectId: id, label: option.label, outcome: 'talks' }]));
                  projectSearch.setText('');
                }}
                style={full}
              />
              {projects.map((p) => (
                <Space.Compact key={p.projectId} style={full}>
                  <Input value={p.label} readOnly aria-label={p.label} />
                  <Select<Outcome>
                    aria-label={t('activities.outcome')}
                    value={p.outcome}
                    style={{ width: 110 }}
                    onChange={(o) => setProjects((prev) => prev.map((x) => (x.projectId === p.projectId ? { ...x, outcome: o } : x)))}
                    options={OUTCOME_KEYS.map((k) => ({ value: k, label: outcomeName(t, k) }))}
                  />
                  <Button aria-label={t('activities.remove', { name: p.label })} onClick={() => setProjects((prev) => prev.filter((x) => x.projectId !== p.projectId))}>
                    ×
                  </Button>
                </Space.Compact>
              ))}
            </Space>
          </Form.Item>
          <Collapse
            ghost
            style={{ marginBottom: 16 }}
            items={[
              {
                key: 'more',
                label: t('activities.more'),
                // rendered while closed too: an edit keeps the fields it does not open (destinations, team, partner, notes)
                forceRender: true,
                children: (
                  <>
                    <Form.Item name="destinations" label={t('activities.destinations')}>
                      <Input maxLength={500} />
                    </Form.Item>
                    <Form.Item name="residentTeam" label={t('activities.residentTeam')}>
                      <AutoComplete maxLength={100} options={[...new Set((teams.data?.items ?? []).map((x) => x.name))].map((name) => ({ value: name }))} filterOption />
                    </Form.Item>
                    <Form.Item name="partnerId" label={t('activities.partner')}>
                      <PartnerSelect known={activity?.partnerId && activity.partnerName ? { value: activity.partnerId, label: activity.partnerName } : null} />
                    </Form.Item>
                    <Form.Item name="notes" label={t('activities.notes')}>
                      <Input.TextArea rows={3} maxLength={4000} />
                    </Form.Item>
                    {!activity && type === 'trip' && (
                      <>
                        <Form.Item name="planned" valuePropName="checked" extra={t('trips.planHint')} style={{ marginBottom: planned ? 8 : undefined }}>
                          <Checkbox data-testid="activity-planned">{t('trips.planFirst')}</Checkbox>
                        </Form.Item>
                        {planned && (
                          <Form.Item name="planText" label={t('trips.planText')}>
                            <Input.TextArea rows={3} maxLength={4000} data-testid="activity-plan-text" />
                          </Form.Item>
                        )}
                      </>
                    )}
                  </>
                ),
              },
            ]}
          />
          <Button type="primary" htmlType="submit" block={phone} loading={save.isPending} data-testid="activity-save">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </PageContainer>
  );
}
