/**
 * Pinyin search keys of a Chinese name: the full syllables joined ("xinjiangqiya…") and the
 * initials ("xjqy…"), so that typing either finds the name. Latin letters and digits in a name
 * are kept as they are (lower-cased); other characters are dropped.
 */
import { pinyin } from 'pinyin-pro';

export interface PinyinKeys {
  full: string;
  initials: string;
}

export function toPinyinKeys(name: string): PinyinKeys {
  let full = '';
  let initials = '';
  if (!/[A-Za-z0-9]/.test(name)) {
    // the common case, and twice as fast: every syllable is Chinese (or punctuation, dropped)
    for (const s of pinyin(name, { toneType: 'none', type: 'array', v: true })) {
      if (!/^[a-z]+$/.test(s)) continue;
      full += s;
      initials += s[0];
    }
    return { full, initials };
  }
  for (const item of pinyin(name, { toneType: 'none', type: 'all', nonZh: 'consecutive', v: true })) {
    if (item.isZh) {
      full += item.pinyin;
      initials += item.pinyin.slice(0, 1);
    } else {
      // a run of Latin letters or digits stays whole in both keys
      const kept = item.origin.toLowerCase().replace(/[^a-z0-9]/g, '');
      full += kept;
      initials += kept;
    }
  }
  return { full, initials };
}
