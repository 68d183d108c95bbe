import { useState } from 'react';
import { Alert, Button, Select, Space, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { EVIDENCE_KINDS, EVIDENCE_MAX_BYTES, evidenceApi, readAsBase64, type Evidence, type EvidenceKind } from '../../api/evidence';
import { showSuccess } from '../../api/client';
import { useI18n } from '../../i18n';

export const EVIDENCE_ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.ofd';

interface Props {
  projectId: string;
  /** Attach to this fund receipt (a bank receipt). */
  fundReceiptId?: string;
  defaultKind?: EvidenceKind;
  /** Hide the kind picker (e.g. a bank receipt for a fund receipt). */
  fixedKind?: boolean;
  onUploaded: (evidence: Evidence) => void;
  size?: 'small' | 'middle';
  label?: string;
}

/** Picks a file, reads it as base64 and sends it; the server's refusal is shown below the button. */
export function EvidenceUpload({ projectId, fundReceiptId, defaultKind = 'contract', fixedKind, onUploaded, size, label }: Props) {
  const { t } = useI18n();
  const [kind, setKind] = useState<EvidenceKind>(defaultKind);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File) => {
    setError(null);
    if (file.size > EVIDENCE_MAX_BYTES) {
      setError(t('evidence.tooLarge', { name: file.name }));
      return;
    }
    setBusy(true);
    try {
      const contentBase64 = await readAsBase64(file);
      const saved = await evidenceApi.upload(projectId, { kind, fileName: file.name, contentBase64, fundReceiptId: fundReceiptId ?? null });
      showSuccess(t('evidence.uploaded', { name: saved.fileName }));
      onUploaded(saved);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <Space wrap>
        {!fixedKind && (
          <Select<EvidenceKind>
            aria-label={t('evidence.kind')}
            size={size}
            value={kind}
            style={{ width: 120 }}
            onChange={setKind}
            options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`evidence.kind.${k}`) }))}
          />
        )}
        <Upload
          accept={EVIDENCE_ACCEPT}
          showUploadList={false}
          multiple={false}
          beforeUpload={(file) => {
            void upload(file);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button size={size} icon={<UploadOutlined />} loading={busy}>
            {label ?? t('evidence.upload')}
          </Button>
        </Upload>
      </Space>
      {error && <Alert style={{ marginTop: 8 }} type="error" showIcon message={error} closable onClose={() => setError(null)} data-testid="evidence-error" />}
    </div>
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
