import { describe, it, expect } from 'vitest';
import {
  INDUSTRIES,
  INDUSTRY_STANDARD,
  findIndustry,
  listIndustryCodesUnder,
  resolveIndustry,
  rollUpIndustry,
  searchIndustries,
} from '../../src/reference/industry-classification';

/** 三次产业 of a code in any style findIndustry accepts; null for an unknown code. */
const sectorOfIndustryCode = (code: string) => findIndustry(code)?.sector ?? null;

const sections = INDUSTRIES.filter((i) => i.level === 'section');
const divisions = INDUSTRIES.filter((i) => i.level === 'division');
const groups = INDUSTRIES.filter((i) => i.level === 'group');
const classes = INDUSTRIES.filter((i) => i.level === 'class');

const SECTION_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  A: [1, 5], B: [6, 12], C: [13, 43], D: [44, 46], E: [47, 50], F: [51, 52], G: [53, 60],
  H: [61, 62], I: [63, 65], J: [66, 69], K: [70, 70], L: [71, 72], M: [73, 75], N: [76, 79],
  O: [80, 82], P: [83, 83], Q: [84, 85], R: [86, 90], S: [91, 96], T: [97, 97],
};

describe('INDUSTRIES', () => {
  it('names the standard', () => {
    expect(INDUSTRY_STANDARD).toBe('GB/T 4754-2017');
  });

  it('has the 20 sections A–T', () => {
    expect(sections.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    for (const s of sections) expect(s.parentCode).toBeNull();
  });

  it('has the 97 divisions 01–97, each once', () => {
    const expected = Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0'));
    expect(divisions.map((d) => d.code)).toEqual(expected);
    expect(new Set(INDUSTRIES.map((i) => i.code)).size).toBe(INDUSTRIES.length);
  });

  it('puts every division under an existing section with the official range', () => {
    const sectionCodes = new Set(sections.map((s) => s.code));
    for (const d of divisions) {
      expect(sectionCodes.has(d.parentCode ?? '')).toBe(true);
      const range = SECTION_RANGES[d.parentCode ?? ''];
      expect(range).toBeDefined();
      if (range) {
        expect(Number(d.code)).toBeGreaterThanOrEqual(range[0]);
        expect(Number(d.code)).toBeLessThanOrEqual(range[1]);
      }
    }
  });

  it('carries the official names', () => {
    expect(findIndustry('A')?.name).toBe('农、林、牧、渔业');
    expect(findIndustry('C')?.name).toBe('制造业');
    expect(findIndustry('D')?.name).toBe('电力、热力、燃气及水生产和供应业');
    expect(findIndustry('I')?.name).toBe('信息传输、软件和信息技术服务业');
    expect(findIndustry('S')?.name).toBe('公共管理、社会保障和社会组织');
    expect(findIndustry('05')?.name).toBe('农、林、牧、渔专业及辅助性活动');
    expect(findIndustry('11')?.name).toBe('开采专业及辅助性活动');
    expect(findIndustry('36')?.name).toBe('汽车制造业');
    expect(findIndustry('39')?.name).toBe('计算机、通信和其他电子设备制造业');
    expect(findIndustry('43')?.name).toBe('金属制品、机械和设备修理业');
    expect(findIndustry('96')?.name).toBe('基层群众自治组织及其他组织');
    expect(findIndustry('97')?.name).toBe('国际组织');
  });

  it('assigns sectors per 《三次产业划分规定》', () => {
    const bySector = (sector: number): string[] => divisions.filter((d) => d.sector === sector).map((d) => d.code);
    expect(bySector(1)).toEqual(['01', '02', '03', '04']);
    expect(bySector(2)).toHaveLength(43);
    expect(bySector(3)).toHaveLength(50);
    expect(sections.filter((s) => s.sector === 1).map((s) => s.code)).toEqual(['A']);
    expect(sections.filter((s) => s.sector === 2).map((s) => s.code)).toEqual(['B', 'C', 'D', 'E']);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(INDUSTRIES)).toBe(true);
    expect(Object.isFrozen(INDUSTRIES[0])).toBe(true);
  });
});

describe('sectorOfIndustryCode', () => {
  it('moves 05, 11 and 43 to 第三产业', () => {
    expect(sectorOfIndustryCode('05')).toBe(3);
    expect(sectorOfIndustryCode('11')).toBe(3);
    expect(sectorOfIndustryCode('43')).toBe(3);
    expect(sectorOfIndustryCode('A05')).toBe(3);
    expect(sectorOfIndustryCode('0511')).toBe(3);
  });

  it('handles sections and division examples', () => {
    expect(sectorOfIndustryCode('A01')).toBe(1);
    expect(sectorOfIndustryCode('C36')).toBe(2);
    expect(sectorOfIndustryCode('F')).toBe(3);
    expect(sectorOfIndustryCode('T')).toBe(3);
    expect(sectorOfIndustryCode('A')).toBe(1);
    expect(sectorOfIndustryCode('E')).toBe(2);
    expect(sectorOfIndustryCode('12')).toBe(2);
    expect(sectorOfIndustryCode('44')).toBe(2);
    expect(sectorOfIndustryCode('51')).toBe(3);
  });

  it('accepts each input style', () => {
    expect(sectorOfIndustryCode('C')).toBe(2); // section letter
    expect(sectorOfIndustryCode('36')).toBe(2); // division
    expect(sectorOfIndustryCode('C36')).toBe(2); // letter + division
    expect(sectorOfIndustryCode('361')).toBe(2); // 中类
    expect(sectorOfIndustryCode('3611')).toBe(2); // 小类
    expect(sectorOfIndustryCode('C3611')).toBe(2); // letter + 小类
    expect(sectorOfIndustryCode(' c36 ')).toBe(2); // case and spaces
    expect(sectorOfIndustryCode('6513')).toBe(3);
    expect(sectorOfIndustryCode('0111')).toBe(1);
  });

  it('returns null for garbage and unknown codes', () => {
    for (const code of ['', ' ', 'X', 'U', 'Z36', '00', '98', '99', '3', '36111', 'A36', 'C05', 'C-36', '36C', 'CC', 'abc', '３６']) {
      expect(sectorOfIndustryCode(code)).toBeNull();
    }
  });
});

describe('findIndustry', () => {
  it('finds sections and divisions in every style', () => {
    expect(findIndustry('C')?.level).toBe('section');
    expect(findIndustry('C36')).toEqual({ code: '36', name: '汽车制造业', level: 'division', parentCode: 'C', sector: 2, sectionCode: 'C', divisionCode: '36' });
    expect(findIndustry('3611')?.code).toBe('3611');
    expect(findIndustry('C3611')?.level).toBe('class');
    expect(findIndustry('361')?.level).toBe('group');
    expect(findIndustry('m73')?.name).toBe('研究和试验发展');
  });

  it('returns undefined for unknown codes', () => {
    expect(findIndustry('Z')).toBeUndefined();
    expect(findIndustry('98')).toBeUndefined();
    expect(findIndustry('B36')).toBeUndefined();
    expect(findIndustry('B3611')).toBeUndefined();
    expect(findIndustry('3618')).toBeUndefined();
    expect(findIndustry('368')).toBeUndefined();
    expect(findIndustry('')).toBeUndefined();
  });
});

describe('中类 and 小类', () => {
  it('has 473 中类 and the 小类 of GB/T 4754-2017', () => {
    expect(sections).toHaveLength(20);
    expect(divisions).toHaveLength(97);
    expect(groups).toHaveLength(473);
    // The official count with 第1号修改单 (2019) is 1382; the source table (scripts/gbt4754-2017-classes.tsv) holds 1381
    // and the one it lacks is not identified yet (see docs/projects-and-statistics.md).
    expect(classes).toHaveLength(1381);
    expect(INDUSTRIES).toHaveLength(20 + 97 + 473 + 1381);
  });

  it('gives every child a code that starts with its parent code, one level down', () => {
    const byCode = new Map(INDUSTRIES.map((i) => [i.code, i]));
    const below: Record<string, string> = { division: 'section', group: 'division', class: 'group' };
    for (const i of INDUSTRIES) {
      if (i.level === 'section') continue;
      const parent = byCode.get(i.parentCode ?? '');
      expect(parent?.level, i.code).toBe(below[i.level]);
      if (parent && parent.level !== 'section') expect(i.code.startsWith(parent.code), i.code).toBe(true);
      expect(i.code).toHaveLength(i.level === 'division' ? 2 : i.level === 'group' ? 3 : 4);
      expect(i.sectionCode).toBe(parent?.sectionCode);
      expect(i.sector, i.code).toBe(byCode.get(i.divisionCode ?? '')?.sector);
    }
  });

  it('gives every 中类 at least one 小类 (an undivided 中类 has the 0 小类 of the same name)', () => {
    for (const g of groups) expect(classes.some((c) => c.parentCode === g.code), g.code).toBe(true);
    expect(findIndustry('019')?.name).toBe('其他农业');
    expect(findIndustry('0190')?.name).toBe('其他农业');
    expect(findIndustry('0190')?.parentCode).toBe('019');
  });

  it('carries the official names', () => {
    expect(findIndustry('0111')?.name).toBe('稻谷种植');
    expect(findIndustry('361')?.name).toBe('汽车整车制造');
    expect(findIndustry('3612')?.name).toBe('新能源车整车制造');
    expect(findIndustry('3962')?.name).toBe('智能车载设备制造');
    expect(findIndustry('3973')?.name).toBe('集成电路制造');
    expect(findIndustry('6513')?.name).toBe('应用软件开发');
    expect(findIndustry('6520')?.name).toBe('集成电路设计');
    expect(findIndustry('7224')?.name).toBe('供应链管理服务');
    expect(findIndustry('1922')?.name).toBe('皮箱、包（袋）制造');
    expect(findIndustry('4620')?.name).toBe('污水处理及其再生利用');
    expect(findIndustry('353')?.name).toBe('食品、饮料、烟草及饲料生产专用设备制造');
    expect(findIndustry('9700')?.name).toBe('国际组织');
  });

  it('keeps 《三次产业划分规定》 below 大类: 05, 11 and 43 stay 第三产业 all the way down', () => {
    expect(sectorOfIndustryCode('051')).toBe(3);
    expect(sectorOfIndustryCode('1120')).toBe(3);
    expect(sectorOfIndustryCode('4342')).toBe(3);
    expect(sectorOfIndustryCode('0412')).toBe(1);
    expect(sectorOfIndustryCode('1011')).toBe(2);
    expect(sectorOfIndustryCode('4290')).toBeNull();
    expect(sectorOfIndustryCode('4220')).toBe(2);
  });
});

describe('rollUpIndustry and listIndustryCodesUnder', () => {
  it('rolls a 小类 up to its 大类 and 门类', () => {
    expect(rollUpIndustry('3612')).toEqual({ sectionCode: 'C', divisionCode: '36', sector: 2 });
    expect(rollUpIndustry('C')).toEqual({ sectionCode: 'C', divisionCode: null, sector: 2 });
    expect(rollUpIndustry('0511')).toEqual({ sectionCode: 'A', divisionCode: '05', sector: 3 });
    expect(rollUpIndustry('3618')).toBeUndefined();
  });

  it('lists a code and everything below it', () => {
    expect(listIndustryCodesUnder('361')).toEqual(['361', '3611', '3612']);
    expect(listIndustryCodesUnder('36')).toEqual(['36', '361', '3611', '3612', '362', '3620', '363', '3630', '364', '3640', '365', '3650', '366', '3660', '367', '3670']);
    expect(listIndustryCodesUnder('3612')).toEqual(['3612']);
    const k = listIndustryCodesUnder('K');
    expect(k).toEqual(['K', '70', '701', '7010', '702', '7020', '703', '7030', '704', '7040', '709', '7090']);
    expect(listIndustryCodesUnder('C').every((c) => c === 'C' || findIndustry(c)?.sectionCode === 'C')).toBe(true);
    expect(listIndustryCodesUnder('Z')).toEqual([]);
  });
});

describe('resolveIndustry', () => {
  it('takes a code or an exact name at any level', () => {
    expect(resolveIndustry('C3612')?.code).toBe('3612');
    expect(resolveIndustry(' 汽车整车制造 ')?.code).toBe('361');
    expect(resolveIndustry('新能源车整车制造')?.code).toBe('3612');
    expect(resolveIndustry('汽车制造业')?.code).toBe('36');
    expect(resolveIndustry('制造业')?.code).toBe('C');
  });

  it('takes the broadest node for a name several levels share', () => {
    expect(resolveIndustry('房地产业')?.code).toBe('K');
    expect(resolveIndustry('其他农业')?.code).toBe('019');
  });

  it('finds nothing for a partial or unknown name', () => {
    expect(resolveIndustry('汽车')).toBeUndefined();
    expect(resolveIndustry('火星采矿')).toBeUndefined();
  });
});

describe('searchIndustries', () => {
  const codes = (q: string) => searchIndustries(q).map((i) => i.code);

  it('finds by part of the name, at every level', () => {
    expect(codes('整车')).toEqual(['361', '3611', '3612', '3751']);
    expect(codes('集成电路')).toEqual(['3973', '652', '6520']);
  });

  it('finds by pinyin initials', () => {
    expect(codes('zncz')).toContain('3962'); // 智能车载设备制造
    expect(codes('XNYCZC')).toEqual(['3612']); // 新能源车整车制造
  });

  it('finds by code prefix, with or without the section letter', () => {
    expect(codes('361')).toEqual(['361', '3611', '3612']);
    expect(codes('c3612')).toEqual(['3612']);
    expect(codes('A3612')).toEqual([]);
    expect(codes('K')).toEqual(['K']);
  });

  it('caps the result and ignores a blank keyword', () => {
    expect(searchIndustries('制造', 5)).toHaveLength(5);
    expect(searchIndustries('  ')).toEqual([]);
  });
});
