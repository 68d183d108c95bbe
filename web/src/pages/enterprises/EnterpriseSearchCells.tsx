import { Space, Tag, Tooltip } from 'antd';
import type { HighlightSegment } from '../../api/enterprises-search';
import { useI18n } from '../../i18n';

/** The enterprise page: by credit code, or by id for an enterprise without one (GET /api/enterprises/:key). */
export function enterpriseHref(e: { id: string; creditCode: string | null }): string {
  return `/enterprises/${encodeURIComponent(e.creditCode ?? e.id)}`;
}

const MARK_STYLE = { background: '#ffe58f', color: 'inherit', padding: '0 1px', borderRadius: 2 } as const;

/** Text with the matched parts marked; the server sends plain segments, so nothing is parsed as HTML. */
export function Highlighted({ segments, fallback }: { segments: HighlightSegment[]; fallback?: string }) {
  if (segments.length === 0) return <>{fallback ?? ''}</>;
  return (
    <>
      {segments.map((s, i) =>
        s.match ? (
          <mark key={i} style={MARK_STYLE} data-testid="hit">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

const STATUS_COLORS: Record<string, string> = {
  existing: 'green',
  operating: 'green',
  revoked: 'red',
  deregistered: 'default',
  movedOut: 'orange',
  suspended: 'orange',
  liquidating: 'volcano',
};

export function EnterpriseStatusTag({ status }: { status: string | null }) {
  const { t } = useI18n();
  if (!status) return <span style={{ color: 'rgba(0,0,0,0.6)' }}>—</span>;
  const known = status in STATUS_COLORS;
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {known ? t(`entSearch.status.${status as 'existing'}`) : status}
    </Tag>
  );
}

/** The first tags, the rest behind "+n". */
export function EnterpriseTags({ tags, max = 3 }: { tags: string[]; max?: number }) {
  if (tags.length === 0) return <span style={{ color: 'rgba(0,0,0,0.6)' }}>—</span>;
  const shown = tags.slice(0, max);
  const rest = tags.slice(max);
  return (
    <Space size={[0, 4]} wrap>
      {shown.map((tag) => (
        <Tag key={tag} color="blue" bordered={false}>
          {tag}
        </Tag>
      ))}
      {rest.length > 0 && (
        <Tooltip title={rest.join('、')}>
          <Tag bordered={false}>+{rest.length}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}
