/** A partner of the caller's scope (招商大使、商会、协会、委托招商机构), for a project's 引荐方 or an activity's 合作方. */
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { partnersApi } from '../../api/teams-partners';
import { useI18n } from '../../i18n';

interface Props {
  /** set by Form.Item: ties the field's label to the select */
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** the current partner, shown while the list loads (or when it lies outside the list) */
  known?: { value: string; label: string } | null;
  testId?: string;
}

export function PartnerSelect({ id, value, onChange, known, testId }: Props) {
  const { t } = useI18n();
  const list = useQuery({ queryKey: ['partners', 'options'], queryFn: () => partnersApi.list(), staleTime: 60_000 });
  const options = (list.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${t(`partners.kind.${p.kind}`)}）` }));
  if (known && !options.some((o) => o.value === known.value)) options.unshift(known);
  return (
    <Select
      id={id}
      allowClear
      showSearch
      optionFilterProp="label"
      data-testid={testId}
      placeholder={t('partners.pick')}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={options}
      loading={list.isLoading}
    />
  );
}
