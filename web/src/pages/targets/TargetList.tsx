import { useState } from 'react';
import { Badge, Button, Card, Checkbox, Empty, List, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { CheckboxProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { AimOutlined, ContactsOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { can } from '../../access';
import { TARGET_STATUSES, targetsApi, type TargetListItem, type TargetStatus } from '../../api/targets';
import { useMe } from '../../auth/session';
import { formatTime } from '../../components/labels';
import { usePhone } from '../../components/responsive';
import { useI18n, type Translate } from '../../i18n';
import { EnterpriseListsAddModal, type AddTarget } from '../enterprises/EnterpriseListsAddModal';
import { ChainNodePickers } from './ChainNodePickers';
import { scoredPath, targetStatusName, TargetStatusTag } from './labels';
import { TargetActivities } from './TargetActivities';
import { TargetContacts } from './TargetContacts';
import { nextStatuses, TargetStatusModal } from './TargetStatusModal';

const PAGE_SIZE = 20;

const enterprisePath = (r: TargetListItem) => `/enterprises/${encodeURIComponent(r.creditCode ?? r.enterpriseId)}`;

function NodeCell({ r }: { r: TargetListItem }) {
  return (
    <Link to={scoredPath(r.chainCode, r.nodeCode)}>
      {r.chainName} · {r.nodeName ?? r.nodeCode}
    </Link>
  );
}

function ProjectCell({ r }: { r: TargetListItem }) {
  if (!r.project) return <>—</>;
  return (
    <Link to={`/projects/${encodeURIComponent(r.project.id)}`} data-testid="target-project">
      {r.project.name ?? r.project.code ?? r.project.id}
    </Link>
  );
}

function Overlaps({ t, n }: { t: Translate; n: number }) {
  if (n === 0) return null;
  return (
    <Tooltip title={t('targets.overlapsHint', { n })}>
      {/* dark orange: white text on it meets the 4.5:1 contrast (antd's orange does not) */}
      <Badge count={t('targets.overlaps', { n })} color="#ad4e00" data-testid="target-overlaps" />
    </Tooltip>
  );
}

function StatusCell({ t, r }: { t: Translate; r: TargetListItem }) {
  return (
    <Space size={4} wrap>
      <TargetStatusTag t={t} status={r.status} />
      {r.dropReason && <Typography.Text type="secondary">{r.dropReason}</Typography.Text>}
    </Space>
  );
}

function ContactsToggle({ t, r, open, onToggle }: { t: Translate; r: TargetListItem; open: boolean; onToggle: () => void }) {
  return (
    <Button type={open ? 'primary' : 'default'} ghost={open} size="small" icon={<ContactsOutlined />} aria-expanded={open} onClick={onToggle} data-testid="target-contacts-toggle">
      {t('targets.contactsN', { n: r.contacts })}
    </Button>
  );
}

/** 招商目标: the targets claimed by the user's region and those below it, with their status and the project they became. */
export default function TargetList() {
  const { t } = useI18n();
  const phone = usePhone();
  const me = useMe();
  const canSeeActivities = can(me, 'activities.read');
  const navigate = useNavigate();
  const manage = can(me, 'targeting.manage');
  const [search, setSearch] = useSearchParams();
  const chain = search.get('chain');
  const node = search.get('node');
  const status = (search.get('status') as TargetStatus | null) ?? null;
  const page = Number(search.get('page')) || 1;
  const [moving, setMoving] = useState<TargetListItem | null>(null);
  /** chosen targets (kept across pages), whose enterprises 加入企业名单 adds */
  const [chosen, setChosen] = useState<ReadonlyMap<string, TargetListItem>>(new Map());
  const [adding, setAdding] = useState<AddTarget | null>(null);
  /** the targets whose firm's contacts are shown */
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const canAddToList = can(me, 'enterprises.manage');
  const choose = (r: TargetListItem, on: boolean) =>
    setChosen((prev) => {
      const next = new Map(prev);
      if (on) next.set(r.id, r);
      else next.delete(r.id);
      return next;
    });
  const chosenFirms = [...new Set([...chosen.values()].map((r) => r.enterpriseId))];
  const setFilter = (next: { chain?: string | null; node?: string | null; status?: string | null; page?: number }) => {
    const merged = { chain, node, status, page: 1, ...next };
    const out: Record<string, string> = {};
    if (merged.chain) out.chain = merged.chain;
    if (merged.node) out.node = merged.node;
    if (merged.status) out.status = merged.status;
    if (merged.page > 1) out.page = String(merged.page);
    setSearch(out, { replace: true });
  };
  const q = useQuery({
    queryKey: ['targets', 'list', chain, node, status, page],
    queryFn: () => targetsApi.list({ chain: chain ?? undefined, node: node ?? undefined, status: status ?? undefined, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const items = q.data?.items ?? [];
  const total = q.data?.total ?? 0;
  const canMove = (r: TargetListItem) => manage && nextStatuses(r.status).length > 0;
  const moveButton = (r: TargetListItem) =>
    canMove(r) ? (
      <Button size="small" onClick={() => setMoving(r)} data-testid="target-move">
        {t('targets.move')}
      </Button>
    ) : null;

  const columns: ColumnsType<TargetListItem> = [
    {
      title: t('targets.enterprise'),
      key: 'enterprise',
      render: (_, r) => (
        <Space size={6} wrap>
          <Link to={enterprisePath(r)} data-testid="target-name">
            {r.enterpriseName}
          </Link>
          <Overlaps t={t} n={r.overlaps} />
        </Space>
      ),
    },
    { title: t('targets.node'), key: 'node', width: 180, render: (_, r) => <NodeCell r={r} /> },
    { title: t('targets.claimRegion'), dataIndex: 'regionName', width: 100 },
    { title: t('targets.statusCol'), key: 'status', width: 120, render: (_, r) => <StatusCell t={t} r={r} /> },
    { title: t('targets.score'), dataIndex: 'score', width: 70, align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
    { title: t('targets.project'), key: 'project', width: 160, render: (_, r) => <ProjectCell r={r} /> },
    { title: t('targets.contactsCol'), key: 'contacts', width: 110, render: (_, r) => <ContactsToggle t={t} r={r} open={open.has(r.id)} onToggle={() => toggle(r.id)} /> },
    { title: t('targets.updatedAt'), dataIndex: 'statusChangedAt', width: 150, render: (v: string) => formatTime(v) },
    ...(manage ? [{ title: t('common.actions'), key: 'actions', width: 84, render: (_: unknown, r: TargetListItem) => moveButton(r) }] : []),
  ];

  const empty = (
    <Empty description={t('targets.listEmpty')} data-testid="targets-empty">
      <Link to="/targets/scored">{t('targets.toScored')}</Link>
    </Empty>
  );
  const pagination = total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false, onChange: (p: number) => setFilter({ page: p }) } : false;

  return (
    <PageContainer
      title={t('targets.listTitle')}
      subTitle={phone ? undefined : t('targets.listSubtitle')}
      extra={[
        ...(canAddToList
          ? [
              <Button
                key="add-to-list"
                icon={<UnorderedListOutlined />}
                disabled={chosenFirms.length === 0}
                onClick={() => setAdding({ kind: 'ids', ids: chosenFirms })}
                data-testid="targets-add-to-list"
              >
                {chosenFirms.length > 0 ? t('targets.addToListN', { n: chosenFirms.length }) : t('targets.addToList')}
              </Button>,
            ]
          : []),
        <Button key="scored" icon={<AimOutlined />} onClick={() => navigate('/targets/scored')}>
          {t('menu.targetsScored')}
        </Button>,
      ]}
    >
      <Card styles={{ body: { padding: phone ? 12 : undefined } }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap size={[12, 8]} direction={phone ? 'vertical' : 'horizontal'} style={{ width: phone ? '100%' : undefined }}>
            <ChainNodePickers regionCode={me.regionCode} chain={chain} node={node} onChange={(c, n) => setFilter({ chain: c, node: n })} phone={phone} allowClear />
            <Select
              aria-label={t('targets.statusCol')}
              data-testid="targets-status-filter"
              style={{ width: phone ? '100%' : 160 }}
              placeholder={t('targets.statusCol')}
              allowClear
              value={status ?? undefined}
              onChange={(v: string | undefined) => setFilter({ status: v ?? null })}
              options={TARGET_STATUSES.map((s) => ({ value: s, label: targetStatusName(t, s) }))}
            />
          </Space>
          {phone ? (
            <List<TargetListItem>
              data-testid="target-list"
              loading={q.isLoading}
              dataSource={items}
              rowKey="id"
              split={false}
              locale={{ emptyText: q.isLoading ? ' ' : empty }}
              pagination={pagination || undefined}
              renderItem={(r) => (
                <List.Item style={{ padding: '0 0 12px' }}>
                  <Card size="small" style={{ width: '100%' }} data-testid="target-card">
                    <Space direction="vertical" size={6} style={{ width: '100%' }}>
                      <Space size={6} wrap>
                        {canAddToList && (
                          <Checkbox
                            checked={chosen.has(r.id)}
                            onChange={(e) => choose(r, e.target.checked)}
                            aria-label={t('targets.choose', { name: r.enterpriseName })}
                            data-testid="target-choose"
                          />
                        )}
                        <Link to={enterprisePath(r)} data-testid="target-name">
                          {r.enterpriseName}
                        </Link>
                        <Overlaps t={t} n={r.overlaps} />
                      </Space>
                      <NodeCell r={r} />
                      <Space size={8} wrap>
                        <StatusCell t={t} r={r} />
                        <Typography.Text type="secondary">
                          {r.regionName} · {r.score === null ? '—' : t('targets.scoreN', { n: r.score.toFixed(1) })}
                        </Typography.Text>
                      </Space>
                      {r.project && (
                        <span>
                          {t('targets.project')}：<ProjectCell r={r} />
                        </span>
                      )}
                      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
                        <Typography.Text type="secondary">{formatTime(r.statusChangedAt)}</Typography.Text>
                        <Space size={8}>
                          <ContactsToggle t={t} r={r} open={open.has(r.id)} onToggle={() => toggle(r.id)} />
                          {moveButton(r)}
                        </Space>
                      </Space>
                      {open.has(r.id) && <TargetContacts target={r} />}
                      {open.has(r.id) && canSeeActivities && <TargetActivities targetId={r.id} />}
                    </Space>
                  </Card>
                </List.Item>
              )}
            />
          ) : (
            <Table<TargetListItem>
              data-testid="target-list"
              rowKey="id"
              loading={q.isLoading}
              columns={columns}
              dataSource={items}
              pagination={pagination}
              locale={{ emptyText: q.isLoading ? ' ' : empty }}
              expandable={{ expandedRowKeys: [...open], showExpandColumn: false, expandedRowRender: (r) => (
                  <>
                    <TargetContacts target={r} />
                    {canSeeActivities && <TargetActivities targetId={r.id} />}
                  </>
                ),
              }}
              rowSelection={
                canAddToList
                  ? {
                      preserveSelectedRowKeys: true,
                      selectedRowKeys: [...chosen.keys()],
                      onSelect: (r, on) => choose(r, on),
                      onSelectAll: (on, _rows, changed) => changed.forEach((r) => choose(r, on)),
                      // the checkboxes need a name (axe); antd's CheckboxProps type leaves out the aria attributes it passes on
                      getTitleCheckboxProps: () => ({ 'aria-label': t('targets.chooseAll') }) as CheckboxProps,
                      getCheckboxProps: (r) => ({ 'aria-label': t('targets.choose', { name: r.enterpriseName }) }) as CheckboxProps,
                    }
                  : undefined
              }
            />
          )}
        </Space>
      </Card>
      <TargetStatusModal target={moving} onClose={() => setMoving(null)} />
      <EnterpriseListsAddModal target={adding} onClose={() => setAdding(null)} onDone={() => { setAdding(null); setChosen(new Map()); }} />
    </PageContainer>
  );
}
