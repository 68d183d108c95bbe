/**
 * Industry chains (产业链): the list, one chain with its nodes, versions and diffs, local coverage and a node's
 * enterprises and projects, the shipped templates and the chains import. The answers' types come from the
 * server's contract (src/contracts/chains.ts); a changed answer fails the type check here.
 */
import type {
  AdoptTemplateBody,
  ChainCoverage,
  ChainDetail,
  ChainDiff,
  ChainEditBody,
  ChainEditResult,
  ChainImportResult,
  ChainOutcome,
  ChainSummary,
  ChainTemplate,
  ChainVersion,
  NodeEnterprise,
  NodeProject,
} from '../../../src/contracts/chains';
import { acceptLanguage } from '../i18n/current';
import { translate } from '../i18n/translate';
import { api, ApiError, request } from './client';

export type {
  ChainCoverage,
  ChainDetail,
  ChainDiff,
  ChainImportResult,
  ChainNode,
  ChainOutcome,
  ChainSummary,
  ChainTemplate,
  ChainVersion,
  CoverageStatus,
  NodeCoverage,
  NodeEnterprise,
  NodeProject,
  Segment,
} from '../../../src/contracts/chains';

export const SEGMENTS = ['upstream', 'midstream', 'downstream'] as const;

/** The query of a node's drill-down (nodeRecordsQuerySchema; its numbers are coerced, so z.input says unknown). */
interface NodeRecordsQuery {
  regionCode?: string;
  page: number;
  pageSize: number;
}

interface Page<T> {
  items: T[];
  total: number;
}

const path = (code: string) => `/api/chains/${encodeURIComponent(code)}`;

export const chainsApi = {
  /** with `usedBy`: only the chains that region uses (defined at it or above), for a project's 产业链节点 */
  list: (usedBy?: string) => api.get<{ items: ChainSummary[] }>('/api/chains', { usedBy }).then((r) => r.items),
  get: (code: string, version?: number) => api.get<ChainDetail>(path(code), { version }),
  versions: (code: string) => api.get<{ items: ChainVersion[] }>(`${path(code)}/versions`).then((r) => r.items),
  diff: (code: string, from: number, to: number) => api.get<ChainDiff>(`${path(code)}/diff`, { from, to }),
  /** Silent: the page shows coverage only when it loads. */
  coverage: (code: string, regionCode: string) => api.get<ChainCoverage>(`${path(code)}/coverage`, { regionCode }, true),
  nodeEnterprises: (code: string, node: string, query: NodeRecordsQuery) =>
    api.get<Page<NodeEnterprise>>(`${path(code)}/nodes/${encodeURIComponent(node)}/enterprises`, { ...query }),
  nodeProjects: (code: string, node: string, query: NodeRecordsQuery) =>
    api.get<Page<NodeProject>>(`${path(code)}/nodes/${encodeURIComponent(node)}/projects`, { ...query }),
  templates: () => api.get<{ items: ChainTemplate[] }>('/api/chain-templates').then((r) => r.items),
  fileUrl: (code: string, version: number) => `${path(code)}/file?version=${version}`,
  templateFileUrl: (code: string) => `/api/chain-templates/${encodeURIComponent(code)}/file`,
  /**
   * Saves the edited chain as its next version (`dryRun`: checks only). Silent: the editor shows the problems
   * (400, per node and field) and a newer version (409) itself.
   */
  edit: (code: string, body: ChainEditBody, dryRun: boolean) =>
    request<ChainEditResult>('PUT', path(code), { body, query: { dryRun: dryRun ? 'true' : undefined }, silent: true }),
  /** Silent: a taken code (409) is answered by asking for another one. */
  adopt: (templateCode: string, body: AdoptTemplateBody) =>
    api.post<ChainOutcome>(`/api/chain-templates/${encodeURIComponent(templateCode)}/adopt`, body, true),
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isImportResult(value: unknown): value is ChainImportResult {
  return isRecord(value) && Array.isArray(value.chains) && Array.isArray(value.problems) && typeof value.fileName === 'string';
}

/**
 * Sends a chains file (CSV, or xlsx with a 产业链 sheet) as the request body. Resolves with the result on 200
 * and on 422 (the problems, nothing imported); rejects with an ApiError otherwise.
 */
export async function importChains(file: File, dryRun: boolean): Promise<ChainImportResult> {
  const isCsv = file.name.toLowerCase().endsWith('.csv');
  let res: Response;
  try {
    res = await fetch(`/api/chains/import?dryRun=${dryRun ? 'true' : 'false'}`, {
      method: 'POST',
      credentials: 'include',
      headers: {
        Accept: 'application/json',
        'Accept-Language': acceptLanguage(),
        'Content-Type': isCsv ? 'text/csv' : file.type || 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'x-file-name': encodeURIComponent(file.name),
      },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', translate('error.network'));
  }
  let payload: unknown = null;
  try {
    payload = await res.json();
  } catch {
    // not JSON
  }
  if ((res.status === 200 || res.status === 422) && isImportResult(payload)) return payload;
  const error = isRecord(payload) && isRecord(payload.error) ? payload.error : null;
  if (error && typeof error.message === 'string') {
    throw new ApiError(res.status, typeof error.code === 'string' ? error.code : `HTTP_${res.status}`, error.message, error.details);
  }
  if (res.status === 401) window.location.assign('/login');
  throw new ApiError(res.status, `HTTP_${res.status}`, res.status >= 500 ? translate('error.unavailable') : translate('error.httpStatus', { status: res.status }));
}
