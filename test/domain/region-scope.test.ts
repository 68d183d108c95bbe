import { describe, expect, it } from 'vitest';
import { buildRegionPath, isPathWithin } from '../../src/domain/region-scope';

const XJ = buildRegionPath(null, '650000');
const URUMQI = buildRegionPath(XJ, '650100');
const MIDONG = buildRegionPath(URUMQI, '650109');
const TIANSHAN = buildRegionPath(URUMQI, '650102');
const MIDONG_PARK = buildRegionPath(MIDONG, '650109001');

describe('buildRegionPath', () => {
  it('builds materialised paths with a leading and a trailing slash', () => {
    expect(XJ).toBe('/650000/');
    expect(URUMQI).toBe('/650000/650100/');
    expect(MIDONG).toBe('/650000/650100/650109/');
    expect(MIDONG_PARK).toBe('/650000/650100/650109/650109001/');
    expect(buildRegionPath('/110000/', '110101')).toBe('/110000/110101/');
  });
});

describe('isPathWithin', () => {
  it('includes the region itself and its whole subtree', () => {
    expect(isPathWithin(URUMQI, URUMQI)).toBe(true);
    expect(isPathWithin(URUMQI, MIDONG)).toBe(true);
    expect(isPathWithin(URUMQI, MIDONG_PARK)).toBe(true);
    expect(isPathWithin(XJ, MIDONG_PARK)).toBe(true);
    expect(isPathWithin(MIDONG, MIDONG_PARK)).toBe(true);
  });

  it('lets the installation root "/" see everything', () => {
    expect(isPathWithin('/', XJ)).toBe(true);
    expect(isPathWithin('/', MIDONG_PARK)).toBe(true);
  });

  it('excludes ancestors, siblings and other provinces', () => {
    expect(isPathWithin(MIDONG, URUMQI)).toBe(false);
    expect(isPathWithin(MIDONG, XJ)).toBe(false);
    expect(isPathWithin(MIDONG, '/')).toBe(false);
    expect(isPathWithin(MIDONG, TIANSHAN)).toBe(false);
    expect(isPathWithin(TIANSHAN, MIDONG_PARK)).toBe(false);
    expect(isPathWithin(XJ, '/110000/110101/')).toBe(false);
  });

  it('does not confuse a code with a longer code that starts with it (the prefix trap)', () => {
    // 650100 and a made-up 6501001 share the prefix "650100"; the trailing slash keeps them apart
    expect(isPathWithin('/650000/650100/', '/650000/6501001/')).toBe(false);
    expect(isPathWithin('/650000/650100/', '/650000/6501001/6501001001/')).toBe(false);
    // a park 650109001 directly under the prefecture 650100 is not inside the county 650109
    expect(isPathWithin(MIDONG, '/650000/650100/650109001/')).toBe(false);
    // a park of the prefecture (650100001) is in the prefecture, not in a county sharing digits
    expect(isPathWithin(URUMQI, buildRegionPath(URUMQI, '650100001'))).toBe(true);
    expect(isPathWithin(buildRegionPath(URUMQI, '650100001'), URUMQI)).toBe(false);
    // a province is not inside another province whose code shares a prefix
    expect(isPathWithin('/65/', '/650000/')).toBe(false);
  });

  it('keeps every path built by buildRegionPath apart from a longer sibling code', () => {
    const a = buildRegionPath(XJ, '650100');
    const b = buildRegionPath(XJ, '6501000');
    expect(a.endsWith('/')).toBe(true);
    expect(isPathWithin(a, b)).toBe(false);
    expect(isPathWithin(b, a)).toBe(false);
  });
});
