/**
 * Enterprise names compared for near-duplicates: the same company is written 新疆金风科技股份有限公司
 * in the registry, 金风科技 in a project ledger and 金风科技（新疆）有限公司 in an old file. The
 * normalised form drops what does not tell companies apart: spaces and punctuation, bracketed
 * parts (usually a place: （中国）, （深圳）), a leading province or major city, and the legal-form
 * suffix (有限公司, 股份有限公司, 集团…). What remains is mostly 字号 + 行业, e.g. 金风科技.
 */

/** Province-level names, full and short, longest first so 新疆维吾尔自治区 wins over 新疆. */
const PROVINCES = [
  '北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '上海', '江苏', '浙江', '安徽', '福建', '江西',
  '山东', '河南', '湖北', '湖南', '广东', '广西', '海南', '重庆', '四川', '贵州', '云南', '西藏', '陕西', '甘肃',
  '青海', '宁夏', '新疆', '台湾', '香港', '澳门',
];
const PROVINCE_FULL = [
  '内蒙古自治区', '广西壮族自治区', '西藏自治区', '宁夏回族自治区', '新疆维吾尔自治区', '香港特别行政区', '澳门特别行政区',
  ...PROVINCES.map((p) => `${p}省`),
  ...['北京', '天津', '上海', '重庆'].map((p) => `${p}市`),
];
/** Prefecture-level cities that commonly lead a company name (Xinjiang first: the users' home). */
const CITIES = [
  '乌鲁木齐', '克拉玛依', '吐鲁番', '哈密', '昌吉', '博乐', '库尔勒', '阿克苏', '喀什', '和田', '伊宁', '伊犁', '石河子',
  '塔城', '阿勒泰', '五家渠', '深圳', '广州', '南京', '苏州', '无锡', '杭州', '宁波', '青岛', '济南', '成都', '武汉',
  '西安', '厦门', '郑州', '长沙', '合肥', '福州', '沈阳', '大连', '哈尔滨', '长春', '石家庄', '太原', '兰州', '西宁',
  '银川', '呼和浩特', '南昌', '南宁', '昆明', '贵阳', '海口', '拉萨',
];
const PLACES = [...PROVINCE_FULL, ...CITIES.map((c) => `${c}市`), ...PROVINCES, ...CITIES].sort((a, b) => b.length - a.length);

/** Legal-form endings, longest first; stripped repeatedly (集团股份有限公司 → 集团 → ''). */
const SUFFIXES = [
  '股份有限公司', '有限责任公司', '股份合作公司', '有限公司', '集团公司', '控股集团', '股份公司', '总公司', '责任公司',
  '集团', '公司', '合作社', '有限', '股份',
].sort((a, b) => b.length - a.length);

const BRACKETED = /[（(【[〔][^）)】\]〕]*[）)】\]〕]/g;
const NOISE = /[\s\u3000·•.,，、:：;；'"“”‘’\-—_/\\|]+/g;

/** The comparable core of an enterprise name (may be '' for a name that is only a form word). */
export function normalizeEnterpriseName(name: string): string {
  let s = name.normalize('NFKC').toUpperCase().replace(BRACKETED, '').replace(NOISE, '');
  // a name that is only brackets keeps its content
  if (s === '') s = name.normalize('NFKC').replace(/[()（）【】[\]〔〕]/g, '').replace(NOISE, '').toUpperCase();
  let changed = true;
  while (changed) {
    changed = false;
    for (const suffix of SUFFIXES) {
      if (s.endsWith(suffix) && s.length > suffix.length) {
        s = s.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
  }
  // a leading place, unless that leaves too little to compare (新疆天业 stays 天业, 新疆 stays 新疆)
  for (const place of PLACES) {
    if (s.startsWith(place) && s.length - place.length >= 2) {
      s = s.slice(place.length);
      break;
    }
  }
  return s;
}

/** Why two normalised names look like one company, or null when they do not. */
export type NameMatch = { reason: 'sameName' | 'containedName' | 'similarName'; similarity: number };

/** Shorter names than this are not matched by containment: 天山 is inside too many names. */
export const MIN_CONTAINED_LENGTH = 4;
/**
 * pg_trgm similarity of the normalised names at or above which they are flagged. Measured on the
 * kind of pairs seen in ledgers: one extra two-character word (金泰光伏科技 / 金泰光伏科技发展) gives
 * 0.6, a different industry word (金泰光伏科技 / 金泰光电科技) 0.4 — two companies, not one.
 */
export const SIMILARITY_THRESHOLD = 0.6;

/** Classifies a pair of normalised names given their pg_trgm similarity. */
export function matchNormalizedNames(a: string, b: string, trigramSimilarity: number): NameMatch | null {
  if (a.length === 0 || b.length === 0) return null;
  if (a === b) return { reason: 'sameName', similarity: 1 };
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if ([...shorter].length >= MIN_CONTAINED_LENGTH && longer.includes(shorter)) return { reason: 'containedName', similarity: trigramSimilarity };
  if (trigramSimilarity >= SIMILARITY_THRESHOLD) return { reason: 'similarName', similarity: trigramSimilarity };
  return null;
}

export const NAME_MATCH_LABELS: Record<NameMatch['reason'], string> = {
  sameName: '去掉地名、括号和公司类型后名称相同',
  containedName: '一个名称包含另一个名称',
  similarName: '名称相似',
};
