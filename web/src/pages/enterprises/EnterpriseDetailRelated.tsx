import { Button, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { DuplicateRef, EnterpriseListRef, EnterpriseProject } from '../../api/enterprises';
import { STAGES, type Stage } from '../../api/projects';
import { formatTime } from '../../components/labels';
import { formatTableWan } from '../../components/money';
import { useI18n } from '../../i18n';
import { StageTag, stageName } from '../projects/labels';

function isStage(stage: string): stage is Stage {
  return (STAGES as readonly string[]).includes(stage);
}

/** 关联项目: projects in the caller's scope with this enterprise as investor. */
export function EnterpriseDetailProjects({ projects }: { projects: EnterpriseProject[] }) {
  const { t } = useI18n();
  return (
    <Table<EnterpriseProject>
      data-testid="enterprise-projects"
      rowKey="id"
      size="small"
      dataSource={projects}
      pagination={projects.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: <Empty description={t('entDetail.projectsEmpty')} /> }}
      columns={[
        {
          title: t('entDetail.projectName'),
          dataIndex: 'name',
          render: (_: unknown, p) => <Link to={`/projects/${encodeURIComponent(p.id)}`}>{p.name}</Link>,
        },
        { title: t('entDetail.projectCode'), dataIndex: 'code', width: 150 },
        {
          title: t('entDetail.projectStage'),
          dataIndex: 'stage',
          width: 100,
          render: (_: unknown, p) => (isStage(p.stage) ? <StageTag t={t} stage={p.stage} /> : stageName(t, p.stage)),
        },
        { title: t('entDetail.projectRegion'), dataIndex: 'regionName', width: 120 },
        {
          title: t('entDetail.projectSigned'),
          dataIndex: 'signedAmountYuan',
          width: 140,
          align: 'right',
          render: (_: unknown, p) => formatTableWan(p.signedAmountYuan, t('common.unknown')),
        },
        { title: t('entDetail.projectSignedDate'), dataIndex: 'signedDate', width: 120, render: (_: unknown, p) => p.signedDate ?? '—' },
      ]}
    />
  );
}

/** 名单: lists the caller can see that contain this enterprise. */
export function EnterpriseDetailLists({ lists }: { lists: EnterpriseListRef[] }) {
  const { t } = useI18n();
  return (
    <Table<EnterpriseListRef>
      data-testid="enterprise-lists"
      rowKey="id"
      size="small"
      dataSource={lists}
      pagination={false}
      locale={{ emptyText: <Empty description={t('entDetail.listsEmpty')} /> }}
      columns={[
        {
          title: t('entDetail.listName'),
          dataIndex: 'name',
          render: (_: unknown, l) => <Link to={`/enterprises/lists/${encodeURIComponent(l.id)}`}>{l.name}</Link>,
        },
        {
          title: t('entDetail.listShared'),
          dataIndex: 'shared',
          width: 110,
          render: (_: unknown, l) => (l.shared ? <Tag color="blue">{t('entDetail.listSharedYes')}</Tag> : <Tag>{t('entDetail.listSharedNo')}</Tag>),
        },
        { title: t('entDetail.listOwner'), dataIndex: 'ownerName', width: 140 },
        { title: t('entDetail.listAddedAt'), dataIndex: 'addedAt', width: 160, render: (_: unknown, l) => formatTime(l.addedAt) },
      ]}
    />
  );
}

/** 疑似重复: names that look like this enterprise (one of each pair has no credit code). */
export function EnterpriseDetailDuplicates({ candidates, canReview }: { candidates: DuplicateRef[]; canReview: boolean }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {candidates.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('entDetail.duplicatesIntro')}
        </Typography.Paragraph>
      )}
      <Table<DuplicateRef>
        data-testid="enterprise-duplicates"
        rowKey="id"
        size="small"
        dataSource={candidates}
        pagination={false}
        locale={{ emptyText: <Empty description={t('entDetail.duplicatesEmpty')} /> }}
        columns={[
          {
            title: t('entDetail.duplicateOther'),
            dataIndex: 'otherName',
            render: (_: unknown, d) => <Link to={`/enterprises/${encodeURIComponent(d.otherCreditCode ?? d.otherId)}`}>{d.otherName}</Link>,
          },
          {
            title: t('entDetail.creditCode'),
            dataIndex: 'otherCreditCode',
            width: 200,
            render: (_: unknown, d) => d.otherCreditCode ?? <Tag color="warning">{t('entDetail.noCreditCode')}</Tag>,
          },
          { title: t('entDetail.duplicateReason'), dataIndex: 'reasonLabel' },
          {
            title: t('entDetail.duplicateSimilarity'),
            dataIndex: 'similarity',
            width: 100,
            align: 'right',
            render: (_: unknown, d) => `${Math.round(d.similarity * 100)}%`,
          },
        ]}
      />
      {canReview && candidates.length > 0 && (
        <Link to="/enterprises/duplicates">
          <Button type="primary">{t('entDetail.duplicatesReview')}</Button>
        </Link>
      )}
    </Space>
  );
}
