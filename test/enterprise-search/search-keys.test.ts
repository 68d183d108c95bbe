/** Unit tests of src/search: segmentation, pinyin keys, the stored search keys, query parsing and highlights. */
import { describe, expect, it } from 'vitest';
import { segmentClauseWords, segmentWords } from '../../src/search/chinese-words';
import { listHighlightNeedles, parseEnterpriseQuery } from '../../src/search/enterprise-query';
import { buildEnterpriseSearchKeys, listHanBigrams, toQueryWords } from '../../src/search/enterprise-search-keys';
import { highlightPinyin, highlightPrefix, highlightSubstrings } from '../../src/search/highlight';
import { toPinyinKeys } from '../../src/search/pinyin-keys';
import { generateEnterprises } from '../../src/seed/enterprise-generator';

describe('segmentWords', () => {
  it('finds words, not single characters, and keeps industry terms of the user dictionary whole', () => {
    expect(segmentWords('新疆其亚光伏科技有限公司')).toEqual(['新疆', '其亚', '光伏', '科技']);
    expect(segmentWords('多晶硅、单晶硅的生产与销售')).toEqual(expect.arrayContaining(['多晶硅', '单晶硅', '生产', '销售']));
    expect(segmentWords('专精特新小巨人')).toEqual(expect.arrayContaining(['专精特新', '小巨人']));
  });
  it('drops the legal form, punctuation and repeats, and lower-cases Latin letters', () => {
    const words = segmentWords('TCL科技集团股份有限公司（TCL）');
    expect(words).toContain('tcl');
    expect(words.filter((w) => w === 'tcl')).toHaveLength(1);
    for (const w of ['有限公司', '公司', '有限', '（', '）']) expect(words).not.toContain(w);
  });
  it('segments a scope clause by clause to exactly the words of the whole text, in the same order', () => {
    const texts = [
      '一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；光伏设备及元器件制造；太阳能发电技术服务。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）',
      'TCL显示器件(LCD/OLED)的研发,生产;进出口业务:货物进出口 "A+B" 50%股权 www.example.com 多晶硅、单晶硅',
      '葡萄酒、番茄酱的生产与销售【分支机构经营】《食品经营许可证》〈预包装食品〉！？',
      ...[...generateEnterprises({ count: 200, regionCodes: ['650109', '440305'], industryCodes: ['38', 'C', '65', 'F', 'I'] })].map((e) => `${e.businessScope} ${e.mainProducts ?? ''}`),
    ];
    // twice: the second pass reads the clause cache
    for (let pass = 0; pass < 2; pass++) for (const t of texts) expect(segmentClauseWords(t), t).toEqual(segmentWords(t));
  });
});

describe('toPinyinKeys', () => {
  it('gives full syllables and initials of a Chinese name', () => {
    expect(toPinyinKeys('新疆其亚光伏科技有限公司')).toEqual({ full: 'xinjiangqiyaguangfukejiyouxiangongsi', initials: 'xjqygfkjyxgs' });
  });
  it('keeps Latin letters and digits as they are, lower-cased, in both keys', () => {
    expect(toPinyinKeys('TCL科技')).toEqual({ full: 'tclkeji', initials: 'tclkj' });
    expect(toPinyinKeys('北京360安全')).toEqual({ full: 'beijing360anquan', initials: 'bj360aq' });
  });
  it('drops punctuation and writes ü as v', () => {
    expect(toPinyinKeys('绿色·能源（集团）')).toEqual({ full: 'lvsenengyuanjituan', initials: 'lsnyjt' });
  });
});

describe('buildEnterpriseSearchKeys', () => {
  const keys = buildEnterpriseSearchKeys({
    name: '新疆其亚光伏科技有限公司',
    formerNames: ['乌鲁木齐鑫盛商贸有限公司'],
    businessScope: '光伏组件制造；多晶硅的生产与销售。（依法须经批准的项目，经相关部门批准后方可开展经营活动）',
    mainProducts: '多晶硅',
  });
  const nameWords = keys.nameWords.split(' ');
  const otherWords = keys.otherWords.split(' ');

  it('keeps the names for substring search and the pinyin of every name', () => {
    expect(keys.searchNames).toBe('新疆其亚光伏科技有限公司 乌鲁木齐鑫盛商贸有限公司');
    expect(keys.searchPinyin).toBe('xinjiangqiyaguangfukejiyouxiangongsi xjqygfkjyxgs wulumuqixinshengshangmaoyouxiangongsi wlmqxssmyxgs');
  });
  it('puts the words and every pair of adjacent characters of the names in the name words', () => {
    expect(nameWords).toEqual(expect.arrayContaining(['新疆', '其亚', '光伏', '乌鲁木齐', '商贸']));
    // pairs across word boundaries, and 鑫盛, which the segmenter splits into 鑫 / 盛
    expect(nameWords).toEqual(expect.arrayContaining(['疆其', '亚光', '鑫盛', '盛商']));
    expect(new Set(nameWords).size).toBe(nameWords.length);
  });
  it('puts scope and product words not already among the name words in the other words, without the registry boilerplate', () => {
    expect(otherWords).toEqual(expect.arrayContaining(['组件', '多晶硅']));
    expect(otherWords).not.toContain('光伏');
    for (const w of ['依法', '批准', '经营', '活动']) expect(otherWords).not.toContain(w);
  });
  it('keeps Latin and digits in names searchable and leaves no tsquery syntax in the words', () => {
    const k = buildEnterpriseSearchKeys({ name: "A&B'(3D)打印:科技|有限公司" });
    expect(k.nameWords).not.toMatch(/[&|!():'"<>*\\]/);
    expect(k.searchPinyin.split(' ')[1]).toBe('ab3ddykj' + 'yxgs');
    expect(toQueryWords("3D打印'")).toEqual(['3d', '打印']);
  });
  it('lists character pairs of Chinese text only', () => {
    expect(listHanBigrams('TCL科技3D打印')).toEqual(['科技', '打印']);
    expect(listHanBigrams('光')).toEqual([]);
  });
  it('matches the pinyin the highlighter computes, for generated names', () => {
    for (const e of generateEnterprises({ count: 300, regionCodes: ['650109', '440305', '110105'], industryCodes: ['38', 'C', '65', 'F'] })) {
      const { full, initials } = toPinyinKeys(e.name);
      // the highlighter marks the whole name when the query is the name's whole key
      expect(highlightPinyin(e.name, initials).every((s) => s.match || !/[\p{Script=Han}A-Za-z0-9]/u.test(s.text)), e.name).toBe(true);
      expect(highlightPinyin(e.name, full).every((s) => s.match || !/[\p{Script=Han}A-Za-z0-9]/u.test(s.text)), e.name).toBe(true);
    }
  });
});

describe('parseEnterpriseQuery', () => {
  it('reads a credit-code prefix: a leading digit, the code alphabet, case and spaces ignored', () => {
    expect(parseEnterpriseQuery('91650109MA')).toEqual({ kind: 'creditCode', prefix: '91650109MA' });
    expect(parseEnterpriseQuery(' 9165 0109ma ')).toEqual({ kind: 'creditCode', prefix: '91650109MA' });
    expect(parseEnterpriseQuery('９１６５')).toEqual({ kind: 'creditCode', prefix: '9165' });
    // I, O, S, V, Z are not in the code alphabet
    expect(parseEnterpriseQuery('91sz')?.kind).not.toBe('creditCode');
  });
  it('reads Latin letters (digits allowed) as pinyin', () => {
    expect(parseEnterpriseQuery('XJQY')).toEqual({ kind: 'pinyin', text: 'xjqy' });
    expect(parseEnterpriseQuery('xin jiang')).toEqual({ kind: 'pinyin', text: 'xinjiang' });
    expect(parseEnterpriseQuery('bj360')).toEqual({ kind: 'pinyin', text: 'bj360' });
  });
  it('reads Chinese as terms: a pair is one lexeme, a longer term is found by its words or pairs and checked as a substring, one character as a pair start', () => {
    const q = parseEnterpriseQuery('光伏  疆其亚 储');
    expect(q).toMatchObject({ kind: 'text', whole: '光伏 疆其亚 储' });
    if (q?.kind !== 'text') throw new Error('text expected');
    expect(q.terms.map((t) => [t.text, t.candidates, t.check])).toEqual([
      ['光伏', "'光伏'", null],
      ['疆其亚', "('疆其亚' | ('疆其' & '其亚'))", { wordQuery: "'疆其亚'", substring: '%疆其亚%' }],
      ['储', "'储':*A", null],
    ]);
    expect(q.indexQuery).toBe("'光伏' & ('疆其亚' | ('疆其' & '其亚')) & '储':*A");
  });
  it('falls back to a substring alone for a term with neither words nor Chinese pairs', () => {
    const q = parseEnterpriseQuery('有限公司 a鑫');
    if (q?.kind !== 'text') throw new Error('text expected');
    expect(q.terms[0]).toMatchObject({ candidates: "('有限' & '限公' & '公司')", check: { wordQuery: null, substring: '%有限公司%' } });
    expect(q.terms[1]).toMatchObject({ candidates: null, check: { substring: '%a鑫%' } });
  });
  it('escapes LIKE wildcards and ignores an empty search', () => {
    const q = parseEnterpriseQuery('100%_光伏');
    if (q?.kind !== 'text') throw new Error('text expected');
    expect(q.terms[0]?.check?.substring).toBe('%100\\%\\_光伏%');
    expect(parseEnterpriseQuery('   ')).toBeNull();
    expect(parseEnterpriseQuery(undefined)).toBeNull();
  });
  it('lists the terms and their words to highlight, longest first', () => {
    const q = parseEnterpriseQuery('光伏科技 新疆');
    expect(q && listHighlightNeedles(q)).toEqual(['光伏科技', '光伏', '科技', '新疆']);
  });
});

describe('highlight', () => {
  it('marks every occurrence of the needles, case ignored, as plain segments', () => {
    expect(highlightSubstrings('TCL科技tcl', ['tcl'])).toEqual([
      { text: 'TCL', match: true },
      { text: '科技', match: false },
      { text: 'tcl', match: true },
    ]);
    expect(highlightSubstrings('新疆其亚', [])).toEqual([{ text: '新疆其亚', match: false }]);
  });
  it('marks the characters a pinyin query covers: initials first, else syllables', () => {
    expect(highlightPinyin('特变电工新疆新能源', 'xjxny')).toEqual([
      { text: '特变电工', match: false },
      { text: '新疆新能源', match: true },
    ]);
    // a partial syllable marks the character it falls in
    expect(highlightPinyin('新疆其亚', 'jiangq')).toEqual([
      { text: '新', match: false },
      { text: '疆其', match: true },
      { text: '亚', match: false },
    ]);
    expect(highlightPinyin('新疆其亚', 'zzz')).toEqual([{ text: '新疆其亚', match: false }]);
  });
  it('marks a credit-code prefix', () => {
    expect(highlightPrefix('91650109MA77QY01X', '91650109')).toEqual([
      { text: '91650109', match: true },
      { text: 'MA77QY01X', match: false },
    ]);
  });
});
