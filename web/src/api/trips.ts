/**
 * 外出招商的计划、审批与报告，活动推进的招商目标，活动附件: the requests of src/contracts/trips.ts
 * (their types come from there; a changed contract fails the type check here).
 */
import type { z } from 'zod';
import type { Activity } from '../../../src/contracts/activities';
import type { activityFileUploadSchema, activityTargetInputSchema, targetActivitiesSchema, tripPlanDecisionSchema, TripReportInput } from '../../../src/contracts/trips';
import { api } from './client';

const id = (value: string) => encodeURIComponent(value);

export const tripsApi = {
  submitPlan: (activityId: string, version: number) => api.post<Activity>(`/api/activities/${id(activityId)}/plan/submit`, { version }),
  decidePlan: (activityId: string, body: z.input<typeof tripPlanDecisionSchema>) => api.post<Activity>(`/api/activities/${id(activityId)}/plan/decision`, body),
  /** Silent: the dialog shows the server's message next to the field. */
  submitReport: (activityId: string, body: TripReportInput) => api.put<Activity>(`/api/activities/${id(activityId)}/report`, body, true),
  addTarget: (activityId: string, body: z.input<typeof activityTargetInputSchema>) => api.post<Activity>(`/api/activities/${id(activityId)}/targets`, body),
  removeTarget: (activityId: string, targetId: string) => api.delete<Activity>(`/api/activities/${id(activityId)}/targets/${id(targetId)}`),
  uploadFile: (activityId: string, body: z.input<typeof activityFileUploadSchema>) => api.post<unknown>(`/api/activities/${id(activityId)}/files`, body, true),
  removeFile: (fileId: string, reason: string) => api.delete<unknown>(`/api/activity-files/${id(fileId)}`, { reason }),
  fileUrl: (fileId: string) => `/api/activity-files/${id(fileId)}/download`,
  targetActivities: (targetId: string) => api.get<z.infer<typeof targetActivitiesSchema>>(`/api/targets/${id(targetId)}/activities`),
};
