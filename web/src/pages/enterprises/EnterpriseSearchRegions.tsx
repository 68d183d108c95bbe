import { Breadcrumb, Typography } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import { fetchRegionMap } from '../../api/maps';
import { regionsApi } from '../../api/regions';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n';
import { isInScope, regionChain } from './EnterpriseSearchCriteria';
import { FacetRow } from './EnterpriseSearchFacetRow';

/**
 * Names for region codes. The facet counts carry codes only, and /api/regions answers only inside the user's
 * subtree (a look-up outside it is refused and audited), so names come from: the user's own region path, the
 * children of in-scope regions, the boundary maps of web/public/maps (every province's prefectures and 新疆's
 * counties), and the result rows. A code nobody names is shown as the code.
 */
export function useRegionNames(me: Me, roots: readonly string[], extra: Record<string, string>): Record<string, string> {
  const own = useQuery({ queryKey: ['region', me.regionCode], queryFn: () => regionsApi.get(me.regionCode), staleTime: Infinity });
  const unique = [...new Set(roots)];
  const children = useQueries({
    queries: unique.map((root) => ({
      queryKey: ['region-child-names', root, isInScope(me, root)],
      staleTime: Infinity,
      queryFn: async (): Promise<Record<string, string>> => {
        if (isInScope(me, root)) {
          const items = await regionsApi.children(root);
          return Object.fromEntries(items.map((c) => [c.code, c.name]));
        }
        const map = await fetchRegionMap(root).catch(() => null);
        return Object.fromEntries((map?.features ?? []).map((f) => [f.properties.code, f.properties.name]));
      },
    })),
  });
  const out: Record<string, string> = { ...extra };
  for (const p of own.data?.path ?? []) out[p.code] = p.name;
  out[me.regionCode] = me.regionName;
  for (const c of children) Object.assign(out, c.data ?? {});
  return out;
}

interface RegionFacetProps {
  /** child code → enterprises (the server's facets.regions) */
  counts: Record<string, number>;
  total: number;
  /** the region filter, if any */
  selected?: string;
  /** the region whose children are counted */
  root: string;
  names: Record<string, string>;
  onSelect: (code: string | undefined) => void;
}

/** 注册地区: the sub-regions of the current level with their counts; a click drills down, the breadcrumb goes back up. */
export function RegionFacet({ counts, total, selected, root, names, onSelect }: RegionFacetProps) {
  const { t } = useI18n();
  const nameOf = (code: string) => names[code] ?? code;
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const counted = rows.reduce((sum, [, n]) => sum + n, 0);
  const rest = total - counted;
  const chain = selected ? regionChain(selected) : [];
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
      {!selected && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('entSearch.regionWithin', { region: nameOf(root) })}
        </Typography.Text>
      )}
      {rows.length > 0 && (
        <div style={{ maxHeight: 260, overflowY: 'auto', marginTop: 4 }}>
          {rows.map(([code, n]) => (
            <FacetRow key={code} label={nameOf(code)} count={n} onClick={() => onSelect(code)} title={code} testId="region-facet-item" />
          ))}
        </div>
      )}
      {rest > 0 && (
        <FacetRow
          label={selected ? t('entSearch.regionRestSelected') : t('entSearch.regionRestOther')}
          count={rest}
          muted
          title={selected ? t('entSearch.regionRestSelectedHint') : t('entSearch.regionRestOtherHint')}
        />
      )}
    </div>
  );
}
