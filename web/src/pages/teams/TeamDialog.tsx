/**
 * A resident team's form in a dialog: a new team (then its page opens), or the team's own fields edited with its
 * version. Members are rows (name and role); a member who is an account keeps its userId when the name is edited,
 * and every member keeps its role unless the role is changed, because each row carries both.
 */
import { Button, DatePicker, Form, Input, InputNumber, Modal, Space, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { showError, showSuccess } from '../../api/client';
import { teamsApi, type Team } from '../../api/teams-partners';
import { useMe } from '../../auth/session';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useI18n } from '../../i18n';

export const teamPath = (id: string) => `/activities/teams/${encodeURIComponent(id)}`;

interface MemberRow {
  userId?: string | null;
  name?: string;
  role?: string | null;
}

interface Values {
  regionCode: string;
  name: string;
  baseCity: string;
  members?: MemberRow[];
  periodFrom?: Dayjs;
  periodTo?: Dayjs;
  targetsText?: string;
  targetActivities?: number | null;
  targetLeads?: number | null;
  targetSignedProjects?: number | null;
}

const day = (d: Dayjs | undefined | null) => d?.format('YYYY-MM-DD') ?? null;
const toDay = (s: string | null) => (s ? dayjs(s) : undefined);

function initialValuesOf(team: Team | undefined, regionCode: string | undefined): Partial<Values> {
  if (!team) return { regionCode, members: [] };
  return {
    regionCode: team.regionCode,
    name: team.name,
    baseCity: team.baseCity,
    members: team.members.map((m) => ({ userId: m.userId, name: m.name, role: m.role })),
    periodFrom: toDay(team.periodFrom),
    periodTo: toDay(team.periodTo),
    targetsText: team.targetsText ?? undefined,
    targetActivities: team.targetActivities,
    targetLeads: team.targetLeads,
    targetSignedProjects: team.targetSignedProjects,
  };
}

/** The rows as the API takes them: empty rows dropped, each kept row with its userId and role. */
function membersOf(rows: readonly MemberRow[] | undefined) {
  return (rows ?? [])
    .filter((m) => (m.name ?? '').trim() !== '' || m.userId)
    .map((m) => ({ userId: m.userId ?? null, name: (m.name ?? '').trim(), role: (m.role ?? '').trim() || null }));
}

function fieldsOf(v: Values) {
  return {
    name: v.name,
    baseCity: v.baseCity,
    members: membersOf(v.members),
    periodFrom: day(v.periodFrom),
    periodTo: day(v.periodTo),
    targetsText: v.targetsText || null,
    targetActivities: v.targetActivities ?? null,
    targetLeads: v.targetLeads ?? null,
    targetSignedProjects: v.targetSignedProjects ?? null,
  };
}

function MemberRows() {
  const { t } = useI18n();
  return (
    <Form.List name="members">
      {(fields, { add, remove }) => (
        <Form.Item label={t('teams.members')}>
          <Space direction="vertical" size={8} style={{ width: '100%' }}>
            {fields.map((field, i) => (
              <Space key={field.key} size={6} wrap={false} style={{ display: 'flex' }} align="start">
                <Form.Item name={[field.name, 'userId']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {({ getFieldValue }) => (getFieldValue(['members', field.name, 'userId']) ? <Tag style={{ marginTop: 5 }}>{t('teams.memberAccount')}</Tag> : null)}
                </Form.Item>
                <Form.Item name={[field.name, 'name']} style={{ margin: 0 }} rules={[{ max: 50 }]}>
                  <Input aria-label={t('teams.memberName', { n: i + 1 })} placeholder={t('teams.memberNamePlaceholder')} maxLength={50} data-testid={`team-member-name-${i}`} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'role']} style={{ margin: 0 }} rules={[{ max: 50 }]}>
                  <Input aria-label={t('teams.memberRole', { n: i + 1 })} placeholder={t('teams.memberRolePlaceholder')} maxLength={50} data-testid={`team-member-role-${i}`} style={{ width: 100 }} />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} aria-label={t('teams.memberRemove', { n: i + 1 })} onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ userId: null, name: '', role: null })} data-testid="team-member-add">
              {t('teams.memberAdd')}
            </Button>
          </Space>
        </Form.Item>
      )}
    </Form.List>
  );
}

export function TeamDialog({ open, onClose, team }: { open: boolean; onClose: () => void; team?: Team }) {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => (team ? teamsApi.update(team.id, { ...fieldsOf(v), version: team.version }) : teamsApi.create({ ...fieldsOf(v), regionCode: v.regionCode })),
    onSuccess: async (saved) => {
      showSuccess(t('teams.saved'));
      await client.invalidateQueries({ queryKey: ['teams'] });
      onClose();
      if (!team) navigate(teamPath(saved.id));
    },
    onError: (e) => showError(e),
  });
  return (
    <Modal
      open={open}
      title={team ? t('teams.edit') : t('teams.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialValuesOf(team, me.regionCode ?? undefined)} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('teams.name')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
          <Input data-testid="team-name-input" maxLength={100} />
        </Form.Item>
        <Form.Item name="baseCity" label={t('teams.baseCity')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
          <Input data-testid="team-city-input" maxLength={100} />
        </Form.Item>
        {!team && (
          <Form.Item name="regionCode" label={t('teams.region')}>
            <RegionTreeSelect allowClear={false} />
          </Form.Item>
        )}
        <MemberRows />
        <Space wrap>
          <Form.Item name="periodFrom" label={t('teams.periodFrom')}>
            <DatePicker data-testid="team-period-from" />
          </Form.Item>
          <Form.Item name="periodTo" label={t('teams.periodTo')}>
            <DatePicker data-testid="team-period-to" />
          </Form.Item>
        </Space>
        <Form.Item name="targetsText" label={t('teams.targets')}>
          <Input.TextArea rows={2} maxLength={4000} data-testid="team-targets-input" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="targetActivities" label={t('teams.targetActivities')}>
            <InputNumber min={0} precision={0} data-testid="team-target-activities" />
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
