import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { colleaguesApi } from '../../api/stats';
import type { ColleagueQuery } from '../../../../src/contracts/users';
import { roleNames } from '../../components/labels';
import { useI18n } from '../../i18n';

interface Known {
  value: string;
  label: string;
}

interface BaseProps {
  id?: string;
  /** Only people holding this role (e.g. leader for 包联领导). */
  role?: ColleagueQuery['role'];
  placeholder?: string;
  /** People already on the project, so their names show before any search. */
  known?: Known[];
  testId?: string;
  /** the accessible name when no form label names the picker */
  ariaLabel?: string;
  /** the picker's width (default: as wide as its content) */
  width?: number | string;
}

type Props = BaseProps &
  (
    | { multiple?: false; value?: string | null; onChange?: (value: string | null, label?: string) => void }
    | { multiple: true; value?: string[]; onChange?: (value: string[]) => void }
  );

/** Searches colleagues in the user's scope (server-side, by name) to assign as 包联领导 or 专班 members. */
export function ColleagueSelect(props: Props) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const { data = [], isFetching } = useQuery({
    queryKey: ['colleagues', props.role ?? '', debounced],
    queryFn: () => colleaguesApi.list({ q: debounced || undefined, role: props.role }),
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const seen = new Map<string, { value: string; label: string; title: string; hint: string }>();
    for (const k of props.known ?? []) seen.set(k.value, { value: k.value, label: k.label, title: k.label, hint: '' });
    for (const c of data) {
      seen.set(c.id, { value: c.id, label: c.displayName, title: c.displayName, hint: `${c.regionName} · ${roleNames(t, c.roles)}` });
    }
    return [...seen.values()];
  }, [data, props.known, t]);

  const common = {
    id: props.id,
    showSearch: true,
    allowClear: true,
    filterOption: false,
    loading: isFetching,
    placeholder: props.placeholder,
    onSearch: setQ,
    onDropdownVisibleChange: (open: boolean) => {
      if (!open) setQ('');
    },
    notFoundContent: isFetching ? '…' : t('common.none'),
    options,
    optionRender: (option: { data: { label?: ReactNode; hint?: unknown } }) => (
      <span>
        <span>{option.data.label}</span>
        {typeof option.data.hint === 'string' && option.data.hint && (
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            {option.data.hint}
          </Typography.Text>
        )}
      </span>
    ),
    'data-testid': props.testId,
    'aria-label': props.ariaLabel,
    style: props.width === undefined ? undefined : { width: props.width },
  };
  if (props.multiple) {
    const { value, onChange } = props;
    return <Select<string[]> {...common} mode="multiple" value={value ?? []} onChange={(v) => onChange?.(v ?? [])} />;
  }
  const { value, onChange } = props;
  return <Select<string> {...common} value={value ?? undefined} onChange={(v) => onChange?.(v ?? null, options.find((o) => o.value === v)?.label)} />;
}
