/** 发布项目: the projects of the caller's region and below now published on the portal; publishing is done on a project's page. */
import { Card, Empty, List, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { publicationsApi, type PublishedItem } from '../../api/portal';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';

const projectPath = (id: string) => `/projects/${encodeURIComponent(id)}`;
const day = (iso: string) => iso.slice(0, 10);

export default function PublicationList() {
  const { t } = useI18n();
  const phone = usePhone();
  const list = useQuery({ queryKey: ['portal', 'publications'], queryFn: () => publicationsApi.list() });
  const items = list.data?.items ?? [];
  const empty = <Empty description={t('portal.publications.empty')} />;
  const columns: ColumnsType<PublishedItem> = [
    { title: t('portal.publish.publicTitle'), key: 'publicTitle', render: (_, r) => <Link to={projectPath(r.projectId)} data-testid="publication-title">{r.publicTitle}</Link> },
    { title: t('portal.publications.project'), key: 'project', render: (_, r) => `${r.projectCode} ${r.projectName}` },
    { title: t('portal.publish.region'), dataIndex: 'regionName', width: 120 },
    { title: t('portal.publications.publishedAt'), dataIndex: 'publishedAt', width: 120, render: day },
  ];
  return (
    <PageContainer title={t('portal.publications.title')} content={t('portal.publications.hint')}>
      <Card styles={{ body: { padding: phone ? 12 : undefined } }}>
        {phone ? (
          <List<PublishedItem>
            data-testid="publication-list"
            loading={list.isLoading}
            dataSource={items}
            rowKey="projectId"
            locale={{ emptyText: list.isLoading ? ' ' : empty }}
            renderItem={(r) => (
              <List.Item>
                <List.Item.Meta
                  title={<Link to={projectPath(r.projectId)}>{r.publicTitle}</Link>}
                  description={<Typography.Text type="secondary">{`${r.projectName} · ${r.regionName} · ${day(r.publishedAt)}`}</Typography.Text>}
                />
              </List.Item>
            )}
          />
        ) : (
          <Table<PublishedItem> data-testid="publication-list" rowKey="projectId" loading={list.isLoading} columns={columns} dataSource={items} pagination={false} locale={{ emptyText: list.isLoading ? ' ' : empty }} />
        )}
      </Card>
    </PageContainer>
  );
}
