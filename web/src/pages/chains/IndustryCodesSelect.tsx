import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useIndustryTree, type IndustryNode } from '../../components/useIndustryTree';
import { useI18n } from '../../i18n';

interface Props {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  status?: 'error';
  testId?: string;
  /** 门类 letters selectable too (a portal resource may be suitable for a whole section) */
  sections?: boolean;
}

/** 门类 letters are not used alone on a chain node (the chains format's rule): their subtrees stay, the letter is not selectable. */
function withoutSections(tree: IndustryNode[]): (IndustryNode & { selectable?: boolean })[] {
  return tree.map((n) => (/^[A-Z]$/.test(n.value) ? { ...n, selectable: false } : n));
}

/**
 * A chain node's GB/T 4754-2017 codes (大类, 中类 or 小类), several at once, from the same tree as the
 * industry picker; typing filters by code, name or pinyin initials.
 */
export function IndustryCodesSelect({ id, value, onChange, status, testId = 'edit-node-industries', sections = false }: Props) {
  const { t } = useI18n();
  const tree = useIndustryTree();
  const treeData = useMemo(() => (sections ? tree : withoutSections(tree)), [tree, sections]);
  return (
    <TreeSelect
      id={id}
      multiple
      status={status}
      data-testid={testId}
      style={{ width: '100%' }}
      value={value}
      onChange={(v: string[]) => onChange?.(v)}
      treeData={treeData}
      showSearch
      filterTreeNode={(input, node) => {
        const q = input.trim().toLowerCase();
        return q !== '' && (node as unknown as IndustryNode).search.includes(q);
      }}
      placeholder={t('chains.edit.industriesPlaceholder')}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)' } } }}
      listHeight={320}
      virtual
      maxTagCount={20}
    />
  );
}
