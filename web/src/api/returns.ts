import { api } from './client';
import type { ReasonBody } from '../../../src/contracts/common';
import type {
  ApproveReturnBody,
  MonthlyReturn,
  Reminders,
  ReportingCalendar,
  ReportingCalendarBody,
  ReturnsStatus,
  ReturnsStatusQuery,
  SubmitReturnBody,
} from '../../../src/contracts/returns';

// The answers' types come from the server's contract (src/contracts/returns.ts): a changed field fails the type check here.
export type {
  FigureChange,
  MonthlyReturn,
  ReceiptChange,
  Reminder,
  ReportingCalendar,
  ReturnState,
  ReturnStatusRow,
  ReturnsStatus,
  ReturnVersion,
} from '../../../src/contracts/returns';

const seg = (value: string) => encodeURIComponent(value);
const path = (regionCode: string, month: string) => `/api/returns/${seg(regionCode)}/${seg(month)}`;

export const returnsApi = {
  status: (region: string, month: string) => api.get<ReturnsStatus>('/api/returns/status', { region, month } satisfies ReturnsStatusQuery),
  reminders: () => api.get<Reminders>('/api/returns/reminders', undefined, true),
  get: (regionCode: string, month: string) => api.get<MonthlyReturn>(path(regionCode, month)),
  // actions are silent: the page shows the server's message in an Alert
  submit: (regionCode: string, month: string) => api.post<MonthlyReturn>(`${path(regionCode, month)}/submit`, {} satisfies SubmitReturnBody, true),
  approve: (regionCode: string, month: string) => api.post<MonthlyReturn>(`${path(regionCode, month)}/approve`, {} satisfies ApproveReturnBody, true),
  sendBack: (regionCode: string, month: string, reason: string) =>
    api.post<MonthlyReturn>(`${path(regionCode, month)}/return`, { reason } satisfies ReasonBody, true),
  reopen: (regionCode: string, month: string, reason: string) =>
    api.post<MonthlyReturn>(`${path(regionCode, month)}/reopen`, { reason } satisfies ReasonBody, true),
};

export const reportingCalendarApi = {
  get: () => api.get<ReportingCalendar>('/api/settings/reporting-calendar'),
  save: (body: ReportingCalendarBody) => api.put<ReportingCalendar>('/api/settings/reporting-calendar', body),
};
