import { useEffect, useMemo, useRef, useState, type Key } from 'react';
import { Button, Card, Col, Input, Row, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined, QuestionCircleOutlined, SearchOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { enterpriseSearchApi, MAX_ADD_FROM_SEARCH, type EnterpriseCriteria, type EnterpriseSearchItem, type EnterpriseSort } from '../../api/enterprises-search';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { formatYuan } from '../../components/money';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { useIndustryTitles } from '../../components/useIndustryTree';
import { EnterpriseListsAddModal, type AddTarget } from './EnterpriseListsAddModal';
import { bandOf, hasFilters, isBlank, readPageState, withoutFilters, writePageState, type PageState } from './EnterpriseSearchCriteria';
import { EnterpriseSearchFacets } from './EnterpriseSearchFacets';
import { useRegionNames } from './EnterpriseSearchRegions';
import { EnterpriseSearchResults, NoResults } from './EnterpriseSearchResults';
import { SavedSearches } from './SavedSearches';

/** Examples on the empty page: each shows one thing the box understands. */
const EXAMPLES: { q: string; kind: 'entSearch.exampleWord' | 'entSearch.examplePinyin' | 'entSearch.exampleCode' | 'entSearch.exampleFragment' }[] = [
  { q: '光伏', kind: 'entSearch.exampleWord' },
  { q: 'xjqy', kind: 'entSearch.examplePinyin' },
  { q: '9165', kind: 'entSearch.exampleCode' },
  { q: '其亚', kind: 'entSearch.exampleFragment' },
];

const DEBOUNCE_MS = 300;

function BlankState({ total, about, onExample, onBrowse }: { total: number | undefined; about: boolean; onExample: (q: string) => void; onBrowse: () => void }) {
  const { t } = useI18n();
  return (
    <div style={{ padding: '40px 24px', textAlign: 'center' }} data-testid="search-intro">
      <SearchOutlined style={{ fontSize: 40, color: 'rgba(0,0,0,0.2)' }} />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('entSearch.introTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('entSearch.introText')}</Typography.Paragraph>
      <Space wrap size={[12, 12]} style={{ justifyContent: 'center' }}>
        {EXAMPLES.map((e) => (
          <Button key={e.q} onClick={() => onExample(e.q)} data-testid="search-example">
            <Typography.Text strong>{e.q}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(e.kind)}
            </Typography.Text>
          </Button>
        ))}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 20, marginBottom: 0 }}>
        {t('entSearch.introFilters')}{' '}
        {total !== undefined && <Typography.Link onClick={onBrowse}>{t(about ? 'entSearch.browseAllAbout' : 'entSearch.browseAll', { n: total.toLocaleString('en-US') })}</Typography.Link>}
      </Typography.Paragraph>
    </div>
  );
}

export default function EnterpriseSearch() {
  const me = useMe();
  const { t } = useI18n();
  const phone = usePhone();
  const canManage = can(me, 'enterprises.manage');
  const [params, setParams] = useSearchParams();
  const paramText = params.toString();
  const state = useMemo(() => readPageState(new URLSearchParams(paramText)), [paramText]);
  const { criteria, page, pageSize } = state;
  const blank = isBlank(criteria);

  /** Changes the URL (the page's only state): a new criterion goes back to page 1. */
  const navigateTo = (next: PageState, replace = false) => setParams(writePageState(next), { replace });
  const update = (patch: Partial<EnterpriseCriteria>, replace = false) =>
    setParams((prev) => writePageState({ ...readPageState(prev), criteria: { ...readPageState(prev).criteria, ...patch }, page: 1 }), { replace });

  // the box: typing updates the URL after a pause; Enter at once
  const urlQ = criteria.q ?? '';
  const [text, setText] = useState(urlQ);
  const lastQ = useRef(urlQ);
  useEffect(() => {
    if (urlQ !== lastQ.current) {
      lastQ.current = urlQ;
      setText(urlQ);
    }
  }, [urlQ]);
  const commitText = (value: string, replace: boolean) => {
    const q = value.trim();
    if (q === lastQ.current) return;
    lastQ.current = q;
    update({ q: q || undefined }, replace);
  };
  useEffect(() => {
    const handle = setTimeout(() => commitText(text, true), DEBOUNCE_MS);
    return () => clearTimeout(handle);
    // commitText reads the latest URL through setParams' callback, so only the text matters here
  }, [text]);

  // the exact count past 10,000, asked for these criteria (a new search goes back to the fast, capped count)
  const criteriaKey = JSON.stringify(criteria);
  const [exactFor, setExactFor] = useState<string | null>(null);
  const exact = exactFor === criteriaKey;
  const search = useQuery({
    queryKey: ['enterprise-search', criteria, page, pageSize, exact],
    queryFn: () => enterpriseSearchApi.search(criteria, page, pageSize, exact),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const result = search.data;
  // the lists the "加入名单" dialog offers, fetched ahead so it opens at once
  useQuery({ queryKey: ['enterprise-lists'], queryFn: enterpriseSearchApi.lists, enabled: canManage, staleTime: 30_000 });
  const { data: tagDefs = [] } = useQuery({ queryKey: ['enterprise-tags'], queryFn: enterpriseSearchApi.tags, staleTime: 300_000 });

  // the server says which region the facet counts under (the filter, else the user's province) and names it all
  const facetRoot = result ? result.facets.regionRoot : (criteria.region ?? null);
  const regionNames = useRegionNames(result);
  const industries = useIndustryTitles();

  // selected rows, kept across pages and searches until added to a list
  const [selected, setSelected] = useState<Map<string, EnterpriseSearchItem>>(new Map());
  const [addTarget, setAddTarget] = useState<AddTarget | null>(null);
  const onSelect = (keys: Key[], rows: EnterpriseSearchItem[]) => {
    setSelected((prev) => {
      const next = new Map<string, EnterpriseSearchItem>();
      for (const k of keys) {
        const id = String(k);
        const row = rows.find((r) => r?.id === id) ?? prev.get(id);
        if (row) next.set(id, row);
      }
      return next;
    });
  };

  const chips = activeChips(criteria, t, regionNames, industries);
  const total = result?.total ?? 0;
  const showTable = !blank;

  return (
    <PageContainer title={t('entSearch.title')} subTitle={t('entSearch.subtitle')}>
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: '20px 24px 14px' } }} data-testid="enterprise-search-box">
        <Input.Search
          size="large"
          allowClear
          autoFocus
          value={text}
          maxLength={100}
          placeholder={t('entSearch.placeholder')}
          aria-label={t('entSearch.placeholder')}
          enterButton={
            <>
              <SearchOutlined /> {t('entSearch.search')}
            </>
          }
          loading={search.isFetching}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => commitText(v, false)}
        />
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
          {t('entSearch.boxHint')}
        </Typography.Text>
      </Card>
      <Row gutter={[16, 16]} wrap={phone}>
        {/* on a phone the results come first and the facets follow them */}
        <Col flex={phone ? '100%' : '260px'} style={{ minWidth: 0 }} order={phone ? 2 : undefined}>
          <EnterpriseSearchFacets
            criteria={criteria}
            result={result}
            tagNames={tagDefs.map((d) => d.name)}
            facetRoot={facetRoot}
            regionNames={regionNames}
            onChange={(patch) => update(patch)}
            onClear={() => update({ ...emptyFilters })}
          />
        </Col>
        <Col flex={phone ? '100%' : 'auto'} style={{ minWidth: 0 }} order={phone ? 1 : undefined}>
          <Card styles={{ body: { paddingTop: 12 } }}>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}>
              <Space wrap size={[8, 8]}>
                {showTable && (
                  <Typography.Text strong data-testid="result-total">
                    {result?.totalCapped
                      ? t(result.facetsEstimated ? 'entSearch.totalCapped' : 'entSearch.totalCappedKnown', {
                          n: total.toLocaleString('en-US'),
                          estimate: (result.totalEstimate ?? total).toLocaleString('en-US'),
                        })
                      : t('entSearch.total', { n: total.toLocaleString('en-US') })}
                  </Typography.Text>
                )}
                {showTable && result?.totalCapped && (
                  <Tooltip title={t(result.facetsEstimated ? 'entSearch.cappedHelpSampled' : 'entSearch.cappedHelp', { n: total.toLocaleString('en-US') })}>
                    <QuestionCircleOutlined aria-label={t('entSearch.cappedHelpLabel')} tabIndex={0} style={{ color: 'rgba(0,0,0,0.45)' }} data-testid="capped-help" />
                  </Tooltip>
                )}
                {showTable && result?.totalCapped && (
                  <Typography.Link onClick={() => setExactFor(criteriaKey)} disabled={search.isFetching} data-testid="exact-count">
                    {t('entSearch.exactCount')}
                  </Typography.Link>
                )}
                {chips.map((c) => (
                  <Tag key={c.key} closable onClose={(e) => { e.preventDefault(); update(c.remove); }} data-testid="filter-chip">
                    {c.label}
                  </Tag>
                ))}
              </Space>
              <Space wrap>
                <Segmented<EnterpriseSort>
                  value={criteria.sort ?? 'relevance'}
                  data-testid="sort-switch"
                  onChange={(v) => update({ sort: v })}
                  options={[
                    { value: 'relevance', label: t('entSearch.sortRelevance') },
                    { value: 'capital', label: t('entSearch.sortCapital') },
                  ]}
                />
                <SavedSearches current={criteria} canManage={canManage} canSave={!blank} onApply={(c) => navigateTo({ criteria: c, page: 1, pageSize })} />
              </Space>
            </div>
            {canManage && showTable && (
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 12 }}>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  disabled={selected.size === 0}
                  data-testid="add-selected"
                  onClick={() => setAddTarget({ kind: 'ids', ids: [...selected.keys()] })}
                >
                  {selected.size ? t('entSearch.addSelectedN', { n: selected.size }) : t('entSearch.addSelected')}
                </Button>
                <Button
                  icon={<UnorderedListOutlined />}
                  disabled={total === 0}
                  data-testid="add-all"
                  onClick={() => setAddTarget({ kind: 'search', criteria, total })}
                >
                  {total > MAX_ADD_FROM_SEARCH ? t('entSearch.addAllCapped', { n: MAX_ADD_FROM_SEARCH }) : t('entSearch.addAll')}
                </Button>
                {selected.size > 0 && <Typography.Link onClick={() => setSelected(new Map())}>{t('entSearch.clearSelection')}</Typography.Link>}
                <Link to="/enterprises/lists" style={{ marginInlineStart: 'auto' }}>
                  {t('entSearch.myLists')}
                </Link>
              </div>
            )}
            {showTable ? (
              <EnterpriseSearchResults
                items={result?.items ?? []}
                total={total}
                capped={result?.totalCapped ?? false}
                page={page}
                pageSize={pageSize}
                loading={search.isFetching}
                selectable={canManage}
                selectedKeys={[...selected.keys()]}
                onSelect={onSelect}
                words={Boolean(criteria.q)}
                onPage={(p, size) => navigateTo({ criteria, page: size !== pageSize ? 1 : p, pageSize: size })}
                empty={
                  search.isPending ? (
                    <div style={{ height: 120 }} />
                  ) : (
                    <NoResults hasFilters={hasFilters(criteria)} hasWords={Boolean(criteria.q)} onClearFilters={() => navigateTo({ criteria: withoutFilters(criteria), page: 1, pageSize })} />
                  )
                }
              />
            ) : (
              <BlankState
                total={result ? (result.totalEstimate ?? result.total) : undefined}
                about={result?.facetsEstimated ?? false}
                onExample={(q) => {
                  setText(q);
                  lastQ.current = q;
                  update({ q });
                }}
                onBrowse={() => update({ sort: 'capital' })}
              />
            )}
          </Card>
        </Col>
      </Row>
      <EnterpriseListsAddModal target={addTarget} onClose={() => setAddTarget(null)} onDone={() => {
        setAddTarget(null);
        setSelected(new Map());
      }} />
    </PageContainer>
  );
}

const emptyFilters: Partial<EnterpriseCriteria> = {
  tags: undefined,
  region: undefined,
  industry: undefined,
  capitalMin: undefined,
  capitalMax: undefined,
  foundedFrom: undefined,
  foundedTo: undefined,
  status: undefined,
  inContact: undefined,
};

interface Chip {
  key: string;
  label: string;
  remove: Partial<EnterpriseCriteria>;
}

/** One closable tag per active filter. */
function activeChips(c: EnterpriseCriteria, t: ReturnType<typeof useI18n>['t'], regionNames: Record<string, string>, industries: Map<string, string>): Chip[] {
  const chips: Chip[] = [];
  for (const tag of c.tags ?? []) chips.push({ key: `tag:${tag}`, label: tag, remove: { tags: (c.tags ?? []).filter((x) => x !== tag) } });
  if (c.region) chips.push({ key: 'region', label: `${t('entSearch.region')}：${regionNames[c.region] ?? c.region}`, remove: { region: undefined } });
  if (c.industry) {
    chips.push({ key: 'industry', label: industries.get(c.industry) ?? c.industry, remove: { industry: undefined } });
  }
  if (c.capitalMin !== undefined || c.capitalMax !== undefined) {
    const band = bandOf(c);
    const label = band
      ? t(`entSearch.band.${band.key}`)
      : [c.capitalMin !== undefined ? `≥ ${formatYuan(c.capitalMin, '')}` : '', c.capitalMax !== undefined ? `≤ ${formatYuan(c.capitalMax, '')}` : ''].filter(Boolean).join('，');
    chips.push({ key: 'capital', label: `${t('entSearch.capital')}：${label}`, remove: { capitalMin: undefined, capitalMax: undefined } });
  }
  if (c.foundedFrom !== undefined || c.foundedTo !== undefined) {
    chips.push({
      key: 'founded',
      label: `${t('entSearch.founded')}：${
        c.foundedFrom !== undefined && c.foundedTo !== undefined
          ? `${c.foundedFrom}–${c.foundedTo}`
          : c.foundedFrom !== undefined
            ? t('entSearch.foundedSince', { year: c.foundedFrom })
            : t('entSearch.foundedUntil', { year: c.foundedTo ?? '' })
      }`,
      remove: { foundedFrom: undefined, foundedTo: undefined },
    });
  }
  for (const s of c.status ?? []) {
    chips.push({ key: `status:${s}`, label: t(`entSearch.status.${s}`), remove: { status: (c.status ?? []).filter((x) => x !== s) } });
  }
  if (c.inContact) chips.push({ key: 'inContact', label: t('entSearch.inContact'), remove: { inContact: undefined } });
  return chips;
}
