/**
 * Background import jobs (the enterprise registry): upload the raw file (XMLHttpRequest, for upload
 * progress) → a queued job; list, status with progress, cancel, rejected-row report.
 * The shapes are the server's contract (src/contracts/imports.ts).
 */
import { ApiError, api } from './client';
import { translate } from '../i18n/translate';
import { acceptLanguage } from '../i18n/current';
import type { ImportJob, ImportJobListQuery, ImportJobPage, ImportJobUploadQuery } from '../../../src/contracts/imports';

// The answers' types come from the server's contract (src/contracts/imports.ts).
export type { ImportJob, ImportJobStatus } from '../../../src/contracts/imports';

export function isJobActive(job: Pick<ImportJob, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'running';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export interface UploadOptions {
  source?: string;
  sourceDate?: string;
  dryRun?: boolean;
  onProgress?: (percent: number) => void;
}

/** Sends the file as the request body; resolves with the queued job (202). */
export function uploadImportJob(file: File, options: UploadOptions = {}): Promise<ImportJob> {
  const query: ImportJobUploadQuery = { kind: 'enterprises', fileName: file.name };
  if (options.source?.trim()) query.source = options.source.trim();
  if (options.sourceDate) query.sourceDate = options.sourceDate;
  if (options.dryRun) query.dryRun = 'true';
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const isCsv = file.name.toLowerCase().endsWith('.csv');
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/import-jobs?${params.toString()}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', acceptLanguage());
    xhr.setRequestHeader('Content-Type', isCsv ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', translate('error.network')));
    xhr.onload = () => {
      let payload: unknown = null;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        // not JSON
      }
      if (xhr.status === 202 && isRecord(payload) && typeof payload.id === 'string') {
        resolve(payload as unknown as ImportJob);
        return;
      }
      const error = isRecord(payload) && isRecord(payload.error) ? payload.error : null;
      if (error && typeof error.message === 'string') {
        reject(new ApiError(xhr.status, typeof error.code === 'string' ? error.code : `HTTP_${xhr.status}`, error.message, error.details));
        return;
      }
      if (xhr.status === 401) window.location.assign('/login');
      reject(new ApiError(xhr.status, `HTTP_${xhr.status}`, xhr.status >= 500 ? translate('error.unavailable') : translate('error.httpStatus', { status: xhr.status })));
    };
    xhr.send(file);
  });
}

export const importJobsApi = {
  list: (page = 1, pageSize = 10) =>
    api.get<ImportJobPage>('/api/import-jobs', { kind: 'enterprises', page, pageSize } satisfies ImportJobListQuery),
  get: (id: string) => api.get<ImportJob>(`/api/import-jobs/${encodeURIComponent(id)}`, undefined, true),
  cancel: (id: string) => api.post<ImportJob>(`/api/import-jobs/${encodeURIComponent(id)}/cancel`),
  rejectedUrl: (id: string) => `/api/import-jobs/${encodeURIComponent(id)}/rejected`,
};
