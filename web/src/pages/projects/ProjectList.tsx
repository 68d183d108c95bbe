import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Empty, Input, Segmented, Select, Space, Switch, Tooltip, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns, type ProFormInstance } from '@ant-design/pro-components';
import type { CheckedColumns } from '../../components/columns';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { downloadFile } from '../../components/download';
import { SavedFilters } from './SavedFilters';
import { projectsApi, STAGES, type Light, type ProjectListItem, type ProjectQuery, type Stage } from '../../api/projects';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { formatTime } from '../../components/labels';
import { formatTableWan, wanToYuan } from '../../components/money';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { keyColumnsOnPhone, usePhone } from '../../components/responsive';
import { onTableError } from '../../components/table';
import { rangeLabel, type MonthRange } from '../../components/stats';
import { readPeriod } from '../../components/usePeriodParams';
import { useI18n, type Translate } from '../../i18n';
import { Kanban } from './Kanban';
import { IncompleteTag, KeyMark, LandingCountdown, LightDot, StageTag, sourceName } from './labels';
import { ProjectForm } from './ProjectForm';
import { IndustryTreeSelect } from '../../components/IndustryTreeSelect';
import { useStageMove } from './useStageMove';
import { ChainNodeSelect } from './ChainNodeSelect';
import { unitWan } from '../../i18n/units';

interface Filters {
  q?: string;
  regionCode?: string;
  stage?: Stage[];
  light?: Light;
  source?: string[];
  industry?: string;
  chainNode?: string;
  amount?: [string | undefined, string | undefined];
  leaderId?: string;
  isKey?: 'true';
  /** Not form fields: passed as `params` so a change reloads the table. */
  mine?: boolean;
  sort?: Sort;
  view?: View;
  drill?: string;
}

type View = 'list' | 'kanban';
type Sort = NonNullable<ProjectQuery['sort']>;

/** Two 万元 inputs for a range; the request converts them to yuan. */
function AmountRange({ value, onChange }: { value?: [string | undefined, string | undefined]; onChange?: (v: [string | undefined, string | undefined]) => void }) {
  const [min, max] = value ?? [undefined, undefined];
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input placeholder="≥" value={min} suffix={unitWan()} onChange={(e) => onChange?.([e.target.value || undefined, max])} />
      <Input placeholder="≤" value={max} suffix={unitWan()} onChange={(e) => onChange?.([min, e.target.value || undefined])} />
    </Space.Compact>
  );
}

/** A drill-down from a statistic (?fundsFrom&fundsTo[&fundsKind] or ?signedFrom&signedTo): the server reproduces the figure's projects. */
interface DrillDown {
  executing: MonthRange | null;
  kind: 'new' | 'continued' | null;
  signed: MonthRange | null;
  /** the statistic's excluded tags ("光伏,煤化工"), or '' */
  excludeTags: string;
}

function readDrillDown(params: URLSearchParams): DrillDown | null {
  const executing = readPeriod(params.get('fundsFrom'), params.get('fundsTo'));
  const kindParam = params.get('fundsKind');
  const kind = executing && (kindParam === 'new' || kindParam === 'continued') ? kindParam : null;
  const signed = readPeriod(params.get('signedFrom'), params.get('signedTo'));
  return executing || signed ? { executing, kind, signed, excludeTags: params.get('excludeTags')?.trim() ?? '' } : null;
}

function describeDrillDown(t: Translate, d: DrillDown): string {
  const parts: string[] = [];
  if (d.executing) parts.push(t(d.kind ? `projects.drill.${d.kind}` : 'projects.drill.executing', { period: rangeLabel(d.executing) }));
  if (d.signed) parts.push(t('projects.drill.signed', { period: rangeLabel(d.signed) }));
  if (d.excludeTags) parts.push(t('projects.drill.excluding', { tags: d.excludeTags }));
  return parts.join('；');
}

/** Leaders that appear on projects the user can see (the user directory is for administrators only). */
function useLeaderOptions() {
  const { data } = useQuery({
    queryKey: ['project-leaders'],
    queryFn: () => projectsApi.list({ pageSize: 500 }),
    staleTime: 60_000,
  });
  return useMemo(() => {
    const seen = new Map<string, string>();
    for (const p of data?.items ?? []) if (p.leaderId && p.leaderName) seen.set(p.leaderId, p.leaderName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [data]);
}

export function ProjectListPage({ mineOnly = false }: { mineOnly?: boolean }) {
  const me = useMe();
  const { t } = useI18n();
  const phone = usePhone();
  const navigate = useNavigate();
  const actionRef = useRef<ActionType>(null);
  const [view, setView] = useState<View>('list');
  const [mine, setMine] = useState(mineOnly);
  const [sort, setSort] = useState<Sort>('updated');
  const [stageCounts, setStageCounts] = useState<Partial<Record<Stage, number>>>({});
  const [creating, setCreating] = useState(false);
  const [filtered, setFiltered] = useState(false);
  const leaders = useLeaderOptions();
  const canManage = can(me, 'projects.manage');
  const reload = () => actionRef.current?.reload();
  const formRef = useRef<ProFormInstance<Filters>>(undefined);
  const lastQuery = useRef<ProjectQuery>({});
  const [searchParams] = useSearchParams();
  const [initialFilters] = useState<Partial<Filters>>(() => {
    const light = searchParams.get('light');
    const stages = (searchParams.get('stage') ?? '').split(',').filter((s): s is Stage => (STAGES as readonly string[]).includes(s));
    const sources = (searchParams.get('source') ?? '').split(',').filter((v) => ['local', 'outOfRegion', 'foreign', 'none'].includes(v));
    return {
      stage: stages.length ? stages : undefined,
      source: sources.length ? sources : undefined,
      leaderId: searchParams.get('leaderId') ?? undefined,
      light: light === 'red' || light === 'yellow' || light === 'green' ? light : undefined,
      regionCode: searchParams.get('regionCode') ?? undefined,
      chainNode: searchParams.get('chainNode') ?? undefined,
    };
  });
  const [drill, setDrill] = useState<DrillDown | null>(() => readDrillDown(searchParams));
  const [periodFundsYuan, setPeriodFundsYuan] = useState<number | null>(null);
  const exportXlsx = async () => {
    const { page: _page, pageSize: _size, ...filters } = lastQuery.current;
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') params.set(k, String(v));
    await downloadFile(`/api/projects/export.xlsx?${params.toString()}`, '项目列表.xlsx');
  };
  const applyFilter = (filter: Record<string, unknown>) => {
    const form = formRef.current;
    if (!form) return;
    const { mine: savedMine, sort: savedSort, ...fields } = filter;
    form.resetFields();
    form.setFieldsValue(fields as Partial<Filters>);
    if (!mineOnly) setMine(savedMine === true);
    if (typeof savedSort === 'string' && ['updated', 'signedAmount', 'code', 'signedDate'].includes(savedSort)) setSort(savedSort as Sort);
    form.submit();
  };
  const currentFilter = (): Record<string, unknown> => {
    const values = formRef.current?.getFieldsValue() ?? {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.every((x) => x === undefined || x === ''))) continue;
      out[k] = v;
    }
    if (mine && !mineOnly) out.mine = true;
    out.sort = sort;
    return out;
  };
  const { move, dialogs } = useStageMove(() => reload());

  const columns: CheckedColumns<ProjectListItem, Filters> = [
    { title: t('projects.keyword'), dataIndex: 'q', hideInTable: true, order: 10, fieldProps: { placeholder: t('projects.keywordPlaceholder') } },
    {
      title: t('projects.light'),
      dataIndex: 'light',
      width: 72,
      fixed: 'left',
      order: 6,
      valueType: 'select',
      valueEnum: { green: { text: t('light.green') }, yellow: { text: t('light.yellow') }, red: { text: t('light.red') } },
      render: (_, p) => <LightDot t={t} project={p} />,
    },
    {
      title: t('projects.code'),
      dataIndex: 'code',
      search: false,
      width: 170,
      render: (_, p) => <Typography.Text style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{p.code}</Typography.Text>,
    },
    {
      title: t('projects.name'),
      dataIndex: 'name',
      search: false,
      width: 240,
      fixed: 'left',
      render: (_, p) => (
        <Space size={4}>
          <Link to={`/projects/${p.id}`}>{p.name}</Link>
          <KeyMark t={t} isKey={p.isKey} />
          <IncompleteTag t={t} missing={p.missingFields} />
        </Space>
      ),
    },
    {
      title: t('projects.region'),
      dataIndex: 'regionCode',
      order: 9,
      width: 120,
      renderFormItem: () => <RegionTreeSelect />,
      render: (_, p) => <Tooltip title={p.regionCode}>{p.regionName}</Tooltip>,
    },
    { title: t('projects.investor'), dataIndex: 'investorName', search: false, width: 220, ellipsis: true, render: (_, p) => p.investorName ?? '—' },
    {
      title: t('projects.stage'),
      dataIndex: 'stage',
      order: 8,
      valueType: 'select',
      width: 80,
      fieldProps: { mode: 'multiple' },
      valueEnum: Object.fromEntries(STAGES.map((s) => [s, { text: t(`stage.${s}`) }])),
      render: (_, p) => <StageTag t={t} stage={p.stage} />,
    },
    {
      title: t('projects.landingCountdown'),
      key: 'countdown',
      search: false,
      width: 110,
      render: (_, p) => (p.stage === 'negotiating' && p.expectedLandingDate ? <LandingCountdown t={t} project={p} /> : '—'),
    },
    {
      title: t('projects.source'),
      dataIndex: 'source',
      order: 5,
      width: 80,
      valueType: 'select',
      fieldProps: { mode: 'multiple' },
      valueEnum: { local: { text: t('source.local') }, outOfRegion: { text: t('source.outOfRegion') }, foreign: { text: t('source.foreign') }, none: { text: t('stats.unknownSource') } },
      render: (_, p) => sourceName(t, p.source),
    },
    {
      title: t('projects.industry'),
      dataIndex: 'industry',
      order: 4,
      width: 170,
      ellipsis: true,
      renderFormItem: () => <IndustryTreeSelect testId="industry-filter" />,
      render: (_, p) => p.industryName ?? '—',
    },
    {
      title: t('projects.signedAmount'),
      dataIndex: 'signedAmountYuan',
      search: false,
      width: 130,
      align: 'right',
      render: (_, p) =>
        p.signedAmountYuan === null ? <Typography.Text type="secondary">{t('common.unknown')}</Typography.Text> : formatTableWan(p.signedAmountYuan, ''),
    },
    {
      title: t('projects.chainNodeFilter'),
      dataIndex: 'chainNode',
      hideInTable: true,
      order: 4,
      renderFormItem: () => <ChainNodeSelect allVisible testId="chain-node-filter" />,
    },
    { title: t('projects.signedAmountRange'), dataIndex: 'amount', hideInTable: true, order: 3, renderFormItem: () => <AmountRange /> },
    ...(drill?.executing
      ? [
          {
            title: t('projects.periodFunds', { period: rangeLabel(drill.executing) }),
            dataIndex: 'periodFundsYuan',
            search: false,
            width: 150,
            align: 'right',
            render: (_, p) => formatTableWan(p.periodFundsYuan ?? null, '—'),
          } satisfies ProColumns<ProjectListItem>,
        ]
      : []),
    { title: t('projects.funds'), dataIndex: 'fundsTotalYuan', search: false, width: 130, align: 'right', render: (_, p) => formatTableWan(p.fundsTotalYuan, '') },
    {
      title: t('projects.leader'),
      dataIndex: 'leaderId',
      order: 2,
      width: 100,
      valueType: 'select',
      fieldProps: { options: leaders, showSearch: true, optionFilterProp: 'label' },
      render: (_, p) => p.leaderName ?? '—',
    },
    {
      title: t('projects.isKey'),
      dataIndex: 'isKey',
      hideInTable: true,
      order: 1,
      valueType: 'select',
      valueEnum: { true: { text: t('common.yes') } },
    },
    { title: t('projects.updatedAt'), dataIndex: 'updatedAt', search: false, width: 140, render: (_, p) => formatTime(p.updatedAt) },
  ];

  const toolbar = [
    <Segmented<View>
      key="view"
      data-testid="view-switch"
      value={view}
      onChange={(v) => {
        setView(v);
        setTimeout(reload, 0);
      }}
      options={[
        { value: 'list', label: t('projects.viewList') },
        { value: 'kanban', label: t('projects.viewKanban') },
      ]}
    />,
    <Select<Sort>
      key="sort"
      aria-label={t('projects.sort')}
      value={sort}
      style={{ width: 140 }}
      onChange={setSort}
      options={[
        { value: 'updated', label: `↓ ${t('projects.updatedAt')}` },
        { value: 'signedAmount', label: `↓ ${t('projects.signedAmount')}` },
        { value: 'signedDate', label: `↓ ${t('projects.signedDate')}` },
        { value: 'code', label: `↑ ${t('projects.code')}` },
      ]}
    />,
  ];
  toolbar.push(
    <SavedFilters key="saved" page={mineOnly ? 'projects.mine' : 'projects'} current={currentFilter} onApply={applyFilter} />,
    <Button key="export" icon={<DownloadOutlined />} onClick={() => void exportXlsx()} data-testid="export-xlsx">
      {t('projects.export')}
    </Button>,
  );
  if (!mineOnly) {
    toolbar.push(
      <Space key="mine">
        <Switch size="small" checked={mine} onChange={setMine} aria-label={t('projects.mine')} data-testid="mine-switch" />
        <span>{t('projects.mine')}</span>
      </Space>,
    );
  }
  if (canManage) {
    toolbar.push(
      <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
        {t('projects.create')}
      </Button>,
    );
  }

  return (
    <PageContainer title={mineOnly ? t('projects.mineTitle') : t('projects.title')}>
      {drill && (
        <Alert
          data-testid="drill-down"
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={describeDrillDown(t, drill)}
          description={drill.executing && periodFundsYuan !== null ? t('projects.drill.total', { amount: formatTableWan(periodFundsYuan, '—') }) : undefined}
          closable
          closeText={t('projects.drill.clear')}
          onClose={() => {
            setDrill(null);
            navigate('/projects', { replace: true });
          }}
        />
      )}
      <ProTable<ProjectListItem, Filters>
        // ProTable keeps its first columns' pinning; a new table when the width crosses the phone breakpoint
        key={phone ? 'phone' : 'desk'}
        rowKey="id"
        actionRef={actionRef}
        formRef={formRef}
        form={{ initialValues: initialFilters }}
        onRequestError={onTableError}
        columns={keyColumnsOnPhone(columns, ['light', 'name', 'stage'], phone)}
        scroll={view === 'list' && !phone ? { x: 1500 } : undefined}
        params={{ mine, sort, view, drill: drill ? describeDrillDown(t, drill) : '' }}
        search={{ labelWidth: 'auto', span: { xs: 24, sm: 12, md: 8, lg: 8, xl: 6, xxl: 6 }, defaultCollapsed: !Object.values(initialFilters).some(Boolean) }}
        pagination={view === 'list' ? { defaultPageSize: 20, showSizeChanger: true } : false}
        options={{ density: false, setting: true, reload: true }}
        request={async (params) => {
          const [min, max] = params.amount ?? [];
          const query: ProjectQuery = {
            q: params.q?.trim() || undefined,
            regionCode: params.regionCode,
            stage: params.stage?.length ? params.stage.join(',') : undefined,
            light: params.light,
            source: params.source?.length ? params.source.join(',') : undefined,
            industry: params.industry,
            chainNode: params.chainNode || undefined,
            amountMinYuan: wanToYuan(min) ?? undefined,
            amountMaxYuan: wanToYuan(max) ?? undefined,
            leaderId: params.leaderId,
            isKey: params.isKey,
            mine: mine ? 'true' : undefined,
            fundsFrom: drill?.executing?.from,
            fundsTo: drill?.executing?.to,
            fundsKind: drill?.kind ?? undefined,
            signedFrom: drill?.signed?.from,
            signedTo: drill?.signed?.to,
            excludeTags: drill?.excludeTags || undefined,
            sort,
            page: view === 'list' ? params.current : 1,
            pageSize: view === 'list' ? params.pageSize : 500,
          };
          lastQuery.current = query;
          const res = await projectsApi.list(query);
          setStageCounts(res.stageCounts);
          setPeriodFundsYuan(res.periodFundsYuan ?? null);
          setFiltered(Object.entries(query).some(([k, v]) => v !== undefined && !['sort', 'page', 'pageSize'].includes(k)));
          return { data: res.items, total: res.total, success: true };
        }}
        locale={{
          emptyText: <Empty description={filtered ? t('projects.emptyFiltered') : t('projects.empty')} />,
        }}
        tableViewRender={(props, dom) =>
          view === 'kanban' ? (
            <Kanban
              projects={(props.dataSource ?? []) as ProjectListItem[]}
              stageCounts={stageCounts}
              canMove={canManage}
              onMove={(p, to) => void move(p, to)}
            />
          ) : (
            dom
          )
        }
        toolBarRender={() => toolbar}
      />
      <ProjectForm
        open={creating}
        onOpenChange={setCreating}
        onSaved={(p) => {
          setCreating(false);
          navigate(`/projects/${p.id}`);
        }}
      />
      {dialogs}
    </PageContainer>
  );
}

export default function ProjectList() {
  return <ProjectListPage />;
}
