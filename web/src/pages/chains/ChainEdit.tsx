import { useEffect, useMemo, useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Drawer, Empty, Form, Input, Result, Row, Space, Tag, Typography } from 'antd';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { chainsApi, type ChainDetail, type Segment } from '../../api/chains';
import { ApiError, showError, showSuccess } from '../../api/client';
import { PageLoading } from '../../components/PageLoading';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { isDetailList, mapErrors, moveNode, newKey, recodeNode, removeNode, suggestCode, toChainNodes, toEditNodes, type EditNode, type NodeErrors } from './chainEdit';
import { ChainEditTree } from './ChainEditTree';
import { ChainNodeForm } from './ChainNodeForm';
import { useCanManageChains } from './ChainImport';

interface Problems {
  byNode: Record<string, NodeErrors>;
  chain: string[];
}

const NO_PROBLEMS: Problems = { byNode: {}, chain: [] };

/** 编辑产业链: the current version's nodes as a tree and one node's form; saving makes the next version (or says who saved one meanwhile). */
export default function ChainEdit() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const canManage = useCanManageChains();
  const chainQ = useQuery({ queryKey: ['chain', code, 'current'], queryFn: () => chainsApi.get(code), retry: false });
  const chain = chainQ.data;
  if (chainQ.isLoading) return <PageLoading />;
  if (!chain || !canManage || !chain.canChange) {
    const forbidden = !!chain || (chainQ.error instanceof ApiError && chainQ.error.status === 403);
    return (
      <Result
        status={forbidden ? '403' : '404'}
        title={forbidden ? t('chains.edit.notAllowed') : t('chains.notFound')}
        subTitle={!chain && chainQ.error instanceof Error ? chainQ.error.message : undefined}
        extra={<Button onClick={() => navigate(chain ? `/chains/${encodeURIComponent(chain.code)}` : '/chains')}>{t('chains.backToList')}</Button>}
      />
    );
  }
  // a newer version loaded (after a conflict) starts the editor afresh
  return <ChainEditor key={chain.version} chain={chain} onReload={() => void chainQ.refetch()} />;
}

function ChainEditor({ chain, onReload }: { chain: ChainDetail; onReload: () => void }) {
  const { t } = useI18n();
  const phone = usePhone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const initial = useMemo(() => toEditNodes(chain.nodes), [chain.nodes]);
  const [name, setName] = useState(chain.name);
  const [nodes, setNodes] = useState<EditNode[]>(initial);
  const [selected, setSelected] = useState<string | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [conflict, setConflict] = useState<string | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'save' | null>(null);
  const { modal } = App.useApp();
  const toChain = () => navigate(`/chains/${encodeURIComponent(chain.code)}`);

  const dirty = useMemo(() => name !== chain.name || JSON.stringify(toChainNodes(nodes)) !== JSON.stringify(chain.nodes), [name, nodes, chain]);
  // leaving with unsaved changes asks first (closing or reloading the tab: the browser's own question)
  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, [dirty]);
  const back = () => {
    if (!dirty) return toChain();
    modal.confirm({ title: t('chains.edit.leaveTitle'), content: t('chains.edit.leaveBody'), okText: t('chains.edit.leave'), cancelText: t('chains.edit.stay'), onOk: toChain });
  };
  const node = selected ? (nodes.find((n) => n.key === selected) ?? null) : null;
  const problemCount = problems.chain.length + Object.values(problems.byNode).reduce((sum, e) => sum + Object.keys(e).length, 0);

  const edited = (next: EditNode[], key: string | null, fields: (keyof NodeErrors)[]) => {
    setNodes(next);
    setChecked(null);
    if (key && problems.byNode[key]) {
      const rest = { ...problems.byNode[key] };
      for (const f of fields) delete rest[f];
      setProblems({ ...problems, byNode: { ...problems.byNode, [key]: rest } });
    }
  };
  const select = (key: string) => {
    setSelected(key);
    if (phone) setDrawerOpen(true);
  };
  const add = (segment: Segment, parentCode: string | null) => {
    const fresh: EditNode = {
      key: newKey(),
      code: suggestCode(nodes, chain.code, segment, parentCode),
      name: '',
      parentCode,
      segment,
      industryCodes: [],
      products: [],
      existing: false,
    };
    edited([...nodes, fresh], null, []);
    select(fresh.key);
  };

  const submit = async (dryRun: boolean) => {
    const sent = nodes;
    setBusy(dryRun ? 'check' : 'save');
    setChecked(null);
    try {
      const result = await chainsApi.edit(chain.code, { baseVersion: chain.version, name, nodes: toChainNodes(sent) }, dryRun);
      setProblems(NO_PROBLEMS);
      setConflict(null);
      const counts = { n: result.version, added: result.added, removed: result.removed, changed: result.changed };
      if (dryRun) {
        setChecked(result.status === 'unchanged' ? t('chains.edit.checkSame', { n: result.version }) : t('chains.edit.checkOk', counts));
        return;
      }
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['chain', chain.code] }),
        queryClient.invalidateQueries({ queryKey: ['chain-versions', chain.code] }),
        queryClient.invalidateQueries({ queryKey: ['chains'] }),
      ]);
      if (result.status === 'unchanged') {
        showSuccess(t('chains.edit.unchanged', { n: result.version }));
        toChain();
      } else {
        showSuccess(t('chains.edit.saved', counts));
        // the versions tab opens on the diff of the newest two: what this edit changed
        navigate(`/chains/${encodeURIComponent(chain.code)}?tab=versions`);
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setConflict(err.message);
      } else if (err instanceof ApiError && err.status === 400 && isDetailList(err.details)) {
        const mapped = mapErrors(sent, err.details);
        setProblems(mapped);
        const first = sent.find((n) => mapped.byNode[n.key]);
        if (first && !phone) setSelected(first.key);
      } else {
        showError(err);
      }
    } finally {
      setBusy(null);
    }
  };

  const form = node ? (
    <ChainNodeForm
      key={node.key}
      node={node}
      nodes={nodes}
      errors={problems.byNode[node.key]}
      onCode={(c) => edited(recodeNode(nodes, node.key, c), node.key, ['code'])}
      onChange={(patch) => edited(nodes.map((n) => (n.key === node.key ? { ...n, ...patch } : n)), node.key, Object.keys(patch) as (keyof NodeErrors)[])}
      onMove={(parentCode, segment) => edited(moveNode(nodes, node.key, parentCode, segment), node.key, ['parentCode', 'segment'])}
      onAddChild={() => add(node.segment, node.code)}
      onRemove={() => {
        edited(removeNode(nodes, node.key), null, []);
        setSelected(null);
        setDrawerOpen(false);
      }}
    />
  ) : null;

  const nodeProblems = nodes.flatMap((n) => Object.values(problems.byNode[n.key] ?? {}).map((message) => ({ key: n.key, message })));
  const tree = (
    <Card size="small" title={t('chains.edit.nodes', { n: nodes.length })} styles={{ body: { padding: 12 } }}>
      {nodes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chains.edit.empty')} data-testid="edit-empty">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => add('upstream', null)}>
            {t('chains.edit.addNode')}
          </Button>
        </Empty>
      ) : (
        <ChainEditTree nodes={nodes} selected={selected} errors={problems.byNode} onSelect={select} onAdd={(segment) => add(segment, null)} />
      )}
    </Card>
  );

  return (
    <PageContainer
      onBack={back}
      title={<span data-testid="edit-title">{t('chains.edit.title', { name: chain.name })}</span>}
      subTitle={chain.code}
      tags={[
        <Tag key="base" color="blue">
          {t('chains.edit.basedOn', { n: chain.version })}
        </Tag>,
        ...(dirty
          ? [
              <Tag key="dirty" color="orange" data-testid="edit-dirty">
                {t('chains.edit.unsaved')}
              </Tag>,
            ]
          : []),
      ]}
      extra={[
        <Button key="cancel" onClick={back}>
          {t('chains.edit.cancel')}
        </Button>,
        <Button key="check" loading={busy === 'check'} disabled={busy !== null} onClick={() => void submit(true)} data-testid="edit-check">
          {t('chains.edit.check')}
        </Button>,
        <Button key="save" type="primary" loading={busy === 'save'} disabled={busy !== null || !dirty} onClick={() => void submit(false)} data-testid="edit-save">
          {t('chains.edit.save')}
        </Button>,
      ]}
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('chains.edit.intro', { n: chain.version + 1 })}</Typography.Text>
        {conflict && (
          <Alert
            type="error"
            showIcon
            data-testid="edit-conflict"
            message={t('chains.edit.conflictTitle')}
            description={
              <Space direction="vertical" size={8}>
                <span>{conflict}</span>
                <Button size="small" onClick={onReload}>
                  {t('chains.edit.reload')}
                </Button>
              </Space>
            }
          />
        )}
        {problemCount > 0 && (
          <Alert
            type="error"
            showIcon
            data-testid="edit-problems"
            message={t('chains.edit.problems', { n: problemCount })}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {problems.chain.map((m) => (
                  <li key={m}>{m}</li>
                ))}
                {nodeProblems.map((p) => (
                  <li key={`${p.key}:${p.message}`}>
                    <Typography.Link onClick={() => select(p.key)}>{p.message}</Typography.Link>
                  </li>
                ))}
              </ul>
            }
          />
        )}
        {checked && <Alert type="success" showIcon data-testid="edit-checked" message={checked} />}
        <Card size="small">
          <Form layout="vertical" onSubmitCapture={(e) => e.preventDefault()}>
            <Form.Item label={t('chains.edit.chainName')} htmlFor="edit-chain-name" style={{ marginBottom: 0 }}>
              <Input
                id="edit-chain-name"
                value={name}
                maxLength={64}
                showCount
                onChange={(e) => {
                  setName(e.target.value);
                  setChecked(null);
                }}
              />
            </Form.Item>
          </Form>
        </Card>
        {phone ? (
          <>
            {tree}
            <Drawer
              open={drawerOpen && !!node}
              onClose={() => setDrawerOpen(false)}
              width="100%"
              title={node ? node.name || t('chains.edit.newNode') : ''}
              footer={
                <Button type="primary" block onClick={() => setDrawerOpen(false)}>
                  {t('chains.edit.done')}
                </Button>
              }
            >
              {form}
            </Drawer>
          </>
        ) : (
          <Row gutter={16} align="top">
            <Col span={10}>{tree}</Col>
            <Col span={14}>
              <Card
                size="small"
                title={node ? node.name || t('chains.edit.newNode') : t('chains.diff.node')}
                data-testid="edit-node-card"
                // stays in view under the fixed header while the tree scrolls; a tall form scrolls inside
                style={{ position: 'sticky', top: 72 }}
                styles={{ body: { maxHeight: 'calc(100vh - 136px)', overflowY: 'auto' } }}
              >
                {form ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chains.edit.pick')} />}
              </Card>
            </Col>
          </Row>
        )}
      </Space>
    </PageContainer>
  );
}
