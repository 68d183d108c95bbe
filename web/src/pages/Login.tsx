import { useState } from 'react';
import { Alert, App } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { LoginForm, ProFormText } from '@ant-design/pro-components';
import { useLocation, useNavigate } from 'react-router-dom';
import { authApi } from '../api/auth';
import { ApiError } from '../api/client';
import type { AccountNotice, Me } from '../api/types';
import { PASSWORD_PATH, TWO_FACTOR_PATH } from '../auth/RequireAuth';
import { useSetMe } from '../auth/session';
import { Logo } from '../components/Logo';
import { LanguageSwitch } from '../layouts/HeaderActions';
import { useI18n } from '../i18n';

interface LoginValues {
  username: string;
  password: string;
  totp?: string;
}

/** Where to go after login: a pending set-up step first. */
function nextPath(user: Me, from: string): string {
  if (user.setup === 'passwordChange' || user.mustChangePassword) return PASSWORD_PATH;
  if (user.setup === 'totpEnrolment') return TWO_FACTOR_PATH;
  return from;
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
  const { modal } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  // shown once the server answers TOTP_REQUIRED: the account has a second factor
  const [askTotp, setAskTotp] = useState(false);

  const showNotice = (notice: AccountNotice) => {
    if (notice.failedLogins === 0 && notice.events.length === 0) return;
    modal.warning({
      title: t('login.noticeTitle'),
      okText: t('login.noticeOk'),
      width: 560,
      content: (
        <div data-testid="login-notice">
          {notice.failedLogins > 0 && <p>{t('login.noticeFailed', { n: notice.failedLogins })}</p>}
          <ul style={{ paddingLeft: 20, margin: 0 }}>
            {notice.events.map((e) => (
              <li key={`${e.at}-${e.action}`}>{e.message}</li>
            ))}
          </ul>
        </div>
      ),
    });
  };

  const onFinish = async (values: LoginValues) => {
    setError(null);
    try {
      const { user, notice } = await authApi.login(values.username.trim(), values.password, askTotp ? values.totp?.trim() : undefined);
      setMe(user);
      showNotice(notice);
      navigate(nextPath(user, fromPath(location.state)), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') {
        // first time: just ask for the code; after a code was sent, say it was wrong
        if (askTotp) setError(err.message);
        setAskTotp(true);
        return;
      }
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
          {askTotp && (
            <>
              <Alert type="info" showIcon message={t('login.totpHint')} style={{ marginBottom: 16 }} />
              <ProFormText
                name="totp"
                fieldProps={{ size: 'large', prefix: <SafetyOutlined />, autoComplete: 'one-time-code', inputMode: 'numeric', autoFocus: true, maxLength: 16 }}
                placeholder={t('login.totpPlaceholder')}
                rules={[{ required: true, whitespace: true, message: t('login.totpRequired') }]}
              />
            </>
          )}
        </LoginForm>
      </div>
      <div style={{ textAlign: 'center', color: 'rgba(0,0,0,0.6)', padding: 16 }}>{t('login.footer')}</div>
    </div>
  );
}
