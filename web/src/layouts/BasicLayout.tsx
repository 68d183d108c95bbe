import { useMemo } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ProLayout, type MenuDataItem } from '@ant-design/pro-components';
import { visibleRoutes } from '../access';
import { useMe } from '../auth/session';
import { Logo } from '../components/Logo';
import { useI18n, type Translate } from '../i18n';
import { routes, type AppRoute } from '../routes';
import { useHeaderActions } from './HeaderActions';

function toMenu(items: readonly AppRoute[], t: Translate): MenuDataItem[] {
  return items.filter((r) => !r.hideInMenu).map((r) => ({
    path: r.path,
    name: t(r.name),
    icon: r.icon,
    children: r.children ? toMenu(r.children, t) : undefined,
  }));
}

export function BasicLayout() {
  const me = useMe();
  const { t, lang } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const actions = useHeaderActions(me);
  const menu = useMemo(() => toMenu(visibleRoutes(routes, me), t), [me, t]);

  return (
    <ProLayout
      title={t('app.name')}
      logo={<Logo size={28} />}
      layout="mix"
      fixSiderbar
      fixedHeader
      splitMenus={false}
      locale={lang === 'zh' ? 'zh-CN' : 'en-US'}
      route={{ path: '/', children: menu }}
      location={{ pathname: location.pathname }}
      menu={{ defaultOpenAll: true, ignoreFlatMenu: true }}
      token={{ header: { colorBgHeader: '#ffffff' }, sider: { colorMenuBackground: '#ffffff' } }}
      onMenuHeaderClick={() => navigate('/')}
      menuItemRender={(item, dom) => (item.path ? <Link to={item.path}>{dom}</Link> : dom)}
      actionsRender={() => actions}
      footerRender={() => (
        <div style={{ textAlign: 'center', color: 'rgba(0,0,0,0.45)', padding: '16px 0' }}>
          {t('app.fullName')} · {t('app.slogan')}
        </div>
      )}
    >
      <Outlet />
    </ProLayout>
  );
}
