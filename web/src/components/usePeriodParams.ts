import { useSearchParams } from 'react-router-dom';
import { defaultPeriod, type MonthRange } from './stats';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A period read from the address: both months valid, in one year, from ≤ to; otherwise null. */
export function readPeriod(from: string | null, to: string | null): MonthRange | null {
  if (!from || !to || !MONTH.test(from) || !MONTH.test(to) || from.slice(0, 4) !== to.slice(0, 4) || from > to) return null;
  return { from, to };
}

/**
 * Region and period from the address (?region=&from=&to=), or the defaults: the user's region and
 * the one default period of every page (January to the last complete month, src/domain/periods.ts).
 * Keeping them in the address lets a figure link to the same period elsewhere and survive a reload.
 */
export function usePeriodParams(defaultRegion: string) {
  const [params, setParams] = useSearchParams();
  const range = readPeriod(params.get('from'), params.get('to')) ?? defaultPeriod();
  const region = params.get('region') || defaultRegion;
  const set = (next: { region?: string; range?: MonthRange }) => {
    const r = next.range ?? range;
    setParams({ region: next.region ?? region, from: r.from, to: r.to }, { replace: true });
  };
  return { region, range, set };
}
