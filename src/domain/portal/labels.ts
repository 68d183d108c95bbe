/** Chinese names of the portal's keys (resource kinds, price units, utilities, availability), for its pages. Pure. */
export const RESOURCE_KIND_LABELS = { land: '土地', standardFactory: '标准厂房', officeBuilding: '楼宇', idleAsset: '闲置资产' } as const;
export const PRICE_UNIT_LABELS = { total: '元（总价）', perSqm: '元/㎡', perSqmMonth: '元/㎡·月', perSqmYear: '元/㎡·年', perMu: '元/亩' } as const;
export const UTILITY_LABELS = { water: '供水', power: '供电', gas: '燃气', heating: '供暖', network: '网络', sewage: '污水处理', steam: '蒸汽' } as const;
export const AVAILABILITY_LABELS = { available: '可招商', reserved: '已预留', taken: '已落地' } as const;

/** Whole yuan as an investor reads it: 万元 or 亿元 above 10,000 (exact to 4 decimals, trailing zeros dropped). */
export function formatYuan(yuan: number): string {
  const trim = (n: number) => n.toFixed(4).replace(/\.?0+$/, '');
  if (yuan >= 100_000_000) return `${trim(yuan / 100_000_000)} 亿元`;
  if (yuan >= 10_000) return `${trim(yuan / 10_000)} 万元`;
  return `${yuan} 元`;
}
