import { useSearchParams } from 'react-router-dom';
import { defaultPeriod, type MonthRange } from './stats';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A period read from the address: both months valid, from ≤ to (it may span years); otherwise null. */
export function readPeriod(from: string | null, to: string | null): MonthRange | null {
  if (!from || !to || !MONTH.test(from) || !MONTH.test(to) || from > to) return null;
  return { from, to };
}

/**
 * Region, period and excluded tags from the address (?region=&from=&to=&excludeTags=), or the defaults: the user's region and
 * the one default period of every page (January to the last complete month, src/domain/periods.ts).
 * Keeping them in the address lets a figure link to the same period elsewhere and survive a reload.
 */
export function usePeriodParams(defaultRegion: string) {
  const [params, setParams] = useSearchParams();
  const range = readPeriod(params.get('from'), params.get('to')) ?? defaultPeriod();
  const region = params.get('region') || defaultRegion;
  /** project tags to leave out of the statistics ("光伏,煤化工"); '' = none */
  const excludeTags = params.get('excludeTags') ?? '';
  const set = (next: { region?: string; range?: MonthRange; excludeTags?: string }) => {
    const r = next.range ?? range;
    const tags = (next.excludeTags ?? excludeTags).trim();
    setParams({ region: next.region ?? region, from: r.from, to: r.to, ...(tags ? { excludeTags: tags } : {}) }, { replace: true });
  };
  return { region, range, excludeTags, set };
}
