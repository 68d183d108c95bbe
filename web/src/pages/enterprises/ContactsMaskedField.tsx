import { Button, Input, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';

/**
 * What an edit without the full values does to one personal field: keep it (nothing is sent),
 * clear it (null) or replace it with a new value typed in full. The stored value is never shown
 * in an input, so a masked value can't be saved back by accident.
 */
export type MaskedEdit = { mode: 'keep' } | { mode: 'clear' } | { mode: 'replace'; value: string };

export const KEEP: MaskedEdit = { mode: 'keep' };

/** The body value of an edit: undefined = unchanged (left out), null = clear, a string = replace. */
export function toPatchValue(edit: MaskedEdit | undefined): string | null | undefined {
  if (!edit || edit.mode === 'keep') return undefined;
  if (edit.mode === 'clear') return null;
  return edit.value.trim();
}

interface Props {
  /** the masked value the page shows */
  masked: string;
  /** the field's name for labels and test ids: name, phone, email, notes */
  field: string;
  label: string;
  /** 清除 offered (not for the name) */
  clearable: boolean;
  multiline?: boolean;
  maxLength: number;
  value?: MaskedEdit;
  onChange?: (next: MaskedEdit) => void;
}

/** A Form control: the masked value with 更换 / 清除, or the new value's input with 撤销. */
export function MaskedFieldInput({ masked, field, label, clearable, multiline, maxLength, value = KEEP, onChange }: Props) {
  const { t } = useI18n();
  const set = (next: MaskedEdit) => onChange?.(next);
  const undo = (
    <Button type="link" size="small" onClick={() => set(KEEP)} data-testid={`contact-${field}-undo`}>
      {t('contacts.undo')}
    </Button>
  );
  if (value.mode === 'replace') {
    const props = {
      autoFocus: true,
      value: value.value,
      maxLength,
      placeholder: t('contacts.replacePlaceholder', { field: label }),
      'aria-label': t('contacts.replacePlaceholder', { field: label }),
      'data-testid': `contact-${field}-new`,
    };
    return (
      <div style={{ display: 'flex', alignItems: 'flex-start', gap: 4 }}>
        {multiline ? (
          <Input.TextArea {...props} autoSize={{ minRows: 2, maxRows: 5 }} onChange={(e) => set({ mode: 'replace', value: e.target.value })} />
        ) : (
          <Input {...props} onChange={(e) => set({ mode: 'replace', value: e.target.value })} />
        )}
        {undo}
      </div>
    );
  }
  return (
    <Space size={4} wrap data-testid={`contact-${field}-masked`} data-mode={value.mode}>
      <Typography.Text delete={value.mode === 'clear'} type={value.mode === 'clear' ? 'secondary' : undefined} style={{ whiteSpace: 'pre-wrap' }}>
        {masked}
      </Typography.Text>
      {value.mode === 'clear' ? (
        <>
          <Tag color="orange">{t('contacts.willClear')}</Tag>
          {undo}
        </>
      ) : (
        <>
          <Button size="small" onClick={() => set({ mode: 'replace', value: '' })} data-testid={`contact-${field}-replace`}>
            {t('contacts.replace')}
          </Button>
          {clearable && (
            <Button size="small" danger onClick={() => set({ mode: 'clear' })} data-testid={`contact-${field}-clear`}>
              {t('contacts.clear')}
            </Button>
          )}
        </>
      )}
    </Space>
  );
}
