/**
 * 在线对接与投诉, the office's side: the inbox with its clocks, one filing with its thread, the audited
 * reveal of the contact, the handling steps, conversion to a lead or a target, and the clock settings.
 * The bodies and settings come from the server's contract (src/contracts/inquiries.ts); the inbox and
 * detail answers are written out here as the service builds them (src/services/inquiries/inquiry-handling.ts).
 */
import type { z } from 'zod';
import type { assignBodySchema, convertLeadBodySchema, convertTargetBodySchema, inboxQuerySchema, inquirySettingsBodySchema, inquirySettingsSchema, stepBodySchema } from '../../../src/contracts/inquiries';
import { api } from './client';

export type InquiryKind = 'inquiry' | 'complaint';
export type InquiryStage = 'received' | 'accepted' | 'answered' | 'closed';
export type InquiryStep = 'accept' | 'answer' | 'close' | 'reopen';
export const INQUIRY_KINDS: readonly InquiryKind[] = ['inquiry', 'complaint'];
export const INQUIRY_STAGES: readonly InquiryStage[] = ['received', 'accepted', 'answered', 'closed'];
export type InboxQuery = Omit<Partial<z.input<typeof inboxQuerySchema>>, 'mine' | 'page' | 'pageSize'> & { mine?: boolean; page?: number; pageSize?: number };
export type InquirySettings = z.infer<typeof inquirySettingsSchema>;
type StepBody = z.input<typeof stepBodySchema>;

/** The clock of an item today: the next due day, working days left (negative: late), overdue. */
export interface InquiryClock {
  nextDueOn: string | null;
  nextDue: 'firstResponse' | 'close' | null;
  workingDaysLeft: number | null;
  overdue: boolean;
}

export interface InboxItem extends InquiryClock {
  id: string;
  trackingNumber: string;
  kind: InquiryKind;
  type: string;
  stage: InquiryStage;
  subjectTitle: string | null;
  regionCode: string;
  regionName: string;
  company: string | null;
  /** masked */
  investorName: string;
  ownerName: string | null;
  receivedOn: string;
  firstResponseDueOn: string;
  closeDueOn: string;
  closedOn: string | null;
  escalationLevel: number;
  duplicate: boolean;
  spamReasons: string[];
  converted: boolean;
}

export interface InboxPage {
  items: InboxItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ThreadMessage {
  id: string;
  at: string;
  from: 'office' | 'investor' | 'system';
  officeName: string | null;
  body: string;
  visibleToInvestor: boolean;
}

export interface InquiryDetail extends InquiryClock {
  id: string;
  trackingNumber: string;
  kind: InquiryKind;
  type: string;
  stage: InquiryStage;
  subjectType: 'project' | 'resource' | 'policyItem' | null;
  subjectId: string | null;
  subjectTitle: string | null;
  regionCode: string;
  regionName: string;
  officeName: string;
  investorName: string;
  company: string | null;
  phone: string | null;
  email: string | null;
  content: string;
  consentVersion: string;
  consentedAt: string;
  ownerId: string | null;
  ownerName: string | null;
  receivedOn: string;
  firstResponseDueOn: string;
  closeDueOn: string;
  firstRespondedOn: string | null;
  closedOn: string | null;
  escalationLevel: number;
  reopenCount: number;
  rating: number | null;
  ratingComment: string | null;
  duplicateOfTrackingNumber: string | null;
  spamReasons: string[];
  clauseId: string | null;
  convertedProject: { id: string; code: string; name: string } | null;
  convertedTargetId: string | null;
  thread: ThreadMessage[];
  version: number;
}

export interface RevealedContact {
  investorName: string;
  phone: string | null;
  email: string | null;
}

const path = (id: string) => `/api/inquiries/${encodeURIComponent(id)}`;

export const inquiriesApi = {
  /** `silent`: the caller shows the refusal itself (the inbox shows a refused search under its box) */
  inbox: (query: InboxQuery, silent?: boolean) => api.get<InboxPage>('/api/inquiries', { ...query }, silent),
  get: (id: string) => api.get<InquiryDetail>(path(id)),
  reveal: (id: string, reason: string) => api.post<RevealedContact>(`${path(id)}/reveal`, { reason }),
  assign: (id: string, body: z.input<typeof assignBodySchema>) => api.post<InquiryDetail>(`${path(id)}/owner`, body),
  step: (id: string, step: InquiryStep, body: StepBody) => api.post<InquiryDetail>(`${path(id)}/${step}`, body),
  /** silent: the dialog shows the refusal itself */
  convertToLead: (id: string, body: z.input<typeof convertLeadBodySchema>) => api.post<InquiryDetail>(`${path(id)}/convert/lead`, body, true),
  convertToTarget: (id: string, body: z.input<typeof convertTargetBodySchema>) => api.post<InquiryDetail>(`${path(id)}/convert/target`, body, true),
  settings: () => api.get<InquirySettings>('/api/settings/inquiries'),
  saveSettings: (body: z.input<typeof inquirySettingsBodySchema>) => api.put<InquirySettings>('/api/settings/inquiries', body),
};
