/** A partner's form in a dialog: a new one (then its page opens), or the partner's own fields edited with its version. */
import { DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { showError, showSuccess } from '../../api/client';
import { PARTNER_KIND_KEYS, partnersApi, type Partner, type PartnerKind } from '../../api/teams-partners';
import { useMe } from '../../auth/session';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useI18n } from '../../i18n';

export const partnerPath = (id: string) => `/activities/partners/${encodeURIComponent(id)}`;

interface Values {
  kind: PartnerKind;
  name: string;
  regionCode: string;
  contact?: string;
  notes?: string;
  agreementNo?: string;
  signedDate?: Dayjs;
  startDate?: Dayjs;
  endDate?: Dayjs;
  terms?: string;
  feeTerms?: string;
}

const day = (d: Dayjs | undefined | null) => d?.format('YYYY-MM-DD') ?? null;
const toDay = (s: string | null) => (s ? dayjs(s) : undefined);

function initialValuesOf(partner: Partner | undefined, regionCode: string | undefined): Partial<Values> {
  if (!partner) return { kind: 'ambassador', regionCode };
  return {
    kind: partner.kind,
    name: partner.name,
    regionCode: partner.regionCode,
    contact: partner.contact ?? undefined,
    notes: partner.notes ?? undefined,
    agreementNo: partner.agreementNo ?? undefined,
    signedDate: toDay(partner.signedDate),
    startDate: toDay(partner.startDate),
    endDate: toDay(partner.endDate),
    terms: partner.terms ?? undefined,
    feeTerms: partner.feeTerms ?? undefined,
  };
}

/** `partner` given: its fields edited (PATCH with its version); otherwise a new partner. */
export function PartnerDialog({ open, onClose, partner }: { open: boolean; onClose: () => void; partner?: Partner }) {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        kind: v.kind,
        name: v.name,
        regionCode: v.regionCode,
        contact: v.contact || null,
        notes: v.notes || null,
        // an agency keeps its agreement; another kind has none
        agreementNo: v.kind === 'agency' ? v.agreementNo || null : null,
        signedDate: v.kind === 'agency' ? day(v.signedDate) : null,
        startDate: v.kind === 'agency' ? day(v.startDate) : null,
        endDate: v.kind === 'agency' ? day(v.endDate) : null,
        terms: v.kind === 'agency' ? v.terms || null : null,
        feeTerms: v.kind === 'agency' ? v.feeTerms || null : null,
      };
      return partner ? partnersApi.update(partner.id, { ...body, version: partner.version }) : partnersApi.create(body);
    },
    onSuccess: async (saved) => {
      showSuccess(t('partners.saved'));
      await client.invalidateQueries({ queryKey: ['partners'] });
      onClose();
      if (!partner) navigate(partnerPath(saved.id));
    },
    onError: (e) => showError(e),
  });
  return (
    <Modal
      open={open}
      title={partner ? t('partners.edit') : t('partners.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialValuesOf(partner, me.regionCode ?? undefined)} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t('partners.kind')}>
          <Select data-testid="partner-kind-input" options={PARTNER_KIND_KEYS.map((k) => ({ value: k, label: t(`partners.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('partners.name')} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
          <Input data-testid="partner-name-input" maxLength={200} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('partners.region')}>
          <RegionTreeSelect allowClear={false} />
        </Form.Item>
        <Form.Item name="contact" label={t('partners.contact')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="notes" label={t('partners.notes')}>
          <Input.TextArea rows={2} maxLength={4000} data-testid="partner-notes-input" />
        </Form.Item>
        {kind === 'agency' && (
          <>
            <Form.Item name="agreementNo" label={t('partners.agreementNo')} rules={[{ required: true, whitespace: true }]}>
              <Input data-testid="partner-agreement-input" maxLength={100} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="signedDate" label={t('partners.signedDate')}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="startDate" label={t('partners.startDate')}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="endDate" label={t('partners.endDate')}>
                <DatePicker />
              </Form.Item>
            </Space>
            <Form.Item name="terms" label={t('partners.terms')}>
              <Input.TextArea rows={2} maxLength={8000} />
            </Form.Item>
            <Form.Item name="feeTerms" label={t('partners.feeTerms')}>
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
