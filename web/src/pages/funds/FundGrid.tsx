import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Grid, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { showSuccess } from '../../api/client';
import { fundsApi, type GridRow, type GridSaveResult } from '../../api/funds';
import { useMe } from '../../auth/session';
import { WAN_PATTERN, formatTableWan, wanToYuan, yuanToWan } from '../../components/money';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { lastCompleteMonth } from '../../components/stats';
import { useI18n } from '../../i18n';
import { unitWan } from '../../i18n/units';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Not entered, verified (by whom), or waiting: one's own waits for another statistician; and whether it counts yet. */
function StatusTag({ r }: { r: GridRow }) {
  const { t } = useI18n();
  if (!r.receipt) return <Tag>{t('grid.notEntered')}</Tag>;
  const state = r.receipt.verified ? (
    <Tag color="success">{t('grid.verifiedBy', { name: r.receipt.verifiedByName ?? '' })}</Tag>
  ) : (
    <Tooltip title={t('grid.enteredBy', { name: r.receipt.enteredByName ?? '—' })}>
      <Tag color={r.receipt.enteredByMe ? 'default' : 'warning'}>{r.receipt.enteredByMe ? t('grid.mineUnverified') : t('funds.unverified')}</Tag>
    </Tooltip>
  );
  if (r.receipt.counts) return state;
  // under 先证后计 the receipt does not count yet: say so, and why (not verified, no evidence)
  return (
    <Space size={4} wrap>
      {state}
      <Tooltip title={r.receipt.countsWhy ?? undefined}>
        <Tag color="warning" data-testid={`grid-not-counted-${r.projectCode}`}>
          {t('funds.countsNo')}
        </Tag>
      </Tooltip>
    </Space>
  );
}

/** 月度录入: every project of a region for one month in one grid; a save writes the changed rows through the fund service. */
export default function FundGrid() {
  const me = useMe();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') || me.regionCode;
  const monthParam = params.get('month') ?? '';
  const month = MONTH.test(monthParam) ? monthParam : lastCompleteMonth();
  const set = (next: { region?: string; month?: string }) => setParams({ region: next.region ?? region, month: next.month ?? month }, { replace: true });
  const grid = useQuery({ queryKey: ['fund-grid', region, month], queryFn: () => fundsApi.grid(region, month) });
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<GridSaveResult | null>(null);
  const [saving, setSaving] = useState(false);
  // at phone width: the project and its amount side by side; last month and the status under them
  const narrow = !Grid.useBreakpoint().md;

  const rows = grid.data?.items ?? [];
  const valueOf = (r: GridRow) => edits[r.projectId] ?? (r.receipt ? (yuanToWan(r.receipt.amountYuan) ?? '') : '');
  const changed = rows.filter((r) => {
    const v = edits[r.projectId];
    if (v === undefined || v.trim() === '') return false;
    return !r.receipt || wanToYuan(v) !== r.receipt.amountYuan;
  });
  const invalid = changed.filter((r) => !WAN_PATTERN.test((edits[r.projectId] ?? '').trim()));
  const corrections = changed.filter((r) => r.receipt);
  const allLocked = rows.length > 0 && rows.every((r) => r.lock);
  const lock = rows.find((r) => r.lock)?.lock ?? null;

  const save = async () => {
    setSaving(true);
    try {
      const res = await fundsApi.saveGrid({
        region,
        month,
        reason: reason.trim() || null,
        entries: changed.map((r) => ({ projectId: r.projectId, amountYuan: wanToYuan(edits[r.projectId]) ?? 0, version: r.receipt?.version })),
      });
      setResult(res);
      if (res.saved.length) showSuccess(t('grid.saved', { n: res.saved.length }));
      const refused = new Set(res.refused.map((x) => x.projectId));
      setEdits((e) => Object.fromEntries(Object.entries(e).filter(([k]) => refused.has(k))));
      if (res.refused.length === 0) setReason('');
      await grid.refetch();
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageContainer title={t('grid.title')} subTitle={grid.data ? `${grid.data.regionName} · ${month}` : month}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap size={16}>
          <Space>
            <span>{t('stats.region')}</span>
            <div style={{ width: 260, maxWidth: '70vw' }}>
              <RegionTreeSelect value={region} allowClear={false} onChange={(v) => v && (setEdits({}), set({ region: v }))} />
            </div>
          </Space>
          <Space>
            <span>{t('funds.month')}</span>
            <DatePicker
              picker="month"
              allowClear={false}
              data-testid="grid-month"
              value={dayjs(`${month}-01`)}
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
              onChange={(d) => d && (setEdits({}), set({ month: d.format('YYYY-MM') }))}
            />
          </Space>
          <Link to={`/funds/pending?region=${region}`}>{t('menu.pendingReceipts')}</Link>
        </Space>
      </Card>
      {lock && (
        <Alert
          data-testid="grid-lock"
          type="warning"
          showIcon
          icon={<LockOutlined />}
          style={{ marginBottom: 16 }}
          message={allLocked ? t('grid.locked') : t('grid.partlyLocked')}
          description={t('grid.reopenBy', { who: lock.reopener, region: lock.regionName })}
        />
      )}
      {result && result.refused.length > 0 && (
        <Alert
          data-testid="grid-refused"
          type="error"
          showIcon
          closable
          onClose={() => setResult(null)}
          style={{ marginBottom: 16 }}
          message={t('grid.refused', { n: result.refused.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {result.refused.map((x) => (
                <li key={x.projectId}>{x.message}</li>
              ))}
            </ul>
          }
        />
      )}
      {grid.data?.truncated && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('grid.truncated')} />}
      <Card size="small">
        <Table<GridRow>
          data-testid="fund-grid"
          rowKey="projectId"
          size="small"
          loading={grid.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={narrow ? undefined : { x: 820, y: 'calc(100vh - 380px)' }}
          columns={[
            {
              title: t('projects.name'),
              key: 'project',
              fixed: narrow ? undefined : 'left',
              width: narrow ? undefined : 200,
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Link to={`/projects/${r.projectId}`}>{r.projectName}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.projectCode} · {r.regionName}
                  </Typography.Text>
                  {narrow && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('grid.previous')} {formatTableWan(r.previousMonthYuan, '—')}
                    </Typography.Text>
                  )}
                  {narrow && <StatusTag r={r} />}
                </Space>
              ),
            },
            {
              title: t('grid.previous'),
              key: 'previous',
              hidden: narrow,
              width: 130,
              align: 'right',
              render: (_, r) => formatTableWan(r.previousMonthYuan, '—'),
            },
            {
              title: t('grid.amount', { month }),
              key: 'amount',
              width: narrow ? 140 : 170,
              render: (_, r) => {
                const value = valueOf(r);
                const bad = value.trim() !== '' && !WAN_PATTERN.test(value.trim());
                const input = (
                  <Input
                    aria-label={t('grid.amountOf', { name: r.projectName })}
                    data-testid={`grid-input-${r.projectCode}`}
                    value={value}
                    status={bad ? 'error' : undefined}
                    disabled={Boolean(r.lock) || grid.data?.futureMonth}
                    suffix={r.lock ? <LockOutlined /> : unitWan()}
                    inputMode="decimal"
                    onChange={(e) => setEdits((x) => ({ ...x, [r.projectId]: e.target.value }))}
                  />
                );
                return r.lock ? <Tooltip title={r.lock.message}>{input}</Tooltip> : input;
              },
            },
            {
              title: t('grid.status'),
              key: 'status',
              hidden: narrow,
              width: 170,
              render: (_, r) => <StatusTag r={r} />,
            },
          ]}
        />
        <Space wrap style={{ marginTop: 12 }}>
          {corrections.length > 0 && (
            <Input
              style={{ width: 320, maxWidth: '80vw' }}
              data-testid="grid-reason"
              placeholder={t('grid.reasonPlaceholder', { n: corrections.length })}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
          <Button
            type="primary"
            data-testid="grid-save"
            loading={saving}
            disabled={changed.length === 0 || invalid.length > 0 || (corrections.length > 0 && !reason.trim())}
            onClick={() => void save()}
          >
            {t('grid.save', { n: changed.length })}
          </Button>
          {invalid.length > 0 && <Typography.Text type="danger">{t('projects.amountInvalid')}</Typography.Text>}
        </Space>
      </Card>
    </PageContainer>
  );
}
