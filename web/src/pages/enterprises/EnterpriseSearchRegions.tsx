import { useRef } from 'react';
import { Breadcrumb, Typography } from 'antd';
import type { EnterpriseSearchResult } from '../../api/enterprises-search';
import { useI18n } from '../../i18n';
import { regionChain } from './EnterpriseSearchCriteria';
import { FacetRow } from './EnterpriseSearchFacetRow';

/**
 * Names for region codes: the server names every counted region, the facet's root and its ancestors
 * (facets.regionNames) and each result row's region. Names seen stay known, so a breadcrumb keeps its
 * names while the next result loads. A code nobody named yet is shown as the code.
 */
export function useRegionNames(result: EnterpriseSearchResult | undefined): Record<string, string> {
  const known = useRef<Record<string, string>>({});
  if (result) {
    Object.assign(known.current, result.facets.regionNames);
    for (const i of result.items) if (i.regionCode && i.regionName) known.current[i.regionCode] = i.regionName;
  }
  return known.current;
}

interface RegionFacetProps {
  /** child code → enterprises (the server's facets.regions) */
  counts: Record<string, number>;
  total: number;
  /** the counts are estimates (facetsEstimated) */
  estimated?: boolean;
  /** the region filter, if any */
  selected?: string;
  /** the region whose children are counted (facets.regionRoot); null: the whole country */
  root: string | null;
  names: Record<string, string>;
  onSelect: (code: string | undefined) => void;
}

/** 注册地区: the sub-regions of the current level with their counts; a click drills down, the breadcrumb goes back up. */
export function RegionFacet({ counts, total, estimated, selected, root, names, onSelect }: RegionFacetProps) {
  const { t } = useI18n();
  const nameOf = (code: string) => names[code] ?? code;
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const counted = rows.reduce((sum, [, n]) => sum + n, 0);
  const rest = total - counted;
  // levels the code suggests but the database lacks (a county directly under its province) are left out once names are known
  const chain = selected ? regionChain(selected).filter((c) => c === selected || names[c] !== undefined) : [];
  const crumbs = [
    {
      key: 'all',
      title: selected ? (
        <Typography.Link onClick={() => onSelect(undefined)} data-testid="region-crumb-all">
          {t('entSearch.regionAll')}
        </Typography.Link>
      ) : (
        t('entSearch.regionAll')
      ),
    },
    ...chain.map((code, i) => ({
      key: code,
      title:
        i < chain.length - 1 ? (
          <Typography.Link onClick={() => onSelect(code)}>{nameOf(code)}</Typography.Link>
        ) : (
          <Typography.Text strong>{nameOf(code)}</Typography.Text>
        ),
    })),
  ];
  return (
    <div data-testid="region-facet">
      <Breadcrumb items={crumbs} style={{ marginBottom: 6, fontSize: 12 }} />
      {!selected && root && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('entSearch.regionWithin', { region: nameOf(root) })}
        </Typography.Text>
      )}
      {rows.length > 0 && (
        <div style={{ maxHeight: 260, overflowY: 'auto', marginTop: 4 }}>
          {rows.map(([code, n]) => (
            <FacetRow key={code} label={nameOf(code)} count={n} estimated={estimated} onClick={() => onSelect(code)} title={code} testId="region-facet-item" />
          ))}
        </div>
      )}
      {rest > 0 && (
        <FacetRow
          label={selected ? t('entSearch.regionRestSelected') : t('entSearch.regionRestOther')}
          count={rest}
          estimated={estimated}
          muted
          title={selected ? t('entSearch.regionRestSelectedHint') : t('entSearch.regionRestOtherHint')}
        />
      )}
    </div>
  );
}
