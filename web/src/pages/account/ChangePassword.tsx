import { Alert, Card } from 'antd';
import { PageContainer, ProForm, ProFormText } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { authApi } from '../../api/auth';
import { showSuccess } from '../../api/client';
import { ME_KEY, useMe } from '../../auth/session';
import { useI18n } from '../../i18n';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePassword() {
  const me = useMe();
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  return (
    <PageContainer>
      <Card>
        {me.mustChangePassword && (
          <Alert type="warning" showIcon message={t('password.mustChange')} style={{ marginBottom: 24, maxWidth: 560 }} />
        )}
        <ProForm<Values>
          style={{ maxWidth: 420 }}
          submitter={{ searchConfig: { submitText: t('password.title') }, resetButtonProps: false }}
          onFinish={async (v) => {
            try {
              await authApi.changePassword(v.currentPassword, v.newPassword);
            } catch {
              return false;
            }
            showSuccess(t('password.changed'));
            await client.invalidateQueries({ queryKey: ME_KEY });
            navigate('/', { replace: true });
            return true;
          }}
        >
          <ProFormText.Password
            name="currentPassword"
            label={t('password.current')}
            rules={[{ required: true }]}
            fieldProps={{ autoComplete: 'current-password' }}
          />
          <ProFormText.Password
            name="newPassword"
            label={t('password.new')}
            rules={[{ required: true }]}
            fieldProps={{ autoComplete: 'new-password' }}
          />
          <ProFormText.Password
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            fieldProps={{ autoComplete: 'new-password' }}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          />
        </ProForm>
      </Card>
    </PageContainer>
  );
}
