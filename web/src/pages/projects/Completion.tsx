import { useState } from 'react';
import { Card, Empty, Space, Statistic, Table, Tag, Typography } from 'antd';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { projectsApi, type CompletionSummary, type Project } from '../../api/projects';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useI18n } from '../../i18n';
import { StageTag } from './labels';

type RegionRow = CompletionSummary['regions'][number];
const PAGE_SIZE = 20;

/**
 * 待完善: the 资料不全 projects of the user's region (or a region below it): how many per child region
 * and per missing fact, and the list of them with what each lacks, each linking to its project
 * (the detail page opens the form at the missing field).
 */
export default function Completion() {
  const { t } = useI18n();
  const [regionCode, setRegionCode] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const summary = useQuery({ queryKey: ['completion', regionCode], queryFn: () => projectsApi.completion(regionCode) });
  const list = useQuery({
    queryKey: ['completion-list', regionCode, page],
    queryFn: () => projectsApi.list({ incomplete: 'true', regionCode, sort: 'code', page, pageSize: PAGE_SIZE }),
  });
  const pick = (code: string | undefined) => {
    setRegionCode(code);
    setPage(1);
  };
  const s = summary.data;

  return (
    <PageContainer title={t('completion.title')} content={t('completion.intro')}>
      <Card style={{ marginBottom: 16 }}>
        <Space style={{ marginBottom: 16 }} wrap>
          <span>{t('completion.region')}</span>
          <div style={{ width: 260, maxWidth: '70vw' }}>
            <RegionTreeSelect value={regionCode} onChange={(v: string | undefined) => pick(v ?? undefined)} />
          </div>
        </Space>
        <Space size={32} wrap style={{ marginBottom: 16 }}>
          <Statistic title={t('completion.total', { region: s?.regionName ?? '' })} value={s?.projects ?? 0} loading={summary.isLoading} />
          {s?.byField.map((f) => (
            <Statistic key={f.field} title={t('completion.missingField', { field: f.label })} value={f.projects} />
          ))}
        </Space>
        <Table<RegionRow>
          data-testid="completion-regions"
          rowKey="regionCode"
          size="small"
          loading={summary.isLoading}
          dataSource={s?.regions ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('completion.none')} /> }}
          columns={[
            {
              title: t('completion.region'),
              dataIndex: 'regionName',
              render: (_: unknown, r) =>
                r.regionCode === s?.regionCode ? r.regionName : <a onClick={() => pick(r.regionCode)}>{r.regionName}</a>,
            },
            { title: t('completion.projects'), dataIndex: 'projects', align: 'right', width: 100 },
            {
              title: t('completion.missing'),
              key: 'byField',
              render: (_: unknown, r) => (
                <Space wrap size={4}>
                  {r.byField.map((f) => (
                    <Tag key={f.field} color="warning">
                      {f.label} {f.projects}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('completion.list')}>
        <Table<Project>
          data-testid="completion-projects"
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
          locale={{ emptyText: <Empty description={t('completion.none')} /> }}
          columns={[
            {
              title: t('projects.name'),
              dataIndex: 'name',
              render: (_: unknown, p) => (
                <Space direction="vertical" size={0}>
                  <Link to={`/projects/${p.id}`}>{p.name}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.code}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('projects.region'), dataIndex: 'regionName' },
            { title: t('projects.stage'), dataIndex: 'stage', render: (_: unknown, p) => <StageTag t={t} stage={p.stage} /> },
            {
              title: t('completion.missing'),
              key: 'missing',
              render: (_: unknown, p) => (
                <Space wrap size={4}>
                  {p.missingFields.map((m) => (
                    <Link key={m.field} to={`/projects/${p.id}?edit=${m.field}`}>
                      <Tag color="warning">{m.label}</Tag>
                    </Link>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
