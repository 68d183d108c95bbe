import { useMemo, useRef, useState } from 'react';
import { Alert, App } from 'antd';
import {
  DrawerForm,
  ProForm,
  ProFormDatePicker,
  ProFormDigit,
  ProFormGroup,
  ProFormSelect,
  ProFormText,
  ProFormTextArea,
  type ProFormInstance,
} from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { ApiError, showError, showSuccess } from '../../api/client';
import {
  ENTERPRISE_STATUSES,
  ENTERPRISE_STATUS_LABELS,
  REVENUE_BANDS,
  REVENUE_BAND_LABELS,
  enterprisesApi,
  type Enterprise,
  type EnterpriseDetail,
  type EnterpriseProfileFields,
  type EnterpriseStatus,
  type RevenueBand,
} from '../../api/enterprises';
import { WAN_PATTERN, wanToYuan, yuanToWan } from '../../components/money';
import { useI18n } from '../../i18n';
import { fieldDetails } from '../projects/ProjectForm';
import { unitWan, withWanUnit } from '../../i18n/units';
import { IndustryTreeSelect } from '../../components/IndustryTreeSelect';

interface FormValues {
  creditCode?: string;
  name: string;
  formerNames?: string[];
  status?: EnterpriseStatus;
  regionCode?: string;
  industryCode?: string;
  registeredCapitalWan?: string;
  establishedOn?: string;
  ticker?: string;
  parentGroup?: string;
  website?: string;
  employees?: number | null;
  revenueBand?: RevenueBand;
  tags?: string[];
  mainProducts?: string;
  businessScope?: string;
}

type ProfileKey = keyof EnterpriseProfileFields;

/** Server field → form field (the capital is edited in 万元 under its own name). */
const FORM_FIELD: Partial<Record<string, keyof FormValues>> = { registeredCapitalYuan: 'registeredCapitalWan' };
const FORM_FIELDS: readonly (keyof FormValues)[] = [
  'creditCode', 'name', 'formerNames', 'status', 'regionCode', 'industryCode', 'registeredCapitalWan', 'establishedOn',
  'ticker', 'parentGroup', 'website', 'employees', 'revenueBand', 'tags', 'mainProducts', 'businessScope',
];

function formFieldOf(serverField: string): keyof FormValues | null {
  const name = FORM_FIELD[serverField] ?? serverField;
  return (FORM_FIELDS as readonly string[]).includes(name) ? (name as keyof FormValues) : null;
}

const blank = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null);

function toValues(e: Enterprise): FormValues {
  const opt = (v: string | null) => v ?? undefined;
  return {
    name: e.name,
    formerNames: e.formerNames,
    status: (e.status as EnterpriseStatus | null) ?? undefined,
    regionCode: opt(e.regionCode),
    industryCode: opt(e.industryCode),
    registeredCapitalWan: yuanToWan(e.registeredCapitalYuan) ?? undefined,
    establishedOn: opt(e.establishedOn),
    ticker: opt(e.ticker),
    parentGroup: opt(e.parentGroup),
    website: opt(e.website),
    employees: e.employees,
    revenueBand: (e.revenueBand as RevenueBand | null) ?? undefined,
    tags: e.tags,
    mainProducts: opt(e.mainProducts),
    businessScope: opt(e.businessScope),
  };
}

function toFields(v: FormValues): EnterpriseProfileFields {
  return {
    name: v.name.trim(),
    formerNames: (v.formerNames ?? []).map((n) => n.trim()).filter(Boolean),
    status: v.status ?? null,
    regionCode: blank(v.regionCode),
    industryCode: v.industryCode ?? null,
    registeredCapitalYuan: wanToYuan(v.registeredCapitalWan),
    establishedOn: v.establishedOn ?? null,
    ticker: blank(v.ticker)?.toUpperCase() ?? null,
    parentGroup: blank(v.parentGroup),
    website: blank(v.website),
    employees: v.employees ?? null,
    revenueBand: v.revenueBand ?? null,
    tags: v.tags ?? [],
    mainProducts: blank(v.mainProducts),
    businessScope: blank(v.businessScope),
  };
}

/** Only what the person changed: the server writes one history row per changed field. */
function changedFields(before: EnterpriseProfileFields, after: EnterpriseProfileFields): Partial<EnterpriseProfileFields> {
  const out: Partial<Record<ProfileKey, unknown>> = {};
  for (const k of Object.keys(after) as ProfileKey[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = after[k];
  }
  return out as Partial<EnterpriseProfileFields>;
}

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  enterprise: EnterpriseDetail;
  onSaved: (saved: Enterprise) => void;
  /** Reload the enterprise after a version conflict. */
  onStale: () => Promise<void>;
}

/** Edit the profile (officer, analyst): every changed field gets the source 手工维护 and today's date. */
export function EnterpriseDetailForm({ open, onOpenChange, enterprise, onSaved, onStale }: Props) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const formRef = useRef<ProFormInstance<FormValues>>(undefined);
  const { data: tagList = [] } = useQuery({ queryKey: ['enterprise-tags'], queryFn: enterprisesApi.tags, enabled: open, staleTime: 60_000 });
  const [formError, setFormError] = useState<string | null>(null);
  const initialValues = useMemo(() => toValues(enterprise), [enterprise]);
  const tagOptions = useMemo(() => {
    const names = new Set([...tagList.map((tag) => tag.name), ...enterprise.tags]);
    return [...names].map((name) => ({ value: name, label: name }));
  }, [tagList, enterprise.tags]);

  const capitalRule = {
    validator: async (_: unknown, value: string | undefined) => {
      if (value && !WAN_PATTERN.test(value.trim())) throw new Error(t('entDetail.capitalInvalid'));
    },
  };

  return (
    <DrawerForm<FormValues>
      title={t('entDetail.editTitle', { name: enterprise.name })}
      open={open}
      onOpenChange={(next) => {
        if (next) setFormError(null);
        onOpenChange(next);
      }}
      formRef={formRef}
      width={800}
      layout="vertical"
      initialValues={initialValues}
      drawerProps={{ destroyOnClose: true, maskClosable: false }}
      onFinish={async (values) => {
        setFormError(null);
        const patch = changedFields(toFields(initialValues), toFields(values));
        const creditCode = blank(values.creditCode)?.toUpperCase();
        if (Object.keys(patch).length === 0 && !creditCode) {
          showSuccess(t('entDetail.noChanges'));
          return true;
        }
        try {
          const saved = await enterprisesApi.update(enterprise.key, { ...patch, ...(creditCode ? { creditCode } : {}), version: enterprise.version });
          showSuccess(t('entDetail.saved'));
          onSaved(saved);
          return true;
        } catch (err) {
          if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
            modal.confirm({
              title: t('common.staleTitle'),
              content: err.message || t('common.staleBody'),
              okText: t('common.reload'),
              cancelText: t('common.cancel'),
              onOk: async () => {
                await onStale();
                onOpenChange(false);
              },
            });
            return false;
          }
          const details = fieldDetails(err);
          const fields: { name: keyof FormValues; errors: string[] }[] = [];
          const rest: string[] = [];
          for (const d of details) {
            const name = formFieldOf(d.field);
            if (name) fields.push({ name, errors: [d.message] });
            else rest.push(d.message);
          }
          if (fields.length) {
            formRef.current?.setFields(fields);
            formRef.current?.scrollToField(fields[0]!.name, { block: 'center' });
          }
          const message = err instanceof Error ? err.message : String(err);
          setFormError(rest.length ? rest.join('；') : message);
          if (!fields.length) showError(err);
          return false;
        }
      }}
    >
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} data-testid="enterprise-form-error" />}
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('entDetail.editHint')} />
      {!enterprise.creditCode && (
        <ProFormText
          name="creditCode"
          label={t('entDetail.creditCode')}
          extra={t('entDetail.creditCodeFillHint')}
          fieldProps={{ maxLength: 18 }}
          rules={[{ pattern: /^[0-9A-Za-z]{18}$/, message: t('entDetail.creditCodeInvalid') }]}
        />
      )}
      <ProFormText name="name" label={t('entDetail.name')} rules={[{ required: true, whitespace: true, min: 2 }]} fieldProps={{ maxLength: 200 }} />
      <ProFormSelect
        name="formerNames"
        label={t('entDetail.formerNames')}
        mode="tags"
        fieldProps={{ maxCount: 20, tokenSeparators: ['、', ';', '；'], open: false }}
        extra={t('entDetail.formerNamesHint')}
      />
      <ProFormGroup>
        <ProFormSelect
          name="status"
          label={t('entDetail.status')}
          width="sm"
          options={ENTERPRISE_STATUSES.map((s) => ({ value: s, label: ENTERPRISE_STATUS_LABELS[s] }))}
        />
        <ProFormDatePicker name="establishedOn" label={t('entDetail.establishedOn')} width="sm" />
        <ProFormText
          name="registeredCapitalWan"
          label={withWanUnit(t('entDetail.registeredCapital'))}
          width="sm"
          rules={[capitalRule]}
          fieldProps={{ suffix: unitWan(), inputMode: 'decimal' }}
        />
      </ProFormGroup>
      <ProFormGroup>
        <ProFormText
          name="regionCode"
          label={t('entDetail.regionCode')}
          width="sm"
          extra={enterprise.regionName ? t('entDetail.regionNow', { name: enterprise.regionName }) : undefined}
          fieldProps={{ maxLength: 9, inputMode: 'numeric' }}
          rules={[{ pattern: /^\d{6}(\d{3})?$/, message: t('entDetail.regionCodeInvalid') }]}
        />
        <ProForm.Item name="industryCode" label={t('entDetail.industry')} style={{ width: 456 }}>
          <IndustryTreeSelect />
        </ProForm.Item>
      </ProFormGroup>
      <ProFormGroup>
        <ProFormSelect
          name="revenueBand"
          label={t('entDetail.revenueBand')}
          width="sm"
          options={REVENUE_BANDS.map((b) => ({ value: b, label: REVENUE_BAND_LABELS[b] }))}
        />
        <ProFormText name="ticker" label={t('entDetail.ticker')} width="sm" placeholder="600888.SH" fieldProps={{ maxLength: 20 }} />
        <ProFormText name="parentGroup" label={t('entDetail.parentGroup')} width="sm" fieldProps={{ maxLength: 200 }} />
      </ProFormGroup>
      <ProFormGroup>
        <ProFormDigit name="employees" label={t('entDetail.employees')} width="sm" min={0} max={10_000_000} fieldProps={{ precision: 0 }} />
        <ProFormText name="website" label={t('entDetail.website')} width="md" placeholder="https://" fieldProps={{ maxLength: 300 }} />
      </ProFormGroup>
      <ProFormSelect
        name="tags"
        label={t('entDetail.tags')}
        mode="multiple"
        options={tagOptions}
        extra={t('entDetail.tagsHint')}
        fieldProps={{ maxCount: 30 }}
      />
      <ProFormTextArea name="mainProducts" label={t('entDetail.mainProducts')} fieldProps={{ maxLength: 1000, autoSize: { minRows: 2, maxRows: 4 } }} />
      <ProFormTextArea name="businessScope" label={t('entDetail.businessScope')} fieldProps={{ maxLength: 5000, autoSize: { minRows: 3, maxRows: 8 } }} />
    </DrawerForm>
  );
}
