import { useMemo } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Popconfirm, Segmented, Select, Space } from 'antd';
import { SEGMENTS, type Segment } from '../../api/chains';
import { useI18n } from '../../i18n';
import { descendantKeys, type EditNode, type NodeErrors } from './chainEdit';
import { segmentName } from './coverage';
import { IndustryCodesSelect } from './IndustryCodesSelect';

interface Props {
  node: EditNode;
  nodes: readonly EditNode[];
  errors: NodeErrors | undefined;
  onCode: (code: string) => void;
  onChange: (patch: Partial<Pick<EditNode, 'name' | 'industryCodes' | 'products'>>) => void;
  onMove: (parentCode: string | null, segment: Segment) => void;
  onAddChild: () => void;
  onRemove: () => void;
}

const SEPARATORS = [';', '；', '、', ',', '，'];

/** One node of the chain editor: code (new nodes only), name, segment and parent (moves its subtree), industry codes and products. */
export function ChainNodeForm({ node, nodes, errors, onCode, onChange, onMove, onAddChild, onRemove }: Props) {
  const { t } = useI18n();
  const below = useMemo(() => descendantKeys(nodes, node.key), [nodes, node.key]);
  const parentOptions = useMemo(
    () =>
      SEGMENTS.map((segment) => ({
        label: segmentName(t, segment),
        title: segmentName(t, segment),
        options: nodes
          .filter((n) => n.segment === segment && n.key !== node.key && !below.has(n.key) && n.code !== '')
          .map((n) => ({ value: n.code, label: `${n.name || t('chains.edit.newNode')}（${n.code}）` })),
      })).filter((g) => g.options.length > 0),
    [nodes, node.key, below, t],
  );
  const status = (field: keyof NodeErrors) => (errors?.[field] ? ('error' as const) : undefined);
  const item = (field: keyof NodeErrors, label: string, extra?: string) => ({
    label,
    htmlFor: `edit-node-${field}`,
    validateStatus: status(field),
    help: errors?.[field],
    extra,
  });

  return (
    <Form layout="vertical" data-testid="edit-node-form" onSubmitCapture={(e) => e.preventDefault()}>
      <Form.Item {...item('name', t('chains.edit.nodeName'))}>
        <Input id="edit-node-name" value={node.name} maxLength={64} showCount onChange={(e) => onChange({ name: e.target.value })} status={status('name')} />
      </Form.Item>
      <Form.Item {...item('code', t('chains.node.code'), node.existing ? t('chains.edit.codeFixed') : t('chains.edit.codeHint'))}>
        <Input
          id="edit-node-code"
          value={node.code}
          disabled={node.existing}
          maxLength={32}
          onChange={(e) => onCode(e.target.value.toUpperCase().replace(/\s/g, ''))}
          status={status('code')}
        />
      </Form.Item>
      <Form.Item {...item('segment', t('chains.node.segment'), t('chains.edit.segmentHint'))}>
        <Segmented
          id="edit-node-segment"
          block
          value={node.segment}
          options={SEGMENTS.map((s) => ({ value: s, label: segmentName(t, s) }))}
          onChange={(v) => {
            if (v !== node.segment) onMove(null, v as Segment);
          }}
        />
      </Form.Item>
      <Form.Item {...item('parentCode', t('chains.node.parent'), t('chains.edit.parentHint'))}>
        <Select
          id="edit-node-parentCode"
          data-testid="edit-node-parent"
          allowClear
          showSearch
          optionFilterProp="label"
          value={node.parentCode ?? undefined}
          placeholder={t('chains.edit.parentNone')}
          options={parentOptions}
          onChange={(v: string | undefined) => onMove(v ?? null, node.segment)}
          status={status('parentCode')}
        />
      </Form.Item>
      <Form.Item {...item('industryCodes', t('chains.node.industries'))}>
        <IndustryCodesSelect id="edit-node-industryCodes" value={node.industryCodes} onChange={(industryCodes) => onChange({ industryCodes })} status={status('industryCodes')} />
      </Form.Item>
      <Form.Item {...item('products', t('chains.node.products'))}>
        <Select
          id="edit-node-products"
          data-testid="edit-node-products"
          mode="tags"
          open={false}
          suffixIcon={null}
          tokenSeparators={SEPARATORS}
          value={node.products}
          placeholder={t('chains.edit.productsPlaceholder')}
          onChange={(v: string[]) => onChange({ products: [...new Set(v.map((p) => p.trim()).filter((p) => p !== ''))] })}
          status={status('products')}
        />
      </Form.Item>
      <Space wrap>
        <Button icon={<PlusOutlined />} onClick={onAddChild} disabled={node.code === ''} data-testid="edit-add-child">
          {t('chains.edit.addChild')}
        </Button>
        <Popconfirm
          title={below.size > 0 ? t('chains.edit.removeConfirmChildren', { name: node.name || node.code, n: below.size }) : t('chains.edit.removeConfirm', { name: node.name || node.code })}
          onConfirm={onRemove}
        >
          <Button danger icon={<DeleteOutlined />} data-testid="edit-remove">
            {t('chains.edit.remove')}
          </Button>
        </Popconfirm>
      </Space>
    </Form>
  );
}
