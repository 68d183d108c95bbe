import type { ReactNode } from 'react';
import { Avatar, Button, Dropdown, Space, Tooltip, Typography, type MenuProps } from 'antd';
import { EnvironmentOutlined, KeyOutlined, LogoutOutlined, SafetyOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { authApi } from '../api/auth';
import type { Me } from '../api/types';
import { useSetMe } from '../auth/session';
import { can } from '../access';
import { NotificationBell } from './NotificationBell';
import { RemindersBell } from './RemindersBell';
import { levelName, roleName, roleNames } from '../components/labels';
import { usePhone } from '../components/responsive';
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

/**
 * Header right side. At a desk width: who is signed in, where, language switch, logout (one hover area each).
 * Below the md breakpoint (phones) everything but the reminders folds into the avatar's menu: the account
 * (name, role, region), password, two-factor, language and logout.
 */
export function useHeaderActions(me: Me): ReactNode[] {
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const phone = usePhone();

  const logout = async () => {
    try {
      await authApi.logout();
    } finally {
      setMe(null);
      navigate('/login', { replace: true });
    }
  };

  const bell = [<NotificationBell key="notifications" />, ...(can(me, 'stats.read') ? [<RemindersBell key="reminders" />] : [])];
  const avatar = <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: BRAND_COLOR }} />;
  const role = me.role ? ` · ${roleName(t, me.role)}` : '';

  if (phone) {
    const items: MenuProps['items'] = [
      {
        key: 'account',
        label: (
          <div data-testid="menu-account">
            <Typography.Text strong>{me.displayName}</Typography.Text>
            <Typography.Text type="secondary">{role}</Typography.Text>
            <div>
              <Typography.Text type="secondary">
                <EnvironmentOutlined /> {me.regionName} · {levelName(t, me.regionLevel)}
              </Typography.Text>
            </div>
          </div>
        ),
        onClick: () => navigate('/'),
      },
      { type: 'divider' },
      { key: 'password', icon: <KeyOutlined />, label: t('menu.password'), onClick: () => navigate('/account/password') },
      { key: 'two-factor', icon: <SafetyOutlined />, label: t('menu.twoFactor'), onClick: () => navigate('/account/two-factor') },
      {
        key: 'lang',
        icon: <TranslationOutlined />,
        label: <span data-testid="lang-switch">{t('header.language')}</span>,
        onClick: () => setLang(lang === 'zh' ? 'en' : 'zh'),
      },
      { type: 'divider' },
      {
        key: 'logout',
        icon: <LogoutOutlined />,
        label: <span data-testid="logout">{t('header.logout')}</span>,
        onClick: () => void logout(),
      },
    ];
    return [
      ...bell,
      <Dropdown key="user" trigger={['click']} placement="bottomRight" menu={{ items }}>
        <Button type="text" aria-label={t('header.accountMenu')} data-testid="header-user" icon={avatar} />
      </Dropdown>,
    ];
  }

  return [
    ...bell,
    <Tooltip key="region" title={`${me.regionCode} · ${levelName(t, me.regionLevel)}`}>
      <Typography.Text type="secondary" data-testid="header-region" style={{ whiteSpace: 'nowrap' }}>
        <EnvironmentOutlined /> {me.regionName}
      </Typography.Text>
    </Tooltip>,
    <Tooltip key="user" title={me.roles.length ? roleNames(t, me.roles) : t('home.noRole')}>
      <Space size={8} data-testid="header-user" style={{ whiteSpace: 'nowrap' }}>
        {avatar}
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
