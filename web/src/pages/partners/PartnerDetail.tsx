/**
 * One partner: who it is, its 委托 agreement (for an agency), the projects it brought by stage with their
 * 签约额 and funds in place, and the activities naming it — in the viewer's scope; an officer edits it in a dialog.
 */
import { useState } from 'react';
import { Button, Card, Col, Empty, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { PageContainer, ProDescriptions } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { ActivityType } from '../../api/activities';
import { can } from '../../access';
import { partnersApi } from '../../api/teams-partners';
import { useMe } from '../../auth/session';
import { formatWan } from '../../components/money';
import { PageLoading } from '../../components/PageLoading';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { activityPath, typeName } from '../activities/labels';
import { stageName } from '../projects/labels';
import { PartnerDialog } from './PartnerDialog';

const text = (v: string | null) => (v === null || v === '' ? '—' : v);

export default function PartnerDetail() {
  const { t } = useI18n();
  const phone = usePhone();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['partners', 'detail', id], queryFn: () => partnersApi.get(id) });
  const p = q.data;
  if (!p) return q.isLoading ? <PageLoading /> : <Empty />;
  const f = p.figures;
  return (
    <PageContainer
      title={p.name}
      tags={<Tag>{t(`partners.kind.${p.kind}`)}</Tag>}
      subTitle={phone ? undefined : p.regionName}
      extra={
        can(me, 'activities.manage')
          ? [
              <Button key="edit" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="partner-edit">
                {t('partners.edit')}
              </Button>,
            ]
          : []
      }
    >
      <PartnerDialog open={editing} onClose={() => setEditing(false)} partner={p} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size={phone ? 'small' : 'default'}>
          <ProDescriptions column={phone ? 1 : 3} size="small">
            <ProDescriptions.Item label={t('partners.region')}>{p.regionName}</ProDescriptions.Item>
            <ProDescriptions.Item label={t('partners.contact')}>{text(p.contact)}</ProDescriptions.Item>
            <ProDescriptions.Item label={t('partners.notes')}>{text(p.notes)}</ProDescriptions.Item>
            {p.kind === 'agency' && (
              <>
                <ProDescriptions.Item label={t('partners.agreementNo')}>{text(p.agreementNo)}</ProDescriptions.Item>
                <ProDescriptions.Item label={t('partners.signedDate')}>{text(p.signedDate)}</ProDescriptions.Item>
                <ProDescriptions.Item label={t('partners.period')}>{p.startDate || p.endDate ? `${p.startDate ?? '…'} ~ ${p.endDate ?? '…'}` : '—'}</ProDescriptions.Item>
                <ProDescriptions.Item label={t('partners.terms')} span={phone ? 1 : 3}>
                  {text(p.terms)}
                </ProDescriptions.Item>
                <ProDescriptions.Item label={t('partners.feeTerms')} span={phone ? 1 : 3}>
                  {text(p.feeTerms)}
                </ProDescriptions.Item>
              </>
            )}
          </ProDescriptions>
        </Card>
        <Row gutter={[12, 12]} data-testid="partner-figures">
          <Col flex="1 0 150px">
            <Card size="small">
              <Statistic title={t('partners.projects')} value={f.projects} />
            </Card>
          </Col>
          <Col flex="1 0 150px">
            <Card size="small">
              <Statistic title={t('partners.signedProjects')} value={f.signedProjects} />
            </Card>
          </Col>
          <Col flex="1 0 150px">
            <Card size="small">
              <Statistic title={t('partners.signedAmount')} value={formatWan(f.signedAmountYuan, '—')} />
            </Card>
          </Col>
          <Col flex="1 0 150px">
            <Card size="small">
              <Statistic title={t('partners.funds')} value={formatWan(f.fundsYuan, '—')} />
            </Card>
          </Col>
          <Col flex="1 0 150px">
            <Card size="small">
              <Statistic title={t('partners.activities')} value={f.activities} />
            </Card>
          </Col>
        </Row>
        <Card size="small" title={t('partners.projects')}>
          <Space size={[6, 6]} wrap style={{ marginBottom: 8 }}>
            {Object.entries(f.byStage).map(([stage, n]) => (
              <Tag key={stage}>
                {stageName(t, stage)} {n}
              </Tag>
            ))}
          </Space>
          <List
            data-testid="partner-projects"
            dataSource={p.projects}
            rowKey="id"
            locale={{ emptyText: '—' }}
            renderItem={(x) => (
              <List.Item>
                <Space size={6} wrap>
                  <Link to={`/projects/${encodeURIComponent(x.id)}`}>
                    {x.code} {x.name}
                  </Link>
                  <Tag>{stageName(t, x.stage)}</Tag>
                  {x.signedAmountYuan !== null && <Typography.Text type="secondary">{t('partners.signedAmount')} {formatWan(x.signedAmountYuan, '—')}</Typography.Text>}
                  {x.fundsYuan > 0 && <Typography.Text type="secondary">{t('partners.funds')} {formatWan(x.fundsYuan, '—')}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </Card>
        <Card size="small" title={t('partners.activities')}>
          <List
            dataSource={p.activities}
            rowKey="id"
            locale={{ emptyText: '—' }}
            renderItem={(a) => (
              <List.Item>
                <Space size={6} wrap>
                  <Typography.Text type="secondary">{a.startDate}</Typography.Text>
                  <Tag>{typeName(t, a.type as ActivityType)}</Tag>
                  <Link to={activityPath(a.id)}>{a.name}</Link>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Space>
    </PageContainer>
  );
}
