/**
 * The handling actions of one inquiry or complaint, shown only to inquiries.manage and only where the stage allows
 * them (as inquiry-rules.ts decides on the server): accept, assign the owner, answer (optionally closing),
 * close, reopen a closed complaint once, and convert an inquiry to a lead or a target.
 */
import { useState } from 'react';
import { Button, Checkbox, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { showSuccess } from '../../api/client';
import { inquiriesApi, type InquiryDetail, type InquiryStep } from '../../api/inquiries';
import { useI18n } from '../../i18n';
import { ColleagueSelect } from '../projects/ColleagueSelect';
import { ConvertToLeadButton, ConvertToTargetButton } from './ConvertDialogs';

interface Props {
  item: InquiryDetail;
  onChanged: (fresh: InquiryDetail) => void;
}

/** A dialog with one text field (the answer, or the reason to reopen). */
function TextStepButton({ item, step, onChanged, testId }: Props & { step: 'answer' | 'reopen'; testId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [close, setClose] = useState(false);
  const [busy, setBusy] = useState(false);
  const label = t(`inquiries.action.${step}`);
  const submit = async () => {
    setBusy(true);
    try {
      const fresh = await inquiriesApi.step(item.id, step, { version: item.version, text, ...(step === 'answer' ? { close } : {}) });
      showSuccess(t(`inquiries.done.${step}`));
      setOpen(false);
      setText('');
      onChanged(fresh);
    } catch {
      // the API client has shown the refusal; the dialog stays open
    } finally {
      setBusy(false);
    }
  };
  const fieldId = `inquiry-${step}-text`;
  return (
    <>
      <Button type={step === 'answer' ? 'primary' : 'default'} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <Modal title={label} open={open} onCancel={() => setOpen(false)} onOk={submit} confirmLoading={busy} okButtonProps={{ disabled: !text.trim() }} destroyOnClose>
        <Form layout="vertical">
          <Form.Item label={step === 'answer' ? t('inquiries.answerText') : t('inquiries.reopenReason')} htmlFor={fieldId} extra={step === 'answer' ? t('inquiries.answerHint', { office: item.officeName }) : undefined}>
            <Input.TextArea id={fieldId} rows={5} maxLength={5000} showCount value={text} onChange={(e) => setText(e.target.value)} data-testid={`${testId}-text`} />
          </Form.Item>
          {step === 'answer' && (
            <Checkbox checked={close} onChange={(e) => setClose(e.target.checked)} data-testid="inquiry-answer-close">
              {t('inquiries.answerAndClose')}
            </Checkbox>
          )}
        </Form>
      </Modal>
    </>
  );
}

function AssignButton({ item, onChanged }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!ownerId) return;
    setBusy(true);
    try {
      const fresh = await inquiriesApi.assign(item.id, { ownerId, version: item.version });
      showSuccess(t('inquiries.done.assign', { name: fresh.ownerName ?? '' }));
      setOpen(false);
      onChanged(fresh);
    } catch {
      // shown by the API client
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="inquiry-assign">
        {item.ownerId ? t('inquiries.action.reassign') : t('inquiries.action.assign')}
      </Button>
      <Modal title={t('inquiries.action.assign')} open={open} onCancel={() => setOpen(false)} onOk={submit} confirmLoading={busy} okButtonProps={{ disabled: !ownerId }} destroyOnClose>
        <Form layout="vertical">
          <Form.Item label={t('inquiries.owner')} htmlFor="inquiry-owner" extra={t('inquiries.ownerHint')}>
            <ColleagueSelect id="inquiry-owner" value={ownerId} onChange={(v) => setOwnerId(v)} width="100%" known={item.ownerId && item.ownerName ? [{ value: item.ownerId, label: item.ownerName }] : []} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function InquiryActions({ item, onChanged }: Props) {
  const { t } = useI18n();
  const run = async (step: InquiryStep) => {
    try {
      const fresh = await inquiriesApi.step(item.id, step, { version: item.version });
      showSuccess(t(`inquiries.done.${step}`));
      onChanged(fresh);
    } catch {
      // shown by the API client
    }
  };
  const closed = item.stage === 'closed';
  const canConvert = item.kind === 'inquiry' && !item.convertedProject && !item.convertedTargetId;
  return (
    <Space wrap data-testid="inquiry-actions">
      {item.stage === 'received' && (
        <Button type="primary" onClick={() => run('accept')} data-testid="inquiry-accept">
          {t('inquiries.action.accept')}
        </Button>
      )}
      {!closed && <TextStepButton item={item} step="answer" onChanged={onChanged} testId="inquiry-answer" />}
      {item.stage === 'answered' && (
        <Popconfirm title={t('inquiries.closeConfirm')} onConfirm={() => run('close')} okText={t('inquiries.action.close')} cancelText={t('common.cancel')}>
          <Button data-testid="inquiry-close">{t('inquiries.action.close')}</Button>
        </Popconfirm>
      )}
      {closed && item.kind === 'complaint' && item.reopenCount < 1 && <TextStepButton item={item} step="reopen" onChanged={onChanged} testId="inquiry-reopen" />}
      {!closed && <AssignButton item={item} onChanged={onChanged} />}
      {canConvert && <ConvertToLeadButton item={item} onDone={onChanged} />}
      {canConvert && <ConvertToTargetButton item={item} onDone={onChanged} />}
    </Space>
  );
}
