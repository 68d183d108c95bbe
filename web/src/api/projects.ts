import { api } from './client';
import type {
  Stage,
  Project,
  ProjectDetail,
  ProjectPage,
  Industry,
  Channel,
  CompletionSummary,
  CompletionQuery,
  NewProjectBody,
  ProjectChangeBody,
  ProjectListQuery,
  StageMoveBody,
} from '../../../src/contracts/projects';
import type {
  LedgerReceipt,
  NewProblemBody,
  NewReceiptBody,
  NewServiceItemBody,
  Problem,
  ProblemChangeBody,
  Receipt,
  ReceiptCorrectionBody,
  ServiceItem,
  ServiceItemChangeBody,
  ServiceItemType,
  ServiceSummary,
  VersionBody,
} from '../../../src/contracts/project-records';
import type { ReasonBody, RegionQuery } from '../../../src/contracts/common';

// The answers' types come from the server's contracts (src/contracts): a changed response fails the type check here.
export type {
  Stage,
  Source,
  Likelihood,
  Light,
  Project,
  ProjectDetail,
  ProjectListItem,
  ProjectPage,
  Industry,
  Channel,
  MissingField,
  CompletionSummary,
} from '../../../src/contracts/projects';
export type { LedgerReceipt, Receipt, Problem, ServiceItem, ServiceItemType, ServiceSummary } from '../../../src/contracts/project-records';

export const STAGES = ['lead', 'negotiating', 'signed', 'started', 'operating', 'terminated'] as const satisfies readonly Stage[];
/** The pipeline in order, without 终止. */
export const PIPELINE: readonly Stage[] = ['lead', 'negotiating', 'signed', 'started', 'operating'];

export type ServiceType = ServiceItemType;
export const SERVICE_TYPES = [
  'companyRegistration',
  'projectFiling',
  'land',
  'planning',
  'environmentalReview',
  'powerWater',
  'other',
] as const satisfies readonly ServiceType[];

/** 招商方式 (DESIGN.md glossary `channel`), in the order of the form's select. */
export const CHANNELS = ['chain', 'partner', 'event', 'residentTeam', 'commissioned', 'online', 'direct'] as const satisfies readonly Channel[];

/** The list's filters, the form's fields and the request bodies are the server's contracts (input types): a changed request fails the type check here. */
export type { ProjectFields, ProjectListQuery as ProjectQuery, StageMoveBody } from '../../../src/contracts/projects';

const id = (value: string) => encodeURIComponent(value);

export const projectsApi = {
  list: (query: ProjectListQuery) => api.get<ProjectPage>('/api/projects', { ...query }),
  get: (projectId: string) => api.get<ProjectDetail>(`/api/projects/${id(projectId)}`),
  /** Silent: the form maps the details to its fields. */
  create: (body: NewProjectBody) => api.post<Project>('/api/projects', body, true),
  update: (projectId: string, body: ProjectChangeBody) =>
    api.patch<Project>(`/api/projects/${id(projectId)}`, body, true),
  /** Silent: a refusal lists what the stage still needs, shown by the caller. */
  moveStage: (projectId: string, body: StageMoveBody) => api.post<Project>(`/api/projects/${id(projectId)}/stage`, body, true),
  industries: () => api.get<{ items: Industry[] }>('/api/industries').then((r) => r.items),

  receipts: (projectId: string) =>
    api.get<{ items: LedgerReceipt[] }>(`/api/projects/${id(projectId)}/receipts`).then((r) => r.items),
  addReceipt: (projectId: string, body: NewReceiptBody) =>
    api.post<Receipt>(`/api/projects/${id(projectId)}/receipts`, body, true),
  correctReceipt: (receiptId: string, body: ReceiptCorrectionBody) =>
    api.patch<Receipt>(`/api/receipts/${id(receiptId)}`, body),
  deleteReceipt: (receiptId: string, reason: string) => api.delete<void>(`/api/receipts/${id(receiptId)}`, { reason } satisfies ReasonBody),
  verifyReceipt: (receiptId: string, version: number) =>
    api.post<Receipt>(`/api/receipts/${id(receiptId)}/verify`, { version } satisfies VersionBody),

  problems: (projectId: string) =>
    api.get<{ items: Problem[] }>(`/api/projects/${id(projectId)}/problems`).then((r) => r.items),
  addProblem: (projectId: string, body: NewProblemBody) =>
    api.post<Problem>(`/api/projects/${id(projectId)}/problems`, body, true),
  resolveProblem: (problemId: string, resolution: string, version: number) =>
    api.patch<Problem>(`/api/problems/${id(problemId)}`, { status: 'resolved', resolution, version } satisfies ProblemChangeBody),

  serviceItems: (projectId: string) =>
    api.get<{ items: ServiceItem[] }>(`/api/projects/${id(projectId)}/service-items`).then((r) => r.items),
  addServiceItem: (projectId: string, body: NewServiceItemBody) => api.post<ServiceItem>(`/api/projects/${id(projectId)}/service-items`, body, true),
  closeServiceItem: (itemId: string, version: number, closedOn?: string) =>
    api.patch<ServiceItem>(`/api/service-items/${id(itemId)}`, { status: 'closed', closedOn, version } satisfies ServiceItemChangeBody),
  completion: (regionCode?: string) => api.get<CompletionSummary>('/api/projects/completion', { regionCode } satisfies CompletionQuery),
  serviceSummary: (regionCode?: string) => api.get<ServiceSummary>('/api/service-items/summary', { regionCode } satisfies RegionQuery),
};
