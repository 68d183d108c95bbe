import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Popconfirm, Row, Space, Steps, Table, Tag, Timeline, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined, SendOutlined, UnlockOutlined, LockOutlined } from '@ant-design/icons';
import { PageContainer, ProDescriptions } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { showSuccess } from '../../api/client';
import { regionsApi } from '../../api/regions';
import { returnsApi, type FigureChange, type MonthlyReturn, type ReceiptChange, type ReturnVersion } from '../../api/returns';
import type { StatsSummaryCore } from '../../api/stats';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { formatTime, levelName } from '../../components/labels';
import { formatWan, formatYuan } from '../../components/money';
import { PageLoading } from '../../components/PageLoading';
import { ReasonModalForm } from '../../components/ReasonModalForm';
import { formatPct, formatPts } from '../../components/stats';
import { useI18n, type Translate } from '../../i18n';
import { StateTag, figureLabel, formatDelta, formatFigure } from './labels';

/** One period's figures; the target's completion only for the year to date (the month alone has none). */
function FiguresBlock({ t, title, s, testId, withTarget }: { t: Translate; title: string; s: StatsSummaryCore; testId: string; withTarget: boolean }) {
  const n = (count: number) => t('dash.nProjects', { n: count });
  const yoy = (pct: number | null) => `${t('stats.yoy')} ${formatPct(pct, true)}`;
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      <ProDescriptions column={1} bordered size="small" data-testid={testId} labelStyle={{ width: 150 }}>
        <ProDescriptions.Item label={t('stats.funds')}>
          <Typography.Text strong>{formatYuan(s.executing.fundsYuan, '—')}</Typography.Text>
          <Typography.Text type="secondary">（{yoy(s.executing.yoyPct)}）</Typography.Text>
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('stats.executing')}>{n(s.executing.projects)}</ProDescriptions.Item>
        <ProDescriptions.Item label={t('stats.new')}>
          {n(s.newProjects.projects)} · {formatYuan(s.newProjects.fundsYuan, '—')}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('stats.continued')}>
          {n(s.continuedProjects.projects)} · {formatYuan(s.continuedProjects.fundsYuan, '—')}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('returns.sources')}>
          <Space direction="vertical" size={0}>
            {(['local', 'outOfRegion', 'foreign'] as const).map((k) => (
              <span key={k}>
                {t(`source.${k}`)}：{formatYuan(s.bySource[k].fundsYuan, '—')}
                <Typography.Text type="secondary">（{yoy(s.bySource[k].yoyPct)}）</Typography.Text>
              </span>
            ))}
            {s.unknownSource.fundsYuan !== 0 && (
              <span>
                {t('stats.unknownSource')}：{formatYuan(s.unknownSource.fundsYuan, '—')}
              </span>
            )}
          </Space>
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('returns.signed')}>
          {n(s.signed.projects)} · {formatYuan(s.signed.amountYuan, '—')}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('stats.startRate')}>{formatPct(s.signed.startRatePct)}</ProDescriptions.Item>
        <ProDescriptions.Item label={t('stats.fulfilmentRate')}>{formatPct(s.signed.fulfilmentRatePct)}</ProDescriptions.Item>
        {withTarget && (
          <ProDescriptions.Item label={t('returns.target')}>
            {s.target ? (
              <span>
                {t('stats.completion')} {formatPct(s.target.completionPct)}
                <Typography.Text type="secondary">
                  （{t('stats.schedule')} {formatPct(s.target.schedulePct)}，{t('stats.aheadBehind')} {formatPts(s.target.aheadPts)}）
                </Typography.Text>
              </span>
            ) : (
              <Typography.Text type="secondary">{t('stats.noTarget')}</Typography.Text>
            )}
          </ProDescriptions.Item>
        )}
      </ProDescriptions>
    </Card>
  );
}

/** The receipts behind the changed figures: project, month, old → new, who, why (issue 11, item 8). */
function ReceiptChangesTable({ t, rows }: { t: Translate; rows: ReceiptChange[] }) {
  return (
    <Table<ReceiptChange>
      data-testid="return-receipt-changes"
      rowKey={(c) => `${c.at}-${c.projectCode}-${c.month}-${c.kind}`}
      size="small"
      pagination={false}
      scroll={{ x: 720, ...(rows.length > 10 ? { y: 420 } : {}) }}
      dataSource={rows}
      locale={{ emptyText: t('returns.receiptChange.none') }}
      columns={[
        {
          title: t('returns.receiptChange.project'),
          key: 'project',
          width: 200,
          render: (_: unknown, c) =>
            c.projectId ? <Link to={`/projects/${c.projectId}`}>{`${c.projectCode ?? ''} ${c.projectName ?? ''}`}</Link> : (c.projectCode ?? '—'),
        },
        { title: t('returns.receiptChange.month'), dataIndex: 'month', width: 90 },
        {
          title: t('returns.receiptChange.amount'),
          key: 'amount',
          width: 230,
          render: (_: unknown, c) => (
            <span>
              {formatWan(c.beforeYuan, '—')} → <Typography.Text strong>{formatWan(c.afterYuan, '—')}</Typography.Text>
            </span>
          ),
        },
        { title: t('returns.receiptChange.who'), key: 'who', width: 150, render: (_: unknown, c) => `${c.actorName ?? '—'} · ${formatTime(c.at)}` },
        {
          title: t('returns.receiptChange.why'),
          key: 'why',
          render: (_: unknown, c) => c.reason ?? (c.fileName ? t('returns.receiptChange.import', { file: c.fileName }) : '—'),
        },
      ]}
    />
  );
}

function ChangesCard({ t, r }: { t: Translate; r: MonthlyReturn }) {
  const pending = r.state === 'draft' || r.state === 'returned';
  const rows: FigureChange[] = pending ? r.changesSinceLastSubmission : r.changes;
  if (r.submissions < (pending ? 1 : 2)) return null;
  const hint = pending ? t('returns.pendingChanges') : t('returns.changesHint', { n: r.submissions });
  return (
    <Card
      size="small"
      data-testid="return-changes"
      title={
        <Space>
          {t('returns.changes')}
          {rows.length > 0 && <Tag color="orange">{rows.length}</Tag>}
        </Space>
      }
      extra={<Typography.Text type="secondary">{hint}</Typography.Text>}
      style={{ marginBottom: 16, borderColor: rows.length ? '#ffd591' : undefined }}
    >
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('returns.noChanges')} />
      ) : (
        <Table<FigureChange>
          rowKey="field"
          size="small"
          pagination={false}
          dataSource={rows}
          scroll={rows.length > 10 ? { y: 420 } : undefined}
          onRow={() => ({ style: { background: '#fffbe6' } })}
          columns={[
            { title: t('returns.figure'), dataIndex: 'field', render: (f: string) => figureLabel(t, f, r.month) },
            { title: t('returns.before'), dataIndex: 'before', align: 'right', render: (v: number | null, c) => formatFigure(c.field, v) },
            {
              title: t('returns.after'),
              dataIndex: 'after',
              align: 'right',
              render: (v: number | null, c) => <Typography.Text strong>{formatFigure(c.field, v)}</Typography.Text>,
            },
            {
              title: t('returns.delta'),
              key: 'delta',
              align: 'right',
              render: (_: unknown, c) => {
                const up = c.before !== null && c.after !== null && c.after > c.before;
                return <Typography.Text type={up ? 'success' : 'danger'}>{formatDelta(c.field, c.before, c.after)}</Typography.Text>;
              },
            },
          ]}
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {pending ? t('returns.receiptChangesLive') : t('returns.receiptChanges')}
      </Typography.Title>
      <ReceiptChangesTable t={t} rows={pending ? r.receiptChangesSinceLastSubmission : r.receiptChanges} />
    </Card>
  );
}

const OUTCOME_COLOR = { approved: 'green', returned: 'red', reopened: 'orange' } as const;

function HistoryCard({ t, versions }: { t: Translate; versions: ReturnVersion[] }) {
  const items = [...versions].sort((a, b) => b.number - a.number);
  return (
    <Card size="small" title={t('returns.history')} data-testid="return-history" style={{ height: '100%' }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('returns.noHistory')} />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={items.map((v) => ({
            key: v.number,
            color: v.outcome ? OUTCOME_COLOR[v.outcome] : 'blue',
            children: (
              <Space direction="vertical" size={2}>
                <Space size={8}>
                  <Typography.Text strong>{t('returns.version', { n: v.number })}</Typography.Text>
                  <Tag color={v.outcome ? OUTCOME_COLOR[v.outcome] : 'processing'}>
                    {t(`returns.outcome.${v.outcome ?? 'pending'}`)}
                  </Tag>
                </Space>
                <Typography.Text type="secondary">
                  {t('returns.submittedBy', { name: v.submittedByName, at: formatTime(v.submittedAt) })}
                </Typography.Text>
                {v.outcome && v.reviewedByName && (
                  <Typography.Text type="secondary">
                    {t(`returns.outcome.${v.outcome}`)}：{t('returns.reviewedBy', { name: v.reviewedByName, at: formatTime(v.reviewedAt) })}
                  </Typography.Text>
                )}
                {v.reason && (
                  <Typography.Text>
                    {t('returns.reason')}：{v.reason}
                  </Typography.Text>
                )}
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}

function stepsOf(t: Translate, r: MonthlyReturn) {
  const current = r.state === 'draft' ? 0 : r.state === 'submitted' ? 1 : 2;
  const last = r.state === 'approved' ? t('returns.state.approved') : r.state === 'returned' ? t('returns.state.returned') : t('returns.stepReviewed');
  return {
    current,
    status: r.state === 'returned' ? ('error' as const) : r.state === 'approved' ? ('finish' as const) : ('process' as const),
    items: [{ title: t('returns.state.draft') }, { title: t('returns.state.submitted') }, { title: last }],
  };
}

/** One monthly return: state, frozen or live figures, the reviewer's diff and the submission history. */
export default function ReturnDetail() {
  const { regionCode = '', month = '' } = useParams();
  const me = useMe();
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const key = ['return', regionCode, month];
  const query = useQuery({ queryKey: key, queryFn: () => returnsApi.get(regionCode, month) });
  const region = useQuery({ queryKey: ['region', regionCode], queryFn: () => regionsApi.get(regionCode), enabled: can(me, 'returns.review') });
  const r = query.data;

  if (query.isLoading) return <PageLoading />;
  if (!r) {
    return (
      <PageContainer title={t('returns.title')} onBack={() => navigate('/returns')}>
        <Alert type="error" showIcon message={t('returns.loadFailed')} description={query.error?.message} />
      </PageContainer>
    );
  }

  const run = async (name: string, action: () => Promise<MonthlyReturn>, done: string) => {
    setBusy(name);
    setError(null);
    try {
      const fresh = await action();
      client.setQueryData(key, fresh);
      showSuccess(done);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
      void client.invalidateQueries({ queryKey: ['returns-status'] });
      void client.invalidateQueries({ queryKey: ['return-reminders'] });
    }
  };

  const own = me.regionCode === r.regionCode;
  const canSubmit = can(me, 'returns.submit') && own && (r.state === 'draft' || r.state === 'returned');
  const reviewer = can(me, 'returns.review') && region.data?.parentCode === me.regionCode;
  const actions: ReactNode[] = [];
  if (canSubmit) {
    actions.push(
      <Popconfirm key="submit" title={t('returns.submitConfirm')} onConfirm={() => run('submit', () => returnsApi.submit(regionCode, month), t('returns.submitted'))}>
        <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} data-testid="return-submit">
          {r.state === 'returned' ? t('returns.resubmit') : t('returns.submit')}
        </Button>
      </Popconfirm>,
    );
  }
  if (reviewer && r.state === 'submitted') {
    actions.push(
      <ReasonModalForm
        key="return"
        title={t('returns.sendBackTitle')}
        danger
        trigger={
          <Button danger icon={<RollbackOutlined />} loading={busy === 'return'} data-testid="return-send-back">
            {t('returns.sendBack')}
          </Button>
        }
        onSubmit={({ reason }) => run('return', () => returnsApi.sendBack(regionCode, month, reason), t('returns.sentBack'))}
      />,
      <Popconfirm key="approve" title={t('returns.approveConfirm')} onConfirm={() => run('approve', () => returnsApi.approve(regionCode, month), t('returns.approved'))}>
        <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} data-testid="return-approve">
          {t('returns.approve')}
        </Button>
      </Popconfirm>,
    );
  }
  if (reviewer && r.state === 'approved') {
    actions.push(
      <ReasonModalForm
        key="reopen"
        title={t('returns.reopenTitle')}
        danger
        trigger={
          <Button icon={<UnlockOutlined />} loading={busy === 'reopen'} data-testid="return-reopen">
            {t('returns.reopen')}
          </Button>
        }
        onSubmit={({ reason }) => run('reopen', () => returnsApi.reopen(regionCode, month, reason), t('returns.reopened'))}
      />,
    );
  }

  const steps = stepsOf(t, r);
  const n = Number(month.slice(5));
  return (
    <PageContainer
      title={t('returns.detailTitle', { region: r.regionName, month: r.month })}
      subTitle={levelName(t, r.level)}
      tags={[<StateTag key="state" t={t} state={r.state} />, ...(r.locked ? [<Tag key="lock" icon={<LockOutlined />} color="gold">{t('returns.locked')}</Tag>] : [])]}
      onBack={() => navigate(`/returns?month=${encodeURIComponent(month)}`)}
      extra={actions}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setError(null)}
          message={t('returns.actionFailed')}
          description={error}
          style={{ marginBottom: 16 }}
          data-testid="return-error"
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps size="small" current={steps.current} status={steps.status} items={steps.items} style={{ maxWidth: 720, marginBottom: 16 }} data-testid="return-steps" />
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('returns.dueDate')}>{r.dueDate}</Descriptions.Item>
          <Descriptions.Item label={t('returns.submittedAt')}>{formatTime(r.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('returns.reviewedAt')}>{formatTime(r.reviewedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('returns.colSubmissions')}>{r.submissions}</Descriptions.Item>
        </Descriptions>
        {r.state === 'returned' && r.reviewReason && (
          <Alert type="warning" showIcon message={`${t('returns.reviewReason')}：${r.reviewReason}`} data-testid="return-reason" />
        )}
        {r.locked && <Alert type="info" showIcon message={t('returns.lockedHint')} style={{ marginTop: 8 }} />}
      </Card>
      <ChangesCard t={t} r={r} />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {r.figuresAreLive ? t('returns.figuresLive') : t('returns.figuresFrozen')}
      </Typography.Paragraph>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={12} style={{ marginBottom: 16 }}>
          <FiguresBlock t={t} title={t('returns.monthOnly', { month: r.month })} s={r.figures.monthOnly} testId="figures-month" withTarget={false} />
        </Col>
        <Col xs={24} lg={12} style={{ marginBottom: 16 }}>
          <FiguresBlock t={t} title={t('returns.ytd', { n })} s={r.figures.yearToDate} testId="figures-ytd" withTarget />
        </Col>
      </Row>
      <HistoryCard t={t} versions={r.versions} />
    </PageContainer>
  );
}
