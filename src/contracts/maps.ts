/**
 * The boundary maps of web/public/maps (one per region with drawn sub-regions): written by
 * `npm run maps:extract` (scripts/extract-maps.ts), read by the dashboard. A GeoJSON FeatureCollection,
 * possibly in ECharts' compressed form (`UTF8Encoding`), which echarts.registerMap decodes. zod only.
 */
import { z } from 'zod';

export const regionMapFeatureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({ code: z.string().describe('下级地区代码'), name: z.string() }),
  geometry: z.unknown(),
});

export const regionMapSchema = z.object({
  type: z.literal('FeatureCollection'),
  UTF8Encoding: z.boolean().optional(),
  UTF8Scale: z.number().optional(),
  features: z.array(regionMapFeatureSchema),
});
export type RegionMap = z.infer<typeof regionMapSchema>;
