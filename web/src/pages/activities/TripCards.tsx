/**
 * The parts of an activity page that issue 13 item 1 adds: a trip's plan (submit, approve, return)
 * and report (due day, state, the report with its leads), the targets the activity advanced, and
 * its attachments. Each action shows only with its permission; all usable at 390 px.
 */
import { useState } from 'react';
import dayjs from 'dayjs';
import { Alert, Button, Card, Form, Input, InputNumber, List, Modal, Select, Space, Tag, Typography, Upload } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { can } from '../../access';
import type { Activity } from '../../api/activities';
import { ApiError, showSuccess } from '../../api/client';
import { EVIDENCE_MAX_BYTES, readAsBase64 } from '../../api/evidence';
import { targetsApi } from '../../api/targets';
import { tripsApi } from '../../api/trips';
import { useMe } from '../../auth/session';
import { ReasonModalForm } from '../../components/ReasonModalForm';
import { useI18n, type Translate } from '../../i18n';
import { targetStatusName } from '../targets/labels';

type Plan = NonNullable<Activity['plan']>;
type Report = NonNullable<Activity['report']>;

const PLAN_COLORS: Record<Plan['status'], string | undefined> = { planned: undefined, submitted: 'blue', approved: 'green', returned: 'orange', done: 'green' };
const REPORT_COLORS: Record<Report['state'], string | undefined> = { notDue: undefined, due: 'blue', overdue: 'red', submitted: 'green', submittedLate: 'orange' };

export function ReportStateTag({ t, state }: { t: Translate; state: Report['state'] }) {
  return <Tag color={REPORT_COLORS[state]}>{t(`trips.report.${state}`)}</Tag>;
}

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['activities'] });
    await queryClient.invalidateQueries({ queryKey: ['activities', 'detail', id] });
  };
}

interface LeadRow {
  name?: string;
  investorName?: string;
  plannedWan?: number | null;
}

function ReportModal({ a, open, onClose }: { a: Activity; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const refresh = useRefresh(a.id);
  const [form] = Form.useForm<{ text: string; results?: string; leads?: LeadRow[] }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await tripsApi.submitReport(a.id, {
        text: v.text,
        results: v.results ?? null,
        leads: (v.leads ?? [])
          .filter((l) => l.name?.trim())
          .map((l) => ({ name: l.name ?? '', investorName: l.investorName || null, plannedInvestmentYuan: l.plannedWan ? Math.round(l.plannedWan * 10_000) : null })),
        version: a.version,
      });
      showSuccess(t('trips.reportSaved'));
      await refresh();
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} title={t('trips.submitReport')} onCancel={onClose} onOk={submit} confirmLoading={saving} okText={t('trips.submit')} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" initialValues={{ text: a.report?.text ?? '', results: a.report?.results ?? '', leads: [] }} data-testid="trip-report-form">
        <Form.Item name="text" label={t('trips.reportText')} rules={[{ required: true, whitespace: true, message: t('trips.reportTextRequired') }]}>
          <Input.TextArea rows={5} data-testid="trip-report-text" />
        </Form.Item>
        <Form.Item name="results" label={t('trips.reportResults')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Typography.Text strong>{t('trips.leads')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('trips.leadsHint')}
        </Typography.Paragraph>
        <Form.List name="leads">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start" style={{ display: 'flex', marginBottom: 8 }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('trips.leadNameRequired') }]} style={{ marginBottom: 0 }}>
                    <Input placeholder={t('trips.leadName')} aria-label={t('trips.leadName')} data-testid="trip-lead-name" style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'investorName']} style={{ marginBottom: 0 }}>
                    <Input placeholder={t('trips.leadInvestor')} aria-label={t('trips.leadInvestor')} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'plannedWan']} style={{ marginBottom: 0 }}>
                    <InputNumber min={0} placeholder={t('trips.leadPlannedWan')} aria-label={t('trips.leadPlannedWan')} style={{ width: 150 }} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)} aria-label={t('activities.remove', { name: String(f.name + 1) })}>
                    {t('trips.removeLead')}
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({})} data-testid="trip-add-lead">
                {t('trips.addLead')}
              </Button>
            </>
          )}
        </Form.List>
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}

/** 计划与报告 of a trip. */
export function TripCard({ a }: { a: Activity }) {
  const { t } = useI18n();
  const me = useMe();
  const refresh = useRefresh(a.id);
  const [reporting, setReporting] = useState(false);
  if (a.type !== 'trip' || (!a.plan && !a.report)) return null;
  const manage = can(me, 'activities.manage');
  const approve = can(me, 'activities.approve');
  const plan = a.plan;
  const report = a.report;
  const canReport = manage && (!plan || plan.status === 'approved' || plan.status === 'done') && report && report.state !== 'notDue';
  const act = async (fn: () => Promise<unknown>, done: string) => {
    await fn();
    showSuccess(done);
    await refresh();
  };
  return (
    <Card title={t('trips.title')} size="small" data-testid="trip-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        {plan ? (
          <div>
            <Space wrap>
              <Typography.Text strong>{t('trips.plan')}</Typography.Text>
              <Tag color={PLAN_COLORS[plan.status]} data-testid="trip-plan-status">
                {t(`trips.plan.${plan.status}`)}
              </Tag>
              {plan.decidedByName && (
                <Typography.Text type="secondary">
                  {t('trips.decidedBy', { name: plan.decidedByName, at: plan.decidedAt ? dayjs(plan.decidedAt).format('YYYY-MM-DD') : '' })}
                </Typography.Text>
              )}
            </Space>
            {plan.text && <Typography.Paragraph style={{ margin: '8px 0 0', whiteSpace: 'pre-wrap' }}>{plan.text}</Typography.Paragraph>}
            {plan.status === 'returned' && plan.returnReason && <Alert type="warning" showIcon style={{ marginTop: 8 }} message={t('trips.returnedBecause', { reason: plan.returnReason })} />}
            <Space wrap style={{ marginTop: 8 }}>
              {manage && (plan.status === 'planned' || plan.status === 'returned') && (
                <Button type="primary" data-testid="trip-submit-plan" onClick={() => act(() => tripsApi.submitPlan(a.id, a.version), t('trips.submitted'))}>
                  {t('trips.submitPlan')}
                </Button>
              )}
              {approve && plan.status === 'submitted' && (
                <>
                  <Button type="primary" data-testid="trip-approve" onClick={() => act(() => tripsApi.decidePlan(a.id, { decision: 'approve', version: a.version }), t('trips.approved'))}>
                    {t('trips.approve')}
                  </Button>
                  <ReasonModalForm
                    title={t('trips.return')}
                    trigger={<Button data-testid="trip-return">{t('trips.return')}</Button>}
                    onSubmit={async (v) => act(() => tripsApi.decidePlan(a.id, { decision: 'return', reason: v.reason, version: a.version }), t('trips.returned'))}
                  />
                </>
              )}
            </Space>
          </div>
        ) : (
          <Typography.Text type="secondary">{t('trips.logged')}</Typography.Text>
        )}
        {report && (
          <div data-testid="trip-report">
            <Space wrap>
              <Typography.Text strong>{t('trips.report')}</Typography.Text>
              <ReportStateTag t={t} state={report.state} />
              <Typography.Text type="secondary">{t('trips.dueOn', { date: report.dueOn })}</Typography.Text>
            </Space>
            {report.text && <Typography.Paragraph style={{ margin: '8px 0 0', whiteSpace: 'pre-wrap' }}>{report.text}</Typography.Paragraph>}
            {report.results && <Typography.Paragraph type="secondary">{t('trips.resultsAre', { results: report.results })}</Typography.Paragraph>}
            {report.leads.length > 0 && (
              <List
                size="small"
                header={<Typography.Text strong>{t('trips.leads')}</Typography.Text>}
                dataSource={report.leads}
                data-testid="trip-leads"
                renderItem={(l) => (
                  <List.Item>
                    <Link to={`/projects/${encodeURIComponent(l.projectId)}`}>
                      {l.code} {l.name}
                    </Link>
                  </List.Item>
                )}
              />
            )}
            {canReport && (
              <Button style={{ marginTop: 8 }} type={report.text ? 'default' : 'primary'} data-testid="trip-open-report" onClick={() => setReporting(true)}>
                {report.text ? t('trips.editReport') : t('trips.submitReport')}
              </Button>
            )}
          </div>
        )}
      </Space>
      {reporting && <ReportModal a={a} open={reporting} onClose={() => setReporting(false)} />}
    </Card>
  );
}

/** 推进的招商目标: the targets linked, and (with the permission) linking one, optionally moving its status. */
export function ActivityTargetsCard({ a }: { a: Activity }) {
  const { t } = useI18n();
  const me = useMe();
  const refresh = useRefresh(a.id);
  const manage = can(me, 'activities.manage');
  const [targetId, setTargetId] = useState<string | undefined>();
  const [status, setStatus] = useState<'contacted' | 'visited' | 'negotiating' | undefined>();
  const options = useQuery({ queryKey: ['targets', 'for-activity'], queryFn: () => targetsApi.list({ pageSize: 200 }), enabled: manage && can(me, 'targeting.read') });
  const linked = new Set(a.targets.map((x) => x.targetId));
  const add = async () => {
    if (!targetId) return;
    await tripsApi.addTarget(a.id, { targetId, status: status ?? null });
    setTargetId(undefined);
    setStatus(undefined);
    await refresh();
  };
  return (
    <Card title={t('trips.targets')} size="small">
      <List
        data-testid="activity-targets"
        dataSource={a.targets}
        locale={{ emptyText: <Typography.Text type="secondary">{t('trips.noTargets')}</Typography.Text> }}
        renderItem={(x) => (
          <List.Item
            actions={
              manage
                ? [
                    <Button key="rm" size="small" type="link" aria-label={t('activities.remove', { name: x.enterpriseName })} onClick={async () => { await tripsApi.removeTarget(a.id, x.targetId); await refresh(); }}>
                      {t('trips.unlink')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space wrap>
              <span>{x.enterpriseName}</span>
              <Typography.Text type="secondary">{x.nodeName ?? x.nodeCode}</Typography.Text>
              <Tag>{targetStatusName(t, x.status)}</Tag>
              {x.statusSet && <Typography.Text type="secondary">{t('trips.movedTo', { status: targetStatusName(t, x.statusSet) })}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      {manage && options.data && (
        <Space wrap style={{ marginTop: 8 }}>
          <Select
            showSearch
            allowClear
            style={{ width: 260, maxWidth: '80vw' }}
            placeholder={t('trips.pickTarget')}
            aria-label={t('trips.pickTarget')}
            data-testid="activity-target-select"
            value={targetId}
            onChange={setTargetId}
            optionFilterProp="label"
            options={options.data.items.filter((x) => !linked.has(x.id) && x.status !== 'dropped' && x.status !== 'signed').map((x) => ({ value: x.id, label: `${x.enterpriseName} · ${x.nodeName ?? x.nodeCode}` }))}
          />
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('trips.moveTo')}
            aria-label={t('trips.moveTo')}
            value={status}
            onChange={setStatus}
            options={(['contacted', 'visited', 'negotiating'] as const).map((s) => ({ value: s, label: targetStatusName(t, s) }))}
          />
          <Button disabled={!targetId} onClick={add} data-testid="activity-target-add">
            {t('activities.add')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

/** 附件: photos and reports of the activity. */
export function ActivityFilesCard({ a }: { a: Activity }) {
  const { t } = useI18n();
  const me = useMe();
  const refresh = useRefresh(a.id);
  const manage = can(me, 'activities.manage');
  const [kind, setKind] = useState<'photo' | 'report' | 'other'>('photo');
  const [error, setError] = useState<string | null>(null);
  return (
    <Card title={t('trips.files')} size="small">
      <List
        data-testid="activity-files"
        dataSource={a.files}
        locale={{ emptyText: <Typography.Text type="secondary">{t('trips.noFiles')}</Typography.Text> }}
        renderItem={(f) => (
          <List.Item
            actions={
              manage
                ? [
                    <ReasonModalForm
                      key="rm"
                      title={t('trips.deleteFile')}
                      danger
                      trigger={
                        <Button size="small" type="link" danger aria-label={t('activities.remove', { name: f.fileName })}>
                          {t('trips.deleteFile')}
                        </Button>
                      }
                      onSubmit={async (v) => {
                        await tripsApi.removeFile(f.id, v.reason);
                        await refresh();
                      }}
                    />,
                  ]
                : []
            }
          >
            <Space wrap>
              <Tag>{t(`trips.fileKind.${f.kind}`)}</Tag>
              <a href={tripsApi.fileUrl(f.id)}>{f.fileName}</a>
              <Typography.Text type="secondary">
                {Math.max(1, Math.round(f.sizeBytes / 1024))} KB · {f.uploadedByName ?? '—'} · {dayjs(f.uploadedAt).format('YYYY-MM-DD')}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {manage && (
        <Space wrap style={{ marginTop: 8 }}>
          <Select
            value={kind}
            onChange={setKind}
            aria-label={t('trips.fileKind')}
            style={{ width: 110 }}
            options={(['photo', 'report', 'other'] as const).map((k) => ({ value: k, label: t(`trips.fileKind.${k}`) }))}
          />
          <Upload
            showUploadList={false}
            accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.ofd"
            beforeUpload={async (file) => {
              setError(null);
              if (file.size > EVIDENCE_MAX_BYTES) {
                setError(t('trips.fileTooLarge'));
                return false;
              }
              try {
                await tripsApi.uploadFile(a.id, { kind, fileName: file.name, contentBase64: await readAsBase64(file) });
                await refresh();
              } catch (e) {
                setError(e instanceof ApiError ? e.message : String(e));
              }
              return false;
            }}
          >
            <Button data-testid="activity-file-upload">{t('trips.uploadFile')}</Button>
          </Upload>
          {error && <Typography.Text type="danger">{error}</Typography.Text>}
        </Space>
      )}
    </Card>
  );
}
