import { useRef, useState, type ReactElement } from 'react';
import { Alert, Button, Form, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ModalForm, ProFormCheckbox, ProFormDatePicker, ProFormText, ProFormTextArea, type ProFormInstance } from '@ant-design/pro-components';
import { showSuccess } from '../../api/client';
import { commitmentsApi, type Clause } from '../../api/commitments';
import { EVIDENCE_MAX_BYTES, readAsBase64 } from '../../api/evidence';
import { WAN_PATTERN, formatWan, wanToYuan } from '../../components/money';
import { useI18n } from '../../i18n';
import { unitWan } from '../../i18n/units';
import { EVIDENCE_ACCEPT } from '../projects/EvidenceUpload';
import { fieldDetails } from '../projects/ProjectForm';

interface Values {
  fulfilledOn: string;
  amountWan?: string;
  complete?: boolean;
  note?: string;
}

/** 登记兑现: the date, the amount (or "fulfilled in full" for a clause without one) and the evidence file, checked like any evidence. */
export function FulfilmentDialog({ clause, trigger, onSaved }: { clause: Clause; trigger: ReactElement; onSaved: () => Promise<unknown> }) {
  const { t } = useI18n();
  const formRef = useRef<ProFormInstance<Values>>(undefined);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const hasAmount = clause.amountYuan !== null;

  return (
    <ModalForm<Values>
      title={t('commitments.fulfil.title', { title: clause.title })}
      formRef={formRef}
      width={520}
      modalProps={{ destroyOnClose: true, afterClose: () => { setFile(null); setFileError(null); } }}
      trigger={trigger}
      onFinish={async (v) => {
        if (!file) {
          setFileError(t('commitments.fulfil.evidenceRequired'));
          return false;
        }
        try {
          const contentBase64 = await readAsBase64(file);
          await commitmentsApi.fulfil(clause.id, {
            fulfilledOn: v.fulfilledOn,
            amountYuan: hasAmount ? wanToYuan(v.amountWan) : null,
            complete: hasAmount ? false : (v.complete ?? false),
            note: v.note?.trim() || null,
            evidence: { fileName: file.name, contentBase64 },
          });
        } catch (err) {
          const details = fieldDetails(err);
          const onForm = details.filter((d) => d.field === 'fulfilledOn' || d.field === 'amountYuan');
          if (onForm.length) formRef.current?.setFields(onForm.map((d) => ({ name: d.field === 'amountYuan' ? 'amountWan' : 'fulfilledOn', errors: [d.message] })));
          else setFileError(err instanceof Error ? err.message : String(err));
          return false;
        }
        showSuccess(t('commitments.fulfil.saved'));
        await onSaved();
        return true;
      }}
    >
      {hasAmount && (
        <Typography.Paragraph type="secondary">
          {t('commitments.fulfil.outstanding', { promised: formatWan(clause.amountYuan, '—'), outstanding: formatWan(clause.outstandingYuan, '—') })}
        </Typography.Paragraph>
      )}
      <ProFormDatePicker name="fulfilledOn" label={t('commitments.fulfil.on')} rules={[{ required: true, message: t('commitments.fulfil.onRequired') }]} />
      {hasAmount ? (
        <ProFormText
          name="amountWan"
          label={t('commitments.fulfil.amountWan')}
          rules={[
            { required: true, message: t('projects.amountInvalid') },
            { validator: async (_: unknown, value: string | undefined) => { if (value && !WAN_PATTERN.test(value.trim())) throw new Error(t('projects.amountInvalid')); } },
          ]}
          fieldProps={{ suffix: unitWan(), inputMode: 'decimal' }}
        />
      ) : (
        <ProFormCheckbox name="complete">{t('commitments.fulfil.complete')}</ProFormCheckbox>
      )}
      <ProFormTextArea name="note" label={t('commitments.fulfil.note')} fieldProps={{ maxLength: 2000, autoSize: { minRows: 1, maxRows: 4 } }} />
      <Form.Item label={t('commitments.fulfil.evidence')} required extra={t('commitments.fulfil.evidenceHint')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Upload
            accept={EVIDENCE_ACCEPT}
            showUploadList={false}
            multiple={false}
            beforeUpload={(f) => {
              setFileError(f.size > EVIDENCE_MAX_BYTES ? t('evidence.tooLarge', { name: f.name }) : null);
              setFile(f.size > EVIDENCE_MAX_BYTES ? null : f);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="fulfil-evidence">
              {t('commitments.fulfil.pickFile')}
            </Button>
          </Upload>
          {file && <Typography.Text data-testid="fulfil-file">{file.name}</Typography.Text>}
          {fileError && <Alert type="error" showIcon message={fileError} data-testid="fulfil-error" />}
        </Space>
      </Form.Item>
    </ModalForm>
  );
}
