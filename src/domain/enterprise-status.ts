/**
 * Enterprise vocabulary: operating status (登记状态) and revenue bands, with the Chinese a registry
 * file or a user writes, and the built-in tags of DESIGN.md.
 */
export const ENTERPRISE_STATUSES = ['existing', 'operating', 'revoked', 'deregistered', 'movedOut', 'suspended', 'liquidating'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

export const ENTERPRISE_STATUS_LABELS: Record<EnterpriseStatus, string> = {
  existing: '存续',
  operating: '在业',
  revoked: '吊销',
  deregistered: '注销',
  movedOut: '迁出',
  suspended: '停业',
  liquidating: '清算',
};

/** Registry spellings seen in files, mapped to a status ("存续（在营、开业、在册）" and the like). */
const STATUS_ALIASES: Record<string, EnterpriseStatus> = {
  存续: 'existing',
  在营: 'existing',
  开业: 'existing',
  在册: 'existing',
  在业: 'operating',
  吊销: 'revoked',
  吊销未注销: 'revoked',
  注销: 'deregistered',
  已注销: 'deregistered',
  迁出: 'movedOut',
  停业: 'suspended',
  歇业: 'suspended',
  清算: 'liquidating',
};

/** The status a file's text names, or null when it names none. */
export function parseEnterpriseStatus(text: string): EnterpriseStatus | null {
  const t = text.trim();
  if ((ENTERPRISE_STATUSES as readonly string[]).includes(t)) return t as EnterpriseStatus;
  const direct = STATUS_ALIASES[t];
  if (direct) return direct;
  // "存续（在营、开业、在册）": the word before the bracket decides
  const head = t.split(/[（(]/)[0]?.trim() ?? '';
  return STATUS_ALIASES[head] ?? null;
}

export const REVENUE_BANDS = ['lt10m', '10m-100m', '100m-1b', '1b-10b', 'ge10b'] as const;
export type RevenueBand = (typeof REVENUE_BANDS)[number];

export const REVENUE_BAND_LABELS: Record<RevenueBand, string> = {
  lt10m: '1000万元以下',
  '10m-100m': '1000万—1亿元',
  '100m-1b': '1亿—10亿元',
  '1b-10b': '10亿—100亿元',
  ge10b: '100亿元以上',
};

/** The band a file's text names (the key or its Chinese label), or null. */
export function parseRevenueBand(text: string): RevenueBand | null {
  const t = text.trim();
  if ((REVENUE_BANDS as readonly string[]).includes(t)) return t as RevenueBand;
  const found = REVENUE_BANDS.find((b) => REVENUE_BAND_LABELS[b] === t.replace(/-|~|至/g, '—'));
  return found ?? null;
}

/** DESIGN.md's tags; an administrator can add more (enterprise_tag_definitions). */
export const BUILT_IN_TAGS = ['世界500强', '中国500强', '中国民营500强', '央企', '上市', '高新技术', '专精特新', '小巨人', '独角兽', '瞪羚'] as const;

/** Tags that make an investor a "top investor" in the statistics (DESIGN.md). */
export const TOP_INVESTOR_TAGS = ['世界500强', '中国500强', '中国民营500强', '央企'] as const;

/** Whether an enterprise with these tags is a top investor (one of TOP_INVESTOR_TAGS). */
export function isTopInvestor(tags: readonly string[]): boolean {
  return tags.some((t) => (TOP_INVESTOR_TAGS as readonly string[]).includes(t));
}
