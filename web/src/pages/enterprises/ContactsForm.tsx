import { useRef, type ReactElement } from 'react';
import { App } from 'antd';
import { ModalForm, ProForm, ProFormText, ProFormTextArea, type ProFormInstance } from '@ant-design/pro-components';
import { ApiError, showError, showSuccess } from '../../api/client';
import { enterprisesApi, type ContactInput, type MaskedContact, type RevealedContact } from '../../api/enterprises';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useI18n } from '../../i18n';
import { fieldDetails } from '../projects/ProjectForm';

interface Values {
  name?: string;
  title?: string;
  phone?: string;
  email?: string;
  notes?: string;
  regionCode?: string;
}

const FIELDS = ['name', 'title', 'phone', 'email', 'notes', 'regionCode'] as const;
const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

interface Props {
  enterpriseKey: string;
  trigger: ReactElement;
  /** Edit this contact; without it the dialog adds one. */
  contact?: MaskedContact;
  /**
   * The full values when the person has revealed them on this page: the form starts from them.
   * Without them, personal fields start empty and an empty field keeps the stored value.
   */
  revealed?: RevealedContact;
  onSaved: () => void;
}

/**
 * Add or edit a contact. The page only has masked values, so an edit never writes them back: a
 * personal field left empty stays as it is, unless the full values were revealed first.
 */
export function ContactsForm({ enterpriseKey, trigger, contact, revealed, onSaved }: Props) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const formRef = useRef<ProFormInstance<Values>>(undefined);
  const editingMasked = contact !== undefined && revealed === undefined;
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
          : {}),
      }
    : {};

  const toBody = (v: Values): Partial<ContactInput> => {
    if (!contact) {
      return { name: (v.name ?? '').trim(), title: blank(v.title), phone: blank(v.phone), email: blank(v.email), notes: blank(v.notes), regionCode: v.regionCode };
    }
    const body: Partial<ContactInput> = {};
    if (blank(v.title) !== contact.title) body.title = blank(v.title);
    if (v.regionCode && v.regionCode !== contact.regionCode) body.regionCode = v.regionCode;
    for (const f of ['name', 'phone', 'email', 'notes'] as const) {
      const next = blank(v[f]);
      if (editingMasked) {
        if (next !== null) body[f] = next as string;
      } else if (next !== (revealed?.[f] ?? null)) {
        if (f === 'name') {
          if (next !== null) body.name = next;
        } else body[f] = next;
      }
    }
    return body;
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
            await enterprisesApi.addContact(enterpriseKey, body as ContactInput);
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
          if (details.length) formRef.current?.setFields(details.map((d) => ({ name: d.field as keyof Values, errors: [d.message] })));
          showError(err);
          return false;
        }
      }}
    >
      {editingMasked && <div style={{ marginBottom: 16, color: 'rgba(0,0,0,0.55)' }}>{t('contacts.editMaskedHint')}</div>}
      <ProForm.Group>
        <ProFormText
          name="name"
          label={t('contacts.name')}
          width="sm"
          placeholder={editingMasked ? contact?.name : undefined}
          rules={contact ? [] : [{ required: true, whitespace: true, message: t('contacts.nameRequired') }]}
          fieldProps={{ maxLength: 50 }}
        />
        <ProFormText name="title" label={t('contacts.title')} width="sm" fieldProps={{ maxLength: 100 }} />
      </ProForm.Group>
      <ProForm.Group>
        <ProFormText
          name="phone"
          label={t('contacts.phone')}
          width="sm"
          placeholder={editingMasked ? (contact?.phone ?? undefined) : '13800000000 / 0991-1234567'}
          fieldProps={{ maxLength: 40 }}
        />
        <ProFormText
          name="email"
          label={t('contacts.email')}
          width="sm"
          placeholder={editingMasked ? (contact?.email ?? undefined) : undefined}
          rules={[{ type: 'email', message: t('contacts.emailInvalid') }]}
          fieldProps={{ maxLength: 200 }}
        />
      </ProForm.Group>
      <ProForm.Item name="regionCode" label={t('contacts.region')} extra={t('contacts.regionHint')}>
        <RegionTreeSelect placeholder={t('contacts.regionPlaceholder')} />
      </ProForm.Item>
      <ProFormTextArea
        name="notes"
        label={t('contacts.notes')}
        placeholder={editingMasked ? (contact?.notes ?? undefined) : undefined}
        fieldProps={{ maxLength: 2000, autoSize: { minRows: 2, maxRows: 5 } }}
      />
    </ModalForm>
  );
}
