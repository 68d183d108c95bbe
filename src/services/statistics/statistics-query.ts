/** The query every statistic takes: a period (it may span years) and the project tags to leave out. */
import { AppError } from '../../domain/app-error';
import { parseExcludeTags } from '../../domain/exclude-tags';
import { checkPeriodMessage, type Period } from '../../domain/indicators';

export interface StatsQueryInput {
  from: string;
  to: string;
  /** "光伏,煤化工" (also 、 or ；); absent or blank: nothing excluded */
  excludeTags?: string;
}

/** The period and the excluded tags, or a VALIDATION error naming the field (from, excludeTags). */
export function readStatsQuery(q: StatsQueryInput): { period: Period; excludeTags: string[] } {
  const problem = checkPeriodMessage(q);
  if (problem) throw new AppError('VALIDATION', problem, [{ field: 'from', message: problem }]);
  return { period: { from: q.from, to: q.to }, excludeTags: readExcludeTags(q.excludeTags) };
}

export function readExcludeTags(raw: string | undefined): string[] {
  const parsed = parseExcludeTags(raw);
  if (!parsed.ok) throw new AppError('VALIDATION', parsed.problem, [{ field: 'excludeTags', message: parsed.problem }]);
  return parsed.tags;
}
