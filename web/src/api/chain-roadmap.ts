/**
 * A chain's 链长 dashboard: the region's 路线图 (链长, each node's goal, owner and due date) and the targets'
 * conversion funnel. The answers' types come from the server's contract (src/contracts/chain-roadmap.ts), inferred
 * from its schemas, so a changed answer fails the type check here.
 */
import type { z } from 'zod';
import type { funnelSchema, roadmapSchema } from '../../../src/contracts/chain-roadmap';
import { api } from './client';

export type Roadmap = z.infer<typeof roadmapSchema>;
export type RoadmapItem = Roadmap['items'][number];
export type Funnel = z.infer<typeof funnelSchema>;
export type FunnelFigures = Funnel['total'];
export type FunnelStep = keyof FunnelFigures['cohort'];

/** The steps of a target, in order: 认领 → 已接触 → 已拜访 → 立项 → 签约 → 落地. */
export const FUNNEL_STEPS = ['claimed', 'contacted', 'visited', 'project', 'signed', 'landed'] as const satisfies readonly FunnelStep[];

const path = (code: string) => `/api/chains/${encodeURIComponent(code)}`;

export const chainRoadmapApi = {
  roadmap: (code: string, region: string) => api.get<Roadmap>(`${path(code)}/roadmap`, { region }),
  funnel: (code: string, query: { region: string; from: string; to: string }) => api.get<Funnel>(`${path(code)}/funnel`, { ...query }),
};
