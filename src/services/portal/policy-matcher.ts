/**
 * "Which policy items fit my company" (issue 14 item 1): published items in force today whose industries,
 * enterprise sizes and regions admit the company's, each with the reasons it fits (domain/portal/policy-match.ts).
 * The database narrows the candidates with the same rules; the explanation re-checks them one by one.
 */
import { selectRegion } from '../../db/queries/regions';
import { selectMatchCandidates } from '../../db/queries/portal/public-reads';
import { selectIndustryNames, selectIndustryPaths } from '../../db/queries/portal/resources';
import type { PolicyMatch, PolicyMatchQuery } from '../../contracts/portal';
import { AppError } from '../../domain/app-error';
import { todayInShanghai } from '../../domain/dates';
import { msg, renderMessage, type Lang } from '../../domain/messages/catalog';
import { explainMatch } from '../../domain/portal/policy-match';
import type { Deps } from '../context';
import { loadItemNames, toPublicPolicyItem } from './public-catalog';

export async function matchPolicyItems(deps: Deps, q: PolicyMatchQuery, lang: Lang = 'zh'): Promise<PolicyMatch> {
  const [industryPath, region] = await Promise.all([selectIndustryPaths(deps.db, [q.industry]), selectRegion(deps.db, q.region)]);
  if (industryPath.length === 0) {
    const m = msg('portal.industryUnknown', { code: q.industry });
    throw new AppError('VALIDATION', m, [{ field: 'industry', message: m }]);
  }
  if (!region || !region.active) {
    const m = msg('region.notFound', { code: q.region });
    throw new AppError('VALIDATION', m, [{ field: 'region', message: m }]);
  }
  // the most specific code first: the reason names the closest level the item was written for
  const path = [...industryPath].sort((a, b) => b.length - a.length);
  const rows = await selectMatchCandidates(deps.db, { industryPath: path, size: q.size, regionPath: region.path, today: todayInShanghai() });
  const [names, industries] = await Promise.all([loadItemNames(deps, rows), selectIndustryNames(deps.db, path)]);
  const items: PolicyMatch['items'] = [];
  for (const row of rows) {
    const reasons = explainMatch(
      { industryCodes: row.industry_codes, enterpriseSizes: row.enterprise_sizes, regionCodes: row.region_codes, validTo: row.valid_to ?? row.p_valid_to },
      { industryPath: path, size: q.size, regionPath: region.path },
      { industries, regions: names.regions, policyRegion: { code: row.p_region_code, name: row.p_region_name } },
    );
    if (reasons) items.push({ item: toPublicPolicyItem(row, names), reasons: reasons.map((r) => renderMessage(r, lang)) });
  }
  return { items };
}
