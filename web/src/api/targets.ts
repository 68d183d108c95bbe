/**
 * 精准招商: a chain node's scored candidates for a region, claims, their status and staff feedback. The answers'
 * and requests' types come from the server's contract (src/contracts/targets.ts); a changed answer fails the type
 * check here.
 */
import type { z } from 'zod';
import type {
  ClaimFromListBody,
  ClaimFromListResult,
  ClaimFromSearchBody,
  ClaimFromSearchResult,
  ClaimTargetBody,
  ScoredTargets,
  ScoredTargetsQuery,
  Target,
  TargetFeedback,
  TargetFeedbackBody,
  TargetList,
  TargetListQuery,
  TargetStatus,
  TargetStatusBody,
  targetWeightsSchema,
} from '../../../src/contracts/targets';
import { api } from './client';

/** The weights in use and their backtest (inferred from the contract's schema). */
export type TargetWeights = z.infer<typeof targetWeightsSchema>;

export type { BatchClaimResult, ScoredTarget, ScoredTargets, TargetListItem, TargetStatus } from '../../../src/contracts/targets';

/** The way of a target in order; 已放弃 is reached from any open status. */
export const TARGET_STEPS = ['new', 'contacted', 'visited', 'negotiating', 'signed'] as const satisfies readonly TargetStatus[];
export const TARGET_STATUSES = [...TARGET_STEPS, 'dropped'] as const satisfies readonly TargetStatus[];
export const FEEDBACK_KINDS = ['irrelevant', 'contacted', 'goodLead'] as const satisfies readonly TargetFeedbackBody['kind'][];
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** The query of the scored list (`limit` is coerced by the server, so z.input says unknown). */
type ScoredQuery = Omit<ScoredTargetsQuery, 'limit'> & { limit?: number };

export const targetsApi = {
  scored: (query: ScoredQuery) => api.get<ScoredTargets>('/api/targets/scored', { ...query }),
  list: (query: TargetListQuery) => api.get<TargetList>('/api/targets', { ...query }),
  /** A claim held by another region (409) is refused with the server's words (who holds it, or 其他地区). */
  claim: (body: ClaimTargetBody) => api.post<Target>('/api/targets', body),
  /** Silent: the dialog shows a refusal of the whole request; each enterprise's refusal is in the answer. */
  claimFromList: (listId: string, body: ClaimFromListBody) => api.post<ClaimFromListResult>(`/api/enterprise-lists/${encodeURIComponent(listId)}/targets`, body, true),
  /** Silent, like claimFromList: the first `limit` matches of a saved search, in its order. */
  claimFromSearch: (searchId: string, body: ClaimFromSearchBody) =>
    api.post<ClaimFromSearchResult>(`/api/enterprise-saved-searches/${encodeURIComponent(searchId)}/targets`, body, true),
  /** Silent: the status dialog shows the refusal inline. */
  changeStatus: (id: string, body: TargetStatusBody) => api.post<Target>(`/api/targets/${encodeURIComponent(id)}/status`, body, true),
  weights: () => api.get<TargetWeights>('/api/targets/weights'),
  feedback: (body: TargetFeedbackBody) => api.put<TargetFeedback>('/api/targets/feedback', body),
};
