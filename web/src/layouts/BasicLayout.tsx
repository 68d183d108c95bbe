import { Fragment, useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ProLayout, type MenuDataItem } from '@ant-design/pro-components';
import { visibleRoutes } from '../access';
import { useMe } from '../auth/session';
import { Logo } from '../components/Logo';
import { usePhone } from '../components/responsive';
import { useI18n, type Translate } from '../i18n';
import { routes, type AppRoute } from '../routes';
import { useHeaderActions } from './HeaderActions';
import { matchMenu } from './menuMatch';

function toMenu(items: readonly AppRoute[], t: Translate): MenuDataItem[] {
  return items.filter((r) => !r.hideInMenu).map((r) => ({
    key: r.path,
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
  const phone = usePhone();
  // on a phone the menu is a drawer (open = not collapsed) that closes once a page is chosen
  const [collapsed, setCollapsed] = useState(phone);
  useEffect(() => setCollapsed(phone), [phone]);
  useEffect(() => {
    if (phone) setCollapsed(true);
  }, [phone, location.pathname]);
  const visible = useMemo(() => visibleRoutes(routes, me), [me]);
  const menu = useMemo(() => toMenu(visible, t), [visible, t]);
  // one highlighted entry and a trail of real parents (ProLayout's prefix matching lit siblings too)
  const match = useMemo(() => matchMenu(visible, location.pathname), [visible, location.pathname]);
  const selectedKeys = match.selected ? [match.selected.path] : [];
  const breadcrumb = match.trail.map((r) => {
    const label = t(r.name);
    // a page of its own (not a group, not this URL) is a link back
    const linked = !r.children && r.path !== location.pathname && !r.path.includes(':');
    return { key: r.path, title: linked ? <Link to={r.path}>{label}</Link> : label };
  });

  return (
    <ProLayout
      title={t('app.name')}
      logo={<Logo size={28} />}
      layout="mix"
      fixSiderbar
      fixedHeader
      splitMenus={false}
      collapsed={collapsed}
      onCollapse={setCollapsed}
      locale={lang === 'zh' ? 'zh-CN' : 'en-US'}
      route={{ path: '/', children: menu }}
      location={{ pathname: location.pathname }}
      selectedKeys={selectedKeys}
      breadcrumbRender={() => breadcrumb}
      menu={{ defaultOpenAll: true, ignoreFlatMenu: true }}
      token={{ header: { colorBgHeader: '#ffffff' }, sider: { colorMenuBackground: '#ffffff' } }}
      onMenuHeaderClick={() => navigate('/')}
      menuItemRender={(item, dom) => (item.path ? <Link to={item.path}>{dom}</Link> : dom)}
      actionsRender={() => actions}
      footerRender={() => (
        <div style={{ textAlign: 'center', color: 'rgba(0,0,0,0.6)', padding: '16px 0' }}>
          {t('app.fullName')} · {t('app.slogan')}
        </div>
      )}
    >
      {/* a new language remounts the page: it fetches again, and the server answers in that language (light reasons, checklists) */}
      <Fragment key={lang}>
        <Outlet />
      </Fragment>
    </ProLayout>
  );
}
