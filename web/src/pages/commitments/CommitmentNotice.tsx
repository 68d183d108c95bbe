import { Alert, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { commitmentsApi, type Notice } from '../../api/commitments';
import { downloadFile } from '../../components/download';
import { formatWan } from '../../components/money';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { keyColumnsOnPhone, usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';

type Row = Notice['items'][number];
type AtRiskRow = Notice['atRisk'][number];
type T = ReturnType<typeof useI18n>['t'];

/** The clause cell both lists share: title, complaint count, its project (a link) and where it is. */
function renderClause(t: T, r: Row | AtRiskRow) {
  return (
    <Space direction="vertical" size={0}>
      <Space size={4} wrap>
        <strong>{r.title}</strong>
        {r.complaints > 0 && <Tag color="volcano" data-testid="notice-complaints">{t('commitments.complaintCount', { n: r.complaints })}</Tag>}
      </Space>
      <Link to={`/projects/${r.projectId}?tab=commitments`}>{r.projectName}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.projectCode} · {r.regionName} · {t(`commitments.type.${r.type}`)}
      </Typography.Text>
    </Space>
  );
}

/**
 * 逾期承诺通报 of a region and below: clauses an investor complained about first, then the longest overdue; totals by
 * department; the clauses about to be overdue (即将到期), the soonest first; xlsx.
 */
export default function CommitmentNotice() {
  const { t } = useI18n();
  const phone = usePhone();
  const [search, setSearch] = useSearchParams();
  const regionCode = search.get('regionCode') ?? undefined;
  const notice = useQuery({ queryKey: ['commitment-notice', regionCode], queryFn: () => commitmentsApi.notice(regionCode), placeholderData: keepPreviousData });
  const d = notice.data;
  const items = d?.items ?? [];
  const atRisk = d?.atRisk ?? [];

  return (
    <PageContainer title={t('commitments.noticeTitle')} subTitle={phone ? undefined : t('commitments.noticeSubtitle')}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small">
          <Space wrap size={[12, 8]} direction={phone ? 'vertical' : 'horizontal'} style={{ width: phone ? '100%' : undefined }}>
            {/* the picker shows the region the notice is for: the one chosen, else the user's own that the server answered with */}
            <RegionTreeSelect
              aria-label={t('commitments.filterRegion')}
              value={regionCode ?? d?.regionCode}
              allowClear={false}
              onChange={(v) => setSearch(v ? { regionCode: v } : {}, { replace: true })}
              style={{ width: phone ? '100%' : 200 }}
            />
            <Button
              icon={<DownloadOutlined />}
              disabled={items.length === 0 && atRisk.length === 0}
              data-testid="notice-download"
              onClick={() => void downloadFile(commitmentsApi.noticeXlsxUrl(regionCode), `commitment-notice-${d?.regionCode ?? ''}.xlsx`)}
            >
              {t('commitments.noticeDownload')}
            </Button>
            {d && <Typography.Text type="secondary" data-testid="notice-as-of">{t('commitments.noticeAsOf', { region: d.regionName, date: d.asOf })}</Typography.Text>}
          </Space>
        </Card>
        {items.length > 0 && (
          <Alert
            type="error"
            showIcon
            data-testid="notice-summary"
            message={t('commitments.noticeSummary', {
              n: items.length,
              outstanding: formatWan(items.reduce((s, r) => s + (r.outstandingYuan ?? 0), 0), '0'),
              complained: items.filter((r) => r.complaints > 0).length,
            })}
          />
        )}
        <Card size="small" title={t('commitments.noticeItems')}>
          <Table<Row>
            rowKey="id"
            size="small"
            data-testid="notice-table"
            loading={notice.isLoading}
            dataSource={items}
            pagination={false}
            locale={{ emptyText: <Empty description={t('commitments.noticeEmpty')} data-testid="notice-empty" /> }}
            onRow={(r) => ({ 'data-testid': 'notice-row', 'data-id': r.id } as React.HTMLAttributes<HTMLElement>)}
            columns={keyColumnsOnPhone(
              [
                { title: t('commitments.noticeClause'), key: 'clause', render: (_: unknown, r) => renderClause(t, r) },
                {
                  title: t('commitments.daysOverdueCol'),
                  key: 'days',
                  width: 110,
                  render: (_: unknown, r) => <Typography.Text type="danger">{t('commitments.daysOverdue', { n: r.daysOverdue })}</Typography.Text>,
                },
                { title: t('commitments.dueAndDeadline'), key: 'due', width: 180, render: (_: unknown, r) => `${r.dueDate} / ${r.deadline}` },
                { title: t('commitments.outstanding'), key: 'outstanding', width: 130, align: 'right', render: (_: unknown, r) => (r.outstandingYuan === null ? t('commitments.noAmount') : formatWan(r.outstandingYuan, '—')) },
                { title: t('commitments.responsible'), key: 'responsible', width: 160, render: (_: unknown, r) => `${r.responsibleDepartment} · ${r.responsibleName}` },
              ],
              ['clause', 'days'],
              phone,
            )}
          />
        </Card>
        {(d?.byDepartment.length ?? 0) > 0 && (
          <Card size="small" title={t('commitments.noticeByDepartment')}>
            <Table
              rowKey="department"
              size="small"
              pagination={false}
              dataSource={d?.byDepartment ?? []}
              columns={[
                { title: t('commitments.department'), dataIndex: 'department' },
                { title: t('commitments.noticeClauses'), dataIndex: 'clauses', width: 100, align: 'right' },
                { title: t('commitments.outstanding'), dataIndex: 'outstandingYuan', width: 140, align: 'right', render: (v: number) => formatWan(v, '0') },
              ]}
            />
          </Card>
        )}
        <Card size="small" title={t('commitments.noticeAtRisk')} data-testid="notice-at-risk">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('commitments.noticeAtRiskHint', { n: d?.atRiskWorkingDays ?? 10 })}
          </Typography.Paragraph>
          <Table<AtRiskRow>
            rowKey="id"
            size="small"
            loading={notice.isLoading}
            dataSource={atRisk}
            pagination={false}
            locale={{ emptyText: <Empty description={t('commitments.noticeAtRiskEmpty', { n: d?.atRiskWorkingDays ?? 10 })} data-testid="notice-at-risk-empty" /> }}
            onRow={(r) => ({ 'data-testid': 'notice-at-risk-row', 'data-id': r.id } as React.HTMLAttributes<HTMLElement>)}
            columns={keyColumnsOnPhone(
              [
                { title: t('commitments.title'), key: 'clause', render: (_: unknown, r) => renderClause(t, r) },
                {
                  title: t('commitments.noticeAtRiskLeftCol'),
                  key: 'left',
                  width: 130,
                  render: (_: unknown, r) => (
                    <Space direction="vertical" size={0}>
                      <Typography.Text type="warning" data-testid="notice-at-risk-left">
                        {r.workingDaysLeft === 0 ? t('commitments.noticeAtRiskLastDay') : t('commitments.noticeAtRiskLeft', { n: r.workingDaysLeft })}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t(`commitments.status.${r.status}`)}
                      </Typography.Text>
                    </Space>
                  ),
                },
                { title: t('commitments.dueAndDeadline'), key: 'due', width: 180, render: (_: unknown, r) => `${r.dueDate} / ${r.deadline}` },
                { title: t('commitments.outstanding'), key: 'outstanding', width: 130, align: 'right', render: (_: unknown, r) => (r.outstandingYuan === null ? t('commitments.noAmount') : formatWan(r.outstandingYuan, '—')) },
                { title: t('commitments.responsible'), key: 'responsible', width: 160, render: (_: unknown, r) => `${r.responsibleDepartment} · ${r.responsibleName}` },
              ],
              ['clause', 'left'],
              phone,
            )}
          />
        </Card>
      </Space>
    </PageContainer>
  );
}
