/**
 * 发布项目: the projects of the caller's region and below now published on the portal, or (已撤回, `?status=withdrawn`
 * in the address bar) taken off it and not published again, with a 重新发布 link that opens the project page's publish
 * dialog filled with the last public fields. Publishing itself is done on a project's page.
 */
import { Card, Empty, List, Segmented, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PageContainer } from '@ant-design/pro-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { publicationsApi, type PublicationListStatus, type PublishedItem } from '../../api/portal';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';

const projectPath = (id: string) => `/projects/${encodeURIComponent(id)}`;
const republishPath = (id: string) => `${projectPath(id)}?publish=1`;
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');
const STATUSES: readonly PublicationListStatus[] = ['published', 'withdrawn'];

export default function PublicationList() {
  const { t } = useI18n();
  const phone = usePhone();
  const me = useMe();
  const canPublish = can(me, 'portal.manage');
  const [search, setSearch] = useSearchParams();
  const status: PublicationListStatus = search.get('status') === 'withdrawn' ? 'withdrawn' : 'published';
  const withdrawn = status === 'withdrawn';
  const list = useQuery({ queryKey: ['portal', 'publications', status], queryFn: () => publicationsApi.list(status), placeholderData: keepPreviousData });
  const items = list.data?.items ?? [];
  const empty = <Empty data-testid="publication-empty" description={withdrawn ? t('portal.publications.withdrawnEmpty') : t('portal.publications.empty')} />;
  const republish = (r: PublishedItem) =>
    canPublish && r.stage !== 'terminated' ? (
      <Link to={republishPath(r.projectId)} data-testid="publication-republish">
        {t('portal.publications.republish')}
      </Link>
    ) : null;
  const columns: ColumnsType<PublishedItem> = [
    { title: t('portal.publish.publicTitle'), key: 'publicTitle', render: (_, r) => <Link to={projectPath(r.projectId)} data-testid="publication-title">{r.publicTitle}</Link> },
    { title: t('portal.publications.project'), key: 'project', render: (_, r) => `${r.projectCode} ${r.projectName}` },
    { title: t('portal.publish.region'), dataIndex: 'regionName', width: 120 },
    { title: t('portal.publications.publishedAt'), dataIndex: 'publishedAt', width: 120, render: day },
    ...(withdrawn
      ? ([
          { title: t('portal.publications.withdrawnAt'), dataIndex: 'withdrawnAt', width: 120, render: day },
          { title: t('portal.publications.withdrawnBy'), dataIndex: 'withdrawnBy', width: 110, render: (v: string | null) => v ?? '—' },
          { title: '', key: 'action', width: 100, render: (_, r) => republish(r) },
        ] satisfies ColumnsType<PublishedItem>)
      : []),
  ];
  return (
    <PageContainer title={t('portal.publications.title')} content={withdrawn ? t('portal.publications.withdrawnHint') : t('portal.publications.hint')}>
      <Card styles={{ body: { padding: phone ? 12 : undefined } }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Segmented<PublicationListStatus>
            aria-label={t('portal.publications.statusFilter')}
            data-testid="publication-status"
            value={status}
            onChange={(v) => setSearch(v === 'withdrawn' ? { status: v } : {}, { replace: true })}
            options={STATUSES.map((s) => ({ value: s, label: t(`portal.publications.status.${s}`) }))}
          />
          {phone ? (
            <List<PublishedItem>
              data-testid="publication-list"
              loading={list.isLoading}
              dataSource={items}
              rowKey="projectId"
              locale={{ emptyText: list.isLoading ? ' ' : empty }}
              renderItem={(r) => (
                <List.Item data-testid="publication-row" actions={withdrawn ? [republish(r)].filter(Boolean) : undefined}>
                  <List.Item.Meta
                    title={<Link to={projectPath(r.projectId)}>{r.publicTitle}</Link>}
                    description={
                      <Typography.Text type="secondary">
                        {withdrawn
                          ? `${r.projectName} · ${r.regionName} · ${t('portal.publications.withdrawnAt')} ${day(r.withdrawnAt)}${r.withdrawnBy ? ` · ${r.withdrawnBy}` : ''}`
                          : `${r.projectName} · ${r.regionName} · ${day(r.publishedAt)}`}
                      </Typography.Text>
                    }
                  />
                </List.Item>
              )}
            />
          ) : (
            <Table<PublishedItem>
              data-testid="publication-list"
              rowKey="projectId"
              loading={list.isLoading}
              columns={columns}
              dataSource={items}
              pagination={false}
              locale={{ emptyText: list.isLoading ? ' ' : empty }}
              onRow={() => ({ 'data-testid': 'publication-row' } as React.HTMLAttributes<HTMLElement>)}
            />
          )}
        </Space>
      </Card>
    </PageContainer>
  );
}
