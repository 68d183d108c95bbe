import type { ReactNode } from 'react';
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { BreakdownRow, SignedBand, SignedShare, StatsSummary, StatsSummaryCore } from '../../api/stats';
import { formatTableWan, formatYuan } from '../../components/money';
import { keyColumnsOnPhone } from '../../components/responsive';
import { formatPct, projectsLink, type ProjectDrillDown } from '../../components/stats';
import type { Translate } from '../../i18n';

/** Share in percent, rounded half-up to 2 decimals with integer arithmetic; null for a zero total. */
export function sharePct(part: number, total: number): number | null {
  if (!total) return null;
  const p = BigInt(Math.trunc(part));
  const w = BigInt(Math.trunc(total));
  const basis = (p * 20000n + w) / (2n * w);
  return Number(basis) / 100;
}

function Signed({ value, unit }: { value: number | null; unit: '%' | 'pts' }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const text = `${value > 0 ? '+' : ''}${value.toFixed(2)}${unit === '%' ? '%' : ''}`;
  // darker than antd's red-7 / green-6, so the contrast holds on a table's tinted rows too (axe)
  return <span style={{ color: value > 0 ? '#a8071a' : value < 0 ? '#237804' : undefined }}>{text}</span>;
}

interface Named extends BreakdownRow {
  name: string;
}

/** Columns shared by every breakdown: funds, last year, 同比, 占比, 贡献率, 拉动 (2 decimals, signed). */
export function breakdownColumns<T extends Named>(
  t: Translate,
  options: { nameTitle: string; nameRender?: (row: T) => ReactNode; projectsLink?: (row: T) => string | null },
): ColumnsType<T> {
  return [
    { title: options.nameTitle, dataIndex: 'name', width: 260, fixed: 'left', render: (_: unknown, r) => options.nameRender?.(r) ?? r.name },
    {
      title: t('stats.projects'),
      dataIndex: 'projects',
      width: 90,
      align: 'right',
      render: (_: unknown, r) => {
        const to = options.projectsLink?.(r);
        return to ? <Link to={to}>{r.projects}</Link> : r.projects;
      },
    },
    { title: t('stats.funds'), dataIndex: 'fundsYuan', width: 150, align: 'right', render: (_: unknown, r) => formatTableWan(r.fundsYuan, '—') },
    { title: t('stats.lastYear'), dataIndex: 'lastYearFundsYuan', width: 150, align: 'right', render: (_: unknown, r) => formatTableWan(r.lastYearFundsYuan, '—') },
    { title: t('stats.yoy'), dataIndex: 'yoyPct', width: 110, align: 'right', render: (_: unknown, r) => <Signed value={r.yoyPct} unit="%" /> },
    { title: t('stats.share'), dataIndex: 'sharePct', width: 100, align: 'right', render: (_: unknown, r) => formatPct(r.sharePct) },
    { title: t('stats.contribution'), dataIndex: 'contributionPct', width: 110, align: 'right', render: (_: unknown, r) => <Signed value={r.contributionPct} unit="%" /> },
    {
      title: t('stats.pull'),
      dataIndex: 'pullPts',
      width: 130,
      align: 'right',
      render: (_: unknown, r) => <Signed value={r.pullPts} unit="pts" />,
    },
  ];
}

interface BreakdownTableProps<T extends Named> {
  t: Translate;
  rows: T[];
  rowKey: (row: T) => string;
  columns: ColumnsType<T>;
  total: { fundsYuan: number; lastYearFundsYuan: number };
  totalYoy: number | null;
  loading: boolean;
  testId: string;
}

export function BreakdownTable<T extends Named>({ t, rows, rowKey, columns, total, totalYoy, loading, testId }: BreakdownTableProps<T>) {
  return (
    <Table<T>
      data-testid={testId}
      size="small"
      rowKey={rowKey}
      loading={loading}
      dataSource={rows}
      columns={columns}
      pagination={false}
      scroll={{ x: 1100 }}
      locale={{ emptyText: t('stats.noData') }}
      summary={() =>
        rows.length ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('stats.total')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} />
            <Table.Summary.Cell index={2} align="right">
              <Typography.Text strong>{formatTableWan(total.fundsYuan, '—')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {formatTableWan(total.lastYearFundsYuan, '—')}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              <Signed value={totalYoy} unit="%" />
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              {total.fundsYuan ? '100.00%' : '—'}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">
              {total.fundsYuan !== total.lastYearFundsYuan ? '100.00%' : '—'}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={7} align="right">
              <Signed value={totalYoy} unit="pts" />
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

interface SourceRow {
  key: string;
  /** the sources whose executing projects the row counts (its drill-down), none for the total row */
  sources?: NonNullable<ProjectDrillDown['source']>;
  name: string;
  projects: number;
  fundsYuan: number;
  yoyPct: number | null;
  share: number | null;
  strong?: boolean;
  indent?: boolean;
}

/**
 * 资金来源: 区内, 区外, 境外, 国内 (= 区内 + 区外), and projects without a source when there are any.
 * Each source's project count opens the project list of exactly those executing projects (`drill`).
 */
export function SourceTable({ t, summary, drill }: { t: Translate; summary: StatsSummaryCore; drill?: Omit<ProjectDrillDown, 'source'> }) {
  const total = summary.executing.fundsYuan;
  const row = (key: string, name: string, v: { projects: number; fundsYuan: number; yoyPct?: number | null }, strong = false, sources?: SourceRow['sources']): SourceRow => ({
    key,
    sources,
    name,
    projects: v.projects,
    fundsYuan: v.fundsYuan,
    yoyPct: v.yoyPct ?? null,
    share: sharePct(v.fundsYuan, total),
    strong,
  });
  const rows: SourceRow[] = [
    row('domestic', t('stats.domestic'), summary.domestic, true, ['local', 'outOfRegion']),
    { ...row('local', t('source.local'), summary.bySource.local, false, ['local']), indent: true },
    { ...row('outOfRegion', t('source.outOfRegion'), summary.bySource.outOfRegion, false, ['outOfRegion']), indent: true },
    row('foreign', t('source.foreign'), summary.bySource.foreign, true, ['foreign']),
  ];
  if (summary.unknownSource.projects > 0) rows.push(row('unknown', t('stats.unknownSource'), summary.unknownSource, false, ['none']));
  rows.push(row('total', t('stats.total'), { ...summary.executing, yoyPct: summary.executing.yoyPct }, true));
  return (
    <Table<SourceRow>
      data-testid="table-sources"
      size="small"
      rowKey="key"
      dataSource={rows}
      pagination={false}
      // on a phone: the source, its funds and the change; the counts and shares stay for the desk
      columns={keyColumnsOnPhone([
        { title: t('stats.source'), dataIndex: 'name', width: 110, onCell: () => ({ style: { whiteSpace: 'nowrap' } }), render: (_: unknown, r) =>
            r.strong ? <Typography.Text strong>{r.name}</Typography.Text> : <span style={{ paddingLeft: r.indent ? 16 : 0 }}>{r.name}</span>,
        },
        { title: t('stats.projects'), dataIndex: 'projects', align: 'right', width: 80, render: (_: unknown, r) =>
            drill && r.sources && r.projects > 0 ? (
              <Link to={projectsLink({ ...drill, source: r.sources })} data-testid={`source-link-${r.key}`}>
                {r.projects}
              </Link>
            ) : (
              r.projects
            ),
        },
        { title: t('stats.funds'), dataIndex: 'fundsYuan', align: 'right', width: 130, render: (_: unknown, r) => formatTableWan(r.fundsYuan, '—') },
        { title: t('stats.yoy'), dataIndex: 'yoyPct', align: 'right', width: 110, render: (_: unknown, r) => <Signed value={r.yoyPct} unit="%" /> },
        { title: t('stats.share'), dataIndex: 'share', align: 'right', width: 120, render: (_: unknown, r) => formatPct(r.share) },
      ], ['name', 'fundsYuan', 'yoyPct'])}
    />
  );
}

function bandLabel(minYuan: number): string {
  return `≥ ${formatYuan(minYuan, '—').replace('.00', '')}`;
}

/** 签约项目 by size (cumulative bands). */
export function BandTable({ t, summary }: { t: Translate; summary: StatsSummaryCore }) {
  const rows = [
    { minYuan: 0, projects: summary.signed.projects, amountYuan: summary.signed.amountYuan, sharePct: summary.signed.amountYuan ? 100 : null },
    ...summary.signed.bands,
  ];
  return (
    <Table<SignedBand>
      data-testid="table-bands"
      size="small"
      rowKey="minYuan"
      dataSource={rows}
      pagination={false}
      columns={[
        { title: t('stats.band'), dataIndex: 'minYuan', render: (_: unknown, r) => (r.minYuan ? bandLabel(r.minYuan) : t('stats.allSigned')) },
        { title: t('stats.projects'), dataIndex: 'projects', align: 'right', width: 100 },
        { title: t('stats.signedAmount'), dataIndex: 'amountYuan', align: 'right', width: 160, render: (_: unknown, r) => formatTableWan(r.amountYuan, '—') },
        { title: t('stats.bandShare'), dataIndex: 'sharePct', align: 'right', width: 160, render: (_: unknown, r) => formatPct(r.sharePct) },
      ]}
    />
  );
}

interface ShareRow extends SignedShare {
  key: string;
  name: string;
}

/** One split of the signed projects: name, projects (share of all signed), amount (share of the total); three columns fit a phone. */
function ShareTable({ t, testId, title, rows }: { t: Translate; testId: string; title: string; rows: ShareRow[] }) {
  return (
    <Table<ShareRow>
      data-testid={testId}
      size="small"
      rowKey="key"
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: t('stats.noData') }}
      columns={[
        { title, dataIndex: 'name', ellipsis: true },
        { title: t('stats.projectsShare'), dataIndex: 'projects', align: 'right', width: 110, render: (_: unknown, r) => `${r.projects}（${formatPct(r.projectSharePct)}）` },
        {
          title: t('stats.amountShare'),
          dataIndex: 'amountYuan',
          align: 'right',
          width: 150,
          render: (_: unknown, r) => (
            <>
              {formatTableWan(r.amountYuan, '—')}
              <br />
              <Typography.Text type="secondary">{formatPct(r.amountSharePct)}</Typography.Text>
            </>
          ),
        },
      ]}
    />
  );
}

/** 签约项目结构: by three sectors, by chain, by investor tag; shares of all projects signed in the period and of their total amount. */
export function SignedStructureTables({ t, summary, chainNames }: { t: Translate; summary: StatsSummary; chainNames?: ReadonlyMap<string, string> }) {
  const sectors = (['primary', 'secondary', 'tertiary'] as const).map((k) => ({ key: k, name: t(`stats.sector.${k}`), ...summary.signed.bySector[k] }));
  const keyed = (record: Record<string, SignedShare>, nameOf: (key: string) => string = (k) => k) => Object.entries(record).map(([k, v]) => ({ key: k, name: nameOf(k), ...v }));
  const chainName = (code: string) => {
    const name = chainNames?.get(code);
    return name ? `${name}（${code}）` : code;
  };
  return (
    <div data-testid="signed-structure">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('stats.signedStructureHint', { n: summary.signed.projects, amount: formatYuan(summary.signed.amountYuan, '—') })}
      </Typography.Paragraph>
      <ShareTable t={t} testId="table-signed-sectors" title={t('stats.sector')} rows={sectors} />
      <div style={{ height: 12 }} />
      <ShareTable t={t} testId="table-signed-chains" title={t('stats.chain')} rows={keyed(summary.signed.byChain, chainName)} />
      <div style={{ height: 12 }} />
      <ShareTable t={t} testId="table-signed-tags" title={t('stats.investorTag')} rows={keyed(summary.signed.byInvestorTag)} />
    </div>
  );
}
