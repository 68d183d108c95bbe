import { useRef, type ReactElement } from 'react';
import { App } from 'antd';
import { ModalForm, ProForm, ProFormText, ProFormTextArea, type ProFormInstance } from '@ant-design/pro-components';
import { ApiError, showError, showSuccess } from '../../api/client';
import { enterprisesApi, type NewContactBody, type MaskedContact, type RevealedContact } from '../../api/enterprises';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useI18n } from '../../i18n';
import { fieldDetails } from '../projects/ProjectForm';
import { KEEP, MaskedFieldInput, toPatchValue, type MaskedEdit } from './ContactsMaskedField';

type PersonalField = 'name' | 'phone' | 'email' | 'notes';
const PERSONAL: readonly PersonalField[] = ['name', 'phone', 'email', 'notes'];

interface Values {
  name?: string;
  title?: string;
  phone?: string;
  email?: string;
  notes?: string;
  regionCode?: string;
  /** editing masked values: keep, clear or replace each stored personal field */
  edits?: Partial<Record<PersonalField, MaskedEdit>>;
}

const FIELDS = ['name', 'title', 'phone', 'email', 'notes', 'regionCode'] as const;
const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : null);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_LENGTH: Record<PersonalField, number> = { name: 50, phone: 40, email: 200, notes: 2000 };

interface Props {
  enterpriseKey: string;
  trigger: ReactElement;
  /** Edit this contact; without it the dialog adds one. */
  contact?: MaskedContact;
  /**
   * The full values when the person has revealed them on this page: the form starts from them.
   * Without them, each stored personal field shows its masked value with 更换 / 清除.
   */
  revealed?: RevealedContact;
  onSaved: () => void;
}

/**
 * Add or edit a contact. Without the full values (no reveal, or not revealed on this page) an edit
 * never shows nor sends a masked value: each stored personal field is kept (left out of the
 * request), cleared (null) or replaced by a value typed in full; a field with nothing stored is an
 * ordinary input.
 */
export function ContactsForm({ enterpriseKey, trigger, contact, revealed, onSaved }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const { modal } = App.useApp();
  const formRef = useRef<ProFormInstance<Values>>(undefined);
  const editingMasked = contact !== undefined && revealed === undefined;
  /** the stored personal fields edited as keep / clear / replace */
  const maskedFields = editingMasked ? PERSONAL.filter((f) => Boolean(contact?.[f])) : [];
  const initialValues: Values = contact
    ? {
        title: contact.title ?? undefined,
        regionCode: contact.regionCode,
        ...(revealed
          ? {
              name: revealed.name,
              phone: revealed.phone ?? undefined,
              email: revealed.email ?? undefined,
              notes: revealed.notes ?? undefined,
            }
          : { edits: Object.fromEntries(maskedFields.map((f) => [f, KEEP])) }),
      }
    : {};

  const toBody = (v: Values): Partial<NewContactBody> => {
    if (!contact) {
      return { name: (v.name ?? '').trim(), title: blank(v.title), phone: blank(v.phone), email: blank(v.email), notes: blank(v.notes), regionCode: v.regionCode };
    }
    const body: Partial<NewContactBody> = {};
    if (blank(v.title) !== contact.title) body.title = blank(v.title);
    if (v.regionCode && v.regionCode !== contact.regionCode) body.regionCode = v.regionCode;
    for (const f of PERSONAL) {
      if (maskedFields.includes(f)) {
        const next = toPatchValue(v.edits?.[f]);
        if (f === 'name') {
          if (next) body.name = next;
        } else if (next !== undefined) body[f] = next;
        continue;
      }
      const next = blank(v[f]);
      if (editingMasked) {
        if (next !== null) body[f] = next;
      } else if (next !== (revealed?.[f] ?? null)) {
        if (f === 'name') {
          if (next !== null) body.name = next;
        } else body[f] = next;
      }
    }
    return body;
  };

  /** A stored personal field while editing masked values: kept, cleared or replaced; otherwise the plain input. */
  const personal = (f: PersonalField, label: string, plain: ReactElement) => {
    if (!maskedFields.includes(f)) return plain;
    return (
      <ProForm.Item
        name={['edits', f]}
        label={label}
        style={{ width: f === 'notes' ? '100%' : 240 }}
        rules={[
          {
            validator: async (_: unknown, edit: MaskedEdit | undefined) => {
              if (edit?.mode !== 'replace') return;
              if (!edit.value.trim()) throw new Error(t('contacts.replaceRequired', { field: label }));
              if (f === 'email' && !EMAIL.test(edit.value.trim())) throw new Error(t('contacts.emailInvalid'));
            },
          },
        ]}
      >
        <MaskedFieldInput masked={contact?.[f] ?? ''} field={f} label={label} clearable={f !== 'name'} multiline={f === 'notes'} maxLength={MAX_LENGTH[f]} />
      </ProForm.Item>
    );
  };

  return (
    <ModalForm<Values>
      title={contact ? t('contacts.editTitle') : t('contacts.addTitle')}
      trigger={trigger}
      width={560}
      formRef={formRef}
      initialValues={initialValues}
      modalProps={{ destroyOnClose: true }}
      onFinish={async (values) => {
        const body = toBody(values);
        try {
          if (contact) {
            if (Object.keys(body).length === 0) return true;
            await enterprisesApi.updateContact(contact.id, { ...body, version: contact.version });
          } else {
            await enterprisesApi.addContact(enterpriseKey, body as NewContactBody);
          }
          showSuccess(contact ? t('contacts.saved') : t('contacts.added'));
          onSaved();
          return true;
        } catch (err) {
          if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
            modal.warning({ title: t('common.staleTitle'), content: err.message });
            onSaved();
            return true;
          }
          const details = fieldDetails(err).filter((d) => (FIELDS as readonly string[]).includes(d.field));
          if (details.length) {
            formRef.current?.setFields(
              details.map((d) => {
                const field = d.field as (typeof FIELDS)[number];
                const masked = maskedFields.find((f) => f === field);
                return { name: masked ? (['edits', masked] as const) : field, errors: [d.message] };
              }),
            );
          }
          showError(err);
          return false;
        }
      }}
    >
      {editingMasked && (
        <div style={{ marginBottom: 16, color: 'rgba(0,0,0,0.55)' }} data-testid="contact-edit-masked-hint">
          {t('contacts.editMaskedHint')}
          {can(me, 'contacts.reveal') ? t('contacts.editMaskedRevealHint') : ''}
        </div>
      )}
      <ProForm.Group>
        {personal(
          'name',
          t('contacts.name'),
          <ProFormText
            name="name"
            label={t('contacts.name')}
            width="sm"
            rules={contact ? [] : [{ required: true, whitespace: true, message: t('contacts.nameRequired') }]}
            fieldProps={{ maxLength: 50 }}
          />,
        )}
        <ProFormText name="title" label={t('contacts.title')} width="sm" fieldProps={{ maxLength: 100 }} />
      </ProForm.Group>
      <ProForm.Group>
        {personal(
          'phone',
          t('contacts.phone'),
          <ProFormText name="phone" label={t('contacts.phone')} width="sm" placeholder="13800000000 / 0991-1234567" fieldProps={{ maxLength: 40 }} />,
        )}
        {personal(
          'email',
          t('contacts.email'),
          <ProFormText
            name="email"
            label={t('contacts.email')}
            width="sm"
            rules={[{ type: 'email', message: t('contacts.emailInvalid') }]}
            fieldProps={{ maxLength: 200 }}
          />,
        )}
      </ProForm.Group>
      <ProForm.Item name="regionCode" label={t('contacts.region')} extra={t('contacts.regionHint')}>
        <RegionTreeSelect placeholder={t('contacts.regionPlaceholder')} />
      </ProForm.Item>
      {personal(
        'notes',
        t('contacts.notes'),
        <ProFormTextArea name="notes" label={t('contacts.notes')} fieldProps={{ maxLength: 2000, autoSize: { minRows: 2, maxRows: 5 } }} />,
      )}
    </ModalForm>
  );
}
