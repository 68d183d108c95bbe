/** The boundary maps of web/public/maps (written by `npm run maps:extract`), one per region with drawn sub-regions. */
// The file's shape is the contract the extractor writes (src/contracts/maps.ts).
import type { RegionMap } from '../../../src/contracts/maps';

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
