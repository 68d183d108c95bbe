/**
 * The registry of clocks (通知时钟). Each clock is one module in this folder exporting a `Clock`
 * (clock-types.ts); add it to this list and the hourly job (jobs/notification-clock-job.ts) runs it.
 * docs/aftercare.md ("新增一种提醒") walks through adding one.
 */
import type { Clock } from '../clock-types';
import { commitmentOverdueClock } from './commitment-overdue';
import { followUpDueClock } from './follow-up-due';
import { inquiryOverdueClock } from './inquiry-overdue';
import { problemOverdueClock, serviceItemOverdueClock } from './overdue-items';
import { redLightClock } from './red-light';
import { returnDueClock } from './return-due';
import { tripReportDueClock } from './trip-report-due';

export const CLOCKS: readonly Clock[] = [redLightClock, problemOverdueClock, serviceItemOverdueClock, followUpDueClock, returnDueClock, tripReportDueClock, inquiryOverdueClock, commitmentOverdueClock];
