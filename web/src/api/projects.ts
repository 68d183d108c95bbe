import { api } from './client';

export const STAGES = ['lead', 'negotiating', 'signed', 'started', 'operating', 'terminated'] as const;
export type Stage = (typeof STAGES)[number];
/** The pipeline in order, without 终止. */
export const PIPELINE: readonly Stage[] = ['lead', 'negotiating', 'signed', 'started', 'operating'];
export type Source = 'local' | 'outOfRegion' | 'foreign';
export type Likelihood = 'high' | 'medium' | 'low';
export type Light = 'green' | 'yellow' | 'red';

export interface Project {
  id: string;
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
  investorId: string | null;
  investorName: string | null;
  investorCreditCode: string | null;
  source: Source | null;
  industryCode: string | null;
  industryName: string | null;
  plannedInvestmentYuan: number | null;
  signedAmountYuan: number | null;
  signedDate: string | null;
  agreedStartDate: string | null;
  startedDate: string | null;
  operatingDate: string | null;
  stage: Stage;
  stageBeforeTermination: string | null;
  likelihood: Likelihood | null;
  expectedLandingDate: string | null;
  terminationReason: string | null;
  description: string | null;
  leaderId: string | null;
  leaderName: string | null;
  tags: string[];
  isKey: boolean;
  fundsTotalYuan: number;
  /** in a list with a funds period (fundsFrom/fundsTo): the project's funds in it */
  periodFundsYuan?: number | null;
  light: Light;
  lightReasons: string[];
  lastProgressAt: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ChecklistItem {
  id: string;
  field: string;
  message: string;
}

export interface Milestone {
  id: string;
  title: string;
  dueDate: string | null;
  doneOn: string | null;
}

export interface StageChange {
  id: string;
  fromStage: string | null;
  toStage: string;
  note: string | null;
  changedByName: string;
  changedAt: string;
}

export interface ProjectDetail extends Project {
  nextStage: Stage | null;
  nextStageChecklist: ChecklistItem[];
  team: { userId: string; displayName: string }[];
  milestones: Milestone[];
  stageHistory: StageChange[];
}

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
  sort?: 'updated' | 'signedAmount' | 'code' | 'signedDate';
  page?: number;
  pageSize?: number;
}

export interface ProjectPage {
  items: Project[];
  total: number;
  stageCounts: Partial<Record<Stage, number>>;
  /** with fundsFrom/fundsTo: the matching projects' funds in the period (the statistic's 到位资金) */
  periodFundsYuan?: number | null;
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
}

export interface Industry {
  code: string;
  name: string;
  level: 'section' | 'division';
  parentCode: string | null;
  sector: number;
}

export interface Receipt {
  /** Whether the receipt counts in statistics under the 先证后计 policy. */
  counts: boolean;
  /** Why it does not count (null when it does). */
  countsWhy: string | null;
  id: string;
  projectId: string;
  month: string;
  amountYuan: number;
  note: string | null;
  enteredByName: string | null;
  enteredAt: string;
  verifiedByName: string | null;
  verifiedAt: string | null;
  version: number;
}

export interface Problem {
  id: string;
  projectId: string;
  description: string;
  ownerName: string;
  dueDate: string;
  status: 'open' | 'resolved';
  resolution: string | null;
  resolvedOn: string | null;
  overdue: boolean;
  version: number;
  createdAt: string;
}

export const SERVICE_TYPES = [
  'companyRegistration',
  'projectFiling',
  'land',
  'planning',
  'environmentalReview',
  'powerWater',
  'other',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export interface ServiceItem {
  id: string;
  projectId: string;
  type: ServiceType;
  title: string;
  requester: string;
  handlerName: string;
  openedOn: string;
  workingDays: number;
  dueOn: string;
  status: 'open' | 'closed';
  closedOn: string | null;
  note: string | null;
  elapsedWorkingDays: number;
  remainingWorkingDays: number;
  overdue: boolean;
  version: number;
}

export interface ServiceSummary {
  regionCode: string;
  regionName: string;
  items: { code: string; name: string; open: number; overdue: number; closed: number; closedLate: number }[];
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
    api.get<{ items: Receipt[] }>(`/api/projects/${id(projectId)}/receipts`).then((r) => r.items),
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
  serviceSummary: (regionCode?: string) => api.get<ServiceSummary>('/api/service-items/summary', { regionCode }),
};
