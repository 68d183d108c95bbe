import { useCallback, useMemo, useState } from 'react';
import { DashboardOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Result, Space, Tabs, Tag, Typography } from 'antd';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { can } from '../../access';
import { chainsApi } from '../../api/chains';
import { ApiError } from '../../api/client';
import { useMe } from '../../auth/session';
import { downloadFile } from '../../components/download';
import { formatTime } from '../../components/labels';
import { PageLoading } from '../../components/PageLoading';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { ChainImportButton, useCanManageChains } from './ChainImport';
import { ChainMap } from './ChainMap';
import { ChainNodeDrawer } from './ChainNodeDrawer';
import { ChainNodeList } from './ChainNodeList';
import { ChainVersions } from './ChainVersions';
import { CoverageLegend } from './coverage';

/** 产业链: the chain map coloured by local coverage (a node opens its drawer) and the versions with their diffs. */
export default function ChainDetail() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const me = useMe();
  const phone = usePhone();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') === 'versions' ? 'versions' : 'map';
  const versionParam = Number(search.get('version')) || undefined;
  const [regionCode, setRegionCode] = useState(me.regionCode);
  const [open, setOpen] = useState<string | null>(null);
  const canManage = useCanManageChains();

  const chainQ = useQuery({ queryKey: ['chain', code, versionParam ?? 'current'], queryFn: () => chainsApi.get(code, versionParam), retry: false });
  const chain = chainQ.data;
  const showsCurrent = !!chain && chain.version === chain.currentVersion;
  const coverageQ = useQuery({
    queryKey: ['chain-coverage', code, regionCode],
    queryFn: () => chainsApi.coverage(code, regionCode),
    retry: false,
    enabled: showsCurrent,
  });
  // coverage is shown only when it loads; at the user's own region a failure hides the whole section
  const coverage = showsCurrent ? (coverageQ.data ?? null) : null;
  const coverageHidden = !showsCurrent || (coverageQ.isError && regionCode === me.regionCode);
  const byCode = useMemo(() => (coverage ? new Map(coverage.nodes.map((n) => [n.code, n])) : null), [coverage]);
  const onOpen = useCallback((c: string) => setOpen(c), []);

  if (chainQ.isLoading) return <PageLoading />;
  if (!chain) {
    const status = chainQ.error instanceof ApiError && chainQ.error.status === 403 ? '403' : '404';
    return (
      <Result
        status={status}
        title={t('chains.notFound')}
        subTitle={chainQ.error instanceof Error ? chainQ.error.message : undefined}
        extra={<Button onClick={() => navigate('/chains')}>{t('chains.backToList')}</Button>}
      />
    );
  }

  const setParams = (next: Record<string, string | null>) => {
    const params = new URLSearchParams(search);
    for (const [k, v] of Object.entries(next)) {
      if (v === null) params.delete(k);
      else params.set(k, v);
    }
    setSearch(params, { replace: true });
  };
  const openNode = open ? (chain.nodes.find((n) => n.code === open) ?? null) : null;

  const mapTab = (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {!showsCurrent && (
        <Alert
          type="warning"
          showIcon
          data-testid="old-version"
          message={t('chains.viewingOld', { n: chain.version, current: chain.currentVersion })}
          action={
            <Button size="small" onClick={() => setParams({ version: null })}>
              {t('chains.backToCurrent')}
            </Button>
          }
        />
      )}
      {!coverageHidden && (
        <Card size="small" data-testid="chain-coverage">
          <Space direction="vertical" size={8} style={{ width: '100%' }}>
            <Space wrap size={[12, 8]}>
              <span>{t('chains.coverageRegion')}</span>
              <RegionTreeSelect
                value={regionCode}
                onChange={(v) => setRegionCode(v ?? me.regionCode)}
                allowClear={false}
                aria-label={t('chains.coverageRegion')}
                style={{ width: phone ? 220 : 260 }}
              />
              {coverage && (
                <Typography.Text data-testid="coverage-pct">
                  {coverage.coveragePct === null
                    ? t('chains.coverageNone')
                    : t('chains.coveragePct', { pct: coverage.coveragePct.toFixed(2), covered: coverage.coveredLeafNodes, leaves: coverage.leafNodes })}
                </Typography.Text>
              )}
            </Space>
            {coverageQ.isError && <Alert type="error" showIcon message={coverageQ.error instanceof Error ? coverageQ.error.message : String(coverageQ.error)} />}
            {coverage && <CoverageLegend t={t} weakBelow={coverage.weakBelow} />}
          </Space>
        </Card>
      )}
      <Card size="small" styles={{ body: { padding: phone ? 12 : 8 } }}>
        {phone ? <ChainNodeList nodes={chain.nodes} coverage={byCode} onOpen={onOpen} /> : <ChainMap nodes={chain.nodes} coverage={byCode} onOpen={onOpen} />}
      </Card>
    </Space>
  );

  return (
    <PageContainer
      onBack={() => navigate('/chains')}
      title={<span data-testid="chain-name">{chain.name}</span>}
      subTitle={chain.code}
      tags={[
        <Tag key="version" color="blue">
          {t('chains.versionN', { n: chain.version })}
        </Tag>,
        <Tag key="region">{t('chains.definedBy', { region: chain.regionName })}</Tag>,
      ]}
      extra={[
        ...(can(me, 'targeting.read')
          ? [
              <Button key="dashboard" type="primary" icon={<DashboardOutlined />} data-testid="open-dashboard" onClick={() => navigate(`/chains/${encodeURIComponent(chain.code)}/dashboard`)}>
                {t('chains.openDashboard')}
              </Button>,
            ]
          : []),
        <Button key="download" icon={<DownloadOutlined />} onClick={() => void downloadFile(chainsApi.fileUrl(chain.code, chain.version), `${chain.code}-v${chain.version}.csv`)}>
          {t('chains.downloadVersion')}
        </Button>,
        ...(canManage && chain.canChange
          ? [
              <Button key="edit" icon={<EditOutlined />} data-testid="chain-edit" onClick={() => navigate(`/chains/${encodeURIComponent(chain.code)}/edit`)}>
                {t('chains.edit')}
              </Button>,
              <ChainImportButton key="import" label={t('chains.importVersion')} />,
            ]
          : []),
      ]}
      content={
        <Typography.Text type="secondary">
          {t('chains.detailMeta', { nodes: chain.nodeCount, updated: formatTime(chain.updatedAt) })}
          {chain.templateCode ? ` · ${t('chains.fromTemplate', { code: chain.templateCode })}` : ''}
        </Typography.Text>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k === 'map' ? null : k })}
        items={[
          { key: 'map', label: t('chains.tab.map'), children: mapTab },
          {
            key: 'versions',
            label: t('chains.tab.versions'),
            children: <ChainVersions code={chain.code} onView={(v) => setParams({ tab: null, version: v === chain.currentVersion ? null : String(v) })} />,
          },
        ]}
      />
      <ChainNodeDrawer
        chainCode={chain.code}
        node={openNode}
        nodes={chain.nodes}
        coverage={open && byCode ? (byCode.get(open) ?? null) : null}
        regionCode={regionCode}
        regionName={coverage?.regionName ?? null}
        onOpen={onOpen}
        onClose={() => setOpen(null)}
      />
    </PageContainer>
  );
}
