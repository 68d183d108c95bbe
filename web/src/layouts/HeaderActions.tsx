import type { ReactNode } from 'react';
import { Avatar, Button, Space, Tooltip, Typography } from 'antd';
import { EnvironmentOutlined, LogoutOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { authApi } from '../api/auth';
import type { Me } from '../api/types';
import { useSetMe } from '../auth/session';
import { can } from '../access';
import { RemindersBell } from './RemindersBell';
import { levelName, roleName, roleNames } from '../components/labels';
import { useI18n } from '../i18n';
import { BRAND_COLOR } from '../theme';

export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <Button
      type="text"
      icon={<TranslationOutlined />}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      data-testid="lang-switch"
    >
      {t('header.language')}
    </Button>
  );
}

/** Header right side: who is signed in, where, language switch, logout (one hover area each). */
export function useHeaderActions(me: Me): ReactNode[] {
  const { t } = useI18n();
  const navigate = useNavigate();
  const setMe = useSetMe();

  const logout = async () => {
    try {
      await authApi.logout();
    } finally {
      setMe(null);
      navigate('/login', { replace: true });
    }
  };

  return [
    ...(can(me, 'stats.read') ? [<RemindersBell key="reminders" />] : []),
    <Tooltip key="region" title={`${me.regionCode} · ${levelName(t, me.regionLevel)}`}>
      <Typography.Text type="secondary" data-testid="header-region" style={{ whiteSpace: 'nowrap' }}>
        <EnvironmentOutlined /> {me.regionName}
      </Typography.Text>
    </Tooltip>,
    <Tooltip key="user" title={me.roles.length ? roleNames(t, me.roles) : t('home.noRole')}>
      <Space size={8} data-testid="header-user" style={{ whiteSpace: 'nowrap' }}>
        <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: BRAND_COLOR }} />
        <span>
          <Typography.Text strong>{me.displayName}</Typography.Text>
          {me.role && <Typography.Text type="secondary"> · {roleName(t, me.role)}</Typography.Text>}
        </span>
      </Space>
    </Tooltip>,
    <LanguageSwitch key="lang" />,
    <Button key="logout" type="text" icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout">
      {t('header.logout')}
    </Button>,
  ];
}
