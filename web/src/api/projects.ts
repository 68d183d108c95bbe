import { api } from './client';
import type { Stage, Source, Likelihood, Light, Project, ProjectDetail, ProjectPage, Industry, Channel, CompletionSummary } from '../../../src/contracts/projects';
import type { LedgerReceipt, Receipt, Problem, ServiceItem, ServiceItemType, ServiceSummary } from '../../../src/contracts/project-records';

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

export interface ProjectQuery {
  q?: string;
  regionCode?: string;
  stage?: string;
  light?: Light;
  source?: string;
  industry?: string;
  amountMinYuan?: number;
  amountMaxYuan?: number;
  leaderId?: string;
  mine?: 'true';
  isKey?: 'true';
  /** the projects behind a statistic: executing in fundsFrom..fundsTo (optionally new or continued), signed in signedFrom..signedTo */
  fundsFrom?: string;
  fundsTo?: string;
  fundsKind?: 'new' | 'continued';
  signedFrom?: string;
  signedTo?: string;
  /** only 资料不全 projects (待完善) */
  incomplete?: 'true';
  sort?: 'updated' | 'signedAmount' | 'code' | 'signedDate';
  page?: number;
  pageSize?: number;
}

/** The editable fields; PATCH replaces every one of them, so always send them all. */
export interface ProjectFields {
  name: string;
  regionCode: string;
  investorName: string | null;
  investorCreditCode: string | null;
  source: Source | null;
  industryCode: string | null;
  plannedInvestmentYuan: number | null;
  signedAmountYuan: number | null;
  signedDate: string | null;
  agreedStartDate: string | null;
  startedDate: string | null;
  operatingDate: string | null;
  likelihood: Likelihood | null;
  expectedLandingDate: string | null;
  description: string | null;
  leaderId: string | null;
  teamMemberIds: string[];
  milestones: { title: string; dueDate: string | null; doneOn: string | null }[];
  tags: string[];
  isKey: boolean;
  channel: Channel | null;
}

const id = (value: string) => encodeURIComponent(value);

export const projectsApi = {
  list: (query: ProjectQuery) => api.get<ProjectPage>('/api/projects', { ...query }),
  get: (projectId: string) => api.get<ProjectDetail>(`/api/projects/${id(projectId)}`),
  /** Silent: the form maps the details to its fields. */
  create: (body: ProjectFields & { stage?: Stage }) => api.post<Project>('/api/projects', body, true),
  update: (projectId: string, body: ProjectFields & { version: number }) =>
    api.patch<Project>(`/api/projects/${id(projectId)}`, body, true),
  /** Silent: a refusal lists what the stage still needs, shown by the caller. */
  moveStage: (
    projectId: string,
    body: { to: Stage; note?: string; terminationReason?: string; evidenceIds?: string[]; version: number },
  ) => api.post<Project>(`/api/projects/${id(projectId)}/stage`, body, true),
  industries: () => api.get<{ items: Industry[] }>('/api/industries').then((r) => r.items),

  receipts: (projectId: string) =>
    api.get<{ items: LedgerReceipt[] }>(`/api/projects/${id(projectId)}/receipts`).then((r) => r.items),
  addReceipt: (projectId: string, body: { month: string; amountYuan: number; note: string | null }) =>
    api.post<Receipt>(`/api/projects/${id(projectId)}/receipts`, body, true),
  correctReceipt: (receiptId: string, body: { amountYuan: number; note: string | null; reason: string; version: number }) =>
    api.patch<Receipt>(`/api/receipts/${id(receiptId)}`, body),
  deleteReceipt: (receiptId: string, reason: string) => api.delete<void>(`/api/receipts/${id(receiptId)}`, { reason }),
  verifyReceipt: (receiptId: string, version: number) =>
    api.post<Receipt>(`/api/receipts/${id(receiptId)}/verify`, { version }),

  problems: (projectId: string) =>
    api.get<{ items: Problem[] }>(`/api/projects/${id(projectId)}/problems`).then((r) => r.items),
  addProblem: (projectId: string, body: { description: string; ownerName: string; dueDate: string }) =>
    api.post<Problem>(`/api/projects/${id(projectId)}/problems`, body, true),
  resolveProblem: (problemId: string, resolution: string, version: number) =>
    api.patch<Problem>(`/api/problems/${id(problemId)}`, { status: 'resolved', resolution, version }),

  serviceItems: (projectId: string) =>
    api.get<{ items: ServiceItem[] }>(`/api/projects/${id(projectId)}/service-items`).then((r) => r.items),
  addServiceItem: (
    projectId: string,
    body: {
      type: ServiceType;
      title: string;
      requester: string;
      handlerName: string;
      openedOn?: string;
      workingDays: number;
      note: string | null;
    },
  ) => api.post<ServiceItem>(`/api/projects/${id(projectId)}/service-items`, body, true),
  closeServiceItem: (itemId: string, version: number, closedOn?: string) =>
    api.patch<ServiceItem>(`/api/service-items/${id(itemId)}`, { status: 'closed', closedOn, version }),
  completion: (regionCode?: string) => api.get<CompletionSummary>('/api/projects/completion', { regionCode }),
  serviceSummary: (regionCode?: string) => api.get<ServiceSummary>('/api/service-items/summary', { regionCode }),
};
