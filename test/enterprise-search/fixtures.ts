/**
 * A small hand-built set of enterprises, inserted with the search keys imports write
 * (buildEnterpriseSearchKeys + buildSearchWordsSql), so the tests search what production stores.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client';
import { computeFinalCheck, computeOrgCheck } from '../../src/domain/credit-code';
import { buildEnterpriseSearchKeys, buildSearchWordsSql } from '../../src/search/enterprise-search-keys';

export interface TestEnterprise {
  key: string;
  creditCode: string;
  name: string;
  formerNames?: string[];
  regionCode: string;
  industryCode: string | null;
  capitalYuan: bigint | null;
  establishedOn: string | null;
  status: string;
  tags?: string[];
  businessScope?: string;
  mainProducts?: string;
  contactRegionCodes?: string[];
}

/** A valid credit code: 91 + region + organisation body (8) + its check + the final check. */
export function makeCreditCode(regionCode: string, body: string): string {
  const first17 = `91${regionCode}${body}${computeOrgCheck(body)}`;
  return `${first17}${computeFinalCheck(first17)}`;
}

export const ENTERPRISES: TestEnterprise[] = [
  {
    key: 'qiya',
    creditCode: makeCreditCode('650109', 'MA77QY01'),
    name: '新疆其亚光伏科技有限公司',
    formerNames: ['乌鲁木齐鑫盛商贸有限公司'],
    regionCode: '650109',
    industryCode: '38',
    capitalYuan: 50_000_000n,
    establishedOn: '2012-05-01',
    status: 'existing',
    tags: ['高新技术', '专精特新'],
    businessScope: '光伏组件制造；多晶硅的生产与销售。（依法须经批准的项目，经相关部门批准后方可开展经营活动）',
    mainProducts: '光伏组件、多晶硅',
    contactRegionCodes: ['650109'],
  },
  {
    key: 'tbea',
    creditCode: makeCreditCode('650104', 'MA77TB02'),
    name: '特变电工新疆新能源股份有限公司',
    regionCode: '650104',
    industryCode: '44',
    capitalYuan: 2_000_000_000n,
    establishedOn: '2000-01-01',
    status: 'operating',
    tags: ['上市', '中国500强'],
    businessScope: '风力发电；太阳能发电技术服务；输配电及控制设备制造',
    contactRegionCodes: ['650102'],
  },
  {
    key: 'xinsheng',
    creditCode: makeCreditCode('652301', 'MA77XN03'),
    name: '昌吉鑫盛商贸有限公司',
    regionCode: '652301',
    industryCode: '51',
    capitalYuan: 1_000_000n,
    establishedOn: '2018-03-03',
    status: 'existing',
    businessScope: '日用百货销售；五金产品批发',
  },
  {
    key: 'beijing',
    creditCode: makeCreditCode('110105', 'MA77BJ04'),
    name: '北京光伏新材料有限公司',
    regionCode: '110105',
    industryCode: '30',
    capitalYuan: null,
    establishedOn: '2020-01-01',
    status: 'revoked',
    tags: ['高新技术'],
    businessScope: '新材料技术研发',
  },
  {
    key: 'tcl',
    creditCode: makeCreditCode('440305', 'MA77TC05'),
    name: 'TCL科技集团股份有限公司',
    regionCode: '440305',
    industryCode: '39',
    capitalYuan: 1_000_000_000n,
    establishedOn: '1999-06-01',
    status: 'existing',
    tags: ['上市', '中国500强'],
    businessScope: '电子元器件制造',
  },
  {
    key: 'tianshan',
    creditCode: makeCreditCode('650102', 'MA77TK06'),
    name: '新疆天山储能电池有限公司',
    regionCode: '650102',
    industryCode: '38',
    capitalYuan: 80_000_000n,
    establishedOn: '2021-09-09',
    status: 'existing',
    tags: ['专精特新'],
    businessScope: '锂电池制造；储能装置制造',
  },
];

export function codeOf(key: string): string {
  const e = ENTERPRISES.find((x) => x.key === key);
  if (!e) throw new Error(`no test enterprise ${key}`);
  return e.creditCode;
}

export function keyOfCode(code: string | null): string {
  return ENTERPRISES.find((x) => x.creditCode === code)?.key ?? `?${code}`;
}

export async function insertEnterprises(db: Db, list: readonly TestEnterprise[] = ENTERPRISES): Promise<void> {
  for (const e of list) {
    const keys = buildEnterpriseSearchKeys({ name: e.name, formerNames: e.formerNames, businessScope: e.businessScope, mainProducts: e.mainProducts });
    await db.execute(sql`
      insert into enterprises (credit_code, name, former_names, region_code, industry_code, registered_capital_yuan, established_on, status,
        business_scope, main_products, tags, contact_region_codes, search_names, search_pinyin, search_words)
      values (${e.creditCode}, ${e.name}, ${sql.param(e.formerNames ?? [])}::text[], ${e.regionCode}, ${e.industryCode},
        ${e.capitalYuan === null ? null : e.capitalYuan.toString()}::bigint, ${e.establishedOn}::date, ${e.status},
        ${e.businessScope ?? null}, ${e.mainProducts ?? null}, ${sql.param(e.tags ?? [])}::text[], ${sql.param(e.contactRegionCodes ?? [])}::text[],
        ${keys.searchNames}, ${keys.searchPinyin}, ${buildSearchWordsSql(keys.nameWords, keys.otherWords)})`);
  }
}
