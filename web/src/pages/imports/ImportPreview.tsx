import { Table, Tabs, Typography } from 'antd';
import type { ImportResult } from '../../api/imports';
import { useI18n } from '../../i18n';

type PreviewRow = { rowNumber: number } & Record<string, string | number>;

/** The first rows of each sheet as the server read them, so a person can check the columns before importing. */
export function ImportPreview({ result }: { result: ImportResult }) {
  const { t } = useI18n();
  const sheets = Object.entries(result.preview ?? {}).filter(([, rows]) => rows.length > 0);
  if (sheets.length === 0) return null;
  return (
    <div data-testid="import-preview" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t('imports.preview')}</Typography.Title>
      <Tabs
        size="small"
        items={sheets.map(([sheet, rows]) => {
          const headers = [...new Set(rows.flatMap((r) => Object.keys(r.cells)))];
          const data: PreviewRow[] = rows.map((r) => ({ rowNumber: r.rowNumber, ...r.cells }));
          return {
            key: sheet,
            label: sheet,
            children: (
              <Table<PreviewRow>
                rowKey="rowNumber"
                size="small"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={data}
                columns={[
                  { title: t('imports.row'), dataIndex: 'rowNumber', width: 64, align: 'right' as const, fixed: 'left' as const },
                  ...headers.map((h) => ({ title: h, dataIndex: h, ellipsis: true, width: 140 })),
                ]}
              />
            ),
          };
        })}
      />
    </div>
  );
}
