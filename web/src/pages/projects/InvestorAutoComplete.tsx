import { useEffect, useMemo, useRef, useState } from 'react';
import { AutoComplete, Input, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { can } from '../../access';
import { enterpriseSearchApi, type EnterpriseSearchItem } from '../../api/enterprises-search';
import { useMe } from '../../auth/session';
import { useI18n } from '../../i18n';
import { EnterpriseStatusTag } from '../enterprises/EnterpriseSearchCells';

interface Props {
  /** Set by Form.Item so the label points at the input. */
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  /** An enterprise chosen from the list (its name is already in the field), or null when the typed name no longer is one. */
  onPick: (enterprise: EnterpriseSearchItem | null) => void;
}

/** Search text long enough to ask the enterprise database: two characters, or one Chinese character. */
function isSearchable(q: string): boolean {
  return q.length >= 2 || /\p{Script=Han}/u.test(q);
}

/**
 * 投资方: free text, with suggestions from the enterprise database (name, former name, pinyin or
 * credit code, GET /api/enterprises) after a pause in typing. Choosing one fills the name here and
 * lets the form fill the credit code; a name not in the database is kept as typed.
 */
export function InvestorAutoComplete({ id, value, onChange, onPick }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const allowed = can(me, 'enterprises.read');
  const [debounced, setDebounced] = useState('');
  const picked = useRef<EnterpriseSearchItem | null>(null);
  const text = (value ?? '').trim();

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text), 300);
    return () => clearTimeout(timer);
  }, [text]);

  const enabled = allowed && isSearchable(debounced) && debounced !== picked.current?.name;
  const { data, isFetching } = useQuery({
    queryKey: ['investor-lookup', debounced],
    queryFn: () => enterpriseSearchApi.search({ q: debounced }, 1, 8),
    enabled,
    staleTime: 60_000,
  });

  const items = useMemo(() => (enabled ? (data?.items ?? []) : []), [data, enabled]);
  const options = items.map((e) => ({
    key: e.id,
    value: e.name,
    label: (
      <div data-testid="investor-option" style={{ padding: '2px 0', whiteSpace: 'normal' }}>
        <div style={{ fontWeight: 500 }}>{e.name}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[e.creditCode ?? t('investor.noCreditCode'), e.regionName].filter(Boolean).join(' · ')}{' '}
        </Typography.Text>
        <EnterpriseStatusTag status={e.status} />
      </div>
    ),
  }));

  if (!allowed) return <Input id={id} value={value} onChange={(ev) => onChange?.(ev.target.value)} maxLength={200} />;

  return (
    <AutoComplete
      id={id}
      value={value}
      options={options}
      onChange={(v: string) => {
        onChange?.(v);
        if (picked.current && v.trim() !== picked.current.name) {
          picked.current = null;
          onPick(null);
        }
      }}
      onSelect={(_: string, option: { key?: string }) => {
        const e = items.find((i) => i.id === option.key) ?? null;
        picked.current = e;
        if (e) onChange?.(e.name);
        onPick(e);
      }}
      notFoundContent={enabled && !isFetching && data ? t('investor.notFound') : null}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)', minWidth: 280 } } }}
      maxLength={200}
      placeholder={t('investor.placeholder')}
    />
  );
}
