import { useState } from 'react';
import { Alert, Badge, Button, Card, Result, Space, Tabs, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { enterprisesApi } from '../../api/enterprises';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { PageLoading } from '../../components/PageLoading';
import { useI18n } from '../../i18n';
import { ContactsTab } from './ContactsTab';
import { EnterpriseDetailChains } from './EnterpriseDetailChains';
import { EnterpriseDetailForm } from './EnterpriseDetailForm';
import { EnterpriseDetailProfile, EnterpriseStatusTag } from './EnterpriseDetailProfile';
import { EnterpriseDetailDuplicates, EnterpriseDetailLists, EnterpriseDetailProjects } from './EnterpriseDetailRelated';
import { EnterpriseDetailTimeline } from './EnterpriseDetailTimeline';

const TABS = ['profile', 'contacts', 'projects', 'lists', 'chains', 'timeline', 'duplicates'] as const;
type TabKey = (typeof TABS)[number];

function tabLabel(text: string, count?: number) {
  return count ? (
    <Space size={6}>
      {text}
      <Badge count={count} color="#666666" size="small" />
    </Space>
  ) : (
    text
  );
}

/** 企业页: profile with field sources, contacts (masked), related projects, lists, chain nodes and targets, timeline, near-duplicates. */
export default function EnterpriseDetail() {
  const { key = '' } = useParams();
  const me = useMe();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const [editOpen, setEditOpen] = useState(false);
  const queryKey = ['enterprise', key];
  const { data: e, error, isLoading, refetch } = useQuery({ queryKey, queryFn: () => enterprisesApi.get(key), retry: false });
  const canManage = can(me, 'enterprises.manage');

  if (isLoading) return <PageLoading />;
  if (error || !e) {
    const status = error instanceof ApiError && error.status === 403 ? '403' : '404';
    return (
      <Result
        status={status}
        title={t('entDetail.notFound')}
        subTitle={error instanceof Error ? error.message : undefined}
        extra={<Button onClick={() => navigate('/enterprises')}>{t('entDetail.backToSearch')}</Button>}
      />
    );
  }

  const tabParam = search.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as TabKey) : 'profile';
  const refresh = async () => {
    await refetch();
  };

  return (
    <PageContainer
      onBack={() => navigate(-1)}
      title={<span data-testid="enterprise-name">{e.name}</span>}
      subTitle={
        e.creditCode ? (
          <Typography.Text type="secondary" copyable={{ text: e.creditCode }} data-testid="enterprise-credit-code">
            {e.creditCode}
          </Typography.Text>
        ) : (
          <Tag color="warning">{t('entDetail.noCreditCode')}</Tag>
        )
      }
      tags={[
        ...(e.status ? [<EnterpriseStatusTag key="status" status={e.status} label={e.statusLabel} />] : []),
        ...e.tags.map((tag) => (
          <Tag key={`tag-${tag}`} color="gold">
            {tag}
          </Tag>
        )),
      ]}
      extra={
        canManage
          ? [
              <Button key="edit" icon={<EditOutlined />} onClick={() => setEditOpen(true)}>
                {t('entDetail.edit')}
              </Button>,
            ]
          : []
      }
    >
      {e.duplicateCandidates.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('entDetail.duplicateAlert', { n: e.duplicateCandidates.length })}
          action={
            <Button size="small" onClick={() => setSearch({ tab: 'duplicates' }, { replace: true })}>
              {t('entDetail.duplicateAlertView')}
            </Button>
          }
        />
      )}
      {!e.creditCode && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('entDetail.uncodedHint')} />
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setSearch(k === 'profile' ? {} : { tab: k }, { replace: true })}
          items={[
            { key: 'profile', label: t('entDetail.tabProfile'), children: <EnterpriseDetailProfile enterprise={e} /> },
            {
              key: 'contacts',
              label: tabLabel(t('entDetail.tabContacts'), e.contacts.length),
              children: <ContactsTab enterpriseKey={e.key} contacts={e.contacts} onChanged={refresh} />,
            },
            {
              key: 'projects',
              label: tabLabel(t('entDetail.tabProjects'), e.projects.length),
              children: <EnterpriseDetailProjects projects={e.projects} />,
            },
            { key: 'lists', label: tabLabel(t('entDetail.tabLists'), e.lists.length), children: <EnterpriseDetailLists lists={e.lists} /> },
            {
              key: 'chains',
              label: tabLabel(t('entDetail.tabChains'), e.chainNodes.nodes.length),
              children: <EnterpriseDetailChains fit={e.chainNodes} />,
            },
            { key: 'timeline', label: t('entDetail.tabTimeline'), children: <EnterpriseDetailTimeline enterprise={e} /> },
            {
              key: 'duplicates',
              label: tabLabel(t('entDetail.tabDuplicates'), e.duplicateCandidates.length),
              children: <EnterpriseDetailDuplicates candidates={e.duplicateCandidates} canReview={canManage} />,
            },
          ]}
        />
      </Card>
      {canManage && (
        <EnterpriseDetailForm
          open={editOpen}
          onOpenChange={setEditOpen}
          enterprise={e}
          onSaved={(saved) => {
            setEditOpen(false);
            if (saved.key !== e.key) navigate(`/enterprises/${encodeURIComponent(saved.key)}`, { replace: true });
            else void refresh();
          }}
          onStale={refresh}
        />
      )}
    </PageContainer>
  );
}
