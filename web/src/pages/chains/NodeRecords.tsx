import { useState } from 'react';
import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { chainsApi, type NodeEnterprise, type NodeProject } from '../../api/chains';
import { formatTableWan } from '../../components/money';
import { keyColumnsOnPhone, usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { StageTag } from '../projects/labels';

const PAGE_SIZE = 10;

interface Props {
  chainCode: string;
  nodeCode: string;
  regionCode: string;
}

/** The local enterprises counted on a node (or a node below it), a page at a time; each opens its enterprise page. */
export function NodeEnterprises({ chainCode, nodeCode, regionCode }: Props) {
  const { t } = useI18n();
  const phone = usePhone();
  const [page, setPage] = useState(1);
  const { data, isFetching } = useQuery({
    queryKey: ['chain-node-enterprises', chainCode, nodeCode, regionCode, page],
    queryFn: () => chainsApi.nodeEnterprises(chainCode, nodeCode, { regionCode, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<NodeEnterprise> = [
    {
      title: t('chains.ent.name'),
      dataIndex: 'name',
      render: (_, e) => (
        <Link to={`/enterprises/${encodeURIComponent(e.key)}`} data-testid="node-enterprise-link">
          {e.name}
        </Link>
      ),
    },
    { title: t('chains.ent.region'), dataIndex: 'regionName', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('chains.ent.industry'), dataIndex: 'industryCode', width: 90, render: (v: string | null) => v ?? '—' },
    {
      title: t('chains.ent.matchedBy'),
      dataIndex: 'matchedBy',
      width: 96,
      render: (v: NodeEnterprise['matchedBy']) => <Tag bordered={false}>{t(`chains.matchedBy.${v}`)}</Tag>,
    },
  ];
  return (
    <Table<NodeEnterprise>
      data-testid="node-enterprises"
      rowKey="key"
      size="small"
      loading={isFetching}
      columns={keyColumnsOnPhone(columns, ['name', 'matchedBy'], phone)}
      dataSource={data?.items ?? []}
      pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true, size: 'small' }}
      locale={{ emptyText: t('chains.ent.empty') }}
    />
  );
}

/** The projects on a node (or a node below it) in the region, a page at a time; each opens its project page. */
export function NodeProjects({ chainCode, nodeCode, regionCode }: Props) {
  const { t } = useI18n();
  const phone = usePhone();
  const [page, setPage] = useState(1);
  const { data, isFetching } = useQuery({
    queryKey: ['chain-node-projects', chainCode, nodeCode, regionCode, page],
    queryFn: () => chainsApi.nodeProjects(chainCode, nodeCode, { regionCode, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<NodeProject> = [
    {
      title: t('chains.proj.name'),
      dataIndex: 'name',
      render: (_, p) => (
        <>
          <Link to={`/projects/${encodeURIComponent(p.id)}`} data-testid="node-project-link">
            {p.name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.code}
            </Typography.Text>
          </div>
        </>
      ),
    },
    { title: t('chains.proj.stage'), dataIndex: 'stage', width: 80, render: (_, p) => <StageTag t={t} stage={p.stage} /> },
    { title: t('chains.proj.region'), dataIndex: 'regionName', width: 100 },
    { title: t('chains.proj.funds'), dataIndex: 'fundsYuan', width: 130, align: 'right', render: (v: number) => formatTableWan(v, '—') },
  ];
  return (
    <Table<NodeProject>
      data-testid="node-projects"
      rowKey="id"
      size="small"
      loading={isFetching}
      columns={keyColumnsOnPhone(columns, ['name', 'stage'], phone)}
      dataSource={data?.items ?? []}
      pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true, size: 'small' }}
      locale={{ emptyText: t('chains.proj.empty') }}
    />
  );
}
