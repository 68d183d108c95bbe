import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Form, InputNumber, Row, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  PageContainer,
  ProFormCheckbox,
  ProFormDatePicker,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
} from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { showSuccess } from '../../api/client';
import { reportingCalendarApi, type ReportingCalendar } from '../../api/returns';
import { settingsApi, type CalendarOverride, type EvidencePolicy, type LightRules } from '../../api/settings';
import { PageLoading } from '../../components/PageLoading';
import { ReasonModalForm } from '../../components/ReasonModalForm';
import { useI18n } from '../../i18n';
import { AftercareSettingsCard } from './AftercareSettingsCard';
import { InquirySettingsCard } from './InquirySettingsCard';

const RULE_FIELDS = ['noProgressYellowDays', 'noProgressRedDays', 'notStartedYellowDays', 'notStartedRedDays'] as const;

function LightRulesCard() {
  const { t } = useI18n();
  const { data, refetch } = useQuery({ queryKey: ['light-rules'], queryFn: settingsApi.lightRules });
  const [form] = Form.useForm<LightRules>();
  const [draft, setDraft] = useState<LightRules | null>(null);
  if (!data) return <Card title={t('settings.lightRules')} loading />;
  const current = draft ?? data;
  const invalid = current.noProgressRedDays < current.noProgressYellowDays || current.notStartedRedDays < current.notStartedYellowDays;
  const dirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(data);
  return (
    <Card title={t('settings.lightRules')} data-testid="settings-light-rules" style={{ height: '100%' }}>
      <Form<LightRules>
        form={form}
        layout="horizontal"
        labelCol={{ span: 14 }}
        initialValues={data}
        onValuesChange={(_, all) => setDraft({ ...data, ...all })}
      >
        {RULE_FIELDS.map((f) => (
          <Form.Item key={f} name={f} label={t(`settings.${f}`)} rules={[{ required: true }]} style={{ marginBottom: 12 }}>
            <InputNumber min={f.startsWith('noProgress') ? 1 : 0} max={3650} precision={0} addonAfter="天" style={{ width: 140 }} />
          </Form.Item>
        ))}
        <Form.Item name="overdueProblemIsRed" label={t('settings.overdueProblemIsRed')} valuePropName="checked" style={{ marginBottom: 12 }}>
          <Switch />
        </Form.Item>
      </Form>
      {invalid && <Alert type="warning" showIcon message={t('settings.redAfterYellow')} style={{ marginBottom: 12 }} />}
      <ReasonModalForm
        title={t('settings.lightRules')}
        trigger={
          <Button type="primary" disabled={!dirty || invalid}>
            {t('settings.saveWithReason')}
          </Button>
        }
        onSubmit={async ({ reason }) => {
          const values = await form.validateFields();
          await settingsApi.saveLightRules({ ...data, ...values, reason });
          showSuccess(t('settings.saved'));
          setDraft(null);
          const fresh = await refetch();
          if (fresh.data) form.setFieldsValue(fresh.data);
        }}
      />
    </Card>
  );
}

const EVIDENCE_STAGES = ['negotiating', 'signed', 'started', 'operating', 'terminated'] as const;

function EvidencePolicyCard() {
  const { t } = useI18n();
  const { data, refetch } = useQuery({ queryKey: ['evidence-policy'], queryFn: settingsApi.evidencePolicy });
  if (!data) return <Card title={t('settings.evidencePolicy')} loading />;
  return (
    <Card title={t('settings.evidencePolicy')} data-testid="settings-evidence-policy" style={{ height: '100%' }}>
      <Space direction="vertical" size={8} style={{ marginBottom: 16, display: 'flex' }}>
        <div>
          <Typography.Text type="secondary">{t('settings.stagesNeedingEvidence')}：</Typography.Text>
          {data.stagesNeedingEvidence.length ? data.stagesNeedingEvidence.map((s) => <Tag key={s}>{t(`stage.${s}`)}</Tag>) : t('common.none')}
        </div>
        <div>
          <Typography.Text type="secondary">{t('settings.receiptNeedsEvidence')}：</Typography.Text>
          {data.receiptNeedsEvidence ? t('common.yes') : t('common.no')}
        </div>
        <div>
          <Typography.Text type="secondary">{t('settings.receiptNeedsVerification')}：</Typography.Text>
          {data.receiptNeedsVerification ? t('common.yes') : t('common.no')}
        </div>
      </Space>
      <ReasonModalForm<EvidencePolicy & { reason: string }>
        title={t('settings.evidencePolicy')}
        initialValues={data}
        trigger={<Button type="primary">{t('common.edit')}</Button>}
        onSubmit={async (v) => {
          await settingsApi.saveEvidencePolicy({
            stagesNeedingEvidence: v.stagesNeedingEvidence ?? [],
            receiptNeedsEvidence: v.receiptNeedsEvidence ?? false,
            receiptNeedsVerification: v.receiptNeedsVerification ?? false,
            reason: v.reason,
          });
          showSuccess(t('settings.saved'));
          await refetch();
        }}
      >
        <ProFormCheckbox.Group
          name="stagesNeedingEvidence"
          label={t('settings.stagesNeedingEvidence')}
          options={EVIDENCE_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
        />
        <ProFormSwitch name="receiptNeedsEvidence" label={t('settings.receiptNeedsEvidence')} />
        <ProFormSwitch name="receiptNeedsVerification" label={t('settings.receiptNeedsVerification')} />
      </ReasonModalForm>
    </Card>
  );
}

interface DayValues {
  date: string;
  kind: CalendarOverride['kind'];
  name: string;
  reason: string;
}

function DayFields({ fixedDate }: { fixedDate?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {!fixedDate && <ProFormDatePicker name="date" label={t('settings.date')} rules={[{ required: true }]} fieldProps={{ format: 'YYYY-MM-DD' }} />}
      <ProFormSelect
        name="kind"
        label={t('settings.dayKind')}
        rules={[{ required: true }]}
        options={[
          { value: 'holiday', label: t('settings.dayKind.holiday') },
          { value: 'workday', label: t('settings.dayKind.workday') },
        ]}
      />
      <ProFormText
        name="name"
        label={t('settings.dayName')}
        rules={[{ required: true, whitespace: true }]}
        fieldProps={{ maxLength: 30, placeholder: t('settings.dayNamePlaceholder') }}
      />
    </>
  );
}

function CalendarCard() {
  const { t } = useI18n();
  const { data, refetch } = useQuery({ queryKey: ['calendar-overrides'], queryFn: settingsApi.calendar });
  if (!data) return <Card title={t('settings.calendar')} loading />;
  const year = dayjs().year();
  const covered = (y: number) => y <= data.officialLastYear || data.items.some((d) => d.date.startsWith(`${y}-`));
  const missing = [year, year + 1].filter((y) => y > data.officialLastYear);
  const rows = [...data.items].sort((a, b) => a.date.localeCompare(b.date));
  const save = async (v: DayValues) => {
    await settingsApi.saveOverride(dayjs(v.date).format('YYYY-MM-DD'), { kind: v.kind, name: v.name.trim(), reason: v.reason });
    showSuccess(t('settings.saved'));
    await refetch();
  };
  return (
    <Card
      title={t('settings.calendar')}
      data-testid="settings-calendar"
      style={{ height: '100%' }}
      extra={
        <ReasonModalForm<DayValues>
          title={t('settings.addDay')}
          initialValues={{ kind: 'holiday' }}
          trigger={<Button icon={<PlusOutlined />}>{t('settings.addDay')}</Button>}
          onSubmit={save}
        >
          <DayFields />
        </ReasonModalForm>
      }
    >
      {missing.length > 0 ? (
        <Alert
          data-testid="calendar-warning"
          type={missing.includes(year) ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          message={<Typography.Text strong>{t('settings.officialLastYear', { year: data.officialLastYear })}</Typography.Text>}
          description={
            <>
              {t('settings.calendarMissing', { years: missing.join('、') })}
              {missing.some(covered) && (
                <div style={{ marginTop: 4 }}>
                  {missing
                    .filter(covered)
                    .map((y) => `${y} 年已录入 ${data.items.filter((d) => d.date.startsWith(`${y}-`)).length} 天`)
                    .join('；')}
                </div>
              )}
            </>
          }
        />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} message={`${t('settings.officialLastYear', { year: data.officialLastYear })}；${t('settings.calendarOk')}`} />
      )}
      <Table<CalendarOverride>
        rowKey="date"
        size="small"
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: <Empty description={t('settings.noOverrides')} /> }}
        columns={[
          { title: t('settings.date'), dataIndex: 'date', width: 140, render: (d: string) => `${d}（${'日一二三四五六'[dayjs(d).day()]}）` },
          {
            title: t('settings.dayKind'),
            dataIndex: 'kind',
            width: 120,
            render: (k: CalendarOverride['kind']) => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{t(`settings.dayKind.${k}`)}</Tag>,
          },
          { title: t('settings.dayName'), dataIndex: 'name' },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 160,
            render: (_: unknown, d) => (
              <Space size={0}>
                <ReasonModalForm<DayValues>
                  title={t('settings.editDay', { date: d.date })}
                  initialValues={{ date: d.date, kind: d.kind, name: d.name }}
                  trigger={<Button type="link" size="small">{t('common.edit')}</Button>}
                  onSubmit={(v) => save({ ...v, date: d.date })}
                >
                  <DayFields fixedDate />
                </ReasonModalForm>
                <ReasonModalForm
                  title={t('settings.deleteDay', { date: d.date })}
                  danger
                  trigger={<Button type="link" size="small" danger>{t('common.delete')}</Button>}
                  onSubmit={async ({ reason }) => {
                    await settingsApi.deleteOverride(d.date, reason);
                    showSuccess(t('common.success'));
                    await refetch();
                  }}
                />
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

const DUE_FIELDS = ['countyDay', 'prefectureDay', 'provinceDay'] as const;

/** 报送日历: the day of the next month each level's return is due (moved past holidays by the server). */
function ReportingCalendarCard() {
  const { t } = useI18n();
  const { data, refetch } = useQuery({ queryKey: ['reporting-calendar'], queryFn: reportingCalendarApi.get });
  const [form] = Form.useForm<ReportingCalendar>();
  const [draft, setDraft] = useState<ReportingCalendar | null>(null);
  if (!data) return <Card title={t('settings.reportingCalendar')} loading />;
  const dirty = draft !== null && DUE_FIELDS.some((f) => draft[f] !== data[f]);
  const invalid = draft !== null && DUE_FIELDS.some((f) => !Number.isInteger(draft[f]) || draft[f] < 1 || draft[f] > 28);
  return (
    <Card title={t('settings.reportingCalendar')} data-testid="settings-reporting-calendar" style={{ height: '100%' }}>
      <Alert type="info" showIcon message={t('settings.reportingNote')} style={{ marginBottom: 16 }} />
      <Form<ReportingCalendar>
        form={form}
        layout="horizontal"
        labelCol={{ span: 10 }}
        initialValues={data}
        onValuesChange={(_, all) => setDraft({ ...data, ...all })}
      >
        {DUE_FIELDS.map((f) => (
          <Form.Item key={f} name={f} label={t(`settings.${f}`)} rules={[{ required: true }, { type: 'integer', min: 1, max: 28 }]} style={{ marginBottom: 12 }}>
            <InputNumber min={1} max={28} precision={0} addonBefore={t('settings.nextMonth')} addonAfter={t('settings.dayOfMonth')} style={{ width: 200 }} />
          </Form.Item>
        ))}
      </Form>
      <ReasonModalForm
        title={t('settings.reportingCalendar')}
        trigger={
          <Button type="primary" disabled={!dirty || invalid} data-testid="reporting-calendar-save">
            {t('settings.saveWithReason')}
          </Button>
        }
        onSubmit={async ({ reason }) => {
          const values = await form.validateFields();
          await reportingCalendarApi.save({ ...data, ...values, reason });
          showSuccess(t('settings.saved'));
          setDraft(null);
          const fresh = await refetch();
          if (fresh.data) form.setFieldsValue(fresh.data);
        }}
      />
    </Card>
  );
}

/** 业务设置: light rules, 先证后计, holidays and 调休, the reporting calendar, follow-ups and reminders. Every change asks for a reason (audited). */
export default function Settings() {
  const { t } = useI18n();
  const { isLoading } = useQuery({ queryKey: ['light-rules'], queryFn: settingsApi.lightRules });
  if (isLoading) return <PageLoading />;
  return (
    <PageContainer title={t('settings.title')}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <CalendarCard />
          </Col>
          <Col xs={24} xl={10}>
            <ReportingCalendarCard />
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <LightRulesCard />
          </Col>
          <Col xs={24} lg={12}>
            <EvidencePolicyCard />
          </Col>
        </Row>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <AftercareSettingsCard />
          </Col>
          <Col xs={24} lg={12}>
            <InquirySettingsCard />
          </Col>
        </Row>
      </Space>
    </PageContainer>
  );
}
