import type { ReactNode } from 'react';
import { Descriptions, Space, Tag, Tooltip, Typography } from 'antd';
import { FieldTimeOutlined } from '@ant-design/icons';
import type { EnterpriseDetail, FieldSource } from '../../api/enterprises';
import { formatTime } from '../../components/labels';
import { formatYuan } from '../../components/money';
import { useI18n, type MessageKey } from '../../i18n';

const STATUS_COLORS: Record<string, string> = {
  existing: 'green',
  operating: 'green',
  revoked: 'red',
  deregistered: 'default',
  movedOut: 'orange',
  suspended: 'orange',
  liquidating: 'volcano',
};

export function EnterpriseStatusTag({ status, label }: { status: string; label: string | null }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{label ?? status}</Tag>;
}

/** The value's source and data date, shown subtly: a small clock whose tooltip tells. */
function SourceMark({ source, field }: { source: FieldSource | undefined; field: string }) {
  const { t } = useI18n();
  if (!source) return null;
  return (
    <Tooltip title={t('entDetail.sourceTip', { source: source.source, date: source.date })}>
      <FieldTimeOutlined
        data-testid={`source-${field}`}
        aria-label={t('entDetail.sourceTip', { source: source.source, date: source.date })}
        style={{ color: 'rgba(0,0,0,0.3)', marginLeft: 6, fontSize: 12, cursor: 'help' }}
      />
    </Tooltip>
  );
}

/** The columns per row at each width; a long text field spans a whole row. */
const FULL_ROW = { xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 };

const empty = <Typography.Text type="secondary">—</Typography.Text>;

/** 基本信息: every profile field with its label; each value carries its source and data date. */
export function EnterpriseDetailProfile({ enterprise: e }: { enterprise: EnterpriseDetail }) {
  const { t } = useI18n();
  const unknown = t('common.unknown');
  const withCode = (name: string | null, code: string | null) =>
    code ? (
      <span>
        {name ?? code}
        {name && <Typography.Text type="secondary"> （{code}）</Typography.Text>}
      </span>
    ) : null;

  const rows: { field: string; label: MessageKey; value: ReactNode; span?: typeof FULL_ROW }[] = [
    { field: 'creditCode', label: 'entDetail.creditCode', value: e.creditCode ? <Typography.Text copyable>{e.creditCode}</Typography.Text> : null },
    { field: 'name', label: 'entDetail.name', value: e.name },
    { field: 'status', label: 'entDetail.status', value: e.status ? <EnterpriseStatusTag status={e.status} label={e.statusLabel} /> : null },
    { field: 'formerNames', label: 'entDetail.formerNames', value: e.formerNames.length ? e.formerNames.join('、') : null },
    { field: 'regionCode', label: 'entDetail.region', value: withCode(e.regionName, e.regionCode) },
    { field: 'industryCode', label: 'entDetail.industry', value: withCode(e.industryName, e.industryCode) },
    {
      field: 'registeredCapitalYuan',
      label: 'entDetail.registeredCapital',
      value: e.registeredCapitalYuan === null ? null : formatYuan(e.registeredCapitalYuan, unknown),
    },
    { field: 'establishedOn', label: 'entDetail.establishedOn', value: e.establishedOn },
    { field: 'revenueBand', label: 'entDetail.revenueBand', value: e.revenueBandLabel ?? e.revenueBand },
    { field: 'employees', label: 'entDetail.employees', value: e.employees === null ? null : e.employees.toLocaleString('zh-CN') },
    { field: 'ticker', label: 'entDetail.ticker', value: e.ticker },
    { field: 'parentGroup', label: 'entDetail.parentGroup', value: e.parentGroup },
    {
      field: 'website',
      label: 'entDetail.website',
      value: e.website ? (
        <Typography.Link href={e.website} target="_blank" rel="noopener noreferrer">
          {e.website}
        </Typography.Link>
      ) : null,
    },
    {
      field: 'tags',
      label: 'entDetail.tags',
      value: e.tags.length ? (
        <Space size={[0, 4]} wrap>
          {e.tags.map((tag) => (
            <Tag key={tag} color="gold">
              {tag}
            </Tag>
          ))}
        </Space>
      ) : null,
    },
    { field: 'mainProducts', label: 'entDetail.mainProducts', value: e.mainProducts, span: FULL_ROW },
    { field: 'businessScope', label: 'entDetail.businessScope', value: e.businessScope, span: FULL_ROW },
  ];

  return (
    <div data-testid="enterprise-profile">
      <Descriptions
        bordered
        size="small"
        column={FULL_ROW}
        styles={{ label: { width: 140, whiteSpace: 'nowrap' } }}
        items={rows.map((r) => ({
          key: r.field,
          label: t(r.label),
          span: r.span,
          children: (
            <span>
              {r.value ?? empty}
              {r.value !== null && r.value !== undefined && <SourceMark source={e.fieldSources[r.field]} field={r.field} />}
            </span>
          ),
        }))}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        <FieldTimeOutlined /> {t('entDetail.sourceHint')}
        {' · '}
        {t('entDetail.recordTimes', { created: formatTime(e.createdAt), updated: formatTime(e.updatedAt) })}
      </Typography.Paragraph>
    </div>
  );
}
