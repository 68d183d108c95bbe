import { describe, expect, it } from 'vitest';
import { findMonthFundsReach, findTriggerDate, resolveDueDate, type ClauseTrigger, type ProjectFacts } from '../../src/domain/commitments/clause-trigger';
import { addMonths, estimateDueDate, forecastDueAmounts, type ForecastClause } from '../../src/domain/commitments/due-forecast';
import { computeOnTimeRate, type RateClause } from '../../src/domain/commitments/fulfilment-rate';
import { assessObligation, assessObligations } from '../../src/domain/commitments/investor-obligations';

const noFacts: ProjectFacts = { funds: [], startedDate: null, operatingDate: null };
const dateTrigger = (dueDate: string): ClauseTrigger => ({ kind: 'date', dueDate, amountYuan: null, stage: null, daysAfter: 0 });
const fundsTrigger = (amountYuan: bigint, daysAfter = 0): ClauseTrigger => ({ kind: 'fundsReach', dueDate: null, amountYuan, stage: null, daysAfter });
const stageTrigger = (stage: 'started' | 'operating', daysAfter = 0): ClauseTrigger => ({ kind: 'stageReached', dueDate: null, amountYuan: null, stage, daysAfter });

describe('triggers', () => {
  const funds = [
    { month: '2026-03', amountYuan: 300n },
    { month: '2026-01', amountYuan: 500n },
    { month: '2026-02', amountYuan: 200n },
  ];
  it('finds the month cumulative funds reach an amount (500, 700, 1000)', () => {
    expect(findMonthFundsReach(funds, 500n)).toBe('2026-01');
    expect(findMonthFundsReach(funds, 501n)).toBe('2026-02');
    expect(findMonthFundsReach(funds, 1000n)).toBe('2026-03');
    expect(findMonthFundsReach(funds, 1001n)).toBeNull();
  });
  it('dates a funds trigger at the end of that month, plus the days after it', () => {
    const facts = { ...noFacts, funds };
    expect(findTriggerDate(fundsTrigger(1000n), facts)).toBe('2026-03-31');
    expect(resolveDueDate(fundsTrigger(1000n, 30), facts)).toBe('2026-04-30');
    expect(resolveDueDate(fundsTrigger(1001n, 30), facts)).toBeNull();
  });
  it('dates a stage trigger at the start or operating date; a started trigger falls back to the operating date', () => {
    expect(resolveDueDate(stageTrigger('started'), { ...noFacts, startedDate: '2026-05-10' })).toBe('2026-05-10');
    expect(resolveDueDate(stageTrigger('started', 5), { ...noFacts, operatingDate: '2026-06-01' })).toBe('2026-06-06');
    expect(resolveDueDate(stageTrigger('operating'), { ...noFacts, startedDate: '2026-05-10' })).toBeNull();
    expect(resolveDueDate(stageTrigger('operating'), { ...noFacts, startedDate: '2026-05-10', operatingDate: '2026-09-01' })).toBe('2026-09-01');
    expect(resolveDueDate(stageTrigger('started'), noFacts)).toBeNull();
  });
  it('a date trigger is its date, with or without data', () => {
    expect(resolveDueDate({ ...dateTrigger('2026-07-01'), daysAfter: 9 }, noFacts)).toBe('2026-07-01');
  });
});

describe('12-month forecast of amounts falling due', () => {
  const project = (over: Partial<ForecastClause['project']> = {}): ForecastClause['project'] => ({ ...noFacts, agreedStartDate: null, ...over });
  const clause = (id: string, outstandingYuan: bigint, dueDate: string | null, trigger: ClauseTrigger, p = project()): ForecastClause => ({ id, outstandingYuan, dueDate, trigger, project: p });
  // 6 full months before 2026-12 (06…11) at 500 a month, plus 1000 in January: 4000 in all, 500 a month lately
  const trend = project({ funds: [{ month: '2026-01', amountYuan: 1000n }, ...['06', '07', '08', '09', '10', '11'].map((m) => ({ month: `2026-${m}`, amountYuan: 500n }))] });

  it('shifts months across years', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2026-01', -6)).toBe('2025-07');
    expect(addMonths('2026-12', 11)).toBe('2027-11');
  });

  it('estimates a funds trigger from the last 6 months: 6000 to go at 500 a month is 12 months, 2027-11', () => {
    expect(estimateDueDate({ trigger: fundsTrigger(10_000n), project: trend }, '2026-12')).toBe('2027-11-30');
    expect(estimateDueDate({ trigger: fundsTrigger(10_000n, 1), project: trend }, '2026-12')).toBe('2027-12-01');
    // 4001: 1 to go, reached in the current month
    expect(estimateDueDate({ trigger: fundsTrigger(4001n), project: trend }, '2026-12')).toBe('2026-12-31');
    // 4500: 500 to go, one month of trend
    expect(estimateDueDate({ trigger: fundsTrigger(4500n), project: trend }, '2026-12')).toBe('2026-12-31');
    expect(estimateDueDate({ trigger: fundsTrigger(4501n), project: trend }, '2026-12')).toBe('2027-01-31');
    // January's 1000 is older than 6 months: no trend
    expect(estimateDueDate({ trigger: fundsTrigger(10_000n), project: project({ funds: [{ month: '2026-01', amountYuan: 1000n }] }) }, '2026-12')).toBeNull();
    // the current month's funds are not a full month and do not count
    expect(estimateDueDate({ trigger: fundsTrigger(10_000n), project: project({ funds: [{ month: '2026-12', amountYuan: 9000n }] }) }, '2026-12')).toBeNull();
  });

  it('estimates a start trigger by the agreed start date (the current month once it has passed); never an operating trigger', () => {
    expect(estimateDueDate({ trigger: stageTrigger('started', 20), project: project({ agreedStartDate: '2027-03-10' }) }, '2026-12')).toBe('2027-03-30');
    expect(estimateDueDate({ trigger: stageTrigger('started'), project: project({ agreedStartDate: '2026-05-01' }) }, '2026-12')).toBe('2026-12-01');
    expect(estimateDueDate({ trigger: stageTrigger('started'), project: project() }, '2026-12')).toBeNull();
    expect(estimateDueDate({ trigger: stageTrigger('operating'), project: project({ agreedStartDate: '2027-03-10' }) }, '2026-12')).toBeNull();
  });

  it('puts each amount in its month, past due, later or unestimated', () => {
    const f = forecastDueAmounts(
      [
        clause('A', 100n, '2026-12-15', dateTrigger('2026-12-15')),
        clause('B', 200n, '2027-11-30', dateTrigger('2027-11-30')),
        clause('C', 300n, '2027-12-01', dateTrigger('2027-12-01')),
        clause('D', 400n, '2026-11-20', dateTrigger('2026-11-20')),
        clause('E', 500n, null, fundsTrigger(10_000n), trend),
        clause('F', 600n, null, fundsTrigger(10_000n)),
        clause('G', 700n, null, stageTrigger('started', 20), project({ agreedStartDate: '2027-03-10' })),
        clause('H', 800n, null, stageTrigger('operating')),
        clause('I', 0n, '2026-12-15', dateTrigger('2026-12-15')),
        clause('J', 50n, '2026-12-01', dateTrigger('2026-12-01')),
      ],
      '2026-12',
    );
    expect(f.months.map((m) => m.month)).toEqual(['2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10', '2027-11']);
    expect(f.months[0]).toEqual({ month: '2026-12', scheduledYuan: 150n, estimatedYuan: 0n, clauses: 2 });
    expect(f.months[3]).toEqual({ month: '2027-03', scheduledYuan: 0n, estimatedYuan: 700n, clauses: 1 });
    expect(f.months[11]).toEqual({ month: '2027-11', scheduledYuan: 200n, estimatedYuan: 500n, clauses: 2 });
    expect(f.months.filter((_, i) => ![0, 3, 11].includes(i)).every((m) => m.scheduledYuan === 0n && m.estimatedYuan === 0n && m.clauses === 0)).toBe(true);
    expect(f.pastDueYuan).toBe(400n);
    expect(f.pastDueClauses).toBe(1);
    expect(f.laterYuan).toBe(300n);
    expect(f.unestimated).toEqual([
      { id: 'F', outstandingYuan: 600n },
      { id: 'H', outstandingYuan: 800n },
    ]);
  });
});

describe('on-time fulfilment rate', () => {
  const c = (deadline: string | null, fulfilledOn: string | null, waived = false): RateClause => ({ deadline, fulfilledOn, waived });
  it('counts the clauses settled in the period: 2 on time of 4', () => {
    const clauses = [
      c('2026-03-01', '2026-02-20'), // on time
      c('2026-03-01', '2026-03-01'), // on the deadline: on time
      c('2026-04-01', '2026-04-02'), // late
      c('2026-05-01', null), // deadline passed, unfulfilled: late
      c('2026-05-01', null, true), // waived: out
      c('2026-07-01', '2026-06-01'), // deadline after the period: out
      c(null, null), // not due: out
      c('2025-12-31', null), // before the period: out
    ];
    expect(computeOnTimeRate(clauses, '2026-01-01', '2026-06-30', '2026-12-07')).toEqual({ base: 4, onTime: 2, late: 2, ratePct: 50 });
  });
  it('leaves out clauses still within their deadline and unfulfilled', () => {
    const clauses = [c('2026-03-20', null), c('2026-03-20', '2026-03-10'), c('2026-03-14', null), c('2026-03-15', null)];
    expect(computeOnTimeRate(clauses, '2026-03-01', '2026-03-31', '2026-03-15')).toEqual({ base: 2, onTime: 1, late: 1, ratePct: 50 });
  });
  it('rounds half-up to 2 decimals and is null on an empty base', () => {
    expect(computeOnTimeRate([c('2026-03-01', '2026-03-01'), c('2026-03-01', null), c('2026-03-01', null)], '2026-03-01', '2026-03-31', '2026-04-01').ratePct).toBe(33.33);
    expect(computeOnTimeRate([c('2026-03-01', '2026-03-01'), c('2026-03-01', '2026-02-01'), c('2026-03-01', null)], '2026-03-01', '2026-03-31', '2026-04-01').ratePct).toBe(66.67);
    expect(computeOnTimeRate([], '2026-03-01', '2026-03-31', '2026-04-01')).toEqual({ base: 0, onTime: 0, late: 0, ratePct: null });
  });
});

describe("the investor's obligations", () => {
  it('meets an obligation when the actual reaches the target', () => {
    expect(assessObligation(null, 5n)).toBeNull();
    expect(assessObligation(10n, null)).toBe('unknown');
    expect(assessObligation(10n, 9n)).toBe('unmet');
    expect(assessObligation(10n, 10n)).toBe('met');
  });
  it('meets all when every set target is met; any unmet makes them unmet; none set is null', () => {
    const none = { investment: null, output: null, taxes: null, jobs: null };
    expect(assessObligations(none, none)).toBeNull();
    expect(assessObligations({ ...none, investment: 100n, jobs: 50n }, { ...none, investment: 100n, jobs: 50n })).toBe('met');
    expect(assessObligations({ ...none, investment: 100n, jobs: 50n }, { ...none, investment: 100n })).toBe('unknown');
    expect(assessObligations({ ...none, investment: 100n, jobs: 50n }, { ...none, investment: 99n })).toBe('unmet');
    expect(assessObligations({ ...none, output: 1n }, { ...none, investment: 0n, output: 1n })).toBe('met');
  });
});
