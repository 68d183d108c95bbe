import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/domain/messages/catalog';
import { DEFAULT_TARGET_WEIGHTS, explainRankGap, readFeatureValues, scoreTarget, type TargetFacts } from '../../src/domain/targets/target-score';

const base: TargetFacts = {
  industryCode: 'C3825',
  industryMatch: null,
  productsMatched: [],
  density: null,
  relatednessComputed: true,
  pull: null,
  registeredCapitalYuan: null,
  tags: [],
  capitalIncreases: 0,
  newBranchRegions: 0,
  investorInRegion: false,
  contactInRegion: false,
  homeProvinceInvestors: 0,
};

describe('target score', () => {
  it('adds each feature’s weight × value, and says what it saw', () => {
    const facts: TargetFacts = {
      ...base,
      industryMatch: 'class', // 1 × 25 = 25
      productsMatched: ['光伏组件', '电池片'], // 2/3 × 15 = 10
      density: 0.42, // 0.42 × 15 = 6.3
      pull: { nodeName: '组件', direction: 'downstream', localEnterprises: 12 }, // 12/20 × 10 = 6
      registeredCapitalYuan: 1_000_000_000n, // 10 亿 = 100,000 万: log10(100000)/5 = 1 → 10
      tags: ['上市', '中国500强'], // best 0.9 + 0.1 for the second = 1 → 10
      capitalIncreases: 1, // 0.6 × 5 = 3
      homeProvinceInvestors: 2, // 0.4 × 10 = 4
    };
    const s = scoreTarget(facts);
    expect(s.features.map((f) => [f.feature, f.points])).toEqual([
      ['industryFit', 25],
      ['productFit', 10],
      ['relatedness', 6.3],
      ['chainPull', 6],
      ['scale', 10],
      ['tags', 10],
      ['growth', 3],
      ['ties', 4],
    ]);
    expect(s.score).toBe(74.3);
    const zh = s.features.map((f) => renderMessage(f.reason, 'zh'));
    expect(zh).toEqual([
      '行业代码 C3825 与本节点同小类（+25）',
      '产品或经营范围含本节点关键产品：光伏组件、电池片（+10）',
      '本地已有的产业与其所在行业的关联度 42%（+6.3）',
      '下游节点 组件 已有本地企业 12 家（+6）',
      '注册资本 100000 万元（+10）',
      '标签：中国500强、上市（+10）',
      '近两年增资 1 次、在 0 个外地设立分支（+3）',
      '同省已有 2 家企业在本地投资（+4）',
    ]);
    expect(renderMessage(s.features[3]!.reason, 'en')).toBe('The downstream node 组件 already has 12 local enterprises (+6)');
  });

  it('scores nothing it does not know, and says so', () => {
    const s = scoreTarget({ ...base, industryCode: null });
    expect(s.score).toBe(0);
    expect(s.features.every((f) => f.points === 0 && f.value === 0)).toBe(true);
    expect(renderMessage(s.features[0]!.reason, 'zh')).toBe('行业代码 — 不在本节点的代码内（+0）');
    expect(renderMessage(s.features[2]!.reason, 'zh')).toBe('行业未知，无法计算与本地产业的关联度（+0）');
    const notYet = scoreTarget({ ...base, density: 0.5, relatednessComputed: false });
    expect(notYet.features[2]!.points).toBe(0); // nothing is counted before the job has run
    expect(renderMessage(notYet.features[2]!.reason, 'zh')).toBe('产业关联度尚未计算（+0）');
  });

  it('grades the industry match and the scale, and caps each value at 1', () => {
    expect(readFeatureValues({ ...base, industryMatch: 'group' }).industryFit).toBe(0.7);
    expect(readFeatureValues({ ...base, industryMatch: 'division' }).industryFit).toBe(0.4);
    // 100 万元 → log10(100)/5 = 0.4; 5,000 元 (below 1 万) → 0; 100 亿 → capped at 1
    expect(readFeatureValues({ ...base, registeredCapitalYuan: 1_000_000n }).scale).toBeCloseTo(0.4, 10);
    expect(readFeatureValues({ ...base, registeredCapitalYuan: 5_000n }).scale).toBe(0);
    expect(readFeatureValues({ ...base, registeredCapitalYuan: 10_000_000_000n }).scale).toBe(1);
    expect(readFeatureValues({ ...base, productsMatched: ['a', 'b', 'c', 'd'] }).productFit).toBe(1);
    expect(readFeatureValues({ ...base, pull: { nodeName: 'x', direction: 'upstream', localEnterprises: 45 } }).chainPull).toBe(1);
    expect(readFeatureValues({ ...base, tags: ['世界500强', '央企', '上市'] }).tags).toBe(1);
    expect(readFeatureValues({ ...base, tags: ['高新技术', '无关标签'] }).tags).toBe(0.4);
    expect(readFeatureValues({ ...base, capitalIncreases: 3, newBranchRegions: 2 }).growth).toBe(1);
    expect(readFeatureValues({ ...base, capitalIncreases: 2 }).growth).toBe(0.8);
    expect(readFeatureValues({ ...base, newBranchRegions: 1 }).growth).toBe(0.4);
  });

  it('takes the strongest tie: an investor already here, then a contact, then the home province', () => {
    expect(readFeatureValues({ ...base, investorInRegion: true, contactInRegion: true, homeProvinceInvestors: 3 }).ties).toBe(1);
    expect(readFeatureValues({ ...base, contactInRegion: true, homeProvinceInvestors: 3 }).ties).toBe(0.7);
    expect(readFeatureValues({ ...base, homeProvinceInvestors: 1 }).ties).toBe(0.4);
  });

  it('uses the weights it is given (fitted weights change the score, not the values)', () => {
    const facts: TargetFacts = { ...base, industryMatch: 'class', tags: ['上市'] };
    expect(scoreTarget(facts).score).toBe(25 + 7); // 1 × 25 + 0.7 × 10
    const weights = { ...DEFAULT_TARGET_WEIGHTS, industryFit: 10, tags: 40 };
    expect(scoreTarget(facts, weights).score).toBe(10 + 28);
    expect(scoreTarget(facts, weights).features.map((f) => f.value)).toEqual(scoreTarget(facts).features.map((f) => f.value));
  });

  it('explains why a similar firm ranks lower, largest gap first, leaving out where it does better', () => {
    const higher = scoreTarget({ ...base, industryMatch: 'class', registeredCapitalYuan: 1_000_000_000n, investorInRegion: true });
    const lower = scoreTarget({ ...base, industryMatch: 'group', registeredCapitalYuan: 1_000_000n, tags: ['上市'] });
    // industry 25 vs 17.5 (gap 7.5); scale 10 vs 4 (6); ties 10 vs 0 (10); tags 0 vs 7 (lower does better: left out)
    expect(explainRankGap(higher, lower)).toEqual([
      { feature: 'ties', higherPoints: 10, lowerPoints: 0, gap: 10 },
      { feature: 'industryFit', higherPoints: 25, lowerPoints: 17.5, gap: 7.5 },
      { feature: 'scale', higherPoints: 10, lowerPoints: 4, gap: 6 },
    ]);
  });
});
