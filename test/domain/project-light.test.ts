import { describe, expect, it } from 'vitest';
import { renderMessage, type Lang } from '../../src/domain/messages/catalog';
import { computeLight as computeLightMessages, DEFAULT_LIGHT_RULES, type LightFacts, type LightRules } from '../../src/domain/project-light';

/** The light with its reasons rendered (Chinese unless asked otherwise), as the API answers them. */
function computeLight(f: LightFacts, rules: LightRules, today: string, lang: Lang = 'zh') {
  const r = computeLightMessages(f, rules, today);
  return { light: r.light, reasons: r.reasons.map((m) => renderMessage(m, lang)) };
}

const TODAY = '2026-11-21';
const base: LightFacts = { stage: 'negotiating', lastProgressDate: '2026-11-01', agreedStartDate: null, startedDate: null, openProblemDueDates: [] };

describe('红绿灯 with the default rules', () => {
  it('is green with recent progress', () => {
    expect(computeLight(base, DEFAULT_LIGHT_RULES, TODAY)).toEqual({ light: 'green', reasons: [] });
  });

  it('turns yellow at exactly 60 days without progress and red at 90', () => {
    expect(computeLight({ ...base, lastProgressDate: '2026-09-23' }, DEFAULT_LIGHT_RULES, TODAY).light).toBe('green'); // 59 days
    expect(computeLight({ ...base, lastProgressDate: '2026-09-22' }, DEFAULT_LIGHT_RULES, TODAY)).toEqual({
      light: 'yellow',
      reasons: ['已 60 天无进展（≥ 60 天为黄灯）'],
    });
    expect(computeLight({ ...base, lastProgressDate: '2026-08-23' }, DEFAULT_LIGHT_RULES, TODAY)).toEqual({
      light: 'red',
      reasons: ['已 90 天无进展（≥ 90 天为红灯）'],
    });
  });

  it('watches signed projects that have not started after the agreed start date', () => {
    const signed = { ...base, stage: 'signed', agreedStartDate: '2026-09-22' };
    expect(computeLight(signed, DEFAULT_LIGHT_RULES, TODAY)).toEqual({
      light: 'yellow',
      reasons: ['约定开工日 2026-09-22 后 60 天仍未开工（≥ 60 天为黄灯）'],
    });
    expect(computeLight({ ...signed, startedDate: '2026-10-01' }, DEFAULT_LIGHT_RULES, TODAY).light).toBe('green');
    expect(computeLight({ ...signed, agreedStartDate: '2026-08-23' }, DEFAULT_LIGHT_RULES, TODAY).light).toBe('red');
  });

  it('is red when an open problem is past its due date, explaining all reasons', () => {
    const facts: LightFacts = { ...base, lastProgressDate: '2026-09-01', openProblemDueDates: ['2026-11-21', '2026-11-20', '2026-10-01'] };
    const r = computeLight(facts, DEFAULT_LIGHT_RULES, TODAY);
    expect(r).toEqual({ light: 'red', reasons: ['2 个问题已超期未解决（最早应于 2026-10-01 解决）', '已 81 天无进展（≥ 60 天为黄灯）'] });
    // the same reasons in English (Accept-Language: en)
    expect(computeLight(facts, DEFAULT_LIGHT_RULES, TODAY, 'en').reasons).toEqual([
      'Overdue unresolved problems: 2 (the earliest was due 2026-10-01)',
      'No progress for 81 days (yellow at ≥ 60 days)',
    ]);
  });

  it('leaves operating and terminated projects green, and follows edited rules', () => {
    expect(computeLight({ ...base, stage: 'operating', lastProgressDate: '2020-01-01' }, DEFAULT_LIGHT_RULES, TODAY).light).toBe('green');
    expect(computeLight({ ...base, stage: 'terminated', lastProgressDate: '2020-01-01' }, DEFAULT_LIGHT_RULES, TODAY).light).toBe('green');
    const strict = { ...DEFAULT_LIGHT_RULES, noProgressYellowDays: 10, noProgressRedDays: 20, overdueProblemIsRed: false };
    expect(computeLight({ ...base, lastProgressDate: '2026-11-01' }, strict, TODAY).light).toBe('red');
    expect(computeLight({ ...base, lastProgressDate: '2026-11-15', openProblemDueDates: ['2026-01-01'] }, strict, TODAY).light).toBe('green');
  });
});

describe('红绿灯: late start applies to signed projects only', () => {
  it('ignores an agreed start date before signing and after starting', () => {
    const late = { lastProgressDate: TODAY, agreedStartDate: '2026-06-01', startedDate: null };
    expect(computeLight({ ...base, ...late }, DEFAULT_LIGHT_RULES, TODAY)).toEqual({ light: 'green', reasons: [] });
    expect(computeLight({ ...base, ...late, stage: 'started', startedDate: '2026-10-01' }, DEFAULT_LIGHT_RULES, TODAY)).toEqual({ light: 'green', reasons: [] });
    expect(computeLight({ ...base, ...late, stage: 'signed', startedDate: '2026-10-01' }, DEFAULT_LIGHT_RULES, TODAY)).toEqual({ light: 'green', reasons: [] });
    expect(computeLight({ ...base, ...late, stage: 'signed', agreedStartDate: null }, DEFAULT_LIGHT_RULES, TODAY)).toEqual({ light: 'green', reasons: [] });
    expect(computeLight({ ...base, ...late, stage: 'signed' }, DEFAULT_LIGHT_RULES, TODAY)).toEqual({
      light: 'red',
      reasons: ['约定开工日 2026-06-01 后 173 天仍未开工（≥ 90 天为红灯）'],
    });
    expect(computeLight({ ...base, stage: 'operating', lastProgressDate: '2020-01-01' }, DEFAULT_LIGHT_RULES, TODAY)).toEqual({ light: 'green', reasons: [] });
  });
});
