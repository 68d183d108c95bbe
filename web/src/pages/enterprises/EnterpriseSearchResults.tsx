import type { Key, ReactNode } from 'react';
import { Button, Empty, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { EnterpriseSearchItem } from '../../api/enterprises-search';
import { formatTableWan } from '../../components/money';
import { keyColumnsOnPhone, usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { EnterpriseStatusTag, EnterpriseTags, enterpriseHref, Highlighted } from './EnterpriseSearchCells';

interface Props {
  items: EnterpriseSearchItem[];
  total: number;
  /** more than `total` matched (10,000+): the pages reach only the first `total` */
  capped?: boolean;
  page: number;
  pageSize: number;
  loading: boolean;
  selectable: boolean;
  selectedKeys: Key[];
  onSelect: (keys: Key[], rows: EnterpriseSearchItem[]) => void;
  onPage: (page: number, pageSize: number) => void;
  /** shown when nothing matched */
  empty: ReactNode;
  /** search words were given (a row without a highlight matched its business scope or products) */
  words: boolean;
}

const hasMatch = (segments: { match: boolean }[]) => segments.some((s) => s.match);

/** The result table: highlighted name (and the former name that matched), code, region, industry, capital, founded, status, tags. */
export function EnterpriseSearchResults({ items, total, capped, page, pageSize, loading, selectable, selectedKeys, onSelect, onPage, empty, words }: Props) {
  const { t } = useI18n();
  const phone = usePhone();
  const columns: TableColumnsType<EnterpriseSearchItem> = [
    {
      title: t('entSearch.colName'),
      key: 'name',
      width: 245,
      fixed: 'left',
      render: (_, e) => (
        <div data-testid="result-name">
          <Link to={enterpriseHref(e)} style={{ fontWeight: 500 }}>
            <Highlighted segments={e.highlight.name} fallback={e.name} />
          </Link>
          {e.inContact && (
            <Tooltip title={t('entSearch.inContactHint')}>
              <Tag color="green" bordered={false} style={{ marginInlineStart: 6 }}>
                {t('entSearch.inContactTag')}
              </Tag>
            </Tooltip>
          )}
          {words && !hasMatch(e.highlight.name) && !e.highlight.formerName && !hasMatch(e.highlight.creditCode) && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('entSearch.matchedScope')}
            </Typography.Text>
          )}
          {e.highlight.formerName && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid="former-name">
              {t('entSearch.formerName')}
              <Highlighted segments={e.highlight.formerName.segments} fallback={e.highlight.formerName.text} />
            </Typography.Text>
          )}
          {e.tags.length > 0 && (
            <div style={{ marginTop: 4 }}>
              <EnterpriseTags tags={e.tags} max={4} />
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('entSearch.colCreditCode'),
      key: 'creditCode',
      width: 150,
      render: (_, e) =>
        e.creditCode ? (
          <Typography.Text style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12 }}>
            <Highlighted segments={e.highlight.creditCode} fallback={e.creditCode} />
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('entSearch.noCode')}</Typography.Text>
        ),
    },
    {
      title: t('entSearch.colRegionIndustry'),
      key: 'region',
      width: 140,
      render: (_, e) => (
        <div style={{ minWidth: 0 }}>
          <Tooltip title={e.regionCode}>{e.regionName ?? '—'}</Tooltip>
          <Typography.Text type="secondary" ellipsis={{ tooltip: e.industryName }} style={{ display: 'block', fontSize: 12, maxWidth: 124 }}>
            {e.industryName ?? '—'}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('entSearch.colCapital'),
      key: 'capital',
      width: 108,
      align: 'right',
      render: (_, e) =>
        e.registeredCapitalYuan === null ? <Typography.Text type="secondary">{t('common.unknown')}</Typography.Text> : formatTableWan(e.registeredCapitalYuan, ''),
    },
    { title: t('entSearch.colFounded'), key: 'founded', width: 94, render: (_, e) => e.establishedOn ?? '—' },
    { title: t('entSearch.colStatus'), key: 'status', width: 66, render: (_, e) => <EnterpriseStatusTag status={e.status} /> },
  ];
  return (
    <Table<EnterpriseSearchItem>
      rowKey="id"
      size="middle"
      data-testid="enterprise-results"
      columns={keyColumnsOnPhone(columns, ['name', 'status'], phone)}
      dataSource={items}
      loading={loading ? { delay: 150 } : false}
      scroll={phone ? undefined : { x: 835 }}
      rowSelection={
        selectable
          ? {
              selectedRowKeys: selectedKeys,
              preserveSelectedRowKeys: true,
              onChange: (keys, rows) => onSelect(keys, rows),
            }
          : undefined
      }
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (n) => t(capped ? 'entSearch.totalShortCapped' : 'entSearch.totalShort', { n: n.toLocaleString('en-US') }),
        onChange: onPage,
      }}
      locale={{ emptyText: empty }}
    />
  );
}

export function NoResults({ hasFilters, hasWords, onClearFilters }: { hasFilters: boolean; hasWords: boolean; onClearFilters: () => void }) {
  const { t } = useI18n();
  return (
    <Empty
      data-testid="no-results"
      description={
        <Space direction="vertical" size={4}>
          <Typography.Text strong>{t('entSearch.noResults')}</Typography.Text>
          {hasWords && <Typography.Text type="secondary">{t('entSearch.noResultsWords')}</Typography.Text>}
          {hasFilters && <Typography.Text type="secondary">{t('entSearch.noResultsFilters')}</Typography.Text>}
        </Space>
      }
    >
      {hasFilters && (
        <Button type="primary" onClick={onClearFilters}>
          {t('entSearch.removeFilters')}
        </Button>
      )}
    </Empty>
  );
}
