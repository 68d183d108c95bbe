/**
 * Enterprise search (企业库检索). Enterprises are national reference data: every business user
 * searches all of them. Region scope applies to "already in contact" (contacts or projects held in
 * the caller's subtree) and to saved searches and lists (services/enterprises/enterprise-lists).
 */
import { ENTERPRISE_SEARCH_MAX_PAGE_SIZE } from '../../contracts/enterprise-search';
import type { SQL } from 'drizzle-orm';
import { countSampledMatches, selectBroadPage, selectSampledFacets, selectTableRows, toSamplePercent } from '../../db/queries/enterprises/enterprise-search-broad';
import {
  selectEnterpriseSearch,
  selectRegionSubtree,
  countRegionsWithCodePrefix,
  type EnterpriseFacets,
  type EnterpriseSearchFilter,
  type EnterpriseSearchRow,
  type EnterpriseSort,
  type FacetRoot,
} from '../../db/queries/enterprises/enterprise-search';
import { forgoParallelWorkersInTransaction } from '../../db/pool-settings';
import { selectRegionsByCodes } from '../../db/queries/regions';
import { AppError } from '../../domain/app-error';
import { isLikelyWithin, isSurelyAbove, type PageSample } from '../../domain/page-sample';
import { msg, type Message } from '../../domain/messages/catalog';
import { BUILT_IN_TAGS, type EnterpriseStatus } from '../../domain/enterprise-status';
import { listIndustryCodesUnder } from '../../reference/industry-classification';
import { listHighlightNeedles, parseEnterpriseQuery, type EnterpriseQuery } from '../../search/enterprise-query';
import { hasMatch, highlightPinyin, highlightPrefix, highlightSubstrings, type HighlightSegment } from '../../search/highlight';
import type { Caller, Deps } from '../context';

export interface EnterpriseSearchInput {
  q?: string;
  tags?: string[];
  region?: string;
  industry?: string;
  capitalMin?: number;
  capitalMax?: number;
  foundedFrom?: number;
  foundedTo?: number;
  status?: EnterpriseStatus[];
  inContact?: boolean;
  sort?: EnterpriseSort;
  page?: number;
  pageSize?: number;
  /** count and facet every match however many (slow over hundreds of thousands): the "exact count on request" */
  exact?: boolean;
}

/** Above this many matches the total is shown as "10,000+", the facets are estimates and the page comes in capital tiers. */
export const SEARCH_TOTAL_CAP = 10_000;


export interface EnterpriseHighlight {
  name: HighlightSegment[];
  /** the first former name the search matched, with its segments */
  formerName: { text: string; segments: HighlightSegment[] } | null;
  creditCode: HighlightSegment[];
}

function fail(field: string, message: Message): never {
  throw new AppError('VALIDATION', message, [{ field, message }]);
}

function toSafeNumber(v: bigint | null): number | null {
  if (v === null) return null;
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`amount out of the safe integer range: ${v}`);
  return n;
}

/** The region filter and its subtree: enterprises are national, so any existing region may be chosen (no scope check). */
async function resolveRegion(deps: Deps, code: string) {
  const region = await selectRegionSubtree(deps.db, code);
  if (!region) fail('region', msg('search.regionUnknown', { code }));
  return region;
}

/**
 * The region's key in enterprise_filter_keys (the first 2, 4 or 6 digits of a region code), when
 * that prefix names exactly the region's subtree: a province 650000 → 65, a prefecture 650100 →
 * 6501, a county → its code; every code of the subtree starts with it and no other region's does.
 * Else null (a park, a region whose subtree was moved): the search lists the subtree's codes.
 */
async function findRegionKey(deps: Deps, region: { code: string; codes: string[] }): Promise<string | null> {
  const m = /^(\d{2})0000$/.exec(region.code) ?? /^(\d{4})00$/.exec(region.code) ?? /^(\d{6})$/.exec(region.code);
  const prefix = m?.[1];
  if (!prefix || !region.codes.every((c) => c.startsWith(prefix))) return null;
  return (await countRegionsWithCodePrefix(deps.db, prefix)) === region.codes.length ? prefix : null;
}

/** The industry's key in enterprise_filter_keys: a 门类 letter or a 2–4 digit code (every code the filter lists is under it). */
function findIndustryKey(code: string): string | null {
  return /^([A-Z]|\d{2,4})$/.test(code) ? code : null;
}

/** An industry code stands for itself and every code below it (GB/T 4754, the table the database is loaded from). */
function resolveIndustry(code: string): string[] {
  const codes = listIndustryCodesUnder(code);
  if (codes.length === 0) fail('industry', msg('search.industryUnknown', { code }));
  return codes;
}

/** Facets count regions one level below the region filter; without one, below the caller's province (provinces for a national caller). */
function chooseFacetRoot(caller: Caller, regionPath: string | null): FacetRoot {
  if (regionPath) return { path: regionPath };
  const province = caller.actor.regionPath.split('/').filter(Boolean)[0];
  return { path: province ? `/${province}/` : '/' };
}

export interface CompiledSearch {
  filter: EnterpriseSearchFilter;
  facetRoot: FacetRoot;
  /** the caller's region subtree, for "in contact" ("/" for the CLI operator: the whole installation) */
  callerScopePath: string;
  sort: EnterpriseSort;
  page: number;
  pageSize: number;
  exact: boolean;
}

function cleanTags(tags: readonly string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim()).filter(Boolean))];
}

/** Validates the input and resolves regions and industries into the SQL filter. */
export async function compileEnterpriseSearch(deps: Deps, caller: Caller, input: EnterpriseSearchInput): Promise<CompiledSearch> {
  if (input.capitalMin !== undefined && input.capitalMax !== undefined && input.capitalMin > input.capitalMax) {
    fail('capitalMin', msg('search.capitalOrder', { min: input.capitalMin, max: input.capitalMax }));
  }
  if (input.foundedFrom !== undefined && input.foundedTo !== undefined && input.foundedFrom > input.foundedTo) {
    fail('foundedFrom', msg('search.foundedOrder', { from: input.foundedFrom, to: input.foundedTo }));
  }
  const region = input.region ? await resolveRegion(deps, input.region) : null;
  const callerScopePath = caller.actor.regionPath;
  const filter: EnterpriseSearchFilter = {
    query: parseEnterpriseQuery(input.q),
    tags: cleanTags(input.tags),
    regionCodes: region?.codes ?? null,
    industryCodes: input.industry ? resolveIndustry(input.industry) : null,
    capitalMinYuan: input.capitalMin === undefined ? null : BigInt(input.capitalMin),
    capitalMaxYuan: input.capitalMax === undefined ? null : BigInt(input.capitalMax),
    establishedFrom: input.foundedFrom === undefined ? null : `${input.foundedFrom}-01-01`,
    establishedBefore: input.foundedTo === undefined ? null : `${input.foundedTo + 1}-01-01`,
    statuses: input.status && input.status.length > 0 ? [...new Set(input.status)] : null,
    industryKey: input.industry ? findIndustryKey(input.industry) : null,
    regionKey: region ? await findRegionKey(deps, region) : null,
    contactScopePath: input.inContact ? callerScopePath : null,
  };
  const pageSize = Math.min(input.pageSize ?? 20, ENTERPRISE_SEARCH_MAX_PAGE_SIZE);
  return {
    filter,
    facetRoot: chooseFacetRoot(caller, region?.path ?? null),
    callerScopePath,
    sort: input.sort ?? 'relevance',
    page: input.page ?? 1,
    pageSize,
    exact: input.exact === true,
  };
}

export function buildHighlight(query: EnterpriseQuery | null, row: Pick<EnterpriseSearchRow, 'name' | 'formerNames' | 'creditCode'>): EnterpriseHighlight {
  const mark = (text: string): HighlightSegment[] => {
    if (query?.kind === 'text') return highlightSubstrings(text, listHighlightNeedles(query));
    if (query?.kind === 'pinyin') return highlightPinyin(text, query.text);
    return [{ text, match: false }];
  };
  let formerName: EnterpriseHighlight['formerName'] = null;
  for (const former of row.formerNames) {
    const segments = mark(former);
    if (hasMatch(segments)) {
      formerName = { text: former, segments };
      break;
    }
  }
  const code = row.creditCode ?? '';
  return {
    name: mark(row.name),
    formerName,
    creditCode: query?.kind === 'creditCode' ? highlightPrefix(code, query.prefix) : code ? [{ text: code, match: false }] : [],
  };
}

export function toEnterpriseItem(query: EnterpriseQuery | null, r: EnterpriseSearchRow) {
  return {
    id: r.id,
    creditCode: r.creditCode,
    name: r.name,
    formerNames: r.formerNames,
    regionCode: r.regionCode,
    regionName: r.regionName,
    industryCode: r.industryCode,
    industryName: r.industryName,
    registeredCapitalYuan: toSafeNumber(r.registeredCapitalYuan),
    establishedOn: r.establishedOn,
    status: r.status,
    tags: r.tags,
    inContact: r.inContact,
    highlight: buildHighlight(query, r),
  };
}
export type EnterpriseItem = ReturnType<typeof toEnterpriseItem>;

/** Tag facets name every built-in and administrator-defined tag (0 when absent) and any other tag present. */
function completeTagFacets(facets: EnterpriseFacets): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of [...BUILT_IN_TAGS, ...facets.definedTags]) out[t] = 0;
  for (const [t, n] of Object.entries(facets.tags)) out[t] = n;
  return out;
}

export interface EnterpriseSearchFacetsDto {
  tags: Record<string, number>;
  /** child region code → enterprises registered in its subtree (the shape issue 5 specifies) */
  regions: Record<string, number>;
  /** the region whose children `regions` counts (the region filter, else the caller's province); null: the whole country */
  regionRoot: string | null;
  /** names of the codes in `regions`, of `regionRoot` and of its ancestors (for the facet's breadcrumb) */
  regionNames: Record<string, string>;
}

export interface EnterpriseSearchResult {
  items: EnterpriseItem[];
  /** exact, or SEARCH_TOTAL_CAP when totalCapped */
  total: number;
  /** more matches than SEARCH_TOTAL_CAP ("10,000+"): the facets are estimates */
  totalCapped: boolean;
  /** when capped: the total from the sample (never below the cap + 1; exact when the table is small enough to be sampled whole) */
  totalEstimate: number | null;
  facetsEstimated: boolean;
  page: number;
  pageSize: number;
  facets: EnterpriseSearchFacetsDto;
}

/** The facet root's code ("/650000/650100/" → 650100; "/" → null) and the codes from the top down to it. */
function splitFacetRoot(root: FacetRoot): { code: string | null; chain: string[] } {
  const chain = root.path.split('/').filter(Boolean);
  return { code: chain.at(-1) ?? null, chain };
}

/** Names for the region facet: every counted child, the root and the root's ancestors (region names are public reference data). */
async function nameFacetRegions(deps: Deps, counted: Record<string, number>, chain: readonly string[]): Promise<Record<string, string>> {
  const codes = [...new Set([...chain, ...Object.keys(counted)])];
  if (codes.length === 0) return {};
  const rows = await selectRegionsByCodes(deps.db, codes);
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}

export function toPageOptions(c: CompiledSearch) {
  return { sort: c.sort, limit: c.pageSize, offset: (c.page - 1) * c.pageSize, callerScopePath: c.callerScopePath };
}

export interface CompiledSearchOutcome {
  rows: EnterpriseSearchRow[];
  facets: EnterpriseFacets;
  capped: boolean;
  /** the facets come from a sample of part of the table */
  facetsEstimated: boolean;
  /** when capped: the total, estimated from the sample (exact when the whole table was the sample) */
  estimate: number | null;
  /** the statements run, in order (the bench times them alone) */
  statements: SQL[];
}

/** An estimate from a sample, to two significant figures (12,345 → 12,000; 87 → 87). */
export function roundEstimate(n: number): number {
  if (n < 100) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

/** Sample counts scaled to the table (1 / the sampled share), each rounded as an estimate. */
export function scaleFacets(facets: EnterpriseFacets, scale: number): EnterpriseFacets {
  const scaled = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, roundEstimate(n * scale)]));
  return { ...facets, total: roundEstimate(facets.total * scale), tags: scaled(facets.tags), regions: scaled(facets.regions) };
}

/**
 * Sampling (TABLESAMPLE SYSTEM over the table's pages, the same pages every time). A probe of about
 * PROBE_ROWS rows first tells a search that may be broad for sure (its scaled count at least
 * LIKELY_SURE_CAPS caps) from one that is near the cap or under it, for a few milliseconds: the
 * planner's estimates of word searches are off ten times either way. A possibly broad search then samples enough rows to expect about
 * SAMPLE_MATCHES matches (the broader the search, the smaller the sample), between PROBE_ROWS and
 * MAX_SAMPLE_ROWS, for its estimated total and facets. It is broad for sure — and skips the exact
 * count of the first 10,001, which reads a common word's whole posting list — when the sample
 * shows it above the cap by five standard errors of its estimate, the error taken from how the
 * matches spread over the sampled pages (domain/page-sample.ts): matches spread over the table
 * (1.7万 高新技术 firms of two statuses in 1,000,000: 882 in a 5 % sample, 13,200 at five errors
 * down) skip the count; matches crowded into the pages of one import are counted.
 */
const PROBE_ROWS = 5_000;
const SAMPLE_MATCHES = 800;
const MAX_SAMPLE_ROWS = 60_000;
/**
 * The probe's estimate (in caps) above which the sample comes before the count: the sample must show
 * the total above the cap to skip the count, so below the cap the count is needed anyway, and a
 * sample taken first (the largest statement of a search near the cap: 60,000 rows) would be wasted
 * whenever the count then stays within the cap. Not higher: over 10,000,000 rows the probe sees a
 * few matches of a search near the cap, and a broad one it underestimated would then be counted
 * before sampling.
 */
const LIKELY_SURE_CAPS = 1;
/** The farthest the exact count reads, in caps, when the sample shows the total likely within it (countReachOf). */
const COUNT_REACH_CAPS = 2;
/**
 * The count uses the search vector's index (enterprise_search_vector: the words and the filter keys
 * in one GIN index, db/queries/enterprises/enterprise-search.ts buildWhere) when the words and keys
 * alone are expected to match at most this many rows: its bitmap then stays exact in the default
 * work_mem (4 MB holds about 60,000 pages), and no row has the vector expression evaluated on it
 * (about 10 µs a row). A broader key (a whole 门类 with a capital floor) keeps the plain conditions
 * and their indexes. On a smaller table the plain bitmaps are cheap too: at most KEYED_MAX_SHARE of
 * its rows (a region of 37,000 of 1,000,000 with a capital floor read all 37,000 rows through the
 * keys, where the region's and the capital's bitmaps intersected leave 4,150 to read).
 */
const KEYED_MAX_ROWS = 40_000;
/**
 * Words that match fewer rows than this are searched through the words' own index, with the filters
 * checked on the rows found: inside the vector index every wide key (门类 C, a status, a capital
 * floor) is skipped through page by page for each of the words' rows, about 10 ms a key over
 * 10,000,000 enterprises ("云琪", 994 rows, with 高新技术 and 门类 C: 55 ms in the vector index, about 2 ms through the words' own index). Common words
 * are where the index's intersection pays ("商务 咨询" + 高新技术 + 1000万: 634 → 88 ms).
 */
const KEYED_MIN_WORD_ROWS = 20_000;
const KEYED_MAX_SHARE = 0.02;

interface Sampled {
  facets: EnterpriseFacets;
  /** the sample's matches page by page (domain/page-sample.ts) */
  sample: PageSample;
  /** the sample was the whole table: the counts are exact */
  whole: boolean;
  statement: SQL;
}

async function sampleFacets(deps: Deps, c: CompiledSearch, percent: number): Promise<Sampled> {
  const sample = await selectSampledFacets(deps.db, c.filter, c.facetRoot, percent);
  const whole = percent >= 100;
  return {
    facets: whole ? sample.facets : scaleFacets(sample.facets, 100 / percent),
    sample: { fraction: Math.min(1, percent / 100), matches: sample.facets.total, pageSquares: sample.pageSquares },
    whole,
    statement: sample.statement,
  };
}

/**
 * Counts up to SEARCH_TOTAL_CAP + 1 matches in one statement (up to twice that when the probe shows the
 * total likely within it: countReachOf); within that reach, everything is exact.
 * Above it (unless `exact`): the page in capital tiers and the facets from a sample
 * (db/queries/enterprises/enterprise-search-broad.ts), paging only within the first SEARCH_TOTAL_CAP.
 * A probe of the sample comes first on a large table, and a search it shows to be broad for sure
 * skips the count.
 */
export async function runCompiledSearch(deps: Deps, c: CompiledSearch, totalCap = SEARCH_TOTAL_CAP): Promise<CompiledSearchOutcome> {
  // one snapshot for the probe, the count, the page and the sample; the capped path reads too few rows to gain from
  // parallel workers (db/pool-settings.ts), the exact count on request may read hundreds of thousands and keeps them
  return deps.db.transaction(
    async (tx) => {
      if (!c.exact) await forgoParallelWorkersInTransaction(tx);
      return runSearchStatements({ ...deps, db: tx }, c, totalCap);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/**
 * How many matches the exact count reads before it gives up: the cap, or COUNT_REACH_CAPS caps when the
 * probe or sample shows the total likely within that (domain/page-sample.ts isLikelyWithin). A search
 * just over the cap (高新技术 founded 2010–2025: about 10,200 of 1,000,000) is then counted to its end —
 * a few hundred rows more — and answered exactly, total, facets and page, instead of counting to 10,001
 * and then sampling the facets and reading the page by capital tiers (20 + 19 + 5 ms). Where the sample
 * says little (a few matches over 10,000,000 rows) the count stops at the cap as before: reading twice
 * the cap's rows for a search far broader would be wasted.
 */
function countReachOf(cap: number, sample: PageSample | null): number {
  const reach = COUNT_REACH_CAPS * cap;
  return sample !== null && isLikelyWithin(sample, reach) ? reach : cap;
}

async function runSearchStatements(deps: Deps, c: CompiledSearch, totalCap: number): Promise<CompiledSearchOutcome> {
  const o = toPageOptions(c);
  const cap = c.exact ? null : totalCap;
  const statements: SQL[] = [];
  let sampled: Sampled | null = null;
  const tableRows = cap === null ? 0 : await selectTableRows(deps.db);
  const probePercent = toSamplePercent(PROBE_ROWS, tableRows);
  // a table small enough for no probe has no bitmap to lose: the keys serve whenever there are some
  let keyed = cap !== null && probePercent >= 100;
  let probeEstimate = 0;
  let probeSample: PageSample | null = null;
  if (cap !== null && probePercent < 100) {
    const probe = await countSampledMatches(deps.db, c.filter, probePercent);
    probeSample = { fraction: probePercent / 100, matches: probe.matches, pageSquares: probe.pageSquares };
    statements.push(probe.statement);
    keyed =
      probe.keyMatches !== null &&
      (probe.keyMatches * 100) / probePercent <= Math.min(KEYED_MAX_ROWS, KEYED_MAX_SHARE * tableRows) &&
      (probe.wordMatches === null || (probe.wordMatches * 100) / probePercent >= KEYED_MIN_WORD_ROWS);
    probeEstimate = (probe.matches * 100) / probePercent;
    // sampled first only when the sample is likely to show the search broad for sure and save the
    // count; a search nearer the cap is counted first and sampled only if the count passes the cap
    if (probeEstimate >= LIKELY_SURE_CAPS * cap) {
      const rows = Math.min(MAX_SAMPLE_ROWS, Math.max(PROBE_ROWS, (SAMPLE_MATCHES * tableRows) / probeEstimate));
      sampled = await sampleFacets(deps, c, toSamplePercent(rows, tableRows));
      statements.push(sampled.statement);
    }
  }
  const sure = sampled !== null && cap !== null && isSurelyAbove(sampled.sample, cap);
  if (!sure) {
    const reach = cap === null ? null : countReachOf(cap, sampled?.sample ?? probeSample);
    const first = await selectEnterpriseSearch(deps.db, c.filter, o, c.facetRoot, reach, keyed);
    statements.push(first.statement);
    if (reach === null || first.facets.total <= reach) return { rows: first.rows, facets: first.facets, capped: false, facetsEstimated: false, estimate: null, statements };
  }
  const limit = cap ?? totalCap;
  if (o.offset + o.limit > limit) fail('page', msg('search.pageBeyondCap', { cap: limit, page: c.page }));
  const page = await selectBroadPage(deps.db, c.filter, o);
  statements.push(...page.statements);
  if (!sampled) {
    // a table small enough for no probe is sampled whole (exact); else for a search as broad as the probe saw (at least the cap)
    const rows = Math.min(MAX_SAMPLE_ROWS, Math.max(PROBE_ROWS, (SAMPLE_MATCHES * tableRows) / Math.max(limit, probeEstimate)));
    sampled = await sampleFacets(deps, c, probePercent >= 100 ? 100 : toSamplePercent(rows, tableRows));
    statements.push(sampled.statement);
  }
  return {
    rows: page.rows,
    facets: sampled.facets,
    capped: true,
    facetsEstimated: !sampled.whole,
    estimate: sampled.whole ? sampled.facets.total : Math.max(limit + 1, sampled.facets.total),
    statements,
  };
}

/** `totalCap`: SEARCH_TOTAL_CAP except in tests, which reach the broad path with a few rows. */
export async function searchEnterprises(deps: Deps, caller: Caller, input: EnterpriseSearchInput, totalCap = SEARCH_TOTAL_CAP): Promise<EnterpriseSearchResult> {
  const compiled = await compileEnterpriseSearch(deps, caller, input);
  const { rows, facets, capped, facetsEstimated, estimate } = await runCompiledSearch(deps, compiled, totalCap);
  const root = splitFacetRoot(compiled.facetRoot);
  return {
    items: rows.map((r) => toEnterpriseItem(compiled.filter.query, r)),
    total: capped ? totalCap : facets.total,
    totalCapped: capped,
    totalEstimate: estimate,
    facetsEstimated,
    page: compiled.page,
    pageSize: compiled.pageSize,
    facets: {
      tags: completeTagFacets(facets),
      regions: facets.regions,
      regionRoot: root.code,
      regionNames: await nameFacetRegions(deps, facets.regions, root.chain),
    },
  };
}
