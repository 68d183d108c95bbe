/** 驻点招商小分队: the teams of the caller's region and below, as cards on a phone; a new team in a dialog. */
import { useState } from 'react';
import { Button, Card, DatePicker, Empty, Form, Input, InputNumber, List, Modal, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { can } from '../../access';
import { showError, showSuccess } from '../../api/client';
import { teamsApi, type TeamList as Page } from '../../api/teams-partners';
import { useMe } from '../../auth/session';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { usePhone } from '../../components/responsive';
import { useI18n, type Translate } from '../../i18n';

type Item = Page['items'][number];
export const teamPath = (id: string) => `/activities/teams/${encodeURIComponent(id)}`;

const period = (r: { periodFrom: string | null; periodTo: string | null }) => (r.periodFrom || r.periodTo ? `${r.periodFrom ?? '…'} ~ ${r.periodTo ?? '…'}` : '—');
const statusTag = (t: Translate, s: Item['status']) => <Tag color={s === 'active' ? 'green' : undefined}>{t(`teams.status.${s}`)}</Tag>;

interface Values {
  regionCode: string;
  name: string;
  baseCity: string;
  memberNames?: string;
  periodFrom?: Dayjs;
  periodTo?: Dayjs;
  targetsText?: string;
  targetActivities?: number;
  targetLeads?: number;
  targetSignedProjects?: number;
}

function NewTeam({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      teamsApi.create({
        regionCode: v.regionCode,
        name: v.name,
        baseCity: v.baseCity,
        members: (v.memberNames ?? '')
          .split(/[,，、;；\s]+/)
          .filter((n) => n.trim() !== '')
          .map((name) => ({ name })),
        periodFrom: v.periodFrom?.format('YYYY-MM-DD') ?? null,
        periodTo: v.periodTo?.format('YYYY-MM-DD') ?? null,
        targetsText: v.targetsText || null,
        targetActivities: v.targetActivities ?? null,
        targetLeads: v.targetLeads ?? null,
        targetSignedProjects: v.targetSignedProjects ?? null,
      }),
    onSuccess: async (team) => {
      showSuccess(t('teams.saved'));
      await client.invalidateQueries({ queryKey: ['teams'] });
      onClose();
      navigate(teamPath(team.id));
    },
    onError: (e) => showError(e),
  });
  return (
    <Modal open={open} title={t('teams.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ regionCode: me.regionCode ?? undefined }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('teams.name')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
          <Input data-testid="team-name-input" maxLength={100} />
        </Form.Item>
        <Form.Item name="baseCity" label={t('teams.baseCity')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
          <Input data-testid="team-city-input" maxLength={100} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('teams.region')}>
          <RegionTreeSelect allowClear={false} />
        </Form.Item>
        <Form.Item name="memberNames" label={t('teams.memberNames')}>
          <Input data-testid="team-members-input" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="periodFrom" label={t('teams.periodFrom')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="periodTo" label={t('teams.periodTo')}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="targetsText" label={t('teams.targets')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="targetActivities" label={t('teams.targetActivities')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="targetLeads" label={t('teams.targetLeads')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="targetSignedProjects" label={t('teams.targetSigned')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

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
      <NewTeam open={creating} onClose={() => setCreating(false)} />
    </PageContainer>
  );
}
