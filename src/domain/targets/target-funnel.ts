/**
 * The conversion funnel of a chain's targets (issue 12 item 4): node → target → contacted → visited
 * → project → signed → landed, per node (the node and every node below it, like coverage) and per
 * month. Each target has at most one month per step — the month (Asia/Shanghai) it first reached it:
 * - claimed: the target's creation;
 * - contacted / visited: the first target event with that status or a later one (contacted: any of
 *   contacted, visited, negotiating, signed; visited: visited, negotiating, signed);
 * - project: the linked project's creation;
 * - signed: the project's 签约日期 when its stage is signed, started or operating (or a terminated
 *   project that had reached one of them), else the target's first `signed` event;
 * - landed: the project's first change to started or operating (project_stage_history), else its
 *   开工/投产 date.
 * Months: a step counts in the month it was first reached, when that month lies in the period;
 * `totals` add the months up. `cohort`: of the targets claimed in the period, how many had reached
 * each step (or a later one) by the end of the period; `conversionPct` divides each cohort step by
 * the one before (percent half-up to 2 decimals, null on a zero base), so it never exceeds 100.
 * A dropped target stays in the steps it reached before it was dropped.
 */
import { percentHalfUp } from '../money';

export const FUNNEL_STEPS = ['claimed', 'contacted', 'visited', 'project', 'signed', 'landed'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
export type FunnelCounts = Record<FunnelStep, number>;

/** One target and the month ('YYYY-MM') it first reached each step, or null. */
export interface FunnelTarget {
  nodeCode: string;
  months: Record<FunnelStep, string | null>;
}

export interface FunnelNode {
  code: string;
  parentCode: string | null;
}

export interface FunnelFigures {
  byMonth: ({ month: string } & FunnelCounts)[];
  totals: FunnelCounts;
  cohort: FunnelCounts;
  conversionPct: Record<Exclude<FunnelStep, 'claimed'>, number | null>;
}

const zero = (): FunnelCounts => ({ claimed: 0, contacted: 0, visited: 0, project: 0, signed: 0, landed: 0 });

/** The months from `from` to `to`, both included ('YYYY-MM'). */
export function listMonths(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7));
  while (y * 12 + m <= end) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The funnel of a set of targets over the months of the period (see the file comment). */
export function computeFunnel(targets: readonly FunnelTarget[], months: readonly string[]): FunnelFigures {
  const index = new Map(months.map((m, i) => [m, i]));
  const byMonth = months.map((month) => ({ month, ...zero() }));
  const totals = zero();
  const cohort = zero();
  const first = months[0] ?? '';
  const last = months[months.length - 1] ?? '';
  for (const t of targets) {
    for (const step of FUNNEL_STEPS) {
      const month = t.months[step];
      const i = month === null ? undefined : index.get(month);
      if (i === undefined) continue;
      (byMonth[i] as FunnelCounts)[step]++;
      totals[step]++;
    }
    const claimed = t.months.claimed;
    if (claimed === null || claimed < first || claimed > last) continue;
    // reached by the end of the period: this step or any later one
    let reached = false;
    for (let k = FUNNEL_STEPS.length - 1; k >= 0; k--) {
      const step = FUNNEL_STEPS[k] as FunnelStep;
      const month = t.months[step];
      if (month !== null && month <= last) reached = true;
      if (reached) cohort[step]++;
    }
  }
  const rate = (a: FunnelStep, b: FunnelStep) => percentHalfUp(BigInt(cohort[b]), BigInt(cohort[a]));
  return {
    byMonth,
    totals,
    cohort,
    conversionPct: {
      contacted: rate('claimed', 'contacted'),
      visited: rate('contacted', 'visited'),
      project: rate('visited', 'project'),
      signed: rate('project', 'signed'),
      landed: rate('signed', 'landed'),
    },
  };
}

/** Each node's own code and the codes of every node below it. */
export function collectSubtrees(nodes: readonly FunnelNode[]): Map<string, Set<string>> {
  const children = new Map<string, string[]>();
  for (const n of nodes) if (n.parentCode) children.set(n.parentCode, [...(children.get(n.parentCode) ?? []), n.code]);
  const out = new Map<string, Set<string>>();
  for (const n of nodes) {
    const codes = new Set<string>();
    const stack = [n.code];
    while (stack.length > 0) {
      const code = stack.pop() as string;
      if (codes.has(code)) continue;
      codes.add(code);
      stack.push(...(children.get(code) ?? []));
    }
    out.set(n.code, codes);
  }
  return out;
}
