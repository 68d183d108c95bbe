import { Col, Descriptions, Row, Typography } from 'antd';
import type { AuditEntry } from '../../api/types';
import { useI18n } from '../../i18n';
import { ImportChanges } from './ImportChanges';

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Top-level keys whose values differ between before and after. */
function changedKeys(before: unknown, after: unknown): Set<string> {
  const out = new Set<string>();
  if (!isPlain(before) || !isPlain(after)) return out;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out.add(key);
  }
  return out;
}

const preStyle = {
  margin: '8px 0 0',
  padding: 12,
  background: '#fafafa',
  border: '1px solid #f0f0f0',
  borderRadius: 6,
  maxHeight: 360,
  overflow: 'auto',
  fontSize: 12,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-all',
} as const;

function JsonBlock({ title, value, changed, tone }: { title: string; value: unknown; changed: Set<string>; tone: string }) {
  let body;
  if (value === null || value === undefined) {
    body = '—';
  } else if (isPlain(value)) {
    const keys = Object.keys(value);
    body = (
      <>
        {'{\n'}
        {keys.map((key, i) => {
          const text = `  ${JSON.stringify(key)}: ${JSON.stringify(value[key], null, 2).replace(/\n/g, '\n  ')}${i < keys.length - 1 ? ',' : ''}\n`;
          return changed.has(key) ? (
            <mark key={key} style={{ background: tone, padding: 0, display: 'block' }}>
              {text}
            </mark>
          ) : (
            <span key={key}>{text}</span>
          );
        })}
        {'}'}
      </>
    );
  } else {
    body = JSON.stringify(value, null, 2);
  }
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <pre style={preStyle}>{body}</pre>
    </div>
  );
}

/** Before and after side by side (changed fields highlighted), with the why and where of the change. */
export function AuditDetail({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  return (
    <div style={{ padding: '4px 8px' }} data-testid="audit-detail">
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('audit.reason')}>{entry.reason ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('audit.clientIp')}>{entry.clientIp ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('audit.requestId')}>
          {entry.requestId ? <Typography.Text copyable>{entry.requestId}</Typography.Text> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.objectId')}>{entry.objectId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('audit.region')}>{entry.regionCode ?? '—'}</Descriptions.Item>
      </Descriptions>
      <BeforeAfter before={entry.before} after={entry.after} />
      {/* a project/fund import: the objects it created or changed, each field before and after */}
      {entry.action === 'import.run' && entry.objectId && /^[0-9a-f-]{36}$/i.test(entry.objectId) ? <ImportChanges importId={entry.objectId} /> : null}
    </div>
  );
}

/** Before and after side by side, the changed top-level fields highlighted. */
export function BeforeAfter({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  const changed = changedKeys(before, after);
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <JsonBlock title={t('audit.before')} value={before} changed={changed} tone="#fff1f0" />
      </Col>
      <Col xs={24} md={12}>
        <JsonBlock title={t('audit.after')} value={after} changed={changed} tone="#f6ffed" />
      </Col>
    </Row>
  );
}
