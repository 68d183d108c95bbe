/**
 * Converting an inquiry in one action: to a lead project (a name, or the default from company and subject) or to a
 * target of a chain node (the investor's company must be in the enterprise database). A refusal from the server —
 * not in the enterprise database, several with that name, already converted — stays in the dialog as an alert.
 */
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { chainsApi } from '../../api/chains';
import { showSuccess } from '../../api/client';
import { inquiriesApi, type InquiryDetail } from '../../api/inquiries';
import { useI18n } from '../../i18n';

interface Props {
  item: InquiryDetail;
  onDone: (fresh: InquiryDetail) => void;
}

function refusalOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function ConvertToLeadButton({ item, onDone }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      const fresh = await inquiriesApi.convertToLead(item.id, { name: name.trim() || null });
      showSuccess(t('inquiries.convertedToLead', { code: fresh.convertedProject?.code ?? '' }));
      setOpen(false);
      onDone(fresh);
    } catch (err) {
      setRefusal(refusalOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="inquiry-convert-lead">
        {t('inquiries.action.convertLead')}
      </Button>
      <Modal title={t('inquiries.action.convertLead')} open={open} onCancel={() => setOpen(false)} onOk={submit} confirmLoading={busy} destroyOnClose>
        <p>{t('inquiries.convertLeadHint')}</p>
        <Form layout="vertical">
          <Form.Item label={t('inquiries.leadName')} htmlFor="inquiry-lead-name" extra={t('inquiries.leadNameHint')}>
            <Input id="inquiry-lead-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          </Form.Item>
        </Form>
        {refusal && <Alert type="error" showIcon message={refusal} data-testid="inquiry-convert-refusal" />}
      </Modal>
    </>
  );
}

export function ConvertToTargetButton({ item, onDone }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [chain, setChain] = useState<string | undefined>();
  const [node, setNode] = useState<string | undefined>();
  const [enterprise, setEnterprise] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chains = useQuery({ queryKey: ['chains', 'usedBy', item.regionCode], queryFn: () => chainsApi.list(item.regionCode), enabled: open });
  const detail = useQuery({ queryKey: ['chain', chain], queryFn: () => chainsApi.get(chain ?? ''), enabled: open && Boolean(chain) });
  const submit = async () => {
    setRefusal(null);
    if (!chain || !node) {
      setRefusal(t('inquiries.targetNodeRequired'));
      return;
    }
    setBusy(true);
    try {
      const fresh = await inquiriesApi.convertToTarget(item.id, { chain, node, enterprise: enterprise.trim() || null });
      showSuccess(t('inquiries.convertedToTarget'));
      setOpen(false);
      onDone(fresh);
    } catch (err) {
      setRefusal(refusalOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="inquiry-convert-target">
        {t('inquiries.action.convertTarget')}
      </Button>
      <Modal title={t('inquiries.action.convertTarget')} open={open} onCancel={() => setOpen(false)} onOk={submit} confirmLoading={busy} destroyOnClose>
        <p>{t('inquiries.convertTargetHint', { company: item.company ?? '—' })}</p>
        <Form layout="vertical">
          {/* no aria-label on the selects: the form label names them (antd puts aria-label on the select's root, which axe refuses) */}
          <Form.Item label={t('inquiries.targetChain')} htmlFor="inquiry-target-chain">
            <Select
              id="inquiry-target-chain"
              value={chain}
              loading={chains.isLoading}
              onChange={(v: string) => {
                setChain(v);
                setNode(undefined);
              }}
              options={(chains.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
            />
          </Form.Item>
          <Form.Item label={t('inquiries.targetNode')} htmlFor="inquiry-target-node">
            <Select
              id="inquiry-target-node"
              value={node}
              showSearch
              optionFilterProp="label"
              disabled={!chain}
              loading={detail.isLoading}
              onChange={(v: string) => setNode(v)}
              options={(detail.data?.nodes ?? []).map((n) => ({ value: n.code, label: `${n.name}（${n.code}）` }))}
            />
          </Form.Item>
          <Form.Item label={t('inquiries.targetEnterprise')} htmlFor="inquiry-target-enterprise" extra={t('inquiries.targetEnterpriseHint')}>
            <Input id="inquiry-target-enterprise" value={enterprise} maxLength={64} onChange={(e) => setEnterprise(e.target.value)} />
          </Form.Item>
        </Form>
        {refusal && <Alert type="error" showIcon message={refusal} data-testid="inquiry-convert-refusal" />}
      </Modal>
    </>
  );
}
