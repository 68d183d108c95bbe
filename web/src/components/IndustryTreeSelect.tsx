import type { CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { useI18n } from '../i18n';
import { useIndustryTree, type IndustryNode } from './useIndustryTree';

interface Props {
  /** Set by Form.Item so the label points at the input. */
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
  testId?: string;
  size?: 'small' | 'middle';
}

/** A keyword matches a node's code, a part of its name or a run of its pinyin initials (qczc → 汽车整车制造). */
function matchesIndustry(input: string, node: IndustryNode): boolean {
  const q = input.trim().toLowerCase();
  return q !== '' && node.search.includes(q);
}

/**
 * Picks a GB/T 4754-2017 industry at any level (门类, 大类, 中类 or 小类). The list is virtual, so
 * the 1,972 nodes stay fast; typing filters by code, name or pinyin initials and opens the matches.
 */
export function IndustryTreeSelect({ id, value, onChange, placeholder, style, 'aria-label': ariaLabel, testId, size }: Props) {
  const { t } = useI18n();
  const treeData = useIndustryTree();
  return (
    <TreeSelect
      id={id}
      size={size}
      data-testid={testId}
      aria-label={ariaLabel}
      style={{ width: '100%', ...style }}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      treeData={treeData}
      allowClear
      showSearch
      filterTreeNode={(input, node) => matchesIndustry(input, node as unknown as IndustryNode)}
      placeholder={placeholder ?? t('industry.pickerPlaceholder')}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)' } } }}
      listHeight={320}
      virtual
    />
  );
}
