import { Card, Col, Empty, List, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { partnersApi, teamsApi } from '../../api/teams-partners';
import { formatWan } from '../../components/money';
import { useI18n } from '../../i18n';

const SHOWN = 5;

/**
 * 驻点小分队与合作方 on the leader's home: the region's resident teams (posted ones first) with the
 * leads and signings their activities brought, and the partners who brought the most signed
 * investment; each opens its own page, the card's links the full lists.
 */
export function TeamsPartnersPanel({ region }: { region: string }) {
  const { t } = useI18n();
  const teams = useQuery({ queryKey: ['resident-teams', 'dash', region], queryFn: () => teamsApi.list({ region }) });
  const partners = useQuery({ queryKey: ['partners', 'dash', region], queryFn: () => partnersApi.list({ region }) });
  const teamItems = [...(teams.data?.items ?? [])].sort((a, b) => Number(a.status !== 'active') - Number(b.status !== 'active') || b.projects - a.projects).slice(0, SHOWN);
  const partnerItems = [...(partners.data?.items ?? [])].sort((a, b) => b.signedAmountYuan - a.signedAmountYuan || b.projects - a.projects).slice(0, SHOWN);
  return (
    <Card title={t('dash.teamsPartners')} size="small" data-testid="dash-teams-partners">
      <Row gutter={[16, 8]}>
        <Col xs={24} lg={12}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Typography.Text strong>{t('menu.teams')}</Typography.Text>
            <Link to="/activities/teams">{t('dash.all', { n: teams.data?.items.length ?? 0 })}</Link>
          </Space>
          {teams.isLoading ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : teamItems.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Link to="/activities/teams">{t('dash.noTeams')}</Link>} />
          ) : (
            <List
              size="small"
              dataSource={teamItems}
              renderItem={(team) => (
                <List.Item data-testid="dash-team">
                  <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
                    <Space size={4} wrap>
                      <Link to={`/activities/teams/${team.id}`}>{team.name}</Link>
                      <Tag color={team.status === 'active' ? 'green' : undefined}>{t(`teams.status.${team.status}`)}</Tag>
                    </Space>
                    <Typography.Text type="secondary">
                      {t('dash.teamLine', { city: team.baseCity, activities: team.activities, projects: team.projects, signed: team.signedProjects })}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Col>
        <Col xs={24} lg={12}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Typography.Text strong>{t('menu.partners')}</Typography.Text>
            <Link to="/activities/partners">{t('dash.all', { n: partners.data?.items.length ?? 0 })}</Link>
          </Space>
          {partners.isLoading ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : partnerItems.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Link to="/activities/partners">{t('dash.noPartners')}</Link>} />
          ) : (
            <List
              size="small"
              dataSource={partnerItems}
              renderItem={(partner) => (
                <List.Item data-testid="dash-partner">
                  <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
                    <Space size={4} wrap>
                      <Link to={`/activities/partners/${partner.id}`}>{partner.name}</Link>
                      <Tag>{t(`partners.kind.${partner.kind}`)}</Tag>
                    </Space>
                    <Typography.Text type="secondary">
                      {t('dash.partnerLine', { projects: partner.projects, signed: partner.signedProjects, amount: formatWan(partner.signedAmountYuan, '—') })}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Col>
      </Row>
    </Card>
  );
}
