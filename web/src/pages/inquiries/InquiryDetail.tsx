/**
 * One inquiry or complaint: what the investor asked, the masked contact with an audited reveal (a reason is asked
 * and logged), the clock, the thread (answers in the office's name, internal notes marked), the handling actions
 * and conversion. Outside the user's region the server answers 404.
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Result, Row, Space, Tag, Timeline, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { can } from '../../access';
import { ApiError } from '../../api/client';
import { inquiriesApi, type InquiryDetail as Detail, type RevealedContact } from '../../api/inquiries';
import { useMe } from '../../auth/session';
import { PageLoading } from '../../components/PageLoading';
import { ReasonModalForm } from '../../components/ReasonModalForm';
import { usePhone } from '../../components/responsive';
import { useI18n, type Translate } from '../../i18n';
import { InquiryActions } from './InquiryActions';
import { ClockText, FlagTags, KindTag, StageTag, typeName } from './labels';

function Contact({ t, item, manage }: { t: Translate; item: Detail; manage: boolean }) {
  const [shown, setShown] = useState<RevealedContact | null>(null);
  const c = shown ?? { investorName: item.investorName, phone: item.phone, email: item.email };
  return (
    <Space direction="vertical" size={4} data-testid="inquiry-contact">
      <span>
        {c.investorName}
        {item.company ? ` · ${item.company}` : ''}
      </span>
      <span>
        {t('inquiries.phone')}：{c.phone ?? '—'}
      </span>
      <span>
        {t('inquiries.email')}：{c.email ?? '—'}
      </span>
      {shown ? (
        <Typography.Text type="secondary">{t('inquiries.revealed')}</Typography.Text>
      ) : (
        manage && (
          <ReasonModalForm
            title={t('inquiries.reveal')}
            trigger={
              <Button size="small" icon={<EyeOutlined />} data-testid="inquiry-reveal">
                {t('inquiries.reveal')}
              </Button>
            }
            onSubmit={async ({ reason }) => setShown(await inquiriesApi.reveal(item.id, reason))}
          >
            <Typography.Paragraph type="secondary">{t('inquiries.revealHint')}</Typography.Paragraph>
          </ReasonModalForm>
        )
      )}
    </Space>
  );
}

function Thread({ t, item }: { t: Translate; item: Detail }) {
  if (item.thread.length === 0) return <Empty description={t('inquiries.threadEmpty')} />;
  const who = (m: Detail['thread'][number]) => (m.from === 'office' ? (m.officeName ?? item.officeName) : t(`inquiries.from.${m.from}`));
  return (
    <Timeline
      data-testid="inquiry-thread"
      items={item.thread.map((m) => ({
        key: m.id,
        color: m.from === 'office' ? 'green' : m.from === 'investor' ? 'blue' : 'gray',
        children: (
          <Space direction="vertical" size={2}>
            <Space size={6} wrap>
              <Typography.Text strong>{who(m)}</Typography.Text>
              <Typography.Text type="secondary">{new Date(m.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}</Typography.Text>
              {!m.visibleToInvestor && <Tag>{t('inquiries.internal')}</Tag>}
            </Space>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{m.body}</Typography.Paragraph>
          </Space>
        ),
      }))}
    />
  );
}

export default function InquiryDetail() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const me = useMe();
  const phone = usePhone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const manage = can(me, 'inquiries.manage');
  const query = useQuery({ queryKey: ['inquiry', id], queryFn: () => inquiriesApi.get(id), retry: false });
  if (query.isLoading) return <PageLoading />;
  const item = query.data;
  if (!item) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('inquiries.notFound') : t('error.unavailable')}
        extra={
          <Button type="primary" onClick={() => navigate('/inquiries')}>
            {t('inquiries.backToInbox')}
          </Button>
        }
      />
    );
  }
  const onChanged = (fresh: Detail) => {
    queryClient.setQueryData(['inquiry', id], fresh);
    void queryClient.invalidateQueries({ queryKey: ['inquiries'] });
  };
  const converted = item.convertedProject ? (
    <Link to={`/projects/${item.convertedProject.id}`} data-testid="inquiry-converted-project">
      {t('inquiries.convertedProject', { code: item.convertedProject.code, name: item.convertedProject.name })}
    </Link>
  ) : item.convertedTargetId ? (
    <span>{t('inquiries.convertedTarget')}</span>
  ) : null;
  return (
    <PageContainer
      title={item.subjectTitle ?? typeName(t, item.type)}
      onBack={() => navigate('/inquiries')}
      tags={[<KindTag key="kind" t={t} kind={item.kind} />, <StageTag key="stage" t={t} stage={item.stage} />]}
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {item.spamReasons.length > 0 && <Alert type="warning" showIcon message={t('inquiries.spamAlert', { reasons: item.spamReasons.map((r) => t(`inquiries.spam.${r as 'links'}`)).join('、') })} />}
            {item.duplicateOfTrackingNumber && <Alert type="info" showIcon message={t('inquiries.duplicateAlert', { n: item.duplicateOfTrackingNumber })} />}
            <Card title={t('inquiries.content')} styles={{ body: { padding: phone ? 12 : undefined } }}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="inquiry-content">
                {item.content}
              </Typography.Paragraph>
              {manage && <InquiryActions item={item} onChanged={onChanged} />}
            </Card>
            <Card title={t('inquiries.thread')} styles={{ body: { padding: phone ? 12 : undefined } }}>
              <Thread t={t} item={item} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('inquiries.facts')} styles={{ body: { padding: phone ? 12 : undefined } }}>
            <Descriptions column={1} size="small" labelStyle={{ width: phone ? 84 : 110 }}>
              <Descriptions.Item label={t('inquiries.trackingNumber')}>
                <Typography.Text code data-testid="inquiry-tracking-number">
                  {item.trackingNumber}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('inquiries.type')}>{typeName(t, item.type)}</Descriptions.Item>
              <Descriptions.Item label={t('inquiries.stage')}>
                <Space size={4} wrap>
                  <StageTag t={t} stage={item.stage} />
                  <FlagTags t={t} item={{ ...item, converted: converted !== null }} />
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('inquiries.clock')}>
                <ClockText t={t} clock={item} closedOn={item.closedOn} />
              </Descriptions.Item>
              <Descriptions.Item label={t('inquiries.dueDays')}>
                {t('inquiries.dueDaysValue', { first: item.firstResponseDueOn, close: item.closeDueOn })}
              </Descriptions.Item>
              <Descriptions.Item label={t('inquiries.region')}>{item.regionName}</Descriptions.Item>
              <Descriptions.Item label={t('inquiries.office')}>{item.officeName}</Descriptions.Item>
              <Descriptions.Item label={t('inquiries.owner')}>{item.ownerName ?? <Typography.Text type="secondary">{t('inquiries.noOwner')}</Typography.Text>}</Descriptions.Item>
              <Descriptions.Item label={t('inquiries.receivedOn')}>{item.receivedOn}</Descriptions.Item>
              <Descriptions.Item label={t('inquiries.contact')}>
                <Contact t={t} item={item} manage={manage} />
              </Descriptions.Item>
              {item.rating !== null && (
                <Descriptions.Item label={t('inquiries.rating')}>
                  {t('inquiries.ratingValue', { n: item.rating })}
                  {item.ratingComment ? `：${item.ratingComment}` : ''}
                </Descriptions.Item>
              )}
              {item.reopenCount > 0 && <Descriptions.Item label={t('inquiries.reopened')}>{t('inquiries.reopenedTimes', { n: item.reopenCount })}</Descriptions.Item>}
              {converted && <Descriptions.Item label={t('inquiries.conversion')}>{converted}</Descriptions.Item>}
            </Descriptions>
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
