import { useEffect, useMemo, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { useMe } from '../auth/session';
import { useI18n } from '../i18n';
import { levelName } from './labels';
import { useRegionTree } from './useRegionTree';

interface Props {
  /** Set by Form.Item so the label points at the input. */
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  /** The accessible name when no Form.Item label points at the input (defaults to the placeholder). */
  'aria-label'?: string;
}

/** Picks a region code inside the user's scope; children load when a branch opens. */
export function RegionTreeSelect({ id, value, onChange, placeholder, allowClear = true, style, 'aria-label': ariaLabel }: Props) {
  const me = useMe();
  const { t } = useI18n();
  const { nodes, loadChildren, ensure, rootCode } = useRegionTree(me);

  useEffect(() => {
    void loadChildren(rootCode).catch(() => undefined);
  }, [loadChildren, rootCode]);

  useEffect(() => {
    if (value) void ensure(value).catch(() => undefined);
  }, [value, ensure]);

  const treeData = useMemo(() => {
    const codes = new Set(nodes.map((n) => n.code));
    return nodes.map((n) => ({
      id: n.code,
      // a node whose parent is outside the loaded tree hangs under the root until its branch loads
      pId: n.parentCode && codes.has(n.parentCode) ? n.parentCode : n.code === rootCode ? undefined : rootCode,
      value: n.code,
      title: `${n.name}（${levelName(t, n.level)}）`,
      isLeaf: n.isLeaf,
    }));
  }, [nodes, rootCode, t]);

  return (
    <TreeSelect
      id={id}
      aria-label={ariaLabel ?? (id ? undefined : (placeholder ?? t('region.select')))}
      style={{ width: '100%', ...style }}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      treeDataSimpleMode
      treeData={treeData}
      loadData={(node) => loadChildren(String(node.value))}
      placeholder={placeholder ?? t('region.select')}
      allowClear={allowClear}
      treeDefaultExpandedKeys={[rootCode]}
      showSearch
      treeNodeFilterProp="title"
      popupMatchSelectWidth={false}
    />
  );
}
