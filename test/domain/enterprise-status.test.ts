import { describe, expect, it } from 'vitest';
import { ENTERPRISE_STATUS_LABELS, parseEnterpriseStatus, parseRevenueBand, REVENUE_BAND_LABELS } from '../../src/domain/enterprise-status';

describe('enterprise status and revenue band from a file', () => {
  it('reads the key, the label, the registry spellings and the word before a bracket', () => {
    expect(parseEnterpriseStatus('operating')).toBe('operating');
    expect(parseEnterpriseStatus(' 存续 ')).toBe('existing');
    expect(parseEnterpriseStatus('在营')).toBe('existing');
    expect(parseEnterpriseStatus('吊销未注销')).toBe('revoked');
    expect(parseEnterpriseStatus('已注销')).toBe('deregistered');
    expect(parseEnterpriseStatus('歇业')).toBe('suspended');
    expect(parseEnterpriseStatus('存续（在营、开业、在册）')).toBe('existing');
    expect(parseEnterpriseStatus('吊销 (未注销)')).toBe('revoked');
    expect(parseEnterpriseStatus('正常')).toBeNull();
    expect(parseEnterpriseStatus('')).toBeNull();
    expect(parseEnterpriseStatus('（存续）')).toBeNull();
    for (const [status, label] of Object.entries(ENTERPRISE_STATUS_LABELS)) expect(parseEnterpriseStatus(label), label).toBe(status);
  });

  it('reads a band by key or label, with - ~ 至 for the dash', () => {
    expect(parseRevenueBand('1b-10b')).toBe('1b-10b');
    expect(parseRevenueBand(' 1亿—10亿元 ')).toBe('100m-1b');
    expect(parseRevenueBand('1000万-1亿元')).toBe('10m-100m');
    expect(parseRevenueBand('10亿~100亿元')).toBe('1b-10b');
    expect(parseRevenueBand('1亿至10亿元')).toBe('100m-1b');
    expect(parseRevenueBand('100亿元以上')).toBe('ge10b');
    expect(parseRevenueBand('很多')).toBeNull();
    for (const [band, label] of Object.entries(REVENUE_BAND_LABELS)) expect(parseRevenueBand(label), label).toBe(band);
  });
});
