import { useState } from 'react';
import { Button, Card, Form, InputNumber, Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { aftercareApi, type AftercareSettingsValue } from '../../api/aftercare';
import { showSuccess } from '../../api/client';
import { ReasonModalForm } from '../../components/ReasonModalForm';
import { useI18n } from '../../i18n';

interface Values {
  followUpMonths: (string | number)[];
  escalationWorkingDays: number;
  dueSoonWorkingDays: number;
}

const MONTH_OPTIONS = [1, 2, 3, 6, 9, 12, 18, 24, 36];

/** 回访与提醒: follow-up months after 投产, escalation after N working days overdue, the due-soon window (docs/aftercare.md). */
export function AftercareSettingsCard() {
  const { t } = useI18n();
  const { data, refetch } = useQuery({ queryKey: ['aftercare-settings'], queryFn: aftercareApi.settings });
  const [form] = Form.useForm<Values>();
  const [dirty, setDirty] = useState(false);
  if (!data) return <Card title={t('settings.aftercare')} loading />;
  const toValues = (s: AftercareSettingsValue): Values => ({ ...s, followUpMonths: s.followUpMonths });
  return (
    <Card title={t('settings.aftercare')} data-testid="settings-aftercare" style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary">{t('settings.aftercareHint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="horizontal" labelCol={{ span: 12 }} initialValues={toValues(data)} onValuesChange={() => setDirty(true)}>
        {/* no `required` rule and no aria-label on the select: antd puts them on the select's root, which axe refuses there
            (aria-allowed-attr); the label names the input, and the server refuses an empty schedule naming the field */}
        <Form.Item name="followUpMonths" label={t('settings.followUpMonths')} style={{ marginBottom: 12 }}>
          <Select
            mode="tags"
            data-testid="settings-follow-up-months"
            style={{ minWidth: 160 }}
            options={MONTH_OPTIONS.map((m) => ({ value: m, label: t('settings.monthN', { n: m }) }))}
          />
        </Form.Item>
        <Form.Item name="escalationWorkingDays" label={t('settings.escalationWorkingDays')} rules={[{ required: true }]} style={{ marginBottom: 12 }}>
          <InputNumber min={1} max={60} precision={0} addonAfter={t('settings.workingDaysUnit')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="dueSoonWorkingDays" label={t('settings.dueSoonWorkingDays')} rules={[{ required: true }]} style={{ marginBottom: 12 }}>
          <InputNumber min={0} max={30} precision={0} addonAfter={t('settings.workingDaysUnit')} style={{ width: 160 }} />
        </Form.Item>
      </Form>
      <Space wrap>
      <ReasonModalForm
        title={t('settings.aftercare')}
        trigger={
          <Button type="primary" disabled={!dirty} data-testid="settings-aftercare-save">
            {t('settings.saveWithReason')}
          </Button>
        }
        onSubmit={async ({ reason }) => {
          const values = await form.validateFields();
          await aftercareApi.saveSettings({
            followUpMonths: values.followUpMonths.map((m) => Number(m)),
            escalationWorkingDays: values.escalationWorkingDays,
            dueSoonWorkingDays: values.dueSoonWorkingDays,
            reason,
          });
          showSuccess(t('settings.saved'));
          setDirty(false);
          const fresh = await refetch();
          if (fresh.data) form.setFieldsValue(toValues(fresh.data));
        }}
      />
      <Button
        onClick={async () => {
          const r = await aftercareApi.runClocks();
          showSuccess(t('settings.clocksRan', { n: Object.values(r.raised).reduce((a, b) => a + b, 0) + r.digests }));
        }}
        data-testid="settings-run-clocks"
      >
        {t('settings.runClocks')}
      </Button>
      </Space>
    </Card>
  );
}
