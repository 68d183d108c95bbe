import { useRef } from 'react';
import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  ModalForm,
  ProFormCheckbox,
  ProFormDatePicker,
  ProFormGroup,
  ProFormList,
  ProFormText,
  ProFormTextArea,
  type ProFormInstance,
} from '@ant-design/pro-components';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { aftercareApi, RED_FLAG_KEYS, type FollowUp, type RedFlagKey } from '../../api/aftercare';
import { showSuccess } from '../../api/client';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { useI18n, type Translate } from '../../i18n';
import { fieldDetails } from '../projects/ProjectForm';
import { flagName } from './labels';
import { SignalTags } from './SignalTags';

interface RecordValues {
  doneOn: string;
  visitorName: string;
  findings: string;
  redFlags?: RedFlagKey[];
  notes?: string;
  problems?: { description: string; ownerName: string; dueDate: string }[];
}

const isFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

function planLabel(t: Translate, v: FollowUp): string {
  return v.scheduleMonth ? t('aftercare.planMonth', { n: v.scheduleMonth }) : t('aftercare.extraVisit');
}

function VisitStatus({ t, v }: { t: Translate; v: FollowUp }) {
  if (v.doneOn) return <Tag color="#237804">{t('aftercare.doneOn', { date: v.doneOn })}</Tag>;
  if (v.overdue) return <Tag color="#a8071a">{t('aftercare.visitOverdue')}</Tag>;
  return <Tag color="#0958d9">{t('aftercare.visitPending')}</Tag>;
}

/** The form recording a visit: date, visitor, findings, red flags, notes, and problems that join the problem list. */
function RecordVisit({ visit, onSaved }: { visit: FollowUp; onSaved: () => Promise<void> }) {
  const { t } = useI18n();
  const formRef = useRef<ProFormInstance<RecordValues>>(undefined);
  return (
    <ModalForm<RecordValues>
      title={t('aftercare.recordTitle', { plan: planLabel(t, visit) })}
      formRef={formRef}
      width={640}
      modalProps={{ destroyOnClose: true }}
      initialValues={{
        doneOn: visit.doneOn ?? dayjs().format('YYYY-MM-DD'),
        visitorName: visit.visitorName ?? '',
        findings: visit.findings ?? '',
        redFlags: visit.redFlags,
        notes: visit.notes ?? '',
        problems: [],
      }}
      trigger={
        <Button type={visit.doneOn ? 'link' : 'primary'} size="small" data-testid="follow-up-record">
          {visit.doneOn ? t('aftercare.correct') : t('aftercare.record')}
        </Button>
      }
      onFinish={async (values) => {
        try {
          await aftercareApi.record(visit.id, {
            doneOn: values.doneOn,
            visitorName: values.visitorName.trim(),
            findings: values.findings.trim(),
            redFlags: values.redFlags ?? [],
            notes: values.notes?.trim() || null,
            problems: (values.problems ?? []).map((p) => ({ description: p.description.trim(), ownerName: p.ownerName.trim(), dueDate: p.dueDate })),
            version: visit.version,
          });
        } catch (err) {
          const details = fieldDetails(err);
          const known = ['doneOn', 'visitorName', 'findings', 'redFlags', 'notes'];
          formRef.current?.setFields(
            details.some((d) => known.includes(d.field))
              ? details.filter((d) => known.includes(d.field)).map((d) => ({ name: d.field as keyof RecordValues, errors: [d.message] }))
              : [{ name: 'findings', errors: [err instanceof Error ? err.message : String(err)] }],
          );
          return false;
        }
        showSuccess(t('common.success'));
        await onSaved();
        return true;
      }}
    >
      <ProFormGroup>
        <ProFormDatePicker name="doneOn" label={t('aftercare.visitDate')} rules={[{ required: true }]} fieldProps={{ disabledDate: isFuture, 'data-testid': 'follow-up-date' } as object} />
        <ProFormText name="visitorName" label={t('aftercare.visitor')} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 60, 'data-testid': 'follow-up-visitor' } as object} />
      </ProFormGroup>
      <ProFormTextArea name="findings" label={t('aftercare.findings')} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 4000, 'data-testid': 'follow-up-findings' } as object} />
      <ProFormCheckbox.Group name="redFlags" label={t('aftercare.redFlags')} options={RED_FLAG_KEYS.map((k) => ({ value: k, label: flagName(t, k) }))} />
      <ProFormTextArea name="notes" label={t('aftercare.notes')} fieldProps={{ maxLength: 4000, rows: 2 }} />
      <ProFormList
        name="problems"
        label={t('aftercare.problems')}
        tooltip={t('aftercare.problemsHint')}
        creatorButtonProps={{ creatorButtonText: t('aftercare.addProblem'), ...({ 'data-testid': 'follow-up-add-problem' } as Record<string, string>) }}
        creatorRecord={{ description: '', ownerName: '' }}
      >
        <ProFormGroup>
          <ProFormText name="description" label={t('problems.description')} width="md" rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 2000, 'data-testid': 'follow-up-problem-description' } as object} />
          <ProFormText name="ownerName" label={t('problems.owner')} width="sm" rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 60, 'data-testid': 'follow-up-problem-owner' } as object} />
          <ProFormDatePicker name="dueDate" label={t('problems.dueDate')} width="sm" rules={[{ required: true }]} fieldProps={{ 'data-testid': 'follow-up-problem-due' } as object} />
        </ProFormGroup>
      </ProFormList>
    </ModalForm>
  );
}

/** 回访 of an operating project: the investor's signals, the visits (plan and record) and the problems raised at each. */
export function FollowUpsTab({ projectId, onChanged }: { projectId: string; onChanged: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const canManage = can(me, 'projects.manage');
  const { data, refetch, isLoading } = useQuery({ queryKey: ['follow-ups', projectId], queryFn: () => aftercareApi.followUps(projectId) });
  const saved = async () => {
    await refetch();
    onChanged();
  };
  const items = data?.items ?? [];

  return (
    <div data-testid="follow-ups-tab">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {data && (
          <Card size="small" title={t('aftercare.signals')} data-testid="follow-up-signals">
            <SignalTags signals={data.signals} showReasons />
          </Card>
        )}
        {canManage && (
          <ModalForm<{ dueDate: string }>
            title={t('aftercare.addVisit')}
            width={420}
            modalProps={{ destroyOnClose: true }}
            trigger={
              <Button icon={<PlusOutlined />} data-testid="follow-up-add">
                {t('aftercare.addVisit')}
              </Button>
            }
            onFinish={async (v) => {
              await aftercareApi.addFollowUp(projectId, { dueDate: v.dueDate });
              showSuccess(t('common.success'));
              await saved();
              return true;
            }}
          >
            <ProFormDatePicker name="dueDate" label={t('aftercare.dueDate')} rules={[{ required: true }]} />
          </ModalForm>
        )}
        <List<FollowUp>
          loading={isLoading}
          dataSource={items}
          rowKey="id"
          split={false}
          locale={{ emptyText: <Empty description={t('aftercare.noVisits')} /> }}
          renderItem={(v) => (
            <List.Item style={{ padding: '0 0 12px' }}>
              <Card size="small" style={{ width: '100%' }} data-testid="follow-up-card">
                <Space direction="vertical" size={4} style={{ width: '100%' }}>
                  <Space size={6} wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                    <Space size={6} wrap>
                      <Typography.Text strong>{planLabel(t, v)}</Typography.Text>
                      <Typography.Text type="secondary">{t('aftercare.dueOn', { date: v.dueDate })}</Typography.Text>
                      <VisitStatus t={t} v={v} />
                    </Space>
                    {canManage && <RecordVisit visit={v} onSaved={saved} />}
                  </Space>
                  {v.doneOn && (
                    <>
                      <Typography.Text type="secondary">{t('aftercare.visitorIs', { name: v.visitorName ?? '—' })}</Typography.Text>
                      <Typography.Paragraph style={{ marginBottom: 0 }}>{v.findings}</Typography.Paragraph>
                      {v.redFlags.length > 0 && (
                        <Space size={4} wrap>
                          {v.redFlags.map((f) => (
                            <Tag key={f} color={f === 'expansion' ? '#0958d9' : '#ad4e00'}>
                              {flagName(t, f)}
                            </Tag>
                          ))}
                        </Space>
                      )}
                      {v.notes && <Typography.Text type="secondary">{v.notes}</Typography.Text>}
                    </>
                  )}
                  {v.problems.length > 0 && (
                    <div data-testid="follow-up-problems">
                      <Typography.Text strong>{t('aftercare.problemsRaised', { n: v.problems.length })}</Typography.Text>
                      {v.problems.map((p) => (
                        <div key={p.id}>
                          · {p.description}（{p.ownerName}，{p.dueDate}）{p.status === 'resolved' ? <Tag color="#237804">{t('problems.resolved')}</Tag> : p.overdue ? <Tag color="#a8071a">{t('problems.overdue')}</Tag> : null}
                        </div>
                      ))}
                    </div>
                  )}
                </Space>
              </Card>
            </List.Item>
          )}
        />
      </Space>
    </div>
  );
}
