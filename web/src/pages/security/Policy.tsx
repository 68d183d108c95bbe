import { Card } from 'antd';
import { PageContainer, ProForm, ProFormDigit, ProFormTextArea, type ProFormInstance } from '@ant-design/pro-components';
import { useRef } from 'react';
import { showSuccess } from '../../api/client';
import { securityApi } from '../../api/security';
import type { Policy as PolicyShape } from '../../api/types';
import { useI18n } from '../../i18n';

type Values = PolicyShape & { reason: string };

const FIELDS: { name: keyof PolicyShape; min: number; max: number }[] = [
  { name: 'passwordMinLength', min: 6, max: 64 },
  { name: 'passwordMinClasses', min: 1, max: 4 },
  { name: 'maxFailedLogins', min: 1, max: 100 },
  { name: 'lockMinutes', min: 1, max: 1440 },
  { name: 'sessionIdleMinutes', min: 1, max: 1440 },
  { name: 'sessionAbsoluteHours', min: 1, max: 336 },
];

export default function Policy() {
  const { t } = useI18n();
  const formRef = useRef<ProFormInstance<Values>>(undefined);
  return (
    <PageContainer>
      <Card>
        <ProForm<Values>
          formRef={formRef}
          layout="horizontal"
          labelCol={{ span: 8 }}
          wrapperCol={{ span: 12 }}
          style={{ maxWidth: 760 }}
          request={async () => ({ ...(await securityApi.policy()), reason: '' })}
          submitter={{
            searchConfig: { submitText: t('common.save') },
            render: (_, dom) => <div style={{ marginLeft: '33.33%', display: 'flex', gap: 8 }}>{dom}</div>,
          }}
          onFinish={async ({ reason, ...policy }) => {
            try {
              const saved = await securityApi.savePolicy(policy, reason.trim());
              formRef.current?.setFieldsValue({ ...saved, reason: '' });
              showSuccess(t('policy.saved'));
              return true;
            } catch {
              return false;
            }
          }}
        >
          {FIELDS.map((f) => (
            <ProFormDigit
              key={f.name}
              name={f.name}
              label={t(`policy.${f.name}`)}
              min={f.min}
              max={f.max}
              fieldProps={{ precision: 0 }}
              extra={f.name === 'passwordMinClasses' ? t('policy.passwordMinClassesHint') : undefined}
              rules={[{ required: true }]}
              width="sm"
            />
          ))}
          <ProFormTextArea
            name="reason"
            label={t('common.reason')}
            extra={t('common.reasonHint')}
            rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}
            fieldProps={{ maxLength: 500, showCount: true }}
          />
        </ProForm>
      </Card>
    </PageContainer>
  );
}
