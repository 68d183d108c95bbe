import { useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, showSuccess } from '../../api/client';
import { TARGET_STEPS, targetsApi, type TargetListItem, type TargetStatus } from '../../api/targets';
import { useI18n } from '../../i18n';
import { targetStatusName } from './labels';

interface Values {
  status: TargetStatus;
  reason?: string;
  projectCode?: string;
}

/** The statuses a target may move to: any later step, or 已放弃; none from 已签约 or 已放弃. */
export function nextStatuses(from: TargetStatus): TargetStatus[] {
  if (from === 'signed' || from === 'dropped') return [];
  return [...TARGET_STEPS.slice(TARGET_STEPS.indexOf(from) + 1), 'dropped'];
}

interface Props {
  target: TargetListItem | null;
  onClose: () => void;
}

/** Moves a target on: the next status, a reason when dropping, the signed project's code when signing; refusals inline. */
export function TargetStatusModal({ target, onClose }: Props) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const status = Form.useWatch('status', form);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) =>
      targetsApi.changeStatus(target?.id ?? '', {
        status: v.status,
        reason: v.status === 'dropped' ? (v.reason ?? '').trim() : undefined,
        projectCode: v.projectCode?.trim() || undefined,
        version: target?.version ?? 1,
      }),
    onSuccess: (_, v) => {
      showSuccess(t('targets.statusSaved', { status: targetStatusName(t, v.status) }));
      void qc.invalidateQueries({ queryKey: ['targets'] });
      onClose();
    },
    onError: (err) => setError(err instanceof ApiError || err instanceof Error ? err.message : String(err)),
  });
  const options = target ? nextStatuses(target.status) : [];
  return (
    <Modal
      open={target !== null}
      title={target ? t('targets.statusTitle', { name: target.enterpriseName }) : null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      destroyOnClose
      afterClose={() => setError(null)}
      data-testid="target-status-modal"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ status: options[0] }}
        onValuesChange={() => setError(null)}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="status" label={t('targets.nextStatus')} rules={[{ required: true }]}>
          <Select data-testid="target-next-status" options={options.map((s) => ({ value: s, label: targetStatusName(t, s) }))} />
        </Form.Item>
        {status === 'dropped' && (
          <Form.Item name="reason" label={t('targets.dropReason')} rules={[{ required: true, whitespace: true, message: t('targets.dropReasonRequired') }]}>
            <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 6 }} data-testid="target-drop-reason" />
          </Form.Item>
        )}
        {(status === 'signed' || status === 'negotiating') && (
          <Form.Item
            name="projectCode"
            label={t('targets.projectCode')}
            extra={status === 'signed' ? t('targets.projectCodeSigned') : t('targets.projectCodeHint')}
            rules={status === 'signed' && !target?.project ? [{ required: true, whitespace: true, message: t('targets.projectCodeRequired') }] : []}
          >
            <Input maxLength={40} data-testid="target-project-code" />
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="target-status-error" />}
    </Modal>
  );
}
