import { Card, Col, Descriptions, Empty, List, Row, Tag, Typography } from 'antd';
import { PageContainer } from '@ant-design/pro-components';
import { Link } from 'react-router-dom';
import { can, type Permission } from '../access';
import { useMe } from '../auth/session';
import { levelName, roleName } from '../components/labels';
import { useI18n, type MessageKey } from '../i18n';
import Dashboard from './dashboard/Dashboard';

/** The pages of an account without statistics (the administrators' and auditors' work), as in the menu (routes.tsx). */
const WORK: { path: string; name: MessageKey; permission: Permission }[] = [
  { path: '/admin/users', name: 'menu.users', permission: 'users.read' },
  { path: '/admin/regions', name: 'menu.regions', permission: 'regions.manage' },
  { path: '/settings', name: 'menu.settings', permission: 'settings.manage' },
  { path: '/admin/enterprise-tags', name: 'menu.enterpriseTags', permission: 'settings.manage' },
  { path: '/security/policy', name: 'menu.policy', permission: 'security.manage' },
  { path: '/security/locks', name: 'menu.locks', permission: 'security.manage' },
  { path: '/audit', name: 'menu.audit', permission: 'audit.read' },
  { path: '/projects', name: 'menu.projects', permission: 'projects.read' },
  { path: '/enterprises', name: 'menu.enterpriseSearch', permission: 'enterprises.read' },
  { path: '/imports', name: 'menu.imports', permission: 'imports.run' },
];

export default function Home() {
  const me = useMe();
  return can(me, 'stats.read') ? <Dashboard /> : <AccountHome />;
}

/** The home of users without statistics (administrators, users without a business role). */
function AccountHome() {
  const me = useMe();
  const { t } = useI18n();
  const pages = WORK.filter((w) => can(me, w.permission));
  return (
    <PageContainer title={t('home.welcome', { name: me.displayName })} subTitle={t('app.slogan')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('home.account')} data-testid="home-account">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('home.displayName')}>{me.displayName}</Descriptions.Item>
              <Descriptions.Item label={t('home.username')}>{me.username}</Descriptions.Item>
              <Descriptions.Item label={t('home.roles')}>
                {me.roles.length === 0 && <Typography.Text type="secondary">{t('home.noRole')}</Typography.Text>}
                {me.roles.map((r) => (
                  <Tag key={r} color="red">
                    {roleName(t, r)}
                  </Tag>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label={t('home.region')}>{me.regionName}</Descriptions.Item>
              <Descriptions.Item label={t('home.regionCode')}>
                <Typography.Text code>{me.regionCode}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('home.level')}>{levelName(t, me.regionLevel)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('home.modules')} style={{ height: '100%' }} data-testid="home-modules">
            {pages.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noModules')} />
            ) : (
              <List
                size="small"
                dataSource={pages}
                renderItem={(r) => (
                  <List.Item>
                    <Link to={r.path}>{t(r.name)}</Link>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
