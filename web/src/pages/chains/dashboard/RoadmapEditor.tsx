import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { chainRoadmapApi, type Roadmap } from '../../../api/chain-roadmap';
import type { ChainNode } from '../../../api/chains';
import { ApiError } from '../../../api/client';
import { usePhone } from '../../../components/responsive';
import { useI18n, type MessageKey } from '../../../i18n';
import { ColleagueSelect } from '../../projects/ColleagueSelect';
import { bodyOf, countChanges, draftOf, GOALS, isOverdue, today, type DraftItem } from './roadmapDraft';
import { RoadmapCards } from './RoadmapCards';

interface Props {
  roadmap: Roadmap;
  nodes: ChainNode[];
  region: string;
  onSaved: (saved: Roadmap) => void;
  onCancel: () => void;
  onReload: () => void;
}

interface Failure {
  conflict: boolean;
  message: string;
}

function depthOf(nodes: ChainNode[]): Map<string, number> {
  const parent = new Map(nodes.map((n) => [n.code, n.parentCode]));
  const depth = new Map<string, number>();
  for (const n of nodes) {
    let d = 0;
    for (let p = n.parentCode; p && d < 10; p = parent.get(p) ?? null) d += 1;
    depth.set(n.code, d);
  }
  return depth;
}

/**
 * 编辑路线图: per node of the current version a goal (延链/补链/强链; none = not on the roadmap), an owner, a due date and a
 * note. A table at the desk, cards with a drawer form on a phone. The whole roadmap is saved at once with the revision it
 * was loaded at; a 409 says someone else saved in between and offers to reload.
 */
export function RoadmapEditor({ roadmap, nodes, region, onSaved, onCancel, onReload }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const phone = usePhone();
  const saved = useMemo(() => draftOf(roadmap.items), [roadmap.items]);
  const [draft, setDraft] = useState(() => new Map(saved));
  const [failure, setFailure] = useState<Failure | null>(null);
  const on = today();
  const depth = useMemo(() => depthOf(nodes), [nodes]);
  const targets = new Map(roadmap.items.map((i) => [i.nodeCode, i.targets.total]));
  const dropped = roadmap.items.filter((i) => !i.inCurrentVersion).length;
  const changes = countChanges(saved, draft) + dropped;

  const save = useMutation({
    mutationFn: () => chainRoadmapApi.saveRoadmap(roadmap.chain.code, region, bodyOf(roadmap.revision, draft)),
    onSuccess: (r) => {
      void message.success(t('roadmap.saved'));
      onSaved(r);
    },
    onError: (e) => setFailure({ conflict: e instanceof ApiError && e.status === 409, message: e instanceof Error ? e.message : String(e) }),
  });

  const put = (code: string, item: DraftItem | null) => {
    setDraft((prev) => {
      const next = new Map(prev);
      if (item) next.set(code, item);
      else next.delete(code);
      return next;
    });
  };
  const patch = (code: string, change: Partial<DraftItem>) => {
    const cur = draft.get(code);
    if (cur) put(code, { ...cur, ...change });
  };
  const goalOptions = GOALS.map((g) => ({ value: g, label: t(`dashboard.goal.${g}` as MessageKey) }));

  const body = phone ? (
    <RoadmapCards nodes={nodes} draft={draft} targets={targets} on={on} onPut={put} />
  ) : (
    <Table<ChainNode>
      size="small"
      rowKey="code"
      dataSource={nodes}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="roadmap-table"
      rowClassName={(n) => (draft.has(n.code) ? 'roadmap-planned' : '')}
      columns={[
        {
          title: t('dashboard.nodes.node'),
          key: 'node',
          render: (_: unknown, n) => (
            <span style={{ paddingLeft: (depth.get(n.code) ?? 0) * 16 }}>
              <Typography.Text strong={draft.has(n.code)}>{n.name}</Typography.Text>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {n.code} · {t(`chains.segment.${n.segment}` as MessageKey)}
              </Typography.Text>
            </span>
          ),
        },
        {
          title: t('dashboard.nodes.goal'),
          key: 'goal',
          render: (_: unknown, n) => {
            const d = draft.get(n.code);
            return (
              <Select
                aria-label={`${n.name} ${t('dashboard.nodes.goal')}`}
                data-testid="roadmap-goal"
                style={{ width: 110 }}
                value={d?.goal ?? 'none'}
                options={[{ value: 'none', label: t('roadmap.notPlanned') }, ...goalOptions]}
                onChange={(v: string) => {
                  const goal = GOALS.find((g) => g === v);
                  put(n.code, goal ? { ...(d ?? { ownerId: null, ownerName: null, dueOn: null, note: '' }), goal } : null);
                }}
              />
            );
          },
        },
        {
          title: t('dashboard.nodes.owner'),
          key: 'owner',
          render: (_: unknown, n) => {
            const d = draft.get(n.code);
            if (!d) return null;
            return (
              <ColleagueSelect
                  width={180}
                  ariaLabel={`${n.name} ${t('dashboard.nodes.owner')}`}
                  placeholder={t('roadmap.ownerPlaceholder')}
                  known={d.ownerId && d.ownerName ? [{ value: d.ownerId, label: d.ownerName }] : []}
                  value={d.ownerId}
                  onChange={(id, label) => patch(n.code, { ownerId: id, ownerName: label ?? null })}
                />
            );
          },
        },
        {
          title: t('dashboard.nodes.due'),
          key: 'due',
          render: (_: unknown, n) => {
            const d = draft.get(n.code);
            if (!d) return null;
            return (
              <Space size={4}>
                <DatePicker
                  aria-label={`${n.name} ${t('dashboard.nodes.due')}`}
                  value={d.dueOn ? dayjs(d.dueOn) : null}
                  onChange={(v) => patch(n.code, { dueOn: v ? v.format('YYYY-MM-DD') : null })}
                  style={{ width: 140 }}
                />
                {isOverdue(d.dueOn, on) && (
                  <Tag color="error" data-testid="roadmap-overdue">
                    {t('dashboard.nodes.overdue')}
                  </Tag>
                )}
              </Space>
            );
          },
        },
        {
          title: t('roadmap.note'),
          key: 'note',
          render: (_: unknown, n) => {
            const d = draft.get(n.code);
            if (!d) return null;
            return <Input aria-label={`${n.name} ${t('roadmap.note')}`} value={d.note} maxLength={500} onChange={(e) => patch(n.code, { note: e.target.value })} style={{ width: 220 }} />;
          },
        },
        { title: t('dashboard.nodes.targets'), key: 'targets', align: 'right', render: (_: unknown, n) => targets.get(n.code) ?? 0 },
      ]}
    />
  );

  return (
    <Card size="small" title={t('roadmap.edit')} data-testid="roadmap-editor" styles={{ body: phone ? { padding: 8 } : undefined }}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {draft.size === 0 && saved.size === 0 && <Alert type="info" showIcon message={t(phone ? 'roadmap.emptyEditPhone' : 'roadmap.emptyEdit')} data-testid="roadmap-empty" />}
        {dropped > 0 && <Alert type="warning" showIcon message={t('roadmap.dropped', { count: dropped })} />}
        {body}
        {failure && (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid={failure.conflict ? 'roadmap-conflict' : 'roadmap-error'}
            message={failure.conflict ? t('roadmap.conflict') : failure.message}
            action={
              failure.conflict ? (
                <Button size="small" onClick={onReload} data-testid="roadmap-reload">
                  {t('roadmap.refresh')}
                </Button>
              ) : undefined
            }
          />
        )}
        <Space wrap>
          <Button type="primary" loading={save.isPending} disabled={changes === 0} onClick={() => { setFailure(null); save.mutate(); }} data-testid="roadmap-save">
            {t('roadmap.save')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
          {changes > 0 && <Typography.Text type="secondary">{t('roadmap.changes', { count: changes })}</Typography.Text>}
        </Space>
      </Space>
    </Card>
  );
}
