import { Alert, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { ImportResult } from '../../api/imports';
import { useI18n } from '../../i18n';

type GapRow = NonNullable<ImportResult['incomplete']>['rows'][number];

/**
 * 资料不全 rows of an import (gaps, not errors: they import and the projects are flagged, listed in
 * 待完善) and the import's notices (e.g. a column not yet supported).
 */
export function ImportIncomplete({ result }: { result: ImportResult }) {
  const { t } = useI18n();
  const gaps = result.incomplete;
  const notices = result.notices ?? [];
  if ((!gaps || gaps.total === 0) && notices.length === 0) return null;
  return (
    <div data-testid="import-incomplete" style={{ marginTop: 16 }}>
      {notices.map((n) => (
        <Alert key={n} type="info" showIcon message={n} style={{ marginBottom: 12 }} />
      ))}
      {gaps && gaps.total > 0 && (
        <>
          <Alert
            type="warning"
            showIcon
            message={t('imports.incompleteTitle', { n: gaps.total })}
            description={
              <Space direction="vertical" size={4}>
                <span>{t('imports.incompleteBody')}</span>
                <Space wrap size={4}>
                  {Object.entries(gaps.byField).map(([field, n]) => (
                    <Tag key={field} color="warning">
                      {t('imports.incompleteField', { field, n })}
                    </Tag>
                  ))}
                </Space>
                {result.imported && !result.dryRun && <Link to="/projects/completion">{t('imports.incompleteLink')}</Link>}
              </Space>
            }
            style={{ marginBottom: 12 }}
          />
          <Table<GapRow>
            rowKey={(r) => `${r.sheet}-${r.row}`}
            size="small"
            dataSource={gaps.rows}
            pagination={gaps.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('imports.sheet'), dataIndex: 'sheet', width: 90 },
              { title: t('imports.row'), dataIndex: 'row', width: 70, align: 'right' },
              { title: t('imports.code'), dataIndex: 'code', width: 180 },
              { title: t('imports.missing'), dataIndex: 'missing', render: (m: string[]) => m.join('、') },
            ]}
          />
        </>
      )}
    </div>
  );
}
