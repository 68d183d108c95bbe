import { useEffect, useState, type ReactNode } from 'react';
import { Button, Card, Checkbox, Divider, Input, InputNumber, Radio, Space, Switch, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { ENTERPRISE_STATUSES, type EnterpriseCriteria, type EnterpriseSearchResult } from '../../api/enterprises-search';
import { formatYuan, wanToYuan, yuanToWan } from '../../components/money';
import { useI18n, type MessageKey } from '../../i18n';
import { IndustryTreeSelect } from '../../components/IndustryTreeSelect';
import { bandOf, CAPITAL_BANDS, hasFilters } from './EnterpriseSearchCriteria';
import { FacetRow } from './EnterpriseSearchFacetRow';
import { RegionFacet } from './EnterpriseSearchRegions';
import { unitWan } from '../../i18n/units';

interface Props {
  criteria: EnterpriseCriteria;
  result: EnterpriseSearchResult | undefined;
  /** tag names known before the first result (GET /api/enterprise-tags) */
  tagNames: string[];
  facetRoot: string | null;
  regionNames: Record<string, string>;
  onChange: (patch: Partial<EnterpriseCriteria>) => void;
  onClear: () => void;
}

function Section({ title, hint, children, testId }: { title: string; hint?: string; children: ReactNode; testId?: string }) {
  return (
    <section data-testid={testId} style={{ marginBottom: 4 }}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
        {title}
        {hint && (
          <Tooltip title={hint}>
            <QuestionCircleOutlined style={{ marginLeft: 6, color: 'rgba(0,0,0,0.35)', fontSize: 12 }} />
          </Tooltip>
        )}
      </Typography.Text>
      {children}
    </section>
  );
}

/** Two 万元 inputs for a capital range outside the preset bands. */
function CapitalCustom({ criteria, onChange }: { criteria: EnterpriseCriteria; onChange: Props['onChange'] }) {
  const { t } = useI18n();
  const [min, setMin] = useState<string>('');
  const [max, setMax] = useState<string>('');
  useEffect(() => {
    setMin(yuanToWan(criteria.capitalMin) ?? '');
    setMax(yuanToWan(criteria.capitalMax) ?? '');
  }, [criteria.capitalMin, criteria.capitalMax]);
  const minYuan = wanToYuan(min);
  const maxYuan = wanToYuan(max);
  const invalid = (min.trim() !== '' && minYuan === null) || (max.trim() !== '' && maxYuan === null) || (minYuan !== null && maxYuan !== null && minYuan > maxYuan);
  const apply = () => {
    if (invalid) return;
    onChange({ capitalMin: minYuan ?? undefined, capitalMax: maxYuan ?? undefined });
  };
  return (
    <div style={{ marginTop: 6 }}>
      <Space.Compact style={{ width: '100%' }}>
        <Input size="small" placeholder="≥" value={min} suffix={unitWan()} onChange={(e) => setMin(e.target.value)} onPressEnter={apply} aria-label={t('entSearch.capitalMinLabel')} status={invalid ? 'error' : undefined} />
        <Input size="small" placeholder="≤" value={max} suffix={unitWan()} onChange={(e) => setMax(e.target.value)} onPressEnter={apply} aria-label={t('entSearch.capitalMaxLabel')} status={invalid ? 'error' : undefined} />
        <Button size="small" onClick={apply} disabled={invalid}>
          {t('entSearch.apply')}
        </Button>
      </Space.Compact>
      {invalid && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {t('entSearch.capitalInvalid')}
        </Typography.Text>
      )}
    </div>
  );
}

/** Founding years: from–to, applied on Enter or when the field loses focus; quick ranges below. */
function FoundedYears({ criteria, onChange }: { criteria: EnterpriseCriteria; onChange: Props['onChange'] }) {
  const { t } = useI18n();
  const [from, setFrom] = useState<number | null>(criteria.foundedFrom ?? null);
  const [to, setTo] = useState<number | null>(criteria.foundedTo ?? null);
  useEffect(() => {
    setFrom(criteria.foundedFrom ?? null);
    setTo(criteria.foundedTo ?? null);
  }, [criteria.foundedFrom, criteria.foundedTo]);
  const year = new Date().getFullYear();
  const invalid = from !== null && to !== null && from > to;
  const commit = (f: number | null, tt: number | null) => {
    if (f !== null && tt !== null && f > tt) return;
    if ((f ?? undefined) === criteria.foundedFrom && (tt ?? undefined) === criteria.foundedTo) return;
    onChange({ foundedFrom: f ?? undefined, foundedTo: tt ?? undefined });
  };
  const presets: { key: MessageKey; from?: number; to?: number }[] = [
    { key: 'entSearch.founded3', from: year - 2 },
    { key: 'entSearch.founded10', from: year - 9 },
    { key: 'entSearch.founded20', to: year - 20 },
  ];
  return (
    <>
      <Space.Compact style={{ width: '100%' }}>
        <InputNumber
          size="small"
          min={1900}
          max={2100}
          precision={0}
          controls={false}
          placeholder={t('entSearch.yearFrom')}
          aria-label={t('entSearch.yearFrom')}
          value={from}
          status={invalid ? 'error' : undefined}
          onChange={(v) => setFrom(v)}
          onBlur={() => commit(from, to)}
          onPressEnter={() => commit(from, to)}
          style={{ width: '50%' }}
        />
        <InputNumber
          size="small"
          min={1900}
          max={2100}
          precision={0}
          controls={false}
          placeholder={t('entSearch.yearTo')}
          aria-label={t('entSearch.yearTo')}
          value={to}
          status={invalid ? 'error' : undefined}
          onChange={(v) => setTo(v)}
          onBlur={() => commit(from, to)}
          onPressEnter={() => commit(from, to)}
          style={{ width: '50%' }}
        />
      </Space.Compact>
      {invalid && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {t('entSearch.yearInvalid')}
        </Typography.Text>
      )}
      <Space size={10} wrap style={{ marginTop: 4 }}>
        {presets.map((p) => (
          <Typography.Link key={p.key} style={{ fontSize: 12 }} onClick={() => onChange({ foundedFrom: p.from, foundedTo: p.to })}>
            {t(p.key)}
          </Typography.Link>
        ))}
      </Space>
    </>
  );
}

/** The left column: tags, region, industry, capital, founding year, status, already in contact. */
export function EnterpriseSearchFacets({ criteria, result, tagNames, facetRoot, regionNames, onChange, onClear }: Props) {
  const { t } = useI18n();
  const selectedTags = criteria.tags ?? [];
  const tagCounts = result?.facets.tags ?? {};
  const tags = [...new Set([...Object.keys(tagCounts), ...tagNames, ...selectedTags])];
  const band = bandOf(criteria);
  const customCapital = !band && (criteria.capitalMin !== undefined || criteria.capitalMax !== undefined);
  const [showCustom, setShowCustom] = useState(customCapital);
  useEffect(() => {
    if (customCapital) setShowCustom(true);
  }, [customCapital]);

  const toggleTag = (tag: string) => {
    const next = selectedTags.includes(tag) ? selectedTags.filter((x) => x !== tag) : [...selectedTags, tag];
    onChange({ tags: next });
  };

  return (
    <Card
      size="small"
      title={t('entSearch.filters')}
      extra={
        hasFilters(criteria) ? (
          <Typography.Link onClick={onClear} data-testid="clear-filters">
            {t('entSearch.clearFilters')}
          </Typography.Link>
        ) : null
      }
      styles={{ body: { paddingTop: 8 } }}
    >
      <Section title={t('entSearch.tags')} hint={t('entSearch.tagsHint')} testId="tag-facet">
        {tags.map((tag) => {
          const checked = selectedTags.includes(tag);
          const count = tagCounts[tag] ?? 0;
          return (
            <FacetRow
              key={tag}
              label={tag}
              count={count}
              estimated={result?.facetsEstimated}
              checked={checked}
              disabled={!checked && result !== undefined && count === 0}
              testId="tag-facet-item"
              onClick={() => toggleTag(tag)}
            />
          );
        })}
      </Section>
      <Divider style={{ margin: '10px 0' }} />
      <Section title={t('entSearch.region')} hint={t('entSearch.regionHint')}>
        <RegionFacet
          counts={result?.facets.regions ?? {}}
          total={result?.totalEstimate ?? result?.total ?? 0}
          estimated={result?.facetsEstimated}
          selected={criteria.region}
          root={facetRoot}
          names={regionNames}
          onSelect={(region) => onChange({ region })}
        />
      </Section>
      <Divider style={{ margin: '10px 0' }} />
      <Section title={t('entSearch.industry')}>
        <IndustryTreeSelect
          size="small"
          value={criteria.industry}
          placeholder={t('entSearch.industryPlaceholder')}
          aria-label={t('entSearch.industry')}
          onChange={(v) => onChange({ industry: v || undefined })}
        />
      </Section>
      <Divider style={{ margin: '10px 0' }} />
      <Section title={t('entSearch.capital')} testId="capital-facet">
        <Radio.Group
          size="small"
          style={{ display: 'flex', flexDirection: 'column', gap: 2 }}
          value={band?.key ?? (customCapital ? 'custom' : 'any')}
          onChange={(e) => {
            const key = e.target.value as string;
            if (key === 'custom') {
              setShowCustom(true);
              return;
            }
            setShowCustom(false);
            const b = CAPITAL_BANDS.find((x) => x.key === key);
            onChange({ capitalMin: b?.min, capitalMax: b?.max });
          }}
        >
          <Radio value="any">{t('entSearch.any')}</Radio>
          {CAPITAL_BANDS.map((b) => (
            <Radio key={b.key} value={b.key}>
              {t(`entSearch.band.${b.key}`)}
            </Radio>
          ))}
          <Radio value="custom">{t('entSearch.custom')}</Radio>
        </Radio.Group>
        {(showCustom || customCapital) && <CapitalCustom criteria={criteria} onChange={onChange} />}
        {customCapital && (
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
            {criteria.capitalMin !== undefined ? `≥ ${formatYuan(criteria.capitalMin, '')}` : ''}
            {criteria.capitalMin !== undefined && criteria.capitalMax !== undefined ? '，' : ''}
            {criteria.capitalMax !== undefined ? `≤ ${formatYuan(criteria.capitalMax, '')}` : ''}
          </Typography.Text>
        )}
      </Section>
      <Divider style={{ margin: '10px 0' }} />
      <Section title={t('entSearch.founded')}>
        <FoundedYears criteria={criteria} onChange={onChange} />
      </Section>
      <Divider style={{ margin: '10px 0' }} />
      <Section title={t('entSearch.status')}>
        <Checkbox.Group
          style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', rowGap: 4 }}
          value={criteria.status ?? []}
          onChange={(v) => onChange({ status: v as EnterpriseCriteria['status'] })}
          options={ENTERPRISE_STATUSES.map((s) => ({ value: s, label: t(`entSearch.status.${s}`) }))}
        />
      </Section>
      <Divider style={{ margin: '10px 0' }} />
      <Space align="start">
        <Switch
          size="small"
          checked={criteria.inContact ?? false}
          onChange={(v) => onChange({ inContact: v || undefined })}
          aria-label={t('entSearch.inContact')}
          data-testid="in-contact-switch"
        />
        <div>
          <Typography.Text strong>{t('entSearch.inContact')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
            {t('entSearch.inContactHint')}
          </Typography.Paragraph>
        </div>
      </Space>
    </Card>
  );
}
