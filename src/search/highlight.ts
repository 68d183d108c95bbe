/**
 * Which parts of a name a search matched, as plain segments `{ text, match }` for the client to
 * style (the server sends no HTML). Text queries mark every occurrence of a term or word (case
 * ignored); pinyin queries mark the characters whose initials or syllables the query covers.
 */
import { pinyin } from 'pinyin-pro';

export interface HighlightSegment {
  text: string;
  match: boolean;
}

function toSegments(chars: readonly string[], mask: readonly boolean[]): HighlightSegment[] {
  const out: HighlightSegment[] = [];
  for (let i = 0; i < chars.length; i++) {
    const match = mask[i] === true;
    const last = out[out.length - 1];
    if (last && last.match === match) last.text += chars[i];
    else out.push({ text: chars[i] as string, match });
  }
  return out;
}

/** Lower-cases one character when that keeps it one character (so indexes stay aligned). */
function fold(c: string): string {
  const l = c.toLowerCase();
  return [...l].length === 1 ? l : c;
}

/** Marks every occurrence of each needle in the text, case ignored. */
export function highlightSubstrings(text: string, needles: readonly string[]): HighlightSegment[] {
  const chars = [...text];
  const folded = chars.map(fold);
  const mask = chars.map(() => false);
  for (const needle of needles) {
    const n = [...needle].map(fold);
    if (n.length === 0 || n.length > folded.length) continue;
    for (let i = 0; i + n.length <= folded.length; i++) {
      let same = true;
      for (let j = 0; j < n.length && same; j++) same = folded[i + j] === n[j];
      if (same) for (let j = 0; j < n.length; j++) mask[i + j] = true;
    }
  }
  return toSegments(chars, mask);
}

/** Marks the leading characters of a text (a credit-code prefix). */
export function highlightPrefix(text: string, prefix: string): HighlightSegment[] {
  const chars = [...text];
  const n = text.toUpperCase().startsWith(prefix.toUpperCase()) ? [...prefix].length : 0;
  return toSegments(chars, chars.map((_, i) => i < n));
}

interface KeyIndex {
  key: string;
  /** for each character of `key`, the index of the name character it came from */
  owner: number[];
}

/**
 * Per character of the name: its syllable (Chinese), itself (Latin letters and digits, lower-cased)
 * or nothing (punctuation) — the same keys toPinyinKeys joins.
 */
function buildPinyinIndexes(chars: readonly string[]): { full: KeyIndex; initials: KeyIndex } {
  const items = pinyin(chars.join(''), { toneType: 'none', type: 'all', v: true });
  const full: KeyIndex = { key: '', owner: [] };
  const initials: KeyIndex = { key: '', owner: [] };
  // pinyin-pro returns one item per character of the input
  items.forEach((item, i) => {
    const syllable = item.isZh && /^[a-z]+$/.test(item.pinyin) ? item.pinyin : /^[a-z0-9]$/i.test(item.origin) ? item.origin.toLowerCase() : '';
    if (!syllable) return;
    full.key += syllable;
    for (let k = 0; k < syllable.length; k++) full.owner.push(i);
    initials.key += syllable[0];
    initials.owner.push(i);
  });
  return { full, initials };
}

function markOccurrences(index: KeyIndex, q: string, mask: boolean[]): boolean {
  let found = false;
  for (let at = index.key.indexOf(q); at >= 0; at = index.key.indexOf(q, at + 1)) {
    found = true;
    for (let k = at; k < at + q.length; k++) mask[index.owner[k] as number] = true;
  }
  return found;
}

/** Marks the characters whose pinyin initials (else full syllables) contain the query. */
export function highlightPinyin(name: string, q: string): HighlightSegment[] {
  const chars = [...name];
  const mask = chars.map(() => false);
  const query = q.toLowerCase().replace(/\s+/g, '');
  if (query) {
    const { full, initials } = buildPinyinIndexes(chars);
    if (!markOccurrences(initials, query, mask)) markOccurrences(full, query, mask);
  }
  return toSegments(chars, mask);
}

export function hasMatch(segments: readonly HighlightSegment[]): boolean {
  return segments.some((s) => s.match);
}
