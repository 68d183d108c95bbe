import { useState } from 'react';
import { Button, DatePicker, Drawer, Form, Input, List, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ChainNode } from '../../../api/chains';
import { useI18n, type MessageKey } from '../../../i18n';
import { ColleagueSelect } from '../../projects/ColleagueSelect';
import { GOAL_COLORS, GOALS, isOverdue, type Draft, type DraftItem, type Goal } from './roadmapDraft';

interface Props {
  nodes: ChainNode[];
  draft: Draft;
  targets: ReadonlyMap<string, number>;
  /** today, YYYY-MM-DD */
  on: string;
  onPut: (code: string, item: DraftItem | null) => void;
}

interface Values {
  node?: string;
  goal?: Goal;
  ownerId?: string | null;
  dueOn?: Dayjs | null;
  note?: string;
}

/** The phone's roadmap editor: a card per planned node, and a drawer form to add, change or remove one. */
export function RoadmapCards({ nodes, draft, targets, on, onPut }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  /** the node being edited; '' while adding one */
  const [editing, setEditing] = useState<string | null>(null);
  /** the name of the owner last picked in the drawer (the form keeps only the id) */
  const [ownerName, setOwnerName] = useState<string | null>(null);
  const name = new Map(nodes.map((n) => [n.code, n.name]));
  const planned = nodes.filter((n) => draft.has(n.code));
  const editingItem = editing ? draft.get(editing) : undefined;

  const open = (code: string) => {
    const d = code ? draft.get(code) : undefined;
    setOwnerName(d?.ownerName ?? null);
    form.setFieldsValue({ node: code || undefined, goal: d?.goal, ownerId: d?.ownerId ?? null, dueOn: d?.dueOn ? dayjs(d.dueOn) : null, note: d?.note ?? '' });
    setEditing(code);
  };
  const close = () => {
    setEditing(null);
    form.resetFields();
  };
  /** checked here rather than by `rules`: antd would put aria-required on the select and radio group, which axe refuses there */
  const finish = (v: Values) => {
    const code = editing || v.node;
    const missing = [...(code ? [] : [{ name: 'node' as const, errors: [t('roadmap.nodeRequired')] }]), ...(v.goal ? [] : [{ name: 'goal' as const, errors: [t('roadmap.goalRequired')] }])];
    if (missing.length > 0 || !code || !v.goal) {
      form.setFields(missing);
      return;
    }
    const ownerId = v.ownerId ?? null;
    onPut(code, { goal: v.goal, ownerId, ownerName: ownerId ? ownerName : null, dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null, note: v.note ?? '' });
    close();
  };

  return (
    <>
      <List<ChainNode>
        dataSource={planned}
        locale={{ emptyText: ' ' }}
        renderItem={(n) => {
          const d = draft.get(n.code);
          if (!d) return null;
          return (
            <List.Item key={n.code} data-testid="roadmap-card" extra={<Button size="small" onClick={() => open(n.code)} aria-label={`${t('common.edit')} ${n.name}`}>{t('common.edit')}</Button>}>
              <Space direction="vertical" size={2}>
                <Space size={8} wrap>
                  <Typography.Text strong>{n.name}</Typography.Text>
                  <Tag bordered={false} color={GOAL_COLORS[d.goal]}>
                    {t(`dashboard.goal.${d.goal}` as MessageKey)}
                  </Tag>
                  {isOverdue(d.dueOn, on) && (
                    <Tag color="error" data-testid="roadmap-overdue">
                      {t('dashboard.nodes.overdue')}
                    </Tag>
                  )}
                </Space>
                <Typography.Text type="secondary">
                  {t('roadmap.itemSummary', { owner: d.ownerName ?? (d.ownerId ? '…' : '—'), due: d.dueOn ?? '—', targets: targets.get(n.code) ?? 0 })}
                </Typography.Text>
                {d.note.trim() && <Typography.Text>{d.note}</Typography.Text>}
              </Space>
            </List.Item>
          );
        }}
      />
      <Button block onClick={() => open('')} data-testid="roadmap-add" disabled={planned.length === nodes.length}>
        {t('roadmap.add')}
      </Button>
      <Drawer
        open={editing !== null}
        onClose={close}
        width="100%"
        title={editing ? `${t('roadmap.drawerTitle')} · ${name.get(editing) ?? editing}` : t('roadmap.add')}
        destroyOnClose
        data-testid="roadmap-drawer"
        footer={
          <Space wrap>
            <Button type="primary" onClick={() => form.submit()} data-testid="roadmap-drawer-ok">
              {t('roadmap.done')}
            </Button>
            {editing && (
              <Button
                danger
                onClick={() => {
                  onPut(editing, null);
                  close();
                }}
              >
                {t('roadmap.remove')}
              </Button>
            )}
            <Button onClick={close}>{t('common.cancel')}</Button>
          </Space>
        }
      >
        <Form<Values> form={form} layout="vertical" onFinish={finish}>
          {!editing && (
            <Form.Item name="node" label={t('dashboard.nodes.node')}>
              <Select
                showSearch
                optionFilterProp="label"
                placeholder={t('roadmap.nodePlaceholder')}
                options={nodes.filter((n) => !draft.has(n.code)).map((n) => ({ value: n.code, label: `${n.name}（${n.code}）` }))}
              />
            </Form.Item>
          )}
          <Form.Item name="goal" label={t('dashboard.nodes.goal')}>
            <Radio.Group optionType="button" options={GOALS.map((g) => ({ value: g, label: t(`dashboard.goal.${g}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="ownerId" label={t('dashboard.nodes.owner')}>
            <ColleagueSelect
              placeholder={t('roadmap.ownerPlaceholder')}
              known={editingItem?.ownerId && editingItem.ownerName ? [{ value: editingItem.ownerId, label: editingItem.ownerName }] : []}
              // Form.Item calls this beside its own handler, which stores the id
              onChange={(_id, label) => setOwnerName(label ?? null)}
            />
          </Form.Item>
          <Form.Item name="dueOn" label={t('dashboard.nodes.due')}>
            <DatePicker style={{ width: '100%' }} inputReadOnly />
          </Form.Item>
          <Form.Item name="note" label={t('roadmap.note')}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        </Form>
      </Drawer>
    </>
  );
}
