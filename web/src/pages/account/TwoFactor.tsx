/**
 * The own account's second factor and security log: enrol (QR code, manual key, first code), the
 * recovery codes shown once, new recovery codes, turning it off (optional roles only), and what
 * happened to the account (locks, unlocks by the security administrator, resets, logins).
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, List, Space, Tag, Typography } from 'antd';
import { ModalForm, PageContainer, ProFormText } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { authApi } from '../../api/auth';
import { showSuccess } from '../../api/client';
import { ME_KEY, useMe } from '../../auth/session';
import { useI18n } from '../../i18n';

const STATUS_KEY = ['auth', 'totp'] as const;
const EVENTS_KEY = ['auth', 'security-events'] as const;

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <Card title={t('totp.recoveryTitle')} style={{ marginBottom: 16 }} data-testid="recovery-codes">
      <Alert type="warning" showIcon message={t('totp.recoveryHint')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph copyable={{ text: codes.join('\n') }}>
        <pre style={{ fontSize: 16, lineHeight: 1.8, margin: 0 }}>{codes.join('\n')}</pre>
      </Typography.Paragraph>
      <Button type="primary" onClick={onDone}>
        {t('totp.recoveryDone')}
      </Button>
    </Card>
  );
}

function PasswordConfirm({ title, danger, onConfirm }: { title: string; danger?: boolean; onConfirm: (password: string) => Promise<void> }) {
  const { t } = useI18n();
  return (
    <ModalForm<{ password: string }>
      title={title}
      width={420}
      trigger={<Button danger={danger}>{title}</Button>}
      modalProps={{ destroyOnHidden: true }}
      onFinish={async ({ password }) => {
        try {
          await onConfirm(password);
        } catch {
          return false;
        }
        return true;
      }}
    >
      <ProFormText.Password name="password" label={t('totp.passwordPrompt')} rules={[{ required: true }]} fieldProps={{ autoComplete: 'current-password' }} />
    </ModalForm>
  );
}

export default function TwoFactor() {
  const me = useMe();
  const { t } = useI18n();
  const client = useQueryClient();
  const navigate = useNavigate();
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: authApi.totpStatus });
  const events = useQuery({ queryKey: EVENTS_KEY, queryFn: authApi.securityEvents, enabled: me.setup === null });
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string; qrSvg: string } | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);

  const refresh = async () => {
    await client.invalidateQueries({ queryKey: STATUS_KEY });
    await client.invalidateQueries({ queryKey: EVENTS_KEY });
  };

  const start = async () => {
    setBusy(true);
    try {
      setEnrolment(await authApi.startTotpEnrolment());
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    setBusy(true);
    try {
      const { recoveryCodes: codes } = await authApi.confirmTotpEnrolment(code.trim());
      setEnrolment(null);
      setRecoveryCodes(codes);
      showSuccess(t('totp.enrolled'));
      await refresh();
    } catch {
      // the error message is shown by the client
    } finally {
      setBusy(false);
    }
  };

  const finishRecovery = async () => {
    setRecoveryCodes(null);
    const wasSetup = me.setup === 'totpEnrolment';
    await client.invalidateQueries({ queryKey: ME_KEY });
    if (wasSetup) navigate('/', { replace: true });
  };

  const s = status.data;
  return (
    <PageContainer>
      {recoveryCodes && <RecoveryCodes codes={recoveryCodes} onDone={() => void finishRecovery()} />}
      <Card title={t('totp.title')} style={{ marginBottom: 16 }} loading={status.isPending}>
        {s && (
          <>
            <Alert
              type={s.required && !s.enrolled ? 'warning' : 'info'}
              showIcon
              message={s.required ? t('totp.required') : t('totp.optional')}
              style={{ marginBottom: 16, maxWidth: 720 }}
            />
            <Descriptions column={1} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('login.totp')}>
                {s.enrolled ? (
                  <Tag color="green" data-testid="totp-status">
                    {t('totp.enrolledAt', { at: new Date(s.enrolledAt ?? '').toLocaleString(), n: s.recoveryCodesLeft })}
                  </Tag>
                ) : (
                  <Tag data-testid="totp-status">{t('totp.notEnrolled')}</Tag>
                )}
              </Descriptions.Item>
            </Descriptions>
            {!s.enrolled && !enrolment && !recoveryCodes && (
              <Button type="primary" loading={busy} onClick={() => void start()}>
                {t('totp.start')}
              </Button>
            )}
            {s.enrolled && !recoveryCodes && (
              <Space wrap>
                <PasswordConfirm
                  title={t('totp.regenerate')}
                  onConfirm={async (password) => {
                    const { recoveryCodes: codes } = await authApi.regenerateRecoveryCodes(password);
                    setRecoveryCodes(codes);
                    await refresh();
                  }}
                />
                {!s.required && (
                  <PasswordConfirm
                    title={t('totp.disable')}
                    danger
                    onConfirm={async (password) => {
                      await authApi.disableTotp(password);
                      showSuccess(t('totp.disabledDone'));
                      await refresh();
                      await client.invalidateQueries({ queryKey: ME_KEY });
                    }}
                  />
                )}
              </Space>
            )}
            {enrolment && (
              <div style={{ maxWidth: 720 }} data-testid="totp-enrolment">
                <Typography.Paragraph>{t('totp.scan')}</Typography.Paragraph>
                <img
                  alt="otpauth QR"
                  width={200}
                  height={200}
                  src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
                  style={{ display: 'block', marginBottom: 16, border: '1px solid #f0f0f0' }}
                />
                <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
                  <Descriptions.Item label={t('totp.manualKey')}>
                    <Typography.Text code copyable data-testid="totp-secret">
                      {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
                    </Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('totp.uri')}>
                    <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
                      {enrolment.otpauthUri}
                    </Typography.Text>
                  </Descriptions.Item>
                </Descriptions>
                <Form layout="inline" onFinish={() => void confirm()}>
                  <Form.Item label={t('totp.code')}>
                    <Input
                      value={code}
                      onChange={(e) => setCode(e.target.value)}
                      inputMode="numeric"
                      autoComplete="one-time-code"
                      maxLength={6}
                      style={{ width: 140 }}
                      data-testid="totp-code"
                    />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={busy} disabled={!/^\d{6}$/.test(code.trim())}>
                    {t('totp.confirm')}
                  </Button>
                </Form>
              </div>
            )}
          </>
        )}
      </Card>
      {me.setup === null && (
        <Card title={t('totp.eventsTitle')} loading={events.isPending}>
          {events.data && events.data.items.length > 0 ? (
            <List size="small" dataSource={events.data.items} renderItem={(e) => <List.Item>{e.message}</List.Item>} data-testid="security-events" />
          ) : (
            <Empty description={t('totp.eventsEmpty')} />
          )}
        </Card>
      )}
    </PageContainer>
  );
}
