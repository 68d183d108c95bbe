/**
 * The portal's read side (issue 14 items 1 and 8): published projects, resources, policy items and
 * contact offices, for the public API (/api/public/…) and the portal's pages alike. No caller, no scope:
 * what is published is public. Only published fields leave — the shapes below are built field by field
 * from rows that the queries already restrict to published things — and nothing about the unpublished:
 * an unknown id, a malformed one and an unpublished one all answer the same 404.
 */
import { selectRegion } from '../../db/queries/regions';
import {
  policyTermCheck,
  selectIndustryChoices,
  selectPortalCounts,
  selectPortalRegions,
  selectPublicItemsOfPolicy,
  selectPublicOffices,
  selectPublicPhoto,
  selectPublicPolicies,
  selectPublicPolicyItem,
  selectPublicPolicyItems,
  selectPublicProject,
  selectPublicProjects,
  selectPublicResource,
  selectPublicResources,
  type PublicPolicyItemRow,
  type PublicProjectRow,
  type PublicResourceRow,
} from '../../db/queries/portal/public-reads';
import { selectIndustryNames } from '../../db/queries/portal/resources';
import { selectRegionPaths } from '../../db/queries/portal/policies';
import type {
  PublicOffice,
  PublicPolicy,
  PublicPolicyItem,
  PublicPolicyItemQuery,
  PublicPolicyList,
  PublicProject,
  PublicProjectQuery,
  PublicResource,
  PublicResourceQuery,
} from '../../contracts/portal';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { parseEnterpriseQuery } from '../../search/enterprise-query';
import type { Deps } from '../context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** a path no region has: a filter by an unknown region finds nothing */
const NO_REGION = '/-/';

export function notFound(): AppError {
  return new AppError('NOT_FOUND', msg('portal.notFound'));
}

async function regionPathOf(deps: Deps, code: string | undefined): Promise<string | undefined> {
  if (!code) return undefined;
  const region = await selectRegion(deps.db, code);
  return region?.active ? region.path : NO_REGION;
}

function toPublicOffice(r: { id: string; region_code: string; region_name: string; name: string; address: string; phone: string; hours: string; email: string | null }): PublicOffice {
  return { id: r.id, regionCode: r.region_code, regionName: r.region_name, name: r.name, address: r.address, phone: r.phone, hours: r.hours, email: r.email };
}

async function loadOffices(deps: Deps, ids: (string | null)[]): Promise<Map<string, PublicOffice>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  return new Map((await selectPublicOffices(deps.db, wanted)).map((o) => [o.id, toPublicOffice(o)]));
}

function toPublicProject(r: PublicProjectRow, offices: Map<string, PublicOffice>): PublicProject {
  return {
    id: r.id,
    publicTitle: r.public_title,
    background: r.background,
    market: r.market,
    conditions: r.conditions,
    investmentScaleYuan: r.investment_scale_yuan === null ? null : Number(r.investment_scale_yuan),
    cooperationMode: r.cooperation_mode,
    regionCode: r.region_code,
    regionName: r.region_name,
    industryCode: r.industry_code,
    industryName: r.industry_name,
    chainNodeCode: r.chain_node_code,
    publishedAt: r.published_at,
    office: r.contact_office_id ? (offices.get(r.contact_office_id) ?? null) : null,
  };
}

const pageOf = (q: { page: number; pageSize: number }) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });

export async function listPublicProjects(deps: Deps, q: PublicProjectQuery): Promise<{ total: number; items: PublicProject[] }> {
  const rows = await selectPublicProjects(deps.db, { regionPath: await regionPathOf(deps, q.region), industry: q.industry, chain: q.chain, ...pageOf(q) });
  const offices = await loadOffices(deps, rows.map((r) => r.contact_office_id));
  return { total: rows[0]?.total ?? 0, items: rows.map((r) => toPublicProject(r, offices)) };
}

export async function getPublicProject(deps: Deps, id: string): Promise<PublicProject> {
  const row = UUID.test(id) ? await selectPublicProject(deps.db, id) : undefined;
  if (!row) throw notFound();
  return toPublicProject(row, await loadOffices(deps, [row.contact_office_id]));
}

function toPublicResource(r: PublicResourceRow, industries: Map<string, string>, offices: Map<string, PublicOffice>): PublicResource {
  return {
    id: r.id,
    kind: r.kind,
    regionCode: r.region_code,
    regionName: r.region_name,
    name: r.name,
    address: r.address,
    areaSqm: r.area_sqm === null ? null : Number(r.area_sqm),
    priceYuan: r.price_yuan === null ? null : Number(r.price_yuan),
    priceUnit: r.price_unit,
    utilities: r.utilities as PublicResource['utilities'],
    utilitiesNote: r.utilities_note,
    description: r.description,
    suitableIndustries: r.suitable_industry_codes.map((code) => ({ code, name: industries.get(code) ?? code })),
    chainNodeCodes: r.chain_node_codes,
    availability: r.availability,
    publishedAt: r.published_at,
    photos: r.photos.map((p) => ({ id: p.id, caption: p.caption, url: `/api/public/resources/${r.id}/photos/${p.id}` })),
    office: r.contact_office_id ? (offices.get(r.contact_office_id) ?? null) : null,
  };
}

export async function listPublicResources(deps: Deps, q: PublicResourceQuery): Promise<{ total: number; items: PublicResource[] }> {
  const rows = await selectPublicResources(deps.db, {
    kind: q.kind,
    regionPath: await regionPathOf(deps, q.region),
    industry: q.industry,
    areaMin: q.areaMin,
    areaMax: q.areaMax,
    availability: q.availability,
    ...pageOf(q),
  });
  const [industries, offices] = await Promise.all([selectIndustryNames(deps.db, [...new Set(rows.flatMap((r) => r.suitable_industry_codes))]), loadOffices(deps, rows.map((r) => r.contact_office_id))]);
  return { total: rows[0]?.total ?? 0, items: rows.map((r) => toPublicResource(r, industries, offices)) };
}

export async function getPublicResource(deps: Deps, id: string): Promise<PublicResource> {
  const row = UUID.test(id) ? await selectPublicResource(deps.db, id) : undefined;
  if (!row) throw notFound();
  const [industries, offices] = await Promise.all([selectIndustryNames(deps.db, row.suitable_industry_codes), loadOffices(deps, [row.contact_office_id])]);
  return toPublicResource(row, industries, offices);
}

/** A published resource's photo: its bytes, type and hash (for the ETag). */
export async function readPublicPhoto(deps: Deps, resourceId: string, photoId: string): Promise<{ content: Buffer; mimeType: string; sha256: string }> {
  const row = UUID.test(resourceId) && UUID.test(photoId) ? await selectPublicPhoto(deps.db, resourceId, photoId) : undefined;
  if (!row) throw notFound();
  return { content: Buffer.from(row.content), mimeType: row.mime_type, sha256: row.sha256 };
}

/** Names for items' industries and regions, fetched once for a page of items. */
export async function loadItemNames(deps: Deps, rows: readonly PublicPolicyItemRow[]) {
  const [industries, regions] = await Promise.all([
    selectIndustryNames(deps.db, [...new Set(rows.flatMap((r) => r.industry_codes))]),
    selectRegionPaths(deps.db, [...new Set(rows.flatMap((r) => r.region_codes))]),
  ]);
  return { industries, regions };
}

type PolicyColumns = Pick<PublicPolicyItemRow, 'p_region_code' | 'p_region_name' | 'p_title' | 'p_issuing_body' | 'p_document_number' | 'p_valid_from' | 'p_valid_to' | 'p_source_url' | 'p_is_demo'>;

function policyOf(id: string, r: PolicyColumns) {
  return {
    id,
    regionCode: r.p_region_code,
    regionName: r.p_region_name,
    title: r.p_title,
    issuingBody: r.p_issuing_body,
    documentNumber: r.p_document_number,
    validFrom: r.p_valid_from,
    validTo: r.p_valid_to,
    sourceUrl: r.p_source_url,
    isDemo: r.p_is_demo,
  };
}

export function toPublicPolicyItem(r: PublicPolicyItemRow, names: Awaited<ReturnType<typeof loadItemNames>>): PublicPolicyItem {
  return {
    id: r.id,
    policyId: r.policy_id,
    title: r.title,
    industryCodes: r.industry_codes,
    enterpriseSizes: r.enterprise_sizes,
    regionCodes: r.region_codes,
    benefit: r.benefit,
    conditions: r.conditions,
    howToApply: r.how_to_apply,
    validFrom: r.valid_from ?? r.p_valid_from,
    validTo: r.valid_to ?? r.p_valid_to,
    policy: policyOf(r.policy_id, r),
    industries: r.industry_codes.map((code) => ({ code, name: names.industries.get(code) ?? code })),
    regions: r.region_codes.map((code) => ({ code, name: names.regions.get(code)?.name ?? code })),
  };
}

/**
 * Published policy items, searched as the enterprise search searches names (search/enterprise-query.ts):
 * every term must match by its words or as a substring; without a text, the newest first.
 */
export async function searchPublicPolicyItems(deps: Deps, q: PublicPolicyItemQuery): Promise<{ total: number; items: PublicPolicyItem[] }> {
  const parsed = parseEnterpriseQuery(q.q);
  const text = parsed?.kind === 'text' ? parsed : null;
  const rows = await selectPublicPolicyItems(deps.db, {
    indexQuery: text?.indexQuery ?? null,
    checks: (text?.terms ?? []).filter((t) => t.check !== null).map((t) => policyTermCheck(t.check!.wordQuery, t.check!.substring)),
    // a credit-code-like or Latin text (e.g. a document number's letters): a plain substring
    fallback: parsed && !text ? (q.q ?? '').trim().toLowerCase() : null,
    regionPath: await regionPathOf(deps, q.region),
    ...pageOf(q),
  });
  const names = await loadItemNames(deps, rows);
  return { total: rows[0]?.total ?? 0, items: rows.map((r) => toPublicPolicyItem(r, names)) };
}

export async function getPublicPolicyItem(deps: Deps, id: string): Promise<PublicPolicyItem> {
  const row = UUID.test(id) ? await selectPublicPolicyItem(deps.db, id) : undefined;
  if (!row) throw notFound();
  return toPublicPolicyItem(row, await loadItemNames(deps, [row]));
}

export async function listPublicPolicies(deps: Deps, q: { region?: string }): Promise<PublicPolicyList> {
  const rows = await selectPublicPolicies(deps.db, await regionPathOf(deps, q.region));
  return { items: rows.map((r) => ({ ...policyOf(r.id, r), items: r.items })) };
}

export async function getPublicPolicy(deps: Deps, id: string): Promise<PublicPolicy> {
  const rows = UUID.test(id) ? await selectPublicItemsOfPolicy(deps.db, id) : [];
  const first = rows[0];
  if (!first) throw notFound();
  const names = await loadItemNames(deps, rows);
  return { ...policyOf(first.policy_id, first), items: rows.map((r) => toPublicPolicyItem(r, names)) };
}

export async function listPublicOffices(deps: Deps, q: { region?: string }): Promise<{ items: PublicOffice[] }> {
  return { items: (await selectPublicOffices(deps.db, undefined, await regionPathOf(deps, q.region))).map(toPublicOffice) };
}

/** The home page: what is published now, and the newest of each. */
export async function getPortalHome(deps: Deps) {
  const first = { page: 1, pageSize: 6 };
  const [counts, projects, resources, items] = await Promise.all([
    selectPortalCounts(deps.db),
    listPublicProjects(deps, first),
    listPublicResources(deps, first),
    searchPublicPolicyItems(deps, first),
  ]);
  return { counts: { projects: counts.projects, resources: counts.resources, policyItems: counts.policy_items, offices: counts.offices }, projects: projects.items, resources: resources.items, policyItems: items.items };
}

/** Choices of the portal's filter forms: regions with something published, industry sections and divisions. */
export async function listPortalChoices(deps: Deps) {
  const [regions, industries] = await Promise.all([selectPortalRegions(deps.db), selectIndustryChoices(deps.db)]);
  return { regions, industries };
}
