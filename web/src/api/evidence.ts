import { api } from './client';

export const EVIDENCE_KINDS = ['contract', 'permit', 'bankReceipt', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface Evidence {
  id: string;
  projectId: string;
  fundReceiptId: string | null;
  kind: EvidenceKind;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedByName: string | null;
  uploadedAt: string;
}

export interface HistoryEntry {
  id: string;
  at: string;
  actorUsername: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** The server's limit for one file. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

const id = (value: string) => encodeURIComponent(value);

export const evidenceApi = {
  list: (projectId: string) =>
    api.get<{ items: Evidence[] }>(`/api/projects/${id(projectId)}/evidence`).then((r) => r.items),
  /** Silent: the caller shows the server's message next to the upload. */
  upload: (
    projectId: string,
    body: { kind: EvidenceKind; fileName: string; contentBase64: string; fundReceiptId?: string | null },
  ) => api.post<Evidence>(`/api/projects/${id(projectId)}/evidence`, body, true),
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
