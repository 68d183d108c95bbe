import { describe, expect, it } from 'vitest';
import { parseInboxSearch } from '../../src/domain/inquiries/inbox-search';
import { formatTrackingNumber, generateTrackingNumber } from '../../src/domain/inquiries/tracking-number';

describe('what the inbox search box holds', () => {
  // 80 one-bits: ZZZZ-ZZZZ-ZZZZ-ZZZZ-G (hand-checked in inquiry-rules.test.ts)
  const ones = generateTrackingNumber(new Uint8Array(10).fill(255));

  it('reads a tracking number in any case, with dashes or spaces, as that number', () => {
    expect(parseInboxSearch(formatTrackingNumber(ones))).toEqual({ kind: 'trackingNumber', trackingNumber: 'ZZZZZZZZZZZZZZZZG' });
    expect(parseInboxSearch(' zzzz zzzz zzzz zzzz g ')).toEqual({ kind: 'trackingNumber', trackingNumber: 'ZZZZZZZZZZZZZZZZG' });
    // a tracking number of digits only is a tracking number, not a phone number
    expect(parseInboxSearch('00000000000000000')).toEqual({ kind: 'trackingNumber', trackingNumber: '00000000000000000' });
  });

  it('refuses a number shaped like one whose check character is wrong', () => {
    expect(parseInboxSearch('ZZZZ-ZZZZ-ZZZZ-ZZZZ-H')).toEqual({ kind: 'refused', why: 'trackingNumberInvalid' });
  });

  it('refuses phone numbers and e-mail addresses', () => {
    expect(parseInboxSearch('139 1234 5678')).toEqual({ kind: 'refused', why: 'contactData' });
    expect(parseInboxSearch('0991-12345')).toEqual({ kind: 'refused', why: 'contactData' });
    expect(parseInboxSearch('a@b.cn')).toEqual({ kind: 'refused', why: 'contactData' });
  });

  it('takes anything else as a keyword, trimmed (a year is not contact data)', () => {
    expect(parseInboxSearch('  标准厂房 ')).toEqual({ kind: 'keyword', keyword: '标准厂房' });
    expect(parseInboxSearch('2026年租金')).toEqual({ kind: 'keyword', keyword: '2026年租金' });
    expect(parseInboxSearch('ZZZZ-ZZZZ')).toEqual({ kind: 'keyword', keyword: 'ZZZZ-ZZZZ' });
  });
});
