import { useState } from 'react';
import { Button, Card, Space, Typography } from 'antd';
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { downloadFile } from '../../components/download';
import { useI18n } from '../../i18n';
import type { DocumentQuery } from '../../../../src/contracts/statistics';

const KINDS = ['monthly', 'quarterly', 'annual'] as const;
const FORMATS = ['pdf', 'xlsx'] as const;
type Kind = (typeof KINDS)[number];
type Format = (typeof FORMATS)[number];

/** 报表文档: 月通报 / 季总结 / 年排名 of the selected region up to the period's end month, as PDF or Excel. */
export function DocumentsCard({ region, regionName, month }: { region: string; regionName?: string; month: string }) {
  const { t } = useI18n();
  const [loading, setLoading] = useState<string | null>(null);

  const download = async (kind: Kind, format: Format) => {
    const key = `${kind}.${format}`;
    setLoading(key);
    try {
      const query = new URLSearchParams({ region, month } satisfies DocumentQuery).toString();
      await downloadFile(`/api/documents/${kind}.${format}?${query}`, `${region}-${month}-${kind}.${format}`);
    } finally {
      setLoading(null);
    }
  };

  return (
    <Card
      size="small"
      title={t('docs.title')}
      extra={<Typography.Text type="secondary">{t('docs.hint', { region: regionName ?? region, month })}</Typography.Text>}
      style={{ marginBottom: 16 }}
      data-testid="stats-documents"
    >
      <Space wrap size={[24, 8]}>
        {KINDS.map((kind) => (
          <Space key={kind} size={8}>
            <Typography.Text strong>{t(`docs.${kind}`)}</Typography.Text>
            {FORMATS.map((format) => (
              <Button
                key={format}
                size="small"
                icon={format === 'pdf' ? <FilePdfOutlined /> : <FileExcelOutlined />}
                loading={loading === `${kind}.${format}`}
                disabled={loading !== null && loading !== `${kind}.${format}`}
                onClick={() => void download(kind, format)}
                data-testid={`doc-${kind}-${format}`}
              >
                {format === 'pdf' ? 'PDF' : 'Excel'}
              </Button>
            ))}
          </Space>
        ))}
      </Space>
    </Card>
  );
}
