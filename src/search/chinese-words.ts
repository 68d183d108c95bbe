/**
 * Chinese word segmentation for search (jieba, with a user dictionary of investment-promotion
 * terms). `Intl.Segmenter` only splits names into single characters; jieba finds words, and its
 * search mode also emits the shorter words inside long ones (有限公司 → 有限, 公司, 有限公司).
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/** Terms the general dictionary splits wrongly or misses; "word frequency tag" lines. */
const USER_DICTIONARY = [
  '专精特新 50000 n',
  '小巨人 50000 n',
  '独角兽 50000 n',
  '瞪羚 50000 n',
  '光伏 50000 n',
  '多晶硅 50000 n',
  '单晶硅 50000 n',
  '锂电 50000 n',
  '锂电池 50000 n',
  '储能 50000 n',
  '氢能 50000 n',
  '新能源 50000 n',
  '新材料 50000 n',
  '碳纤维 50000 n',
  '煤化工 50000 n',
  '硅基 50000 n',
  '电解铝 50000 n',
  '铝基 50000 n',
  '风电 50000 n',
  '算力 50000 n',
  '数据中心 50000 n',
  '跨境电商 50000 n',
  '冷链物流 50000 n',
  '棉纺 50000 n',
  '番茄酱 50000 n',
  '葡萄酒 50000 n',
  '乌鲁木齐 50000 ns',
  '米东区 50000 ns',
  '天山区 50000 ns',
  '昌吉 50000 ns',
  '克拉玛依 50000 ns',
  '石河子 50000 ns',
  '哈密 50000 ns',
  '伊犁 50000 ns',
  '喀什 50000 ns',
  '阿克苏 50000 ns',
  '和田 50000 ns',
  '吐鲁番 50000 ns',
  '博尔塔拉 50000 ns',
  '巴音郭楞 50000 ns',
];

/**
 * Words that occur in most enterprise names and so find nothing: kept out of the word index (a
 * substring search still finds them).
 */
const STOP_WORDS = new Set(['有限', '公司', '有限公司', '责任', '有限责任', '有限责任公司', '股份', '股份有限公司', '分公司', '的', '和', '与', '及', '等']);

let jieba: Jieba | undefined;

function getJieba(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(USER_DICTIONARY.join('\n'), 'utf8'));
  }
  return jieba;
}

/** Lower-case, trimmed words of a text (search mode), without punctuation and stop words, each once. */
export function segmentWords(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of getJieba().cutForSearch(text, true)) {
    const word = raw.trim().toLowerCase();
    if (!word || STOP_WORDS.has(word) || !/[\p{L}\p{N}]/u.test(word)) continue;
    seen.add(word);
  }
  return [...seen];
}

/**
 * Characters at which jieba always ends a block (it segments runs of Chinese characters, Latin
 * letters, digits and `+#&._%-` one run at a time): text on either side is segmented independently,
 * so cutting a text here and segmenting the pieces gives the words of the whole, in the same order.
 */
const BLOCK_BREAKS = /[、；，。：！？（）《》〈〉【】“”‘’\s;,:!?()[\]"'/]+/;

/** Clauses segmented so far: business scopes repeat a limited vocabulary of standard clauses. */
const clauseWords = new Map<string, string[]>();
const MAX_CACHED_CLAUSES = 50_000;

/**
 * The words of a long text made of clauses (a business scope: 技术服务、技术开发；…), exactly
 * segmentWords(text), with each distinct clause segmented once per process: registries repeat the
 * standard clauses of the scope catalogue across millions of rows.
 */
export function segmentClauseWords(text: string): string[] {
  const seen = new Set<string>();
  for (const clause of text.split(BLOCK_BREAKS)) {
    if (clause === '') continue;
    let words = clauseWords.get(clause);
    if (!words) {
      words = segmentWords(clause);
      if (clauseWords.size >= MAX_CACHED_CLAUSES) clauseWords.clear();
      clauseWords.set(clause, words);
    }
    for (const w of words) seen.add(w);
  }
  return [...seen];
}
