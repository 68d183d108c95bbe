/** The boundary maps of web/public/maps (written by `npm run maps:extract`), one per region with drawn sub-regions. */

export interface RegionMapFeature {
  type: 'Feature';
  properties: { code: string; name: string };
  geometry: unknown;
}

/** A GeoJSON FeatureCollection, possibly in ECharts' compressed form (`UTF8Encoding`), which registerMap decodes. */
export interface RegionMap {
  type: 'FeatureCollection';
  UTF8Encoding?: boolean;
  features: RegionMapFeature[];
}

/**
 * The map of a region's sub-regions, or null when there is none (404). Not an API call: a missing map is
 * normal and shows nothing; the dev server answers index.html for it, hence the content-type check.
 */
export async function fetchRegionMap(regionCode: string): Promise<RegionMap | null> {
  if (!/^\d{6}$/.test(regionCode)) return null;
  const res = await fetch(`/maps/${regionCode}.json`);
  if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return null;
  const json = (await res.json()) as RegionMap;
  return Array.isArray(json.features) && json.features.length > 0 ? json : null;
}
