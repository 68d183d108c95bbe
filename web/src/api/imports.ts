import { ApiError } from './client';
import { translate } from '../i18n/translate';
import { acceptLanguage } from '../i18n/current';
import type { ImportKind, ImportQuery, ImportResult } from '../../../src/contracts/imports';

// The answer's types come from the server's contract (src/contracts/imports.ts).
export type { ImportKind, ImportResult, RejectedRow } from '../../../src/contracts/imports';

export const IMPORT_KINDS = ['enterprises', 'projects', 'funds'] as const satisfies readonly ImportKind[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isImportResult(value: unknown): value is ImportResult {
  return isRecord(value) && Array.isArray(value.rejected) && isRecord(value.counts) && typeof value.fileName === 'string';
}

/**
 * Sends the raw file with XMLHttpRequest (fetch cannot report upload progress).
 * Resolves with the result on 200 and on 422 (rejected rows); rejects with an ApiError otherwise.
 */
export function runImport(
  file: File,
  options: { kind?: ImportKind; dryRun: boolean; onProgress?: (percent: number) => void },
): Promise<ImportResult> {
  const query: ImportQuery = { dryRun: options.dryRun ? 'true' : 'false', ...(options.kind ? { kind: options.kind } : {}) };
  const params = new URLSearchParams(query);
  const isCsv = file.name.toLowerCase().endsWith('.csv');
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports?${params.toString()}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', acceptLanguage());
    xhr.setRequestHeader(
      'Content-Type',
      isCsv ? 'text/csv' : file.type || 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
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
      if ((xhr.status === 200 || xhr.status === 422) && isImportResult(payload)) {
        resolve(payload);
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
