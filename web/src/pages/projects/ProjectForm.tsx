import { useEffect, useMemo, useRef, useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, App } from 'antd';
import {
  DrawerForm,
  ProForm,
  ProFormDatePicker,
  ProFormDependency,
  ProFormGroup,
  ProFormList,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
  ProFormTextArea,
  type ProFormInstance,
} from '@ant-design/pro-components';
import { ApiError, showError, showSuccess } from '../../api/client';
import { PartnerSelect } from '../partners/PartnerSelect';
import {
  CHANNELS,
  PIPELINE,
  STAGES,
  projectsApi,
  type Channel,
  type Likelihood,
  type Project,
  type ProjectDetail,
  type ProjectFields,
  type Source,
  type Stage,
} from '../../api/projects';
import { useMe } from '../../auth/session';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { WAN_PATTERN, wanToYuan, yuanToWan } from '../../components/money';
import { useI18n } from '../../i18n';
import { ColleagueSelect } from './ColleagueSelect';
import { stageName } from './labels';
import { unitWan, withWanUnit } from '../../i18n/units';
import { IndustryTreeSelect } from '../../components/IndustryTreeSelect';
import { InvestorAutoComplete } from './InvestorAutoComplete';
import { ChainNodeSelect } from './ChainNodeSelect';

export interface FormValues {
  name: string;
  regionCode: string;
  stage?: Stage;
  investorName?: string;
  investorCreditCode?: string;
  source?: Source;
  industryCode?: string;
  plannedInvestmentWan?: string;
  signedAmountWan?: string;
  signedDate?: string;
  agreedStartDate?: string;
  startedDate?: string;
  operatingDate?: string;
  likelihood?: Likelihood;
  expectedLandingDate?: string;
  description?: string;
  tags?: string[];
  isKey?: boolean;
  channel?: Channel;
  chainNode?: string | null;
  milestones?: { title: string; dueDate?: string; doneOn?: string }[];
  leaderId?: string | null;
  teamMemberIds?: string[];
  broughtByPartnerId?: string | null;
}

/** Server field → form field (amounts are edited in 万元 under their own names). */
const FIELD_MAP: Record<string, keyof FormValues> = {
  plannedInvestmentYuan: 'plannedInvestmentWan',
  signedAmountYuan: 'signedAmountWan',
};

const FORM_FIELDS: readonly (keyof FormValues)[] = [
  'name', 'regionCode', 'stage', 'investorName', 'investorCreditCode', 'source', 'industryCode',
  'plannedInvestmentWan', 'signedAmountWan', 'signedDate', 'agreedStartDate', 'startedDate', 'operatingDate',
  'likelihood', 'expectedLandingDate', 'description', 'tags', 'isKey', 'channel', 'chainNode', 'milestones', 'leaderId', 'teamMemberIds', 'broughtByPartnerId',
];

/** The form field showing a server field, or null when the form has none. */
export function formFieldOf(serverField: string): keyof FormValues | null {
  const name = FIELD_MAP[serverField] ?? serverField;
  return (FORM_FIELDS as readonly string[]).includes(name) ? (name as keyof FormValues) : null;
}

function isFieldDetail(value: unknown): value is { field: string; message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { field?: unknown }).field === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

export function fieldDetails(err: unknown): { field: string; message: string }[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return err.details.filter(isFieldDetail);
}

/** The server refuses signing, start and operating dates after today (domain/project-stages.ts, shared with imports): so does the picker. */
const isFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

const blank = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null);

function toFields(values: FormValues): ProjectFields {
  return {
    name: values.name.trim(),
    regionCode: values.regionCode,
    investorName: blank(values.investorName),
    investorCreditCode: blank(values.investorCreditCode)?.toUpperCase() ?? null,
    source: values.source ?? null,
    industryCode: values.industryCode ?? null,
    plannedInvestmentYuan: wanToYuan(values.plannedInvestmentWan),
    signedAmountYuan: wanToYuan(values.signedAmountWan),
    signedDate: values.signedDate ?? null,
    agreedStartDate: values.agreedStartDate ?? null,
    startedDate: values.startedDate ?? null,
    operatingDate: values.operatingDate ?? null,
    likelihood: values.likelihood ?? null,
    expectedLandingDate: values.expectedLandingDate ?? null,
    description: blank(values.description),
    leaderId: values.leaderId ?? null,
    teamMemberIds: values.teamMemberIds ?? [],
    broughtByPartnerId: values.broughtByPartnerId ?? null,
    milestones: (values.milestones ?? [])
      .filter((m) => m.title?.trim())
      .map((m) => ({ title: m.title.trim(), dueDate: m.dueDate ?? null, doneOn: m.doneOn ?? null })),
    tags: values.tags ?? [],
    isKey: values.isKey ?? false,
    channel: values.channel ?? null,
    chainNode: values.chainNode ?? null,
  };
}

function toValues(p: ProjectDetail): FormValues {
  const opt = (v: string | null) => v ?? undefined;
  return {
    name: p.name,
    regionCode: p.regionCode,
    investorName: opt(p.investorName),
    investorCreditCode: opt(p.investorCreditCode),
    source: p.source ?? undefined,
    industryCode: opt(p.industryCode),
    plannedInvestmentWan: yuanToWan(p.plannedInvestmentYuan) ?? undefined,
    signedAmountWan: yuanToWan(p.signedAmountYuan) ?? undefined,
    signedDate: opt(p.signedDate),
    agreedStartDate: opt(p.agreedStartDate),
    startedDate: opt(p.startedDate),
    operatingDate: opt(p.operatingDate),
    likelihood: p.likelihood ?? undefined,
    expectedLandingDate: opt(p.expectedLandingDate),
    description: opt(p.description),
    tags: p.tags,
    isKey: p.isKey,
    channel: p.channel ?? undefined,
    chainNode: p.chainNode,
    milestones: p.milestones.map((m) => ({ title: m.title, dueDate: opt(m.dueDate), doneOn: opt(m.doneOn) })),
    leaderId: p.leaderId,
    teamMemberIds: p.team.map((m) => m.userId),
    broughtByPartnerId: p.broughtByPartnerId,
  };
}

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Edit this project; without it the drawer creates one. */
  project?: ProjectDetail;
  /** A server field name to scroll to and focus when the drawer opens (from a checklist link). */
  focusField?: string;
  onSaved: (project: Project) => void;
  /** Reload the project after a version conflict. */
  onStale?: () => Promise<void>;
}

/** Create or edit a project; server validation details land next to their fields. */
export function ProjectForm({ open, onOpenChange, project, focusField, onSaved, onStale }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const { modal } = App.useApp();
  const formRef = useRef<ProFormInstance<FormValues>>(undefined);
  const [formError, setFormError] = useState<string | null>(null);

  const amountRule = {
    validator: async (_: unknown, value: string | undefined) => {
      if (value && !WAN_PATTERN.test(value.trim())) throw new Error(t('projects.amountInvalid'));
    },
  };

  const initialValues = useMemo<Partial<FormValues>>(
    () => (project ? toValues(project) : { regionCode: me.regionCode, stage: 'lead', isKey: false }),
    [project, me.regionCode],
  );

  useEffect(() => {
    if (!open) return;
    setFormError(null);
    const name = focusField ? formFieldOf(focusField) : null;
    if (!focusField || !name) return;
    // the drawer mounts its form on open: wait for the fields
    const timer = setTimeout(() => {
      formRef.current?.scrollToField(name, { block: 'center' });
      formRef.current?.getFieldInstance(name)?.focus?.();
      const messages = project?.nextStageChecklist.filter((c) => c.field === focusField).map((c) => c.message) ?? [];
      if (messages.length) formRef.current?.setFields([{ name, errors: messages }]);
    }, 400);
    return () => clearTimeout(timer);
  }, [open, project, focusField]);

  const stageOf = (values: { stage?: Stage }): Stage => project?.stage ?? values.stage ?? 'lead';

  return (
    <DrawerForm<FormValues>
      title={project ? t('projects.editTitle', { name: project.name }) : t('projects.createTitle')}
      open={open}
      onOpenChange={onOpenChange}
      formRef={formRef}
      width={720}
      layout="vertical"
      initialValues={initialValues}
      drawerProps={{ destroyOnClose: true, maskClosable: false }}
      onFinish={async (values) => {
        setFormError(null);
        const fields = toFields(values);
        try {
          const saved = project
            ? await projectsApi.update(project.id, { ...fields, version: project.version })
            : await projectsApi.create({ ...fields, stage: values.stage });
          showSuccess(project ? t('projects.saved') : t('projects.created'));
          onSaved(saved);
          return true;
        } catch (err) {
          if (err instanceof ApiError && err.status === 409 && project) {
            modal.confirm({
              title: t('common.staleTitle'),
              content: err.message || t('common.staleBody'),
              okText: t('common.reload'),
              cancelText: t('common.cancel'),
              onOk: async () => {
                await onStale?.();
              },
            });
            return false;
          }
          const details = fieldDetails(err);
          if (details.length) {
            const byField = new Map<keyof FormValues, string[]>();
            const rest: string[] = [];
            for (const d of details) {
              const name = formFieldOf(d.field);
              if (name) byField.set(name, [...(byField.get(name) ?? []), d.message]);
              else rest.push(d.message);
            }
            formRef.current?.setFields([...byField].map(([name, errors]) => ({ name, errors })));
            const first = [...byField.keys()][0];
            if (first) formRef.current?.scrollToField(first, { block: 'center' });
            setFormError(rest.length ? rest.join('；') : err instanceof Error ? err.message : null);
          } else if (err instanceof Error) {
            setFormError(err.message);
            showError(err);
          }
          return false;
        }
      }}
    >
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} data-testid="project-form-error" />}
      <ProFormText name="name" label={t('projects.name')} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 200 }} />
      <ProFormGroup>
        <ProForm.Item name="regionCode" label={t('projects.region')} rules={[{ required: true }]} style={{ width: 320 }}>
          <RegionTreeSelect allowClear={false} />
        </ProForm.Item>
        {project ? null : (
          <ProFormSelect
            name="stage"
            label={t('projects.initialStage')}
            tooltip={t('projects.initialStageHint')}
            width="sm"
            allowClear={false}
            options={STAGES.filter((s) => s !== 'terminated').map((s) => ({ value: s, label: stageName(t, s) }))}
          />
        )}
        <ProFormSwitch name="isKey" label={t('projects.isKey')} />
      </ProFormGroup>
      <ProFormGroup>
        <ProForm.Item name="investorName" label={t('projects.investor')} style={{ width: 328, maxWidth: '100%' }}>
          <InvestorAutoComplete
            onPick={(e) => formRef.current?.setFieldsValue({ investorCreditCode: e?.creditCode ?? undefined })}
          />
        </ProForm.Item>
        <ProFormText
          name="investorCreditCode"
          label={t('projects.investorCreditCode')}
          width="md"
          fieldProps={{ maxLength: 18 }}
          rules={[{ pattern: /^[0-9A-Za-z]{18}$/, message: t('projects.creditCodeInvalid') }]}
        />
      </ProFormGroup>
      <ProFormGroup>
        <ProFormSelect
          name="source"
          label={t('projects.source')}
          width="sm"
          options={(['local', 'outOfRegion', 'foreign'] as const).map((s) => ({ value: s, label: t(`source.${s}`) }))}
        />
        <ProFormSelect
          name="channel"
          label={t('projects.channel')}
          width="sm"
          options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
        <ProForm.Item name="industryCode" label={t('projects.industry')} style={{ width: 360, maxWidth: '100%' }}>
          <IndustryTreeSelect testId="industry-picker" />
        </ProForm.Item>
      </ProFormGroup>
      <ProFormDependency name={['regionCode']}>
        {({ regionCode }: { regionCode?: string }) => (
          <ProForm.Item name="chainNode" label={t('projects.chainNode')} extra={t('projects.chainNodeHint')} style={{ width: 440, maxWidth: '100%' }}>
            <ChainNodeSelect
              regionCode={regionCode}
              testId="chain-node-picker"
              known={project?.chainNode ? { code: project.chainNode, name: project.chainNodeName, chainName: project.chainName, current: project.chainNodeCurrent !== false } : null}
            />
          </ProForm.Item>
        )}
      </ProFormDependency>
      <ProFormGroup>
        <ProFormText
          name="plannedInvestmentWan"
          label={withWanUnit(t('projects.plannedInvestment'))}
          width="sm"
          rules={[amountRule]}
          fieldProps={{ suffix: unitWan(), inputMode: 'decimal' }}
          extra={t('projects.amountUnknownHint')}
        />
        <ProFormText
          name="signedAmountWan"
          label={withWanUnit(t('projects.signedAmount'))}
          width="sm"
          rules={[amountRule]}
          fieldProps={{ suffix: unitWan(), inputMode: 'decimal' }}
          extra={t('projects.amountHint')}
        />
      </ProFormGroup>
      <ProFormDependency name={['stage']}>
        {(values: { stage?: Stage }) => {
          const stage = stageOf(values);
          const showNegotiation = stage === 'lead' || stage === 'negotiating';
          return showNegotiation ? (
            <ProFormGroup>
              <ProFormSelect
                name="likelihood"
                label={t('projects.likelihood')}
                width="sm"
                options={(['high', 'medium', 'low'] as const).map((l) => ({ value: l, label: t(`likelihood.${l}`) }))}
              />
              <ProFormDatePicker name="expectedLandingDate" label={t('projects.expectedLandingDate')} width="sm" />
            </ProFormGroup>
          ) : null;
        }}
      </ProFormDependency>
      <ProFormGroup>
        <ProFormDatePicker name="signedDate" label={t('projects.signedDate')} width="sm" fieldProps={{ disabledDate: isFuture }} />
        <ProFormDatePicker name="agreedStartDate" label={t('projects.agreedStartDate')} width="sm" />
      </ProFormGroup>
      <ProFormDependency name={['stage']}>
        {(values: { stage?: Stage }) => {
          const index = PIPELINE.indexOf(stageOf(values));
          return index >= 2 || project?.stage === 'terminated' ? (
            <ProFormGroup>
              <ProFormDatePicker name="startedDate" label={t('projects.startedDate')} width="sm" fieldProps={{ disabledDate: isFuture }} />
              <ProFormDatePicker name="operatingDate" label={t('projects.operatingDate')} width="sm" fieldProps={{ disabledDate: isFuture }} />
            </ProFormGroup>
          ) : null;
        }}
      </ProFormDependency>
      <ProFormSelect name="tags" label={t('projects.tags')} mode="tags" fieldProps={{ maxCount: 30, tokenSeparators: [',', '，', '、'] }} />
      <ProFormTextArea name="description" label={t('projects.description')} fieldProps={{ maxLength: 5000, autoSize: { minRows: 2, maxRows: 6 } }} />
      <ProFormGroup>
        <ProForm.Item name="leaderId" label={t('projects.leader')} style={{ width: 320 }}>
          <ColleagueSelect
            role="leader"
            testId="leader-picker"
            placeholder={t('projects.leaderPlaceholder')}
            known={project?.leaderId && project.leaderName ? [{ value: project.leaderId, label: project.leaderName }] : []}
          />
        </ProForm.Item>
        <ProForm.Item name="broughtByPartnerId" label={t('projects.broughtBy')} style={{ width: 320 }}>
          <PartnerSelect testId="partner-picker" known={project?.broughtByPartnerId && project.broughtByPartnerName ? { value: project.broughtByPartnerId, label: project.broughtByPartnerName } : null} />
        </ProForm.Item>
        <ProForm.Item name="teamMemberIds" label={t('projects.team')} style={{ width: 320 }}>
          <ColleagueSelect
            multiple
            testId="team-picker"
            placeholder={t('projects.teamPlaceholder')}
            known={project?.team.map((m) => ({ value: m.userId, label: m.displayName })) ?? []}
          />
        </ProForm.Item>
      </ProFormGroup>
      <ProFormList
        name="milestones"
        label={t('projects.plan')}
        creatorButtonProps={{ creatorButtonText: t('projects.addMilestone') }}
        creatorRecord={{ title: '' }}
      >
        <ProFormGroup>
          <ProFormText name="title" label={t('projects.milestoneTitle')} width="md" rules={[{ required: true, whitespace: true }]} />
          <ProFormDatePicker name="dueDate" label={t('projects.milestoneDue')} width="xs" />
          <ProFormDatePicker name="doneOn" label={t('projects.milestoneDone')} width="xs" />
        </ProFormGroup>
      </ProFormList>
    </DrawerForm>
  );
}
