/**
 * The rules of inquiries (在线对接) and complaints (投诉): their subtypes, stages and which step may
 * follow which, the working-day clocks (defaults from 外商投资企业投诉工作办法: a complaint accepted
 * within 7 working days and handled within 60; an inquiry answered within 2), and the escalation
 * ladder (owner → office head → the level above).
 *
 * Stages: received → accepted → answered (an inquiry's answer; a complaint's handling result) → closed.
 * The first response is the acceptance of a complaint and the first answer of an inquiry. A complaint
 * may be reopened once by the investor after it is closed (back to accepted, with fresh clocks);
 * the investor rates the answer once it is closed.
 */
import { addWorkingDays, countWorkingDays, type WorkingCalendar } from '../working-days';

export const INQUIRY_KINDS = ['inquiry', 'complaint'] as const;
export type InquiryKind = (typeof INQUIRY_KINDS)[number];

export const INQUIRY_TYPES = ['projectInterest', 'resourceInterest', 'policyQuestion', 'general'] as const;
export const COMPLAINT_TYPES = ['departmentAction', 'brokenPromise', 'other'] as const;
export type InquiryType = (typeof INQUIRY_TYPES)[number];

export const INQUIRY_STAGES = ['received', 'accepted', 'answered', 'closed'] as const;
export type InquiryStage = (typeof INQUIRY_STAGES)[number];

export const SUBJECT_TYPES = ['project', 'resource', 'policyItem'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** The subject type an inquiry subtype asks for (general and complaints: none required). */
export const SUBJECT_OF_TYPE: Partial<Record<InquiryType, SubjectType>> = { projectInterest: 'project', resourceInterest: 'resource', policyQuestion: 'policyItem' };

export function isTypeOfKind(kind: InquiryKind, type: string): boolean {
  return kind === 'inquiry' ? (INQUIRY_TYPES as readonly string[]).includes(type) : (COMPLAINT_TYPES as readonly string[]).includes(type);
}

export interface KindClock {
  /** working days from filing to the first response (complaint: acceptance; inquiry: the first answer) */
  firstResponseWorkingDays: number;
  /** working days from filing to closing */
  closeWorkingDays: number;
}

export interface InquiryClockSettings {
  inquiry: KindClock;
  complaint: KindClock;
  /** working days past a due day before the item climbs one step of the ladder */
  escalationWorkingDays: number;
}

export const DEFAULT_INQUIRY_CLOCK_SETTINGS: InquiryClockSettings = {
  inquiry: { firstResponseWorkingDays: 2, closeWorkingDays: 5 },
  complaint: { firstResponseWorkingDays: 7, closeWorkingDays: 60 },
  escalationWorkingDays: 3,
};

/** The two due days of an item filed (or reopened) on `start`. */
export function computeDueDates(cal: WorkingCalendar, start: string, clock: KindClock): { firstResponseDueOn: string; closeDueOn: string } {
  return { firstResponseDueOn: addWorkingDays(cal, start, clock.firstResponseWorkingDays), closeDueOn: addWorkingDays(cal, start, clock.closeWorkingDays) };
}

export type InquiryStep = 'accept' | 'answer' | 'close' | 'reopen';

/** The stage a step leads to from `stage`, or null when the step is not allowed there. */
export function findNextStage(kind: InquiryKind, stage: InquiryStage, step: InquiryStep, reopenCount: number): InquiryStage | null {
  switch (step) {
    case 'accept':
      return stage === 'received' ? 'accepted' : null;
    case 'answer':
      // answering again (a further reply) keeps the stage; a closed item is reopened first
      return stage === 'closed' ? null : 'answered';
    case 'close':
      return stage === 'answered' ? 'closed' : null;
    case 'reopen':
      return kind === 'complaint' && stage === 'closed' && reopenCount < 1 ? 'accepted' : null;
  }
}

/** Whether this step is the item's first response (the clock's first stop). */
export function isFirstResponse(kind: InquiryKind, step: InquiryStep): boolean {
  return kind === 'complaint' ? step === 'accept' || step === 'answer' : step === 'answer';
}

/**
 * The escalation level an open item has reached on `today`: 0 while no due day has passed by
 * `escalationWorkingDays` working days; 1 (office head) once the earliest missed due day is that far
 * behind; 2 (the level above) once it is twice that far behind.
 */
export function computeEscalationLevel(
  cal: WorkingCalendar,
  item: { stage: InquiryStage; firstRespondedOn: string | null; firstResponseDueOn: string; closeDueOn: string },
  today: string,
  escalationWorkingDays: number,
): 0 | 1 | 2 {
  if (item.stage === 'closed') return 0;
  const missed = [...(item.firstRespondedOn === null ? [item.firstResponseDueOn] : []), item.closeDueOn].filter((d) => d < today).sort();
  const earliest = missed[0];
  if (earliest === undefined) return 0;
  const late = countWorkingDays(cal, earliest, today);
  if (late >= 2 * escalationWorkingDays) return 2;
  return late >= escalationWorkingDays ? 1 : 0;
}
