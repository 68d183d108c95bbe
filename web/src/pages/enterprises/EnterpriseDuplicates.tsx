import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, List, Row, Space, Spin, Tag, Typography } from 'antd';
import { ArrowRightOutlined, CloseCircleOutlined, MergeCellsOutlined, SwapOutlined } from '@ant-design/icons';
import { ModalForm, PageContainer, ProFormTextArea } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { showSuccess } from '../../api/client';
import { enterprisesApi, type DuplicateCandidate, type EnterpriseDetail } from '../../api/enterprises';
import { formatTime } from '../../components/labels';
import { formatYuan } from '../../components/money';
import { useI18n } from '../../i18n';

const PAGE_SIZE = 10;

function enterpriseLink(key: string, name: string) {
  return <Link to={`/enterprises/${encodeURIComponent(key)}`}>{name}</Link>;
}

/** The two profiles side by side, loaded when asked for. */
function ComparePane({ candidate }: { candidate: DuplicateCandidate }) {
  const { t } = useI18n();
  const left = useQuery({ queryKey: ['enterprise-compare', candidate.uncoded.id], queryFn: () => enterprisesApi.get(candidate.uncoded.id, { timelineLimit: 1 }) });
  const right = useQuery({ queryKey: ['enterprise-compare', candidate.coded.creditCode], queryFn: () => enterprisesApi.get(candidate.coded.creditCode, { timelineLimit: 1 }) });
  const unknown = t('common.unknown');
  const rows: { label: string; value: (e: EnterpriseDetail) => ReactNode }[] = [
    { label: t('entDetail.creditCode'), value: (e) => e.creditCode ?? <Tag color="warning">{t('entDetail.noCreditCode')}</Tag> },
    { label: t('entDetail.formerNames'), value: (e) => (e.formerNames.length ? e.formerNames.join('、') : '—') },
    { label: t('entDetail.region'), value: (e) => e.regionName ?? '—' },
    { label: t('entDetail.industry'), value: (e) => e.industryName ?? '—' },
    { label: t('entDetail.registeredCapital'), value: (e) => (e.registeredCapitalYuan === null ? '—' : formatYuan(e.registeredCapitalYuan, unknown)) },
    { label: t('entDetail.establishedOn'), value: (e) => e.establishedOn ?? '—' },
    { label: t('entDetail.tags'), value: (e) => (e.tags.length ? e.tags.join('、') : '—') },
    { label: t('entDup.projectsInScope'), value: (e) => e.projects.length },
    { label: t('entDup.contactsInScope'), value: (e) => e.contacts.length },
  ];
  const pane = (q: typeof left) =>
    q.data ? (
      <Descriptions size="small" column={1} bordered items={rows.map((r) => ({ key: r.label, label: r.label, children: r.value(q.data) }))} />
    ) : q.error ? (
      <Alert type="error" showIcon message={q.error instanceof Error ? q.error.message : String(q.error)} />
    ) : (
      <Spin />
    );
  return (
    <Row gutter={16} style={{ marginTop: 12 }}>
      <Col xs={24} md={12}>
        {pane(left)}
      </Col>
      <Col xs={24} md={12}>
        {pane(right)}
      </Col>
    </Row>
  );
}

function PairCard({ c, onDone }: { c: DuplicateCandidate; onDone: () => void }) {
  const { t } = useI18n();
  const [compare, setCompare] = useState(false);
  return (
    <Card size="small" style={{ width: '100%' }} data-testid="duplicate-pair">
      <Row gutter={16} align="middle">
        <Col xs={24} md={10}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('entDup.uncodedSide')}
          </Typography.Text>
          <div style={{ fontSize: 16, fontWeight: 500 }}>{enterpriseLink(c.uncoded.id, c.uncoded.name)}</div>
          <Space size={4} wrap style={{ marginTop: 4 }}>
            <Tag color="warning">{t('entDetail.noCreditCode')}</Tag>
            <Tag>{t('entDup.projectCount', { n: c.uncoded.projectCount })}</Tag>
            {c.uncoded.contactRegionCodes.length > 0 && <Tag>{t('entDup.contactRegions', { n: c.uncoded.contactRegionCodes.length })}</Tag>}
          </Space>
        </Col>
        <Col xs={24} md={4} style={{ textAlign: 'center' }}>
          <ArrowRightOutlined style={{ fontSize: 20, color: '#1677ff' }} />
          <div style={{ fontSize: 12 }}>{c.reasonLabel}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('entDup.similarity', { pct: Math.round(c.similarity * 100) })}
          </Typography.Text>
        </Col>
        <Col xs={24} md={10}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('entDup.codedSide')}
          </Typography.Text>
          <div style={{ fontSize: 16, fontWeight: 500 }}>{enterpriseLink(c.coded.creditCode, c.coded.name)}</div>
          <Space size={4} wrap style={{ marginTop: 4 }}>
            <Typography.Text copyable type="secondary">
              {c.coded.creditCode}
            </Typography.Text>
          </Space>
        </Col>
      </Row>
      {compare && <ComparePane candidate={c} />}
      <Space style={{ marginTop: 12, justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('entDup.flaggedAt', { at: formatTime(c.createdAt) })}
        </Typography.Text>
        <Space wrap>
          <Button icon={<SwapOutlined />} onClick={() => setCompare((v) => !v)}>
            {compare ? t('entDup.hideCompare') : t('entDup.compare')}
          </Button>
          <ModalForm<{ reason?: string }>
            title={t('entDup.dismissTitle')}
            width={480}
            modalProps={{ destroyOnClose: true }}
            trigger={<Button icon={<CloseCircleOutlined />}>{t('entDup.dismiss')}</Button>}
            onFinish={async ({ reason }) => {
              await enterprisesApi.dismissDuplicate(c.id, reason?.trim() || undefined);
              showSuccess(t('entDup.dismissed'));
              onDone();
              return true;
            }}
          >
            <Typography.Paragraph>{t('entDup.dismissBody', { a: c.uncoded.name, b: c.coded.name })}</Typography.Paragraph>
            <ProFormTextArea name="reason" label={t('entDup.reasonOptional')} fieldProps={{ maxLength: 500, autoSize: { minRows: 2, maxRows: 4 } }} />
          </ModalForm>
          <ModalForm<{ reason?: string }>
            title={t('entDup.mergeTitle')}
            width={560}
            modalProps={{ destroyOnClose: true, okText: t('entDup.mergeOk'), okButtonProps: { danger: true } }}
            trigger={
              <Button type="primary" icon={<MergeCellsOutlined />}>
                {t('entDup.merge')}
              </Button>
            }
            onFinish={async ({ reason }) => {
              const r = await enterprisesApi.mergeDuplicate(c.id, reason?.trim() || undefined);
              showSuccess(t('entDup.merged', { name: r.name, projects: r.movedProjects, contacts: r.movedContacts, lists: r.movedListMemberships }));
              onDone();
              return true;
            }}
          >
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('entDup.mergeWhat', { a: c.uncoded.name, b: c.coded.name, code: c.coded.creditCode })}
              description={
                <ul style={{ paddingInlineStart: 20, margin: 0 }}>
                  <li>{t('entDup.mergeMoves', { n: c.uncoded.projectCount })}</li>
                  <li>{t('entDup.mergeFormerName', { a: c.uncoded.name })}</li>
                  <li>{t('entDup.mergeFill')}</li>
                  <li>{t('entDup.mergeDelete', { a: c.uncoded.name })}</li>
                </ul>
              }
            />
            <ProFormTextArea name="reason" label={t('entDup.reasonOptional')} fieldProps={{ maxLength: 500, autoSize: { minRows: 2, maxRows: 4 } }} />
          </ModalForm>
        </Space>
      </Space>
    </Card>
  );
}

/** 疑似重复: investors typed without a credit code that look like a registered enterprise; merge or dismiss. */
export default function EnterpriseDuplicates() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const { data, isLoading, refetch } = useQuery({ queryKey: ['enterprise-duplicates', page], queryFn: () => enterprisesApi.duplicates(page, PAGE_SIZE) });
  const items = data?.items ?? [];
  const done = () => {
    if (items.length === 1 && page > 1) setPage(page - 1);
    else void refetch();
  };
  return (
    <PageContainer title={t('entDup.title')} content={t('entDup.intro')}>
      <List<DuplicateCandidate>
        loading={isLoading}
        dataSource={items}
        rowKey="id"
        locale={{ emptyText: <Empty description={t('entDup.empty')} /> }}
        pagination={data && data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, showSizeChanger: false } : false}
        renderItem={(c) => (
          <List.Item style={{ padding: '8px 0', borderBlockEnd: 'none' }}>
            <PairCard c={c} onDone={done} />
          </List.Item>
        )}
      />
    </PageContainer>
  );
}
