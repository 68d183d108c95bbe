/**
 * The search keys stored on an enterprise row, computed from its names, scope and products:
 * - `searchNames`: name and former names, for substring search (pg_trgm);
 * - `searchPinyin`: full pinyin and initials of each name, for pinyin search;
 * - `nameWords` / `otherWords`: segmented words, which SQL turns into the `search_words`
 *   tsvector (names weighted A, scope and products B) with `buildSearchWordsSql`. The name words
 *   also carry every pair of adjacent Chinese characters of each name (新疆其亚 → 新疆 疆其 其亚), so
 *   a two-character search finds any name containing it through the word index, wherever the
 *   segmenter put the word boundaries (trade names such as 鑫盛 are often split into 鑫 / 盛);
 *   longer substrings go through `searchNames` and pg_trgm.
 * Imports and edits both call `buildEnterpriseSearchKeys`, so the keys cannot drift.
 */
import { sql, type SQL } from 'drizzle-orm';
import { segmentClauseWords, segmentWords } from './chinese-words';
import { toPinyinKeys } from './pinyin-keys';

export interface EnterpriseSearchSource {
  name: string;
  formerNames?: readonly string[];
  businessScope?: string | null;
  mainProducts?: string | null;
}

export interface EnterpriseSearchKeys {
  searchNames: string;
  searchPinyin: string;
  /** space-separated words of the names, and the pairs of adjacent Chinese characters in them */
  nameWords: string;
  /** space-separated words of scope and products not already among the name words */
  otherWords: string;
}

/** Scope texts can be long; words past this many characters add little to a search. */
const MAX_SCOPE_CHARS = 2000;

/** The registry's standard clause at the end of most scopes: words that would match every enterprise. */
const SCOPE_BOILERPLATE = /[（(]\s*依法须经批准的项目[^）)]*[）)]/g;

const HAN = /^\p{Script=Han}$/u;

/** Adjacent pairs of Chinese characters in a text. */
export function listHanBigrams(text: string): string[] {
  const out: string[] = [];
  const chars = [...text];
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i] as string;
    const b = chars[i + 1] as string;
    if (HAN.test(a) && HAN.test(b)) out.push(a + b);
  }
  return out;
}

export function buildEnterpriseSearchKeys(e: EnterpriseSearchSource): EnterpriseSearchKeys {
  const names = [e.name, ...(e.formerNames ?? [])].map((n) => n.trim()).filter((n) => n.length > 0);
  const pinyinParts: string[] = [];
  for (const n of names) {
    const keys = toPinyinKeys(n);
    if (keys.full) pinyinParts.push(keys.full, keys.initials);
  }
  const nameSet = new Set(segmentWords(names.join(' ')));
  for (const n of names) for (const pair of listHanBigrams(n)) nameSet.add(pair);
  const nameWordList = [...nameSet];
  const other = [e.businessScope?.replace(SCOPE_BOILERPLATE, ''), e.mainProducts]
    .filter((t): t is string => !!t)
    .join(' ')
    .slice(0, MAX_SCOPE_CHARS);
  const otherWordList = other ? segmentClauseWords(other).filter((w) => !nameSet.has(w)) : [];
  return {
    searchNames: names.join(' '),
    searchPinyin: pinyinParts.join(' '),
    nameWords: nameWordList.map(escapeWord).join(' '),
    otherWords: otherWordList.map(escapeWord).join(' '),
  };
}

/** Keeps a word one lexeme for to_tsvector('simple', …): no spaces or tsquery punctuation inside. */
function escapeWord(word: string): string {
  return word.replace(/[\s'":&|!()<>*\\]/g, '');
}

/** SQL building the tsvector from the two word lists (names weighted A, the rest B). */
export function buildSearchWordsSql(nameWords: SQL | string, otherWords: SQL | string): SQL {
  return sql`setweight(to_tsvector('simple', ${nameWords}), 'A') || setweight(to_tsvector('simple', ${otherWords}), 'B')`;
}

/** Words of a search text, for to_tsquery('simple', …) joined with &; empty when it has none. */
export function toQueryWords(q: string): string[] {
  return segmentWords(q).map(escapeWord).filter((w) => w.length > 0);
}
