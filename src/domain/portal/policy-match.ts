/**
 * Why a policy item fits a company (the portal's matcher, issue 14 item 1): the database picks the
 * candidates (services/portal/policy-matcher.ts); this explains each one, criterion by criterion, in
 * the words an investor reads. Pure.
 */
import { msg, type Message } from '../messages/catalog';

export const ENTERPRISE_SIZE_LABELS = { large: '大型企业', medium: '中型企业', small: '小型企业', micro: '微型企业' } as const;
export type EnterpriseSize = keyof typeof ENTERPRISE_SIZE_LABELS;

export interface MatchItem {
  industryCodes: readonly string[];
  enterpriseSizes: readonly EnterpriseSize[];
  regionCodes: readonly string[];
  validTo: string | null;
}

export interface MatchCompany {
  /** the company's industry code first, then its ancestors (1311, 131, 13, C) */
  industryPath: readonly string[];
  size: EnterpriseSize;
  /** the company's region path /650000/650100/650109/ */
  regionPath: string;
}

export interface MatchNames {
  industries: ReadonlyMap<string, string>;
  /** region code → name and path */
  regions: ReadonlyMap<string, { name: string; path: string }>;
  policyRegion: { code: string; name: string };
}

/** The reasons an item fits, or null when one criterion fails. */
export function explainMatch(item: MatchItem, company: MatchCompany, names: MatchNames): Message[] | null {
  const reasons: Message[] = [];
  if (item.industryCodes.length === 0) reasons.push(msg('portal.match.anyIndustry'));
  else {
    const hit = company.industryPath.find((code) => item.industryCodes.includes(code));
    if (!hit) return null;
    reasons.push(msg('portal.match.industry', { label: `${names.industries.get(hit) ?? hit}（${hit}）` }));
  }
  if (item.enterpriseSizes.length === 0) reasons.push(msg('portal.match.anySize'));
  else {
    if (!item.enterpriseSizes.includes(company.size)) return null;
    reasons.push(msg('portal.match.size', { label: ENTERPRISE_SIZE_LABELS[company.size] }));
  }
  if (item.regionCodes.length === 0) reasons.push(msg('portal.match.region', { region: names.policyRegion.name }));
  else {
    const region = item.regionCodes.map((c) => names.regions.get(c)).find((r) => r !== undefined && company.regionPath.startsWith(r.path));
    if (!region) return null;
    reasons.push(msg('portal.match.region', { region: region.name }));
  }
  reasons.push(item.validTo ? msg('portal.match.validity', { to: item.validTo }) : msg('portal.match.noEnd'));
  return reasons;
}
