import { useState } from 'react';
import { Button, Card, Form, InputNumber, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { showSuccess } from '../../api/client';
import { inquiriesApi, type InquirySettings } from '../../api/inquiries';
import { ReasonModalForm } from '../../components/ReasonModalForm';
import { useI18n } from '../../i18n';

interface Values {
  complaintFirst: number;
  complaintClose: number;
  inquiryFirst: number;
  inquiryClose: number;
  escalationWorkingDays: number;
}

const toValues = (s: InquirySettings): Values => ({
  complaintFirst: s.complaint.firstResponseWorkingDays,
  complaintClose: s.complaint.closeWorkingDays,
  inquiryFirst: s.inquiry.firstResponseWorkingDays,
  inquiryClose: s.inquiry.closeWorkingDays,
  escalationWorkingDays: s.escalationWorkingDays,
});

/** 咨询投诉时限: per kind, working days to the first response and to closing, and the escalation step (docs/inquiries.md). */
export function InquirySettingsCard() {
  const { t } = useI18n();
  const { data, refetch } = useQuery({ queryKey: ['inquiry-settings'], queryFn: inquiriesApi.settings });
  const [form] = Form.useForm<Values>();
  const [dirty, setDirty] = useState(false);
  if (!data) return <Card title={t('settings.inquiries')} loading />;
  const days = (name: keyof Values, label: string, max: number) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]} style={{ marginBottom: 12 }}>
      <InputNumber min={1} max={max} precision={0} addonAfter={t('settings.workingDaysUnit')} style={{ width: 160 }} data-testid={`settings-inquiries-${name}`} />
    </Form.Item>
  );
  return (
    <Card title={t('settings.inquiries')} data-testid="settings-inquiries" style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary">{t('settings.inquiriesHint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="horizontal" labelCol={{ span: 12 }} initialValues={toValues(data)} onValuesChange={() => setDirty(true)}>
        {days('complaintFirst', t('settings.complaintFirst'), 120)}
        {days('complaintClose', t('settings.complaintClose'), 120)}
        {days('inquiryFirst', t('settings.inquiryFirst'), 120)}
        {days('inquiryClose', t('settings.inquiryClose'), 120)}
        {days('escalationWorkingDays', t('settings.escalationWorkingDays'), 30)}
      </Form>
      <ReasonModalForm
        title={t('settings.inquiries')}
        trigger={
          <Button type="primary" disabled={!dirty} data-testid="settings-inquiries-save">
            {t('settings.saveWithReason')}
          </Button>
        }
        onSubmit={async ({ reason }) => {
          const v = await form.validateFields();
          await inquiriesApi.saveSettings({
            complaint: { firstResponseWorkingDays: v.complaintFirst, closeWorkingDays: v.complaintClose },
            inquiry: { firstResponseWorkingDays: v.inquiryFirst, closeWorkingDays: v.inquiryClose },
            escalationWorkingDays: v.escalationWorkingDays,
            reason,
          });
          showSuccess(t('settings.saved'));
          setDirty(false);
          const fresh = await refetch();
          if (fresh.data) form.setFieldsValue(toValues(fresh.data));
        }}
      />
    </Card>
  );
}
