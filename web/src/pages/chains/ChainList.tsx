import { Button, Card, Empty, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { AppstoreOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { chainsApi, type ChainSummary } from '../../api/chains';
import { formatTime } from '../../components/labels';
import { keyColumnsOnPhone, usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { ChainImportButton, useCanManageChains } from './ChainImport';
import { ChainTemplates } from './ChainTemplates';

/** 产业链: the chains the user uses (defined above) and oversees (defined below), and the shipped templates. */
export default function ChainList() {
  const { t } = useI18n();
  const phone = usePhone();
  const canManage = useCanManageChains();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') === 'templates' ? 'templates' : 'chains';
  const setTab = (k: string) => setSearch(k === 'templates' ? { tab: k } : {}, { replace: true });
  const { data = [], isLoading } = useQuery({ queryKey: ['chains'], queryFn: () => chainsApi.list() });

  const columns: ColumnsType<ChainSummary> = [
    {
      title: t('chains.name'),
      dataIndex: 'name',
      render: (_, c) => (
        <Link to={`/chains/${encodeURIComponent(c.code)}`} data-testid="chain-link">
          {c.name}
        </Link>
      ),
    },
    { title: t('chains.code'), dataIndex: 'code', width: 120 },
    {
      title: t('chains.region'),
      dataIndex: 'regionName',
      width: 150,
      render: (_, c) => (
        <Space size={4} wrap>
          {c.regionName}
          {c.canChange && canManage && (
            <Tag bordered={false} color="blue">
              {t('chains.mine')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('chains.version'), dataIndex: 'currentVersion', width: 80, render: (v: number) => t('chains.versionN', { n: v }) },
    { title: t('chains.nodeCount'), dataIndex: 'nodeCount', width: 80, align: 'right' },
    { title: t('chains.template'), dataIndex: 'templateCode', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('chains.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatTime(v) },
  ];

  const empty = (
    <Empty description={canManage ? t('chains.emptyManage') : t('chains.empty')} data-testid="chains-empty">
      <Space wrap style={{ justifyContent: 'center' }}>
        <Button type="primary" icon={<AppstoreOutlined />} onClick={() => setTab('templates')}>
          {t('chains.toTemplates')}
        </Button>
        {canManage && <ChainImportButton />}
      </Space>
    </Empty>
  );

  return (
    <PageContainer title={t('chains.title')} subTitle={phone ? undefined : t('chains.subtitle')} extra={canManage ? [<ChainImportButton key="import" />] : undefined}>
      <Card styles={{ body: { padding: phone ? 12 : undefined } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'chains',
              label: t('chains.tab.chains'),
              children: (
                <>
                  <Typography.Paragraph type="secondary">{t('chains.listIntro')}</Typography.Paragraph>
                  <Table<ChainSummary>
                    data-testid="chain-list"
                    rowKey="code"
                    loading={isLoading}
                    columns={keyColumnsOnPhone(columns, ['name', 'currentVersion', 'nodeCount'], phone)}
                    dataSource={data}
                    pagination={data.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                    locale={{ emptyText: isLoading ? ' ' : empty }}
                  />
                </>
              ),
            },
            { key: 'templates', label: t('chains.tab.templates'), children: <ChainTemplates chains={data} /> },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
