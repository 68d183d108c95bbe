/**
 * The portal's reads: published things only, every statement filtering on publication itself (an open
 * project publication, `published` resources and policy items), so nothing unpublished can leave through
 * a forgotten check in a caller. Region filters take a subtree; industry filters take a code at any level
 * and match everything under it.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { escapeLike } from '../audit/audit';
import { selectRows } from '../sql-rows';

/** A timestamp as ISO 8601 text in UTC (raw rows carry timestamps as text in the driver's own format). */
export const isoText = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const underPath = (column: SQL, path: string) => sql`${column} like ${`${escapeLike(path)}%`}`;

/** `(select code …)`: the industry code and every code below it. */
function industryAndBelow(code: string): SQL {
  return sql`(with recursive down(code) as (select ${code}::text union select i.code from industries i join down on i.parent_code = down.code) select code from down)`;
}

export interface PublicProjectRow {
  id: string;
  public_title: string;
  background: string;
  market: string;
  conditions: string;
  investment_scale_yuan: string | null;
  cooperation_mode: string;
  contact_office_id: string | null;
  published_at: string;
  region_code: string;
  region_name: string;
  industry_code: string | null;
  industry_name: string | null;
  chain_node_code: string | null;
  total: number;
}

const PROJECT_SELECT = sql`select p.id, pp.public_title, pp.background, pp.market, pp.conditions, pp.investment_scale_yuan, pp.cooperation_mode,
    pp.contact_office_id, ${isoText(sql`pp.published_at`)} as published_at, p.region_code, r.name as region_name, p.industry_code, i.name as industry_name, p.chain_node_code`;
const PROJECT_FROM = sql`from project_publications pp join projects p on p.id = pp.project_id join regions r on r.code = p.region_code
    left join industries i on i.code = p.industry_code`;

export async function selectPublicProjects(db: Db, o: { regionPath?: string; industry?: string; chain?: string; limit: number; offset: number }): Promise<PublicProjectRow[]> {
  return selectRows<PublicProjectRow>(
    db,
    sql`${PROJECT_SELECT}, count(*) over ()::int as total ${PROJECT_FROM}
        where pp.withdrawn_at is null
          ${o.regionPath ? sql`and ${underPath(sql`r.path`, o.regionPath)}` : sql``}
          ${o.industry ? sql`and p.industry_code in ${industryAndBelow(o.industry)}` : sql``}
          ${o.chain ? sql`and (p.chain_node_code = ${o.chain} or p.chain_node_code in (select n.code from chain_node_codes n join chains c on c.id = n.chain_id where c.code = ${o.chain}))` : sql``}
        order by pp.published_at desc nulls last, pp.id
        limit ${o.limit} offset ${o.offset}`,
  );
}

export async function selectPublicProject(db: Db, projectId: string): Promise<PublicProjectRow | undefined> {
  const [row] = await selectRows<PublicProjectRow>(db, sql`${PROJECT_SELECT}, 1 as total ${PROJECT_FROM} where pp.withdrawn_at is null and p.id = ${projectId}`);
  return row;
}

export interface PublicResourceRow {
  id: string;
  kind: 'land' | 'standardFactory' | 'officeBuilding' | 'idleAsset';
  region_code: string;
  region_name: string;
  name: string;
  address: string;
  area_sqm: string | null;
  price_yuan: string | null;
  price_unit: 'total' | 'perSqm' | 'perSqmMonth' | 'perSqmYear' | 'perMu' | null;
  utilities: string[];
  utilities_note: string;
  description: string;
  suitable_industry_codes: string[];
  chain_node_codes: string[];
  availability: 'available' | 'reserved' | 'taken';
  contact_office_id: string | null;
  published_at: string;
  photos: { id: string; caption: string }[];
  total: number;
}

const RESOURCE_SELECT = sql`select s.id, s.kind, s.region_code, r.name as region_name, s.name, s.address, s.area_sqm, s.price_yuan, s.price_unit,
    s.utilities, s.utilities_note, s.description, s.suitable_industry_codes, s.chain_node_codes, s.availability, s.contact_office_id, ${isoText(sql`s.published_at`)} as published_at,
    coalesce((select json_agg(json_build_object('id', ph.id, 'caption', ph.caption) order by ph.sort_order, ph.uploaded_at) from resource_photos ph where ph.resource_id = s.id), '[]'::json) as photos`;

export async function selectPublicResources(
  db: Db,
  o: { kind?: string; regionPath?: string; industry?: string; areaMin?: number; areaMax?: number; availability?: string; limit: number; offset: number },
): Promise<PublicResourceRow[]> {
  return selectRows<PublicResourceRow>(
    db,
    sql`${RESOURCE_SELECT}, count(*) over ()::int as total
        from resources s join regions r on r.code = s.region_code
        where s.published
          ${o.kind ? sql`and s.kind = ${o.kind}` : sql``}
          ${o.regionPath ? sql`and ${underPath(sql`r.path`, o.regionPath)}` : sql``}
          ${o.industry ? sql`and s.suitable_industry_paths @> array[${o.industry}]::text[]` : sql``}
          ${o.areaMin !== undefined ? sql`and s.area_sqm >= ${o.areaMin}` : sql``}
          ${o.areaMax !== undefined ? sql`and s.area_sqm <= ${o.areaMax}` : sql``}
          ${o.availability ? sql`and s.availability = ${o.availability}` : sql``}
        order by s.published_at desc nulls last, s.id
        limit ${o.limit} offset ${o.offset}`,
  );
}

export async function selectPublicResource(db: Db, id: string): Promise<PublicResourceRow | undefined> {
  const [row] = await selectRows<PublicResourceRow>(db, sql`${RESOURCE_SELECT}, 1 as total from resources s join regions r on r.code = s.region_code where s.published and s.id = ${id}`);
  return row;
}

export async function selectPublicPhoto(db: Db, resourceId: string, photoId: string) {
  const [row] = await selectRows<{ content: Uint8Array; mime_type: string; sha256: string }>(
    db,
    sql`select ph.content, ph.mime_type, ph.sha256 from resource_photos ph join resources s on s.id = ph.resource_id
        where s.published and s.id = ${resourceId} and ph.id = ${photoId}`,
  );
  return row;
}

export interface PublicPolicyItemRow {
  id: string;
  policy_id: string;
  title: string;
  industry_codes: string[];
  enterprise_sizes: ('large' | 'medium' | 'small' | 'micro')[];
  region_codes: string[];
  benefit: string;
  conditions: string;
  how_to_apply: string;
  valid_from: string | null;
  valid_to: string | null;
  p_region_code: string;
  p_region_name: string;
  p_title: string;
  p_issuing_body: string;
  p_document_number: string;
  p_valid_from: string | null;
  p_valid_to: string | null;
  p_source_url: string | null;
  p_is_demo: boolean;
  total: number;
}

const ITEM_SELECT = sql`select i.id, i.policy_id, i.title, i.industry_codes, i.enterprise_sizes, i.region_codes, i.benefit, i.conditions, i.how_to_apply,
    i.valid_from::text, i.valid_to::text, p.region_code as p_region_code, r.name as p_region_name, p.title as p_title, p.issuing_body as p_issuing_body,
    p.document_number as p_document_number, p.valid_from::text as p_valid_from, p.valid_to::text as p_valid_to, p.source_url as p_source_url, p.is_demo as p_is_demo`;
const ITEM_FROM = sql`from policy_items i join policies p on p.id = i.policy_id join regions r on r.code = p.region_code`;

/** Policies that apply to a region: those of the region's ancestors (and itself) and those inside it. */
function policyRegionFits(regionPath: string): SQL {
  return sql`(${regionPath} like r.path || '%' or ${underPath(sql`r.path`, regionPath)})`;
}

export async function selectPublicPolicyItems(db: Db, o: { indexQuery: string | null; checks: SQL[]; fallback: string | null; regionPath?: string; limit: number; offset: number }): Promise<PublicPolicyItemRow[]> {
  return selectRows<PublicPolicyItemRow>(
    db,
    sql`${ITEM_SELECT}, count(*) over ()::int as total ${ITEM_FROM}
        where i.published
          ${o.indexQuery ? sql`and i.search_words @@ to_tsquery('simple', ${o.indexQuery})` : sql``}
          ${sql.join(o.checks.map((c) => sql` and ${c}`), sql``)}
          ${o.fallback ? sql`and i.search_text ilike ${`%${escapeLike(o.fallback)}%`}` : sql``}
          ${o.regionPath ? sql`and ${policyRegionFits(o.regionPath)}` : sql``}
        order by ${o.indexQuery ? sql`ts_rank(i.search_words, to_tsquery('simple', ${o.indexQuery})) desc,` : sql``} i.published_at desc nulls last, i.id
        limit ${o.limit} offset ${o.offset}`,
  );
}

/** One term's check of a text search (search/enterprise-query.ts TextTerm.check) on policy items. */
export function policyTermCheck(wordQuery: string | null, substring: string): SQL {
  return wordQuery
    ? sql`(i.search_words @@ to_tsquery('simple', ${wordQuery}) or i.search_text ilike ${substring})`
    : sql`i.search_text ilike ${substring}`;
}

export async function selectPublicPolicyItem(db: Db, id: string): Promise<PublicPolicyItemRow | undefined> {
  const [row] = await selectRows<PublicPolicyItemRow>(db, sql`${ITEM_SELECT}, 1 as total ${ITEM_FROM} where i.published and i.id = ${id}`);
  return row;
}

export async function selectPublicItemsOfPolicy(db: Db, policyId: string): Promise<PublicPolicyItemRow[]> {
  return selectRows<PublicPolicyItemRow>(db, sql`${ITEM_SELECT}, 1 as total ${ITEM_FROM} where i.published and p.id = ${policyId} order by i.sort_order, i.created_at`);
}

/** Policies with at least one published item, with that count. */
export async function selectPublicPolicies(db: Db, regionPath?: string) {
  return selectRows<Omit<PublicPolicyItemRow, 'id' | 'policy_id' | 'title' | 'industry_codes' | 'enterprise_sizes' | 'region_codes' | 'benefit' | 'conditions' | 'how_to_apply' | 'valid_from' | 'valid_to' | 'total'> & { id: string; items: number }>(
    db,
    sql`select p.id, p.region_code as p_region_code, r.name as p_region_name, p.title as p_title, p.issuing_body as p_issuing_body, p.document_number as p_document_number,
          p.valid_from::text as p_valid_from, p.valid_to::text as p_valid_to, p.source_url as p_source_url, p.is_demo as p_is_demo, c.items
        from policies p join regions r on r.code = p.region_code
        cross join lateral (select count(*)::int as items from policy_items i where i.policy_id = p.id and i.published) c
        where c.items > 0 ${regionPath ? sql`and ${policyRegionFits(regionPath)}` : sql``}
        order by p.valid_from desc nulls last, p.title limit 500`,
  );
}

/**
 * Published items in force on `today` that may fit a company: its industry (the code with its ancestors)
 * among the item's industries or none given, its size among the item's sizes or none given, and its
 * region under the policy's region and under one of the item's regions (or none given).
 */
export async function selectMatchCandidates(db: Db, o: { industryPath: readonly string[]; size: string; regionPath: string; today: string }): Promise<PublicPolicyItemRow[]> {
  return selectRows<PublicPolicyItemRow>(
    db,
    sql`${ITEM_SELECT}, 1 as total ${ITEM_FROM}
        where i.published
          and ${o.regionPath} like r.path || '%'
          and (cardinality(i.region_codes) = 0 or exists (select 1 from regions ir where ir.code = any(i.region_codes) and ${o.regionPath} like ir.path || '%'))
          and (cardinality(i.industry_codes) = 0 or i.industry_codes && ${sql.param([...o.industryPath])}::text[])
          and (cardinality(i.enterprise_sizes) = 0 or ${o.size} = any(i.enterprise_sizes))
          and coalesce(i.valid_from, p.valid_from, ${o.today}::date) <= ${o.today}::date
          and coalesce(i.valid_to, p.valid_to, ${o.today}::date) >= ${o.today}::date
        order by p.valid_from desc nulls last, p.title, i.sort_order
        limit 200`,
  );
}

export async function selectPublicOffices(db: Db, ids?: readonly string[], regionPath?: string) {
  return selectRows<{ id: string; region_code: string; region_name: string; name: string; address: string; phone: string; hours: string; email: string | null }>(
    db,
    sql`select o.id, o.region_code, r.name as region_name, o.name, o.address, o.phone, o.hours, o.email
        from region_contact_offices o join regions r on r.code = o.region_code
        where o.is_public
          ${ids ? sql`and o.id = any(${sql.param([...ids])}::uuid[])` : sql``}
          ${regionPath ? sql`and ${underPath(sql`r.path`, regionPath)}` : sql``}
        order by r.path, o.name limit 500`,
  );
}

/** The home page's counts of what is published now. */
export async function selectPortalCounts(db: Db) {
  const [row] = await selectRows<{ projects: number; resources: number; policy_items: number; offices: number }>(
    db,
    sql`select (select count(*)::int from project_publications where withdrawn_at is null) as projects,
               (select count(*)::int from resources where published) as resources,
               (select count(*)::int from policy_items where published) as policy_items,
               (select count(*)::int from region_contact_offices where is_public) as offices`,
  );
  return row!;
}

/** Regions with something published (resources, projects or public offices), for the portal's filters. */
export async function selectPortalRegions(db: Db) {
  return selectRows<{ code: string; name: string; level: string }>(
    db,
    sql`select r.code, r.name, r.level from regions r where r.active and r.code in (
          select region_code from resources where published
          union select p.region_code from project_publications pp join projects p on p.id = pp.project_id where pp.withdrawn_at is null
          union select region_code from region_contact_offices where is_public)
        order by r.path`,
  );
}

/** The sections (门类) and divisions (大类) of the industry classification, for the portal's filters. */
export async function selectIndustryChoices(db: Db) {
  return selectRows<{ code: string; name: string; level: string }>(db, sql`select code, name, level from industries where level in ('section', 'division') order by coalesce(parent_code, code), level <> 'section', code`);
}
