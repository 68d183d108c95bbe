import { describe, expect, it } from 'vitest';
import { computeContactKey, computeTextSimilarity, isDuplicateOf } from '../../src/domain/inquiries/duplicates';
import { computeDueDates, computeEscalationLevel, findNextStage } from '../../src/domain/inquiries/inquiry-rules';
import { detectSpamReasons } from '../../src/domain/inquiries/spam';
import { computeCheckCharacter, formatTrackingNumber, generateTrackingNumber, normalizeTrackingNumber } from '../../src/domain/inquiries/tracking-number';
import { computeClockFigures } from '../../src/domain/service-clocks';
import { createWorkingCalendar } from '../../src/domain/working-days';

const cal = createWorkingCalendar();

describe('tracking numbers', () => {
  it('encodes 80 bits as 16 base32 characters plus a Luhn mod 32 check character', () => {
    const zeros = generateTrackingNumber(new Uint8Array(10));
    expect(zeros).toBe('00000000000000000');
    const ones = generateTrackingNumber(new Uint8Array(10).fill(255));
    // 80 one-bits: sixteen 'Z' (31); Luhn by hand: eight doubled 31s give 62 → 1 + 30 = 31, eight plain 31s: 31; sum 496 = 15·32 + 16; check (32 − 16) % 32 = 16 → 'G'
    expect(ones).toBe('ZZZZZZZZZZZZZZZZG');
    expect(formatTrackingNumber(ones)).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ-G');
  });
  it('hand-checks a check character: body "1" → doubled 2, check (32 − 2) % 32 = 30 → Y', () => {
    expect(computeCheckCharacter('1')).toBe('Y');
  });
  it('reads what people type (case, dashes, O for 0, I and L for 1) and refuses a wrong check or length', () => {
    const n = generateTrackingNumber();
    expect(normalizeTrackingNumber(formatTrackingNumber(n).toLowerCase())).toBe(n);
    expect(normalizeTrackingNumber('0000-0000-0000-0000-0'.replace(/0/g, 'o'))).toBe('00000000000000000');
    const wrong = n.slice(0, 16) + (n[16] === 'A' ? 'B' : 'A');
    expect(normalizeTrackingNumber(wrong)).toBeNull();
    expect(normalizeTrackingNumber(n.slice(0, 16))).toBeNull();
    expect(normalizeTrackingNumber('<script>')).toBeNull();
  });
  it('catches every single changed character', () => {
    const n = generateTrackingNumber(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let i = 0; i < 16; i += 1) for (const c of alphabet) if (c !== n[i]) expect(normalizeTrackingNumber(n.slice(0, i) + c + n.slice(i + 1))).toBeNull();
  });
  it('is random: 1000 numbers, no two alike', () => {
    expect(new Set(Array.from({ length: 1000 }, () => generateTrackingNumber())).size).toBe(1000);
  });
});

describe('stages, clocks and escalation', () => {
  it('lets a complaint be reopened once, an inquiry never, and closes only what is answered', () => {
    expect(findNextStage('complaint', 'closed', 'reopen', 0)).toBe('accepted');
    expect(findNextStage('complaint', 'closed', 'reopen', 1)).toBeNull();
    expect(findNextStage('inquiry', 'closed', 'reopen', 0)).toBeNull();
    expect(findNextStage('inquiry', 'received', 'close', 0)).toBeNull();
    expect(findNextStage('inquiry', 'answered', 'close', 0)).toBe('closed');
    expect(findNextStage('complaint', 'accepted', 'accept', 0)).toBeNull();
  });
  it('counts due days in working days (2026-12-04 is a Friday: 7 working days → Tuesday 12-15; 2 → Tuesday 12-08)', () => {
    expect(computeDueDates(cal, '2026-12-04', { firstResponseWorkingDays: 7, closeWorkingDays: 60 }).firstResponseDueOn).toBe('2026-12-15');
    expect(computeDueDates(cal, '2026-12-04', { firstResponseWorkingDays: 2, closeWorkingDays: 5 })).toEqual({ firstResponseDueOn: '2026-12-08', closeDueOn: '2026-12-11' });
  });
  it('climbs the ladder: owner when late, office head after 3 working days, the level above after 6', () => {
    const item = { stage: 'received' as const, firstRespondedOn: null, firstResponseDueOn: '2026-12-08', closeDueOn: '2026-12-11' };
    expect(computeEscalationLevel(cal, item, '2026-12-08', 3)).toBe(0);
    expect(computeEscalationLevel(cal, item, '2026-12-10', 3)).toBe(0); // 2 working days late
    expect(computeEscalationLevel(cal, item, '2026-12-11', 3)).toBe(1); // 3
    expect(computeEscalationLevel(cal, item, '2026-12-15', 3)).toBe(1); // 12-09,10,11,14,15 = 5
    expect(computeEscalationLevel(cal, item, '2026-12-16', 3)).toBe(2); // 6
    expect(computeEscalationLevel(cal, { ...item, stage: 'closed' }, '2026-12-16', 3)).toBe(0);
    // responded in time: only the closing due day counts (12-11 → 12-16 is 3 working days late)
    expect(computeEscalationLevel(cal, { ...item, firstRespondedOn: '2026-12-07' }, '2026-12-16', 3)).toBe(1);
  });
});

describe('duplicates and spam', () => {
  const base = { kind: 'inquiry', contactKey: computeContactKey({ phone: '+86 139-0000-1111', email: null }), subjectType: 'project', subjectId: 'p1', content: '我们想了解这个项目的用地条件和投资强度要求。', receivedOn: '2026-12-01' };
  it('treats the same phone written differently as one contact', () => {
    expect(computeContactKey({ phone: '13900001111', email: 'x@y.cn' })).toBe(base.contactKey);
    expect(computeContactKey({ phone: null, email: 'A@Example.com ' })).toBe(computeContactKey({ phone: null, email: 'a@example.com' }));
  });
  it('links the same contact, subject and similar text within 7 days', () => {
    expect(isDuplicateOf({ ...base, content: '我们想了解这个项目的用地条件和投资强度要求！', receivedOn: '2026-12-08' }, base)).toBe(true);
    expect(isDuplicateOf({ ...base, receivedOn: '2026-12-09' }, base)).toBe(false);
    expect(isDuplicateOf({ ...base, subjectId: 'p2' }, base)).toBe(false);
    expect(isDuplicateOf({ ...base, kind: 'complaint' }, base)).toBe(false);
    expect(isDuplicateOf({ ...base, content: '请问贵区对新能源企业有哪些税收优惠政策？' }, base)).toBe(false);
  });
  it('measures similarity by character bigrams (abcd vs abce: 2 shared of 4 → 0.5)', () => {
    expect(computeTextSimilarity('abcd', 'abce')).toBe(0.5);
    expect(computeTextSimilarity('A b-c', 'abc')).toBe(1);
  });
  it('flags links, repeated text, empty content and bursts, and leaves a plain question alone', () => {
    expect(detectSpamReasons('我们想了解贵区标准厂房的租金和交付时间。', 0)).toEqual([]);
    expect(detectSpamReasons('看这里 http://a.cn http://b.cn www.c.cn 优惠', 0)).toEqual(['links']);
    expect(detectSpamReasons('哈哈哈哈哈哈哈哈哈哈哈哈', 0)).toEqual(['repeatedText']);
    expect(detectSpamReasons('？？', 0)).toEqual(['noContent']);
    expect(detectSpamReasons('我们想了解贵区标准厂房的租金和交付时间。', 3)).toEqual(['manyFilings']);
  });
});

describe('first-response figures of the service clocks', () => {
  it('takes median and p90 of the items first responded to in the period, by nearest rank', () => {
    const item = (days: number | null, on: string | null) => ({ openedOn: '2026-11-02', dueOn: '2026-11-30', closedOn: null, projectId: null, daysToClose: null, firstResponse: { on, days } });
    const items = [item(1, '2026-11-03'), item(4, '2026-11-06'), item(2, '2026-11-04'), item(9, '2026-12-01'), item(null, null)];
    const f = computeClockFigures(items, '2026-11-01', '2026-11-30', '2026-11-30');
    // responded in November: 1, 4, 2 → sorted 1 2 4; median rank ⌈1.5⌉ = 2 → 2; p90 rank ⌈2.7⌉ = 3 → 4
    expect([f.medianFirstResponseDays, f.p90FirstResponseDays]).toEqual([2, 4]);
    expect(f.opened).toBe(5);
  });
});
