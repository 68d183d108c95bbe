import { useState } from 'react';
import { Alert, Button, Card, Col, List, Result, Row, Space, Steps, Tabs, Tag, Timeline, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { PageContainer, ProDescriptions } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { PIPELINE, projectsApi, type ProjectDetail as Detail } from '../../api/projects';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { formatTime } from '../../components/labels';
import { formatYuan } from '../../components/money';
import { PageLoading } from '../../components/PageLoading';
import { usePhone } from '../../components/responsive';
import { PublishProject } from '../portal/PublishProject';
import { useI18n } from '../../i18n';
import { FollowUpsTab } from '../aftercare/FollowUpsTab';
import { CommitmentsTab } from '../commitments/CommitmentsTab';
import { EvidenceTab } from './EvidenceTab';
import { FundsTab } from './FundsTab';
import { HistoryTab } from './HistoryTab';
import { ChainNodeText, IncompleteTag, KeyMark, LandingCountdown, LightDot, StageTag, sourceName, stageName } from './labels';
import { ProblemsTab } from './ProblemsTab';
import { ProjectForm } from './ProjectForm';
import { ServiceItemsTab } from './ServiceItemsTab';
import { useStageMove } from './useStageMove';

export default function ProjectDetail() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t } = useI18n();
  const phone = usePhone();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const key = ['project', id];
  const { data: project, error, isLoading, refetch } = useQuery({ queryKey: key, queryFn: () => projectsApi.get(id), retry: false });
  const canManage = can(me, 'projects.manage');
  const canPublish = can(me, 'portal.manage');
  const [editOpen, setEditOpen] = useState(false);
  const editField = search.get('edit') ?? undefined;
  const drawerOpen = editOpen || (editField !== undefined && canManage);
  const refresh = async () => {
    await refetch();
    void client.invalidateQueries({ queryKey: ['project-leaders'] });
  };
  const { move, dialogs } = useStageMove(() => void refresh());

  if (isLoading) return <PageLoading />;
  if (error || !project) {
    const status = error instanceof ApiError && error.status === 403 ? '403' : '404';
    return (
      <Result
        status={status}
        title={t('projects.notFound')}
        extra={<Button onClick={() => navigate('/projects')}>{t('detail.back')}</Button>}
      />
    );
  }

  const openEdit = (field?: string) => {
    if (field) setSearch({ edit: field }, { replace: true });
    else setEditOpen(true);
  };
  const closeEdit = () => {
    setEditOpen(false);
    if (editField !== undefined) setSearch({}, { replace: true });
  };
  const unknown = t('common.unknown');
  const stepIndex = project.stage === 'terminated' ? PIPELINE.indexOf((project.stageBeforeTermination ?? 'lead') as (typeof PIPELINE)[number]) : PIPELINE.indexOf(project.stage);

  return (
    <PageContainer
      onBack={() => navigate(-1)}
      title={
        <Space>
          <LightDot t={t} project={project} />
          <span data-testid="project-name">{project.name}</span>
          <KeyMark t={t} isKey={project.isKey} />
          <IncompleteTag t={t} missing={project.missingFields} />
        </Space>
      }
      subTitle={<Typography.Text type="secondary" copyable>{project.code}</Typography.Text>}
      tags={[<StageTag key="stage" t={t} stage={project.stage} />]}
      extra={[
        ...(canManage
          ? [
              <Button key="edit" icon={<EditOutlined />} onClick={() => openEdit()}>
                {t('common.edit')}
              </Button>,
              project.nextStage && project.stage !== 'terminated' ? (
                <Button key="advance" type="primary" onClick={() => project.nextStage && void move(project, project.nextStage)}>
                  {t('detail.advance', { stage: stageName(t, project.nextStage) })}
                </Button>
              ) : null,
              project.stage !== 'terminated' ? (
                <Button key="terminate" danger onClick={() => void move(project, 'terminated')}>
                  {t('detail.terminate')}
                </Button>
              ) : null,
            ]
          : []),
        canPublish && project.stage !== 'terminated' ? <PublishProject
            key="publish"
            projectId={project.id}
            openNow={search.get('publish') === '1'}
            onOpenedNow={() =>
              setSearch(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  next.delete('publish');
                  return next;
                },
                { replace: true },
              )
            }
          /> : null,
      ]}
    >
      <Card style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={stepIndex}
          status={project.stage === 'terminated' ? 'error' : project.stage === 'operating' ? 'finish' : 'process'}
          items={PIPELINE.map((s) => ({ title: stageName(t, s) }))}
        />
        {project.stage === 'terminated' && (
          <Alert style={{ marginTop: 16 }} type="error" showIcon message={`${t('projects.terminationReason')}：${project.terminationReason ?? '—'}`} />
        )}
        {project.missingFields.length > 0 && (
          <Alert
            style={{ marginTop: 16 }}
            type="warning"
            showIcon
            data-testid="incomplete-alert"
            message={t('detail.incompleteTitle', { fields: project.missingFields.map((m) => m.label).join('、') })}
            description={
              <Space direction="vertical" size={4}>
                <span>{t('detail.incompleteBody')}</span>
                {canManage && (
                  <Space wrap size={4}>
                    {project.missingFields.map((m) => (
                      <Button key={m.field} size="small" onClick={() => openEdit(m.field)}>
                        {t('detail.fillIn', { field: m.label })}
                      </Button>
                    ))}
                  </Space>
                )}
              </Space>
            }
          />
        )}
        {project.light !== 'green' && (
          <Alert
            style={{ marginTop: 16 }}
            type={project.light === 'red' ? 'error' : 'warning'}
            showIcon
            message={t(`light.${project.light}`)}
            description={project.lightReasons.join('；')}
          />
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title={t('detail.info')} style={{ marginBottom: 16 }}>
            <ProDescriptions<Detail> column={phone ? 1 : 2} dataSource={project} size="small">
              <ProDescriptions.Item label={t('projects.region')}>{project.regionName}</ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.industry')}>{project.industryName ?? '—'}</ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.investor')}>{project.investorName ?? '—'}</ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.investorCreditCode')}>{project.investorCreditCode ?? '—'}</ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.source')}>{sourceName(t, project.source)}</ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.isKey')}>{project.isKey ? t('common.yes') : t('common.no')}</ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.channel')}>{project.channel ? t(`channel.${project.channel}`) : '—'}</ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.chainNode')}>
                <ChainNodeText t={t} project={project} />
              </ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.plannedInvestment')}>{formatYuan(project.plannedInvestmentYuan, unknown)}</ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.signedAmount')}>{formatYuan(project.signedAmountYuan, unknown)}</ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.funds')}>{formatYuan(project.fundsTotalYuan, unknown)}</ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.likelihood')}>{project.likelihood ? t(`likelihood.${project.likelihood}`) : '—'}</ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.expectedLandingDate')}>
                <Space size={8}>
                  {project.expectedLandingDate ?? '—'}
                  <LandingCountdown t={t} project={project} />
                </Space>
              </ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.signedDate')}>{project.signedDate ?? '—'}</ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.agreedStartDate')}>{project.agreedStartDate ?? '—'}</ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.startedDate')}>{project.startedDate ?? '—'}</ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.operatingDate')}>{project.operatingDate ?? '—'}</ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.updatedAt')}>{formatTime(project.updatedAt)}</ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.tags')} span={phone ? 1 : 2}>
                {project.tags.length ? project.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—'}
              </ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.description')} span={phone ? 1 : 2}>
                {project.description ?? '—'}
              </ProDescriptions.Item>
            </ProDescriptions>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card
            data-testid="next-stage-card"
            title={project.nextStage ? t('detail.nextStage', { stage: stageName(t, project.nextStage) }) : t('detail.checklistFinal')}
            style={{ marginBottom: 16 }}
            size="small"
          >
            {project.nextStageChecklist.length === 0 ? (
              <Typography.Text type="success">{project.nextStage ? t('detail.checklistDone') : t('detail.checklistFinal')}</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={project.nextStageChecklist}
                renderItem={(item) => (
                  <List.Item
                    actions={
                      canManage
                        ? [
                            <Link key="fill" to={`?edit=${encodeURIComponent(item.field)}`} replace>
                              {t('kanban.fillIn')}
                            </Link>,
                          ]
                        : []
                    }
                  >
                    <Typography.Text type="warning">{item.message}</Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card title={t('detail.fiveOnes')} size="small" style={{ marginBottom: 16 }}>
            <ProDescriptions column={1} size="small">
              <ProDescriptions.Item label={t('projects.leader')}>{project.leaderName ?? t('detail.noLeader')}</ProDescriptions.Item>
              <ProDescriptions.Item label={t('projects.team')}>
                {project.team.length ? project.team.map((m) => m.displayName).join('、') : t('detail.noTeam')}
              </ProDescriptions.Item>
            </ProDescriptions>
            <Typography.Text strong>{t('projects.plan')}</Typography.Text>
            {project.milestones.length === 0 ? (
              <Typography.Paragraph type="secondary">{t('detail.noPlan')}</Typography.Paragraph>
            ) : (
              <List
                size="small"
                dataSource={project.milestones}
                renderItem={(m) => (
                  <List.Item>
                    <Space>
                      {m.doneOn ? <Tag color="success">{m.doneOn}</Tag> : <Tag>{m.dueDate ?? '—'}</Tag>}
                      <span>{m.title}</span>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card title={t('detail.history')} size="small" style={{ marginBottom: 16 }}>
            <Timeline
              items={[...project.stageHistory].reverse().map((h) => ({
                color: h.toStage === 'terminated' ? 'red' : 'blue',
                children: (
                  <div>
                    <div>
                      {h.fromStage ? `${stageName(t, h.fromStage)} → ` : ''}
                      {stageName(t, h.toStage)}
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(h.changedAt)} · {h.changedByName}
                    </Typography.Text>
                    {h.note && <div style={{ fontSize: 12 }}>{h.note}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <Card>
        <Tabs
          destroyInactiveTabPane
          defaultActiveKey={search.get('tab') ?? (project.stage === 'operating' ? 'aftercare' : 'funds')}
          items={[
            // 回访 (安商稳商): landed projects only
            ...(project.stage === 'operating'
              ? [{ key: 'aftercare', label: t('detail.tabAftercare'), children: <FollowUpsTab projectId={project.id} onChanged={() => void refresh()} /> }]
              : []),
            { key: 'funds', label: t('detail.tabFunds'), children: <FundsTab projectId={project.id} onChanged={() => void refresh()} /> },
            ...(can(me, 'commitments.read') ? [{ key: 'commitments', label: t('detail.tabCommitments'), children: <CommitmentsTab projectId={project.id} /> }] : []),
            { key: 'problems', label: t('detail.tabProblems'), children: <ProblemsTab projectId={project.id} onChanged={() => void refresh()} /> },
            { key: 'service', label: t('detail.tabService'), children: <ServiceItemsTab projectId={project.id} /> },
            { key: 'evidence', label: t('detail.tabEvidence'), children: <EvidenceTab projectId={project.id} /> },
            { key: 'history', label: t('detail.tabHistory'), children: <HistoryTab projectId={project.id} /> },
          ]}
        />
      </Card>
      {canManage && (
        <ProjectForm
          open={drawerOpen}
          onOpenChange={(open) => (open ? setEditOpen(true) : closeEdit())}
          project={project}
          focusField={editField}
          onSaved={() => {
            closeEdit();
            void refresh();
          }}
          onStale={refresh}
        />
      )}
      {dialogs}
    </PageContainer>
  );
}
