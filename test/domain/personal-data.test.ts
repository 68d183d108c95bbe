import { describe, expect, it } from 'vitest';
import { listMaskedFragments, maskEmail, maskPersonalDataInText, maskPersonName, maskPhone } from '../../src/domain/personal-data';

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['+86 13812345678', '138****5678'],
    ['8613812345678', '138****5678'],
    ['0991-1234567', '0991-***4567'],
    ['(0991)1234567', '0991-***4567'],
    ['010-12345678', '010-****5678'],
    ['0991-1234567-8021', '0991-***4567'],
    ['0991-1234567转802', '0991-***4567'],
    ['4008123123', '******3123'],
    ['1234567', '***4567'],
    ['123', '***'],
  ])('masks %s as %s', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });

  it('never returns more than the last 4 digits of the subscriber number', () => {
    for (const p of ['13987654321', '0991-7654321', '+44 20 7946 0958', '99887766']) {
      const masked = maskPhone(p) ?? '';
      const visible = masked.replace(/\D/g, '');
      expect(p.replace(/\D/g, '').endsWith(visible.slice(-4))).toBe(true);
      expect(masked).toContain('*');
    }
  });

  it('keeps empty and missing values', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone(undefined)).toBeNull();
    expect(maskPhone('  ')).toBe('');
  });
});

describe('maskEmail', () => {
  it.each([
    ['zhang.san@example.com', 'z***@example.com'],
    ['a@b.cn', 'a***@b.cn'],
    [' Li@Corp.COM ', 'L***@Corp.COM'],
    ['张三@例子.中国', '张***@例子.中国'],
    ['no-at-sign', 'n***'],
  ])('masks %s as %s', (input, masked) => {
    expect(maskEmail(input)).toBe(masked);
  });
  it('keeps empty and missing values', () => {
    expect(maskEmail(null)).toBeNull();
    expect(maskEmail('')).toBe('');
  });
});

describe('maskPersonName', () => {
  it.each([
    ['张三', '张*'],
    ['李四', '李*'],
    ['张三丰', '张**'],
    ['欧阳修', '欧阳*'],
    ['欧阳娜娜', '欧阳**'],
    ['司马相如', '司马**'],
    ['欧阳', '欧*'],
    ['王', '王'],
    ['古丽娜尔', '古***'],
    ['John Smith', 'J******'],
  ])('masks %s as %s', (input, masked) => {
    expect(maskPersonName(input)).toBe(masked);
  });
  it('keeps empty and missing values', () => {
    expect(maskPersonName(null)).toBeNull();
    expect(maskPersonName(' ')).toBe('');
  });
});

describe('maskPersonalDataInText', () => {
  it('masks phones and e-mails inside notes, leaving the rest', () => {
    expect(maskPersonalDataInText('微信同手机 13812345678，座机 0991-1234567，邮箱 li.si@corp.cn；周三下午方便')).toBe(
      '微信同手机 138****5678，座机 0991-***4567，邮箱 l***@corp.cn；周三下午方便',
    );
    expect(maskPersonalDataInText('2026年投资 500000 万元')).toBe('2026年投资 500000 万元');
    expect(maskPersonalDataInText(null)).toBeNull();
  });
});

describe('listMaskedFragments', () => {
  it('lists the masked forms of the phones and e-mails inside a text, as maskPersonalDataInText shows them', () => {
    const text = '微信同手机 13812345678，座机 0991-1234567，邮箱 li.si@corp.cn；周三下午方便';
    const fragments = listMaskedFragments(text);
    expect(fragments.sort()).toEqual(['0991-***4567', '138****5678', 'l***@corp.cn']);
    for (const f of fragments) expect(maskPersonalDataInText(text)).toContain(f);
    expect(listMaskedFragments('2026年投资 500000 万元')).toEqual([]);
    expect(listMaskedFragments(null)).toEqual([]);
  });
});
