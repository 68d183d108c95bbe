import { describe, it, expect } from 'vitest';
import {
  INDUSTRIES,
  INDUSTRY_STANDARD,
  findIndustry,
} from '../../src/reference/industry-classification';

const sections = INDUSTRIES.filter((i) => i.level === 'section');
const divisions = INDUSTRIES.filter((i) => i.level === 'division');

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
    expect(new Set(INDUSTRIES.map((i) => i.code)).size).toBe(117);
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

describe('the 三次产业 of findIndustry', () => {
  const sectorOfIndustryCode = (code: string) => findIndustry(code)?.sector ?? null;

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
    expect(findIndustry('C36')).toEqual({ code: '36', name: '汽车制造业', level: 'division', parentCode: 'C', sector: 2 });
    expect(findIndustry('3611')?.code).toBe('36');
    expect(findIndustry('m73')?.name).toBe('研究和试验发展');
  });

  it('returns undefined for unknown codes', () => {
    expect(findIndustry('Z')).toBeUndefined();
    expect(findIndustry('98')).toBeUndefined();
    expect(findIndustry('B36')).toBeUndefined();
    expect(findIndustry('')).toBeUndefined();
  });
});
