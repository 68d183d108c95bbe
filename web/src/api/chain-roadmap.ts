/**
 * A chain's 链长 dashboard: the region's 路线图 (链长, each node's goal, owner and due date) and the targets'
 * conversion funnel. The answers' types come from the server's contract (src/contracts/chain-roadmap.ts), inferred
 * from its schemas, so a changed answer fails the type check here.
 */
import type { z } from 'zod';
import type { chainLeaderSchema, funnelSchema, roadmapBodySchema, roadmapSchema } from '../../../src/contracts/chain-roadmap';
import { api } from './client';

export type Roadmap = z.infer<typeof roadmapSchema>;
export type RoadmapItem = Roadmap['items'][number];
export type RoadmapBody = z.input<typeof roadmapBodySchema>;
type ChainLeader = z.infer<typeof chainLeaderSchema>;
export type Funnel = z.infer<typeof funnelSchema>;
export type FunnelFigures = Funnel['total'];
export type FunnelStep = keyof FunnelFigures['cohort'];

/** The steps of a target, in order: 认领 → 已接触 → 已拜访 → 立项 → 签约 → 落地. */
export const FUNNEL_STEPS = ['claimed', 'contacted', 'visited', 'project', 'signed', 'landed'] as const satisfies readonly FunnelStep[];

const path = (code: string) => `/api/chains/${encodeURIComponent(code)}`;

export const chainRoadmapApi = {
  roadmap: (code: string, region: string) => api.get<Roadmap>(`${path(code)}/roadmap`, { region }),
  /** Silent: a stale revision (409) and a refused item (400) are shown in the editor. */
  saveRoadmap: (code: string, region: string, body: RoadmapBody) => api.put<Roadmap>(`${path(code)}/roadmap?region=${encodeURIComponent(region)}`, body, true),
  /** Silent: the leader dialog shows the refusal. */
  setLeader: (code: string, userId: string | null) => api.put<ChainLeader>(`${path(code)}/leader`, { userId }, true),
  funnel: (code: string, query: { region: string; from: string; to: string }) => api.get<Funnel>(`${path(code)}/funnel`, { ...query }),
};
