import { useRef, type ReactElement } from 'react';
import { Form } from 'antd';
import {
  ModalForm,
  ProFormDatePicker,
  ProFormDependency,
  ProFormDigit,
  ProFormGroup,
  ProFormRadio,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
  ProFormTextArea,
  type ProFormInstance,
} from '@ant-design/pro-components';
import { showSuccess } from '../../api/client';
import { CLAUSE_TYPE_KEYS, commitmentsApi, type Clause, type NewClauseBody } from '../../api/commitments';
import { WAN_PATTERN, wanToYuan, yuanToWan } from '../../components/money';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { unitWan } from '../../i18n/units';
import { ColleagueSelect } from '../projects/ColleagueSelect';
import { fieldDetails } from '../projects/ProjectForm';

interface Values {
  clauseNo?: string;
  type: Clause['type'];
  title: string;
  content?: string;
  amountWan?: string;
  selective?: boolean;
  policyBasis?: string;
  conditions?: string;
  triggerKind: Clause['trigger']['kind'];
  dueDate?: string;
  triggerAmountWan?: string;
  stage?: 'started' | 'operating';
  daysAfter?: number;
  graceWorkingDays?: number;
  responsibleDepartment?: string;
  responsibleUserId?: string | null;
  obligationInvestmentWan?: string;
  obligationOutputWan?: string;
  obligationTaxesWan?: string;
  obligationJobs?: number | null;
  reason?: string;
}

/** Server field → form field, so a refusal shows under the field it names. */
const FIELD_OF: Record<string, keyof Values> = {
  amountYuan: 'amountWan',
  'trigger.dueDate': 'dueDate',
  'trigger.amountYuan': 'triggerAmountWan',
  'trigger.stage': 'stage',
  'trigger.daysAfter': 'daysAfter',
  obligationInvestmentYuan: 'obligationInvestmentWan',
  obligationOutputYuan: 'obligationOutputWan',
  obligationTaxesYuan: 'obligationTaxesWan',
};

const optWan = (v: string | undefined) => (v?.trim() ? wanToYuan(v) : null);
const optText = (v: string | undefined) => v?.trim() || null;

function toInitial(c: Clause | undefined): Partial<Values> {
  if (!c) return { type: 'subsidy', triggerKind: 'date', graceWorkingDays: 10, daysAfter: 0, selective: false };
  return {
    clauseNo: c.clauseNo ?? undefined,
    type: c.type,
    title: c.title,
    content: c.content ?? undefined,
    amountWan: yuanToWan(c.amountYuan) ?? undefined,
    selective: c.selective,
    policyBasis: c.policyBasis ?? undefined,
    conditions: c.conditions ?? undefined,
    triggerKind: c.trigger.kind,
    dueDate: c.trigger.dueDate ?? undefined,
    triggerAmountWan: yuanToWan(c.trigger.amountYuan) ?? undefined,
    stage: c.trigger.stage === 'operating' ? 'operating' : c.trigger.stage === 'started' ? 'started' : undefined,
    daysAfter: c.trigger.daysAfter,
    graceWorkingDays: c.graceWorkingDays,
    obligationInvestmentWan: yuanToWan(c.obligations.investmentYuan.target) ?? undefined,
    obligationOutputWan: yuanToWan(c.obligations.outputYuan.target) ?? undefined,
    obligationTaxesWan: yuanToWan(c.obligations.taxesYuan.target) ?? undefined,
    obligationJobs: c.obligations.jobs.target,
  };
}

function toTerms(v: Values) {
  return {
    clauseNo: optText(v.clauseNo),
    type: v.type,
    title: v.title.trim(),
    content: optText(v.content),
    amountYuan: optWan(v.amountWan),
    selective: v.selective ?? false,
    policyBasis: optText(v.policyBasis),
    conditions: optText(v.conditions),
    trigger: {
      kind: v.triggerKind,
      dueDate: v.triggerKind === 'date' ? (v.dueDate ?? null) : null,
      amountYuan: v.triggerKind === 'fundsReach' ? optWan(v.triggerAmountWan) : null,
      stage: v.triggerKind === 'stageReached' ? (v.stage ?? null) : null,
      daysAfter: v.triggerKind === 'date' ? 0 : (v.daysAfter ?? 0),
    },
    graceWorkingDays: v.graceWorkingDays ?? 10,
    obligationInvestmentYuan: optWan(v.obligationInvestmentWan),
    obligationOutputYuan: optWan(v.obligationOutputWan),
    obligationTaxesYuan: optWan(v.obligationTaxesWan),
    obligationJobs: v.obligationJobs ?? null,
  };
}

interface Props {
  projectId: string;
  /** the clause to change; none: a new clause */
  clause?: Clause;
  trigger: ReactElement;
  onSaved: () => Promise<unknown>;
}

/** 新增/修改承诺条款: terms, trigger, responsible person, the investor's obligations; an agreed clause's change needs a reason. */
export function ClauseDialog({ projectId, clause, trigger, onSaved }: Props) {
  const { t } = useI18n();
  const formRef = useRef<ProFormInstance<Values>>(undefined);
  const wanRule = {
    validator: async (_: unknown, value: string | undefined) => {
      if (value?.trim() && !WAN_PATTERN.test(value.trim())) throw new Error(t('projects.amountInvalid'));
    },
  };
  const wanProps = { suffix: unitWan(), inputMode: 'decimal' as const };
  const agreed = clause?.agreement === 'agreed';
  // on a phone the fields take the dialog's width (a fixed 328 px field overflows a 390 px screen's dialog)
  const phone = usePhone();
  const w = (size: 'xs' | 'sm' | 'md') => (phone ? undefined : size);

  return (
    <ModalForm<Values>
      title={clause ? t('commitments.edit') : t('commitments.add')}
      formRef={formRef}
      width={720}
      initialValues={toInitial(clause)}
      modalProps={{ destroyOnClose: true }}
      trigger={trigger}
      onFinish={async (v) => {
        if (!clause && !v.responsibleUserId) {
          formRef.current?.setFields([{ name: 'responsibleUserId', errors: [t('commitments.responsibleRequired')] }]);
          return false;
        }
        try {
          if (clause) {
            // only what changed: the clause's history names the fields
            const before = toTerms({ ...toInitial(clause), title: clause.title } as Values);
            const changed = Object.fromEntries(Object.entries(toTerms(v)).filter(([k, x]) => JSON.stringify(x) !== JSON.stringify(before[k as keyof typeof before])));
            await commitmentsApi.update(clause.id, { ...changed, reason: optText(v.reason) ?? undefined, version: clause.version });
          } else {
            const body: NewClauseBody = { ...toTerms(v), responsibleDepartment: (v.responsibleDepartment ?? '').trim(), responsibleUserId: v.responsibleUserId ?? '' };
            await commitmentsApi.create(projectId, body);
          }
        } catch (err) {
          const details = fieldDetails(err);
          formRef.current?.setFields(
            details.length
              ? details.map((d) => ({ name: FIELD_OF[d.field] ?? (d.field as keyof Values), errors: [d.message] }))
              : [{ name: 'title', errors: [err instanceof Error ? err.message : String(err)] }],
          );
          return false;
        }
        showSuccess(t('common.success'));
        await onSaved();
        return true;
      }}
    >
      <ProFormGroup>
        <ProFormText name="clauseNo" label={t('commitments.clauseNo')} width={w('xs')} fieldProps={{ maxLength: 40 }} placeholder={t('commitments.clauseNoPlaceholder')} />
        {/* no `rules` on the select: antd would put aria-required on its root, which axe refuses; it starts with a value */}
        <ProFormSelect name="type" label={t('commitments.type')} width={w('sm')} allowClear={false} options={CLAUSE_TYPE_KEYS.map((k) => ({ value: k, label: t(`commitments.type.${k}`) }))} />
        <ProFormText name="title" label={t('commitments.title')} width={w('md')} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 200 }} />
      </ProFormGroup>
      <ProFormTextArea name="content" label={t('commitments.content')} fieldProps={{ maxLength: 4000, autoSize: { minRows: 2, maxRows: 5 } }} />
      <ProFormGroup>
        <ProFormText name="amountWan" label={t('commitments.amountWan')} width={w('sm')} rules={[wanRule]} fieldProps={wanProps} extra={t('commitments.amountHint')} />
        <ProFormSwitch name="selective" label={t('commitments.selective')} tooltip={t('commitments.selectiveHint')} />
        <ProFormText name="policyBasis" label={t('commitments.policyBasis')} width={w('md')} fieldProps={{ maxLength: 500 }} />
      </ProFormGroup>
      <ProFormTextArea name="conditions" label={t('commitments.conditions')} fieldProps={{ maxLength: 4000, autoSize: { minRows: 1, maxRows: 4 } }} />
      <ProFormRadio.Group
        name="triggerKind"
        label={t('commitments.triggerKind')}
        radioType="button"
        options={(['date', 'fundsReach', 'stageReached'] as const).map((k) => ({ value: k, label: t(`commitments.trigger.${k}`) }))}
      />
      <ProFormDependency name={['triggerKind']}>
        {({ triggerKind }: { triggerKind?: Values['triggerKind'] }) => (
          <ProFormGroup>
            {triggerKind === 'date' && <ProFormDatePicker name="dueDate" label={t('commitments.dueDate')} rules={[{ required: true, message: t('commitments.dueDateRequired') }]} />}
            {triggerKind === 'fundsReach' && (
              <ProFormText name="triggerAmountWan" label={t('commitments.triggerAmountWan')} width={w('sm')} rules={[{ required: true, message: t('projects.amountInvalid') }, wanRule]} fieldProps={wanProps} />
            )}
            {triggerKind === 'stageReached' && (
              <ProFormRadio.Group
                name="stage"
                label={t('commitments.triggerStage')}
                options={[
                  { value: 'started', label: t('commitments.stage.started') },
                  { value: 'operating', label: t('commitments.stage.operating') },
                ]}
              />
            )}
            {triggerKind !== 'date' && <ProFormDigit name="daysAfter" label={t('commitments.daysAfter')} width={w('xs')} min={0} max={3660} fieldProps={{ precision: 0 }} />}
            <ProFormDigit name="graceWorkingDays" label={t('commitments.graceWorkingDays')} width={w('xs')} min={0} max={250} fieldProps={{ precision: 0 }} />
          </ProFormGroup>
        )}
      </ProFormDependency>
      {!clause && (
        <ProFormGroup>
          <ProFormText name="responsibleDepartment" label={t('commitments.department')} width={w('sm')} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 100 }} />
          <Form.Item name="responsibleUserId" label={t('commitments.responsible')} style={{ width: phone ? '100%' : 280 }}>
            <ColleagueSelect testId="clause-responsible" placeholder={t('commitments.responsiblePlaceholder')} width="100%" />
          </Form.Item>
        </ProFormGroup>
      )}
      <ProFormGroup title={t('commitments.obligations')}>
        <ProFormText name="obligationInvestmentWan" label={t('commitments.obligation.investment')} width={w('xs')} rules={[wanRule]} fieldProps={wanProps} />
        <ProFormText name="obligationOutputWan" label={t('commitments.obligation.output')} width={w('xs')} rules={[wanRule]} fieldProps={wanProps} />
        <ProFormText name="obligationTaxesWan" label={t('commitments.obligation.taxes')} width={w('xs')} rules={[wanRule]} fieldProps={wanProps} />
        <ProFormDigit name="obligationJobs" label={t('commitments.obligation.jobs')} width={w('xs')} min={0} fieldProps={{ precision: 0 }} />
      </ProFormGroup>
      {agreed && (
        <ProFormTextArea
          name="reason"
          label={t('common.reason')}
          extra={t('commitments.agreedChangeHint')}
          rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}
          fieldProps={{ maxLength: 500 }}
        />
      )}
    </ModalForm>
  );
}
