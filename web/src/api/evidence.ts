import { api } from './client';
import type { HistoryEntry } from '../../../src/contracts/audit';
import type { Evidence, EvidenceKind, EvidenceUploadBody, EVIDENCE_MAX_BYTES as SERVER_MAX_BYTES } from '../../../src/contracts/evidence';

export const EVIDENCE_KINDS = ['contract', 'permit', 'bankReceipt', 'other'] as const satisfies readonly EvidenceKind[];
/** The server's limit for one file (10 MB; the type check fails when the server's differs). */
export const EVIDENCE_MAX_BYTES = 10_485_760 satisfies typeof SERVER_MAX_BYTES;
// The answers' types come from the server's contracts (src/contracts/evidence.ts, audit.ts).
export type { Evidence, EvidenceKind } from '../../../src/contracts/evidence';
export type { HistoryEntry } from '../../../src/contracts/audit';

const id = (value: string) => encodeURIComponent(value);

export const evidenceApi = {
  list: (projectId: string) =>
    api.get<{ items: Evidence[] }>(`/api/projects/${id(projectId)}/evidence`).then((r) => r.items),
  /** Silent: the caller shows the server's message next to the upload. */
  upload: (projectId: string, body: EvidenceUploadBody) => api.post<Evidence>(`/api/projects/${id(projectId)}/evidence`, body, true),
  downloadUrl: (evidenceId: string) => `/api/evidence/${id(evidenceId)}/download`,
  history: (projectId: string) =>
    api.get<{ items: HistoryEntry[] }>(`/api/projects/${id(projectId)}/history`).then((r) => r.items),
};

/** Reads a file as base64 (without the `data:…;base64,` prefix). */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const text = typeof reader.result === 'string' ? reader.result : '';
      resolve(text.slice(text.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
