import { api } from './client';
import type { StatsSummary } from './stats';

export type ReturnState = 'draft' | 'submitted' | 'approved' | 'returned';

/** One region's monthly return as listed by /api/returns/status. */
export interface ReturnStatusRow {
  regionCode: string;
  regionName: string;
  level: string;
  /** A region with projects in its subtree must report. */
  required: boolean;
  state: ReturnState;
  stateLabel: string;
  submissions: number;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  /** Who made the latest submission. */
  submittedByName: string | null;
  dueDate: string;
  late: boolean;
  missing: boolean;
  dueSoon: boolean;
}

export interface ReturnsStatus {
  regionCode: string;
  regionName: string;
  month: string;
  asOf: string;
  own: ReturnStatusRow;
  items: ReturnStatusRow[];
}

export interface Reminder {
  kind: 'late' | 'dueSoon' | 'toReview';
  regionCode: string;
  regionName: string;
  month: string;
  state: ReturnState;
  dueDate: string | null;
  message: string;
}

export interface ReturnFigures {
  regionCode: string;
  regionName: string;
  month: string;
  yearToDate: StatsSummary;
  /** Without the target block (`target` is null): completion is a year-to-date figure. */
  monthOnly: StatsSummary;
}

export interface FigureChange {
  /** The figure's path, e.g. `yearToDate.executing.fundsYuan`. */
  field: string;
  before: number | null;
  after: number | null;
}

export interface ReturnVersion {
  number: number;
  submittedByName: string;
  submittedAt: string;
  outcome: 'approved' | 'returned' | 'reopened' | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
  reason: string | null;
  snapshot: ReturnFigures;
}

export interface MonthlyReturn {
  regionCode: string;
  regionName: string;
  level: string;
  month: string;
  state: ReturnState;
  stateLabel: string;
  locked: boolean;
  dueDate: string;
  submissions: number;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewReason: string | null;
  version: number;
  figures: ReturnFigures;
  /** Live ledger figures while draft or returned; the frozen submission once submitted or approved. */
  figuresAreLive: boolean;
  /** Between the last two submissions. */
  changes: FigureChange[];
  /** The live figures against the last submission (while draft or returned). */
  changesSinceLastSubmission: FigureChange[];
  /** the receipts behind the changes between the last two submissions */
  receiptChanges: ReceiptChange[];
  /** while draft or returned: the receipts changed since the last submission */
  receiptChangesSinceLastSubmission: ReceiptChange[];
  versions: ReturnVersion[];
}

/** One receipt a return's figures changed by: project, month, before → after, who, why. */
export interface ReceiptChange {
  at: string;
  projectId: string | null;
  projectCode: string | null;
  projectName: string | null;
  month: string;
  beforeYuan: number | null;
  afterYuan: number | null;
  kind: 'create' | 'correct' | 'delete' | 'import';
  actorName: string | null;
  reason: string | null;
  fileName: string | null;
}

const seg = (value: string) => encodeURIComponent(value);
const path = (regionCode: string, month: string) => `/api/returns/${seg(regionCode)}/${seg(month)}`;

export const returnsApi = {
  status: (region: string, month: string) => api.get<ReturnsStatus>('/api/returns/status', { region, month }),
  reminders: () => api.get<{ today: string; items: Reminder[] }>('/api/returns/reminders', undefined, true),
  get: (regionCode: string, month: string) => api.get<MonthlyReturn>(path(regionCode, month)),
  // actions are silent: the page shows the server's message in an Alert
  submit: (regionCode: string, month: string) => api.post<MonthlyReturn>(`${path(regionCode, month)}/submit`, {}, true),
  approve: (regionCode: string, month: string) => api.post<MonthlyReturn>(`${path(regionCode, month)}/approve`, {}, true),
  sendBack: (regionCode: string, month: string, reason: string) =>
    api.post<MonthlyReturn>(`${path(regionCode, month)}/return`, { reason }, true),
  reopen: (regionCode: string, month: string, reason: string) =>
    api.post<MonthlyReturn>(`${path(regionCode, month)}/reopen`, { reason }, true),
};

export interface ReportingCalendar {
  countyDay: number;
  prefectureDay: number;
  provinceDay: number;
}

export const reportingCalendarApi = {
  get: () => api.get<ReportingCalendar>('/api/settings/reporting-calendar'),
  save: (body: ReportingCalendar & { reason: string }) => api.put<ReportingCalendar>('/api/settings/reporting-calendar', body),
};
