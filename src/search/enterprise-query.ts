/**
 * What the enterprise search box understands, decided from the text alone (pure, no SQL):
 * - a credit-code prefix: starts with a digit, then only characters of the code alphabet
 *   (GB 32100: digits and upper-case letters without I O S V Z), 2–18 characters, case ignored;
 * - pinyin: Latin letters (and digits, which pinyin keys keep) with at least two letters, spaces
 *   ignored — full syllables or initials, anywhere in a name's key ("xjqy", "qiya", "tcl");
 * - otherwise Chinese text: each space-separated term must match, either by its words (jieba,
 *   in names, former names, scope or products) or as a substring of a name or former name.
 *   The word index carries every pair of adjacent Chinese characters of the names, so:
 *   a two-character term is one lexeme (the pair, or the word); a longer one finds its candidates
 *   by its words or by all of its character pairs, then the substring is checked on those rows;
 *   a single character is the start of a pair or word of a name. Only a term with no Chinese
 *   pair and no word (e.g. "a1") falls back to pg_trgm on the names.
 */
import { listHanBigrams, toQueryWords } from './enterprise-search-keys';

export interface TextTerm {
  /** the term, lower-cased */
  text: string;
  /** its words (for highlighting and ranking) */
  words: string[];
  /**
   * tsquery finding, through the word index, every row the term can match (its words, or all its
   * character pairs), or null when the index cannot (then `check` alone decides, through pg_trgm)
   */
  candidates: string | null;
  /** when set, a row must also have the term's words (`wordQuery`) or contain `substring` (ILIKE) in a name */
  check: { wordQuery: string | null; substring: string } | null;
}

export type EnterpriseQuery =
  | { kind: 'creditCode'; prefix: string }
  | { kind: 'pinyin'; text: string }
  | {
      kind: 'text';
      /** the whole search text, normalised (for exact-name and prefix boosts) */
      whole: string;
      terms: TextTerm[];
      /** the candidates of all terms that have them, and-ed: the one word-index condition, or null */
      indexQuery: string | null;
    };

/** At most this many terms are used; more add nothing but cost. */
export const MAX_TERMS = 6;

const CREDIT_CODE_PREFIX = /^[0-9][0-9A-HJ-NP-RTUWXY]{1,17}$/;
const HAN = /^\p{Script=Han}$/u;

/** Full-width letters, digits and spaces become half-width; runs of space become one. */
export function normalizeSearchText(q: string): string {
  return q.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export function escapeLikePattern(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A lexeme quoted for to_tsquery (words come from toQueryWords, already free of tsquery syntax). */
function lexeme(word: string): string {
  return `'${word.replace(/'/g, '')}'`;
}

function andOf(words: string[]): string {
  return words.length === 1 ? lexeme(words[0] as string) : `(${words.map(lexeme).join(' & ')})`;
}

function compileTerm(text: string): TextTerm {
  const words = toQueryWords(text);
  const chars = [...text];
  if (chars.length === 2 && chars.every((c) => HAN.test(c))) {
    // the pair itself is a lexeme of every name containing it; its words may also sit in the scope
    const alsoWords = words.length > 0 && !(words.length === 1 && words[0] === text);
    return { text, words, candidates: alsoWords ? `(${lexeme(text)} | ${andOf(words)})` : lexeme(text), check: null };
  }
  if (chars.length === 1 && HAN.test(text)) {
    // a name containing the character has a character pair starting with it (names end in 公司 and the like)
    return { text, words, candidates: `${lexeme(text)}:*A`, check: null };
  }
  const wordQuery = words.length > 0 ? andOf(words) : null;
  const pairs = [...new Set(listHanBigrams(text))];
  // every name containing the term contains all its pairs: a superset, made exact by the substring check
  const pairQuery = pairs.length > 0 ? andOf(pairs) : null;
  const candidates = wordQuery && pairQuery ? `(${wordQuery} | ${pairQuery})` : (pairQuery ?? null);
  return { text, words, candidates, check: { wordQuery, substring: `%${escapeLikePattern(text)}%` } };
}

export function parseEnterpriseQuery(raw: string | undefined | null): EnterpriseQuery | null {
  const q = normalizeSearchText(raw ?? '');
  if (!q) return null;
  const compact = q.replace(/ /g, '');
  if (CREDIT_CODE_PREFIX.test(compact.toUpperCase())) return { kind: 'creditCode', prefix: compact.toUpperCase() };
  if (/^[a-z0-9]+$/i.test(compact) && (compact.match(/[a-z]/gi)?.length ?? 0) >= 2) return { kind: 'pinyin', text: compact.toLowerCase() };
  const termTexts = [...new Set(q.toLowerCase().split(' '))].slice(0, MAX_TERMS);
  const terms = termTexts.map(compileTerm);
  const indexed = terms.filter((t) => t.candidates !== null).map((t) => t.candidates as string);
  return { kind: 'text', whole: q.toLowerCase(), terms, indexQuery: indexed.length > 0 ? indexed.join(' & ') : null };
}

/** The strings to mark in a name for a text query: the terms and their words, longest first. */
export function listHighlightNeedles(query: EnterpriseQuery): string[] {
  if (query.kind !== 'text') return [];
  const all = new Set<string>();
  for (const t of query.terms) {
    all.add(t.text);
    for (const w of t.words) all.add(w);
  }
  return [...all].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}
