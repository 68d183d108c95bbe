import { describe, expect, it } from 'vitest';
import { matchNormalizedNames, normalizeEnterpriseName, SIMILARITY_THRESHOLD } from '../../src/domain/enterprise-names';

describe('normalizeEnterpriseName', () => {
  it.each([
    ['新疆金风科技股份有限公司', '金风科技'],
    ['金风科技', '金风科技'],
    ['金风科技（新疆）有限公司', '金风科技'],
    ['腾讯科技(深圳)有限公司', '腾讯科技'],
    ['新疆维吾尔自治区 天山 光伏 有限责任公司', '天山光伏'],
    ['乌鲁木齐市金泰光伏科技有限公司', '金泰光伏科技'],
    ['新疆天业（集团）有限公司', '天业'],
    ['中粮集团有限公司', '中粮'],
    ['ＡＢＣ科技有限公司', 'ABC科技'],
    ['中国石油天然气股份有限公司', '中国石油天然气'],
    ['新疆有限公司', '新疆'],
    ['新疆天山', '天山'],
  ])('%s → %s', (name, norm) => {
    expect(normalizeEnterpriseName(name)).toBe(norm);
  });
});

describe('matchNormalizedNames', () => {
  it('calls equal cores the same name, a core inside another contained, and uses the trigram threshold otherwise', () => {
    expect(matchNormalizedNames('金风科技', '金风科技', 1)).toEqual({ reason: 'sameName', similarity: 1 });
    expect(matchNormalizedNames('金风科技', '金风科技发展', 0.5)).toEqual({ reason: 'containedName', similarity: 0.5 });
    // pg_trgm similarity of 金泰光伏科技 / 金泰光伏科技发展 is 0.6; of 金泰光伏科技 / 金泰光电科技 0.4
    expect(matchNormalizedNames('金泰光伏科技', '泰光伏科技发', SIMILARITY_THRESHOLD)).toMatchObject({ reason: 'similarName' });
    expect(matchNormalizedNames('金泰光伏科技', '金泰光电科技', 0.4)).toBeNull();
    // short cores are not matched by containment: 天山 is inside too many names
    expect(matchNormalizedNames('天山', '天山水泥', 0.3)).toBeNull();
    expect(matchNormalizedNames('', '天山水泥', 0)).toBeNull();
  });
});

describe('enterprise name edge cases', () => {
  it('keeps the content of a name that is only brackets, and a name that is only a form word', () => {
    expect(normalizeEnterpriseName('（华为）')).toBe('华为');
    expect(normalizeEnterpriseName('【 天 业 】')).toBe('天业');
    expect(normalizeEnterpriseName('有限公司')).toBe('有限'); // 公司 goes, 有限 alone stays
    expect(normalizeEnterpriseName('集团')).toBe('集团');
  });

  it('matches nothing against an empty name, and containment either way round', () => {
    expect(matchNormalizedNames('', '天业', 1)).toBeNull();
    expect(matchNormalizedNames('天业', '', 1)).toBeNull();
    expect(matchNormalizedNames('', '', 1)).toBeNull();
    expect(matchNormalizedNames('金泰光伏科技发展', '金泰光伏科技', 0.5)).toEqual({ reason: 'containedName', similarity: 0.5 });
    expect(matchNormalizedNames('金泰光伏科技', '金泰光伏科技发展', 0.5)).toEqual({ reason: 'containedName', similarity: 0.5 });
    expect(matchNormalizedNames('金泰光伏', '光伏金泰', 0.2)).toBeNull();
  });
});
