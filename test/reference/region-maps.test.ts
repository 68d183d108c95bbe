/**
 * The boundary maps of the dashboard (web/public/maps, written by `npm run maps:extract`): every file parses,
 * every feature is a sub-region of the file's region under its reference code and name, and the outlines lie in China.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRegionDivisions } from '../../src/reference/region-divisions';

const MAPS_DIR = fileURLToPath(new URL('../../web/public/maps', import.meta.url));
const divisions = loadRegionDivisions();
const byCode = new Map(divisions.map((d) => [d.code, d]));
const childrenOf = (code: string) => divisions.filter((d) => d.parentCode === code);

/** Sub-regions the sources have no boundary for (see web/public/maps/README.md). */
const NOT_DRAWN: Readonly<Record<string, readonly string[]>> = {
  '410000': ['419000'], // 济源市 (河南's 省直辖县级行政区划)
  '460000': ['460300'], // 三沙市
  '659000': ['659010', '659011'], // 胡杨河市, 新星市 (2019, 2021)
};

interface Geometry {
  type: string;
  coordinates: unknown;
  encodeOffsets?: unknown;
}
interface Feature {
  type: string;
  properties: Record<string, unknown>;
  geometry: Geometry;
}
interface Collection {
  type: string;
  UTF8Encoding?: boolean;
  features: Feature[];
}

/** ECharts' compressed ring (parseGeoJson.js decodeRing): zigzag deltas as char codes, scale 1024. */
function decodeRing(text: string, offsets: [number, number]): number[][] {
  const points: number[][] = [];
  let [x, y] = offsets;
  for (let i = 0; i < text.length; i += 2) {
    const dx = text.charCodeAt(i) - 64;
    const dy = text.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1);
    y += (dy >> 1) ^ -(dy & 1);
    points.push([x / 1024, y / 1024]);
  }
  return points;
}

/** Every ring of a Polygon or MultiPolygon as plain [lng, lat] points. */
function ringsOf(geometry: Geometry, compressed: boolean): number[][][] {
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as unknown[][];
  const offsets = (geometry.type === 'Polygon' ? [geometry.encodeOffsets] : geometry.encodeOffsets) as [number, number][][] | undefined;
  return polygons.flatMap((rings, p) =>
    rings.map((ring, r) => {
      if (!compressed) return ring as number[][];
      const offset = offsets?.[p]?.[r];
      if (typeof ring !== 'string' || !offset) throw new Error(`compressed ring ${p}/${r} without its offsets`);
      return decodeRing(ring, offset);
    }),
  );
}

const files = readdirSync(MAPS_DIR).filter((f) => f.endsWith('.json')).sort();
const read = (file: string) => JSON.parse(readFileSync(`${MAPS_DIR}/${file}`, 'utf8')) as Collection;

describe('web/public/maps', () => {
  it('has a map of every province with sub-regions and of every prefecture of 新疆', () => {
    const codes = files.map((f) => f.replace(/\.json$/, ''));
    const provinces = divisions.filter((d) => d.level === 'province' && childrenOf(d.code).length > 0).map((d) => d.code);
    expect(provinces).toHaveLength(31);
    expect(codes).toEqual(expect.arrayContaining(provinces));
    expect(codes).toEqual(expect.arrayContaining(childrenOf('650000').map((d) => d.code)));
    expect(codes).toHaveLength(31 + childrenOf('650000').length);
    expect(files.every((f) => /^\d{6}\.json$/.test(f))).toBe(true);
  });

  it.each(files)('%s: every feature is a sub-region of the file under its reference code and name, drawn in China', (file) => {
    const region = file.replace(/\.json$/, '');
    expect(byCode.has(region)).toBe(true);
    const json = read(file);
    expect(json.type).toBe('FeatureCollection');
    expect(json.features.length).toBeGreaterThan(0);
    const codes = json.features.map((f) => f.properties.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const feature of json.features) {
      const { code, name } = feature.properties;
      expect(Object.keys(feature.properties).sort()).toEqual(['code', 'name']);
      expect(code).toMatch(/^\d{6}$/);
      const division = byCode.get(String(code));
      expect(division, `${file}: ${String(code)} ${String(name)}`).toBeDefined();
      expect(division?.parentCode).toBe(region);
      expect(name).toBe(division?.name);
      expect(['Polygon', 'MultiPolygon']).toContain(feature.geometry.type);
      const rings = ringsOf(feature.geometry, json.UTF8Encoding === true);
      expect(rings.length).toBeGreaterThan(0);
      expect(Math.min(...rings.map((ring) => ring.length))).toBeGreaterThanOrEqual(3);
      const points = rings.flat();
      const lngs = points.map(([lng]) => lng ?? Number.NaN);
      const lats = points.map(([, lat]) => lat ?? Number.NaN);
      // China lies within 73–136°E, 3–54°N; a decoding or axis mix-up lands elsewhere
      expect([Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)]).toEqual([
        expect.toSatisfy((v: number) => v > 73),
        expect.toSatisfy((v: number) => v < 136),
        expect.toSatisfy((v: number) => v > 3),
        expect.toSatisfy((v: number) => v < 54),
      ]);
    }
    const missing = childrenOf(region).filter((d) => !codes.includes(d.code)).map((d) => d.code);
    expect(missing).toEqual(NOT_DRAWN[region] ?? []);
  });

  it('draws 乌鲁木齐市 as its eight districts and counties, and 新疆 with 哈密市 and 吐鲁番市 under their current codes', () => {
    const urumqi = read('650100.json').features.map((f) => `${String(f.properties.code)} ${String(f.properties.name)}`);
    expect(urumqi).toEqual([
      '650102 天山区',
      '650103 沙依巴克区',
      '650104 新市区',
      '650105 水磨沟区',
      '650106 头屯河区',
      '650107 达坂城区',
      '650109 米东区',
      '650121 乌鲁木齐县',
    ]);
    const xinjiang = read('650000.json').features.map((f) => f.properties.code);
    expect(xinjiang).toEqual(expect.arrayContaining(['650400', '650500', '659000']));
  });
});
