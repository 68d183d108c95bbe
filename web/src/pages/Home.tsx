import { Card, Col, Descriptions, Empty, Row, Tag, Typography } from 'antd';
import { PageContainer } from '@ant-design/pro-components';
import { can } from '../access';
import { useMe } from '../auth/session';
import { levelName, roleName } from '../components/labels';
import { useI18n } from '../i18n';
import Dashboard from './dashboard/Dashboard';

const MODULES = ['项目库', '到位资金', '统计报表', '企业库', '产业链图谱', '精准招商', '招商活动', '简报'];

export default function Home() {
  const me = useMe();
  return can(me, 'stats.read') ? <Dashboard /> : <AccountHome />;
}

/** The home of users without statistics (administrators, users without a business role). */
function AccountHome() {
  const me = useMe();
  const { t, lang } = useI18n();
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
          <Card title={t('home.modules')} style={{ height: '100%' }}>
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                <div>
                  <Typography.Title level={5}>{t('home.comingSoonTitle')}</Typography.Title>
                  <Typography.Paragraph type="secondary">{t('home.comingSoon')}</Typography.Paragraph>
                  {lang === 'zh' && (
                    <div>
                      {MODULES.map((m) => (
                        <Tag key={m} style={{ marginBottom: 8 }}>
                          {m}
                        </Tag>
                      ))}
                    </div>
                  )}
                </div>
              }
            />
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
