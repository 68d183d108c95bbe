/**
 * 红绿灯: a light per project from rules an administrator can edit, with the reasons that explain it.
 * Defaults (issue 3): yellow when no progress for 60 days, or signed and not started 60 days after the
 * agreed start date; red after 90 days of either, or when an open problem is past its due date.
 * Terminated and operating projects are green (nothing to chase).
 */
import { msg, type Message } from './messages/catalog';

export type Light = 'green' | 'yellow' | 'red';

/** The editable rules (their API schema: src/contracts/settings.ts lightRulesSchema; the routes fail to type-check if the two differ). */
export interface LightRules {
  noProgressYellowDays: number;
  noProgressRedDays: number;
  notStartedYellowDays: number;
  notStartedRedDays: number;
  overdueProblemIsRed: boolean;
}

export const DEFAULT_LIGHT_RULES: LightRules = {
  noProgressYellowDays: 60,
  noProgressRedDays: 90,
  notStartedYellowDays: 60,
  notStartedRedDays: 90,
  overdueProblemIsRed: true,
};

export interface LightFacts {
  stage: string;
  /** 'YYYY-MM-DD' of the last progress report */
  lastProgressDate: string;
  agreedStartDate: string | null;
  startedDate: string | null;
  /** due dates of the open problems */
  openProblemDueDates: string[];
}

export interface LightResult {
  light: Light;
  /** catalog messages: the reader's language renders them (services/projects/projects.ts) */
  reasons: Message[];
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function computeLight(f: LightFacts, rules: LightRules, today: string): LightResult {
  if (f.stage === 'terminated' || f.stage === 'operating') return { light: 'green', reasons: [] };
  const red: Message[] = [];
  const yellow: Message[] = [];
  const idle = daysBetween(f.lastProgressDate, today);
  if (idle >= rules.noProgressRedDays) red.push(msg('light.noProgressRed', { days: idle, limit: rules.noProgressRedDays }));
  else if (idle >= rules.noProgressYellowDays) yellow.push(msg('light.noProgressYellow', { days: idle, limit: rules.noProgressYellowDays }));
  if (f.stage === 'signed' && f.agreedStartDate && !f.startedDate) {
    const late = daysBetween(f.agreedStartDate, today);
    if (late >= rules.notStartedRedDays) red.push(msg('light.notStartedRed', { date: f.agreedStartDate, days: late, limit: rules.notStartedRedDays }));
    else if (late >= rules.notStartedYellowDays) yellow.push(msg('light.notStartedYellow', { date: f.agreedStartDate, days: late, limit: rules.notStartedYellowDays }));
  }
  if (rules.overdueProblemIsRed) {
    const overdue = f.openProblemDueDates.filter((d) => d < today).sort();
    if (overdue.length > 0) red.push(msg('light.overdueProblems', { count: overdue.length, date: overdue[0] ?? '' }));
  }
  if (red.length > 0) return { light: 'red', reasons: [...red, ...yellow] };
  if (yellow.length > 0) return { light: 'yellow', reasons: yellow };
  return { light: 'green', reasons: [] };
}
