import { useState } from 'react';
import { Alert } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { LoginForm, ProFormText } from '@ant-design/pro-components';
import { useLocation, useNavigate } from 'react-router-dom';
import { authApi } from '../api/auth';
import { ApiError } from '../api/client';
import { PASSWORD_PATH } from '../auth/RequireAuth';
import { useSetMe } from '../auth/session';
import { Logo } from '../components/Logo';
import { LanguageSwitch } from '../layouts/HeaderActions';
import { useI18n } from '../i18n';

interface LoginValues {
  username: string;
  password: string;
}

function fromPath(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = (state as { from: unknown }).from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login')) return from;
  }
  return '/';
}

export default function Login() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const setMe = useSetMe();
  const [error, setError] = useState<string | null>(null);

  const onFinish = async (values: LoginValues) => {
    setError(null);
    try {
      const { user } = await authApi.login(values.username.trim(), values.password);
      setMe(user);
      navigate(user.mustChangePassword ? PASSWORD_PATH : fromPath(location.state), { replace: true });
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, #fff7f0 0%, #fdecea 45%, #f5f5f5 100%)',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: 16 }}>
        <LanguageSwitch />
      </div>
      <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', paddingBottom: 80 }}>
        <LoginForm<LoginValues>
          logo={<Logo size={44} />}
          title={t('app.fullName')}
          subTitle={<span style={{ letterSpacing: lang === 'zh' ? '0.3em' : undefined, fontSize: 16 }}>{t('app.slogan')}</span>}
          submitter={{ searchConfig: { submitText: t('login.submit') } }}
          onFinish={onFinish}
          message={error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 24 }} data-testid="login-error" /> : null}
        >
          <ProFormText
            name="username"
            fieldProps={{ size: 'large', prefix: <UserOutlined />, autoComplete: 'username' }}
            placeholder={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          />
          <ProFormText.Password
            name="password"
            fieldProps={{ size: 'large', prefix: <LockOutlined />, autoComplete: 'current-password' }}
            placeholder={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          />
        </LoginForm>
      </div>
      <div style={{ textAlign: 'center', color: 'rgba(0,0,0,0.45)', padding: 16 }}>{t('login.footer')}</div>
    </div>
  );
}
