/**
 * The search criteria in the page URL (shareable, reload-safe) and the small rules the facet column needs:
 * capital bands in yuan and region codes (GB/T 2260: levels and parents from the code).
 */
import { ENTERPRISE_STATUSES, type EnterpriseCriteria, type EnterpriseSort, type EnterpriseStatus } from '../../api/enterprises-search';

export interface PageState {
  criteria: EnterpriseCriteria;
  page: number;
  pageSize: number;
}

const PAGE_SIZES = [20, 50, 100];

function int(value: string | null, min: number, max: number): number | undefined {
  if (value === null || !/^\d{1,16}$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
}

function list(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Reads the criteria from the URL; anything malformed is ignored rather than sent to the server. */
export function readPageState(params: URLSearchParams): PageState {
  const sort = params.get('sort');
  const region = params.get('region') ?? '';
  const industry = params.get('industry') ?? '';
  const status = list(params.get('status')).filter((s): s is EnterpriseStatus => (ENTERPRISE_STATUSES as readonly string[]).includes(s));
  const criteria: EnterpriseCriteria = {
    q: params.get('q')?.slice(0, 100) || undefined,
    tags: list(params.get('tags')).slice(0, 20),
    region: /^\d{6}(\d{3})?$/.test(region) ? region : undefined,
    industry: /^([A-T]|\d{2})$/.test(industry) ? industry : undefined,
    capitalMin: int(params.get('capitalMin'), 0, Number.MAX_SAFE_INTEGER),
    capitalMax: int(params.get('capitalMax'), 0, Number.MAX_SAFE_INTEGER),
    foundedFrom: int(params.get('foundedFrom'), 1900, 2100),
    foundedTo: int(params.get('foundedTo'), 1900, 2100),
    status,
    inContact: params.get('inContact') === 'true' || undefined,
    sort: sort === 'relevance' || sort === 'capital' ? (sort as EnterpriseSort) : undefined,
  };
  const pageSize = int(params.get('pageSize'), 1, 100);
  return {
    criteria,
    page: int(params.get('page'), 1, 10_000) ?? 1,
    pageSize: pageSize && PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

export function writePageState({ criteria: c, page, pageSize }: PageState): URLSearchParams {
  const p = new URLSearchParams();
  if (c.q?.trim()) p.set('q', c.q.trim());
  if (c.tags?.length) p.set('tags', c.tags.join(','));
  if (c.region) p.set('region', c.region);
  if (c.industry) p.set('industry', c.industry);
  if (c.capitalMin !== undefined) p.set('capitalMin', String(c.capitalMin));
  if (c.capitalMax !== undefined) p.set('capitalMax', String(c.capitalMax));
  if (c.foundedFrom !== undefined) p.set('foundedFrom', String(c.foundedFrom));
  if (c.foundedTo !== undefined) p.set('foundedTo', String(c.foundedTo));
  if (c.status?.length) p.set('status', c.status.join(','));
  if (c.inContact) p.set('inContact', 'true');
  if (c.sort) p.set('sort', c.sort);
  if (page > 1) p.set('page', String(page));
  if (pageSize !== 20) p.set('pageSize', String(pageSize));
  return p;
}

/** Filters other than the search words (and the sort). */
export function hasFilters(c: EnterpriseCriteria): boolean {
  return Boolean(
    c.tags?.length ||
      c.region ||
      c.industry ||
      c.capitalMin !== undefined ||
      c.capitalMax !== undefined ||
      c.foundedFrom !== undefined ||
      c.foundedTo !== undefined ||
      c.status?.length ||
      c.inContact,
  );
}

/** Nothing asked yet: the page shows what the search box understands instead of every enterprise. */
export function isBlank(c: EnterpriseCriteria): boolean {
  return !c.q?.trim() && !hasFilters(c) && !c.sort;
}

export function withoutFilters(c: EnterpriseCriteria): EnterpriseCriteria {
  return { q: c.q, sort: c.sort };
}

// ------------------------------------------------------------------ capital bands (integer yuan, inclusive)

const WAN = 10_000;
const YI = 100_000_000;

export interface CapitalBand {
  key: 'lt100w' | '100w-1000w' | '1000w-1y' | '1y-10y' | 'ge10y';
  min?: number;
  max?: number;
}

/** Bands that do not overlap: each upper bound is one yuan below the next band's lower bound. */
export const CAPITAL_BANDS: CapitalBand[] = [
  { key: 'lt100w', max: 100 * WAN - 1 },
  { key: '100w-1000w', min: 100 * WAN, max: 1000 * WAN - 1 },
  { key: '1000w-1y', min: 1000 * WAN, max: YI - 1 },
  { key: '1y-10y', min: YI, max: 10 * YI - 1 },
  { key: 'ge10y', min: 10 * YI },
];

export function bandOf(c: EnterpriseCriteria): CapitalBand | undefined {
  if (c.capitalMin === undefined && c.capitalMax === undefined) return undefined;
  return CAPITAL_BANDS.find((b) => b.min === c.capitalMin && b.max === c.capitalMax);
}

// ------------------------------------------------------------------ regions (GB/T 2260 codes)

/** 直辖市: their districts and counties hang directly under the province-level code. */
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/** The parent region of a code, or null for a province. */
export function parentRegion(code: string): string | null {
  if (code.length === 9) return code.slice(0, 6);
  if (code.endsWith('0000')) return null;
  if (code.endsWith('00')) return provinceOf(code);
  if (MUNICIPALITIES.has(code.slice(0, 2))) return provinceOf(code);
  return `${code.slice(0, 4)}00`;
}

/** The chain from the province down to the code (inclusive). */
export function regionChain(code: string): string[] {
  const out: string[] = [];
  for (let c: string | null = code; c; c = parentRegion(c)) out.unshift(c);
  return out;
}
