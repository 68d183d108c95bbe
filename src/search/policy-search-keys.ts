/**
 * The search keys of a policy item (政策条款), made exactly as the enterprise search makes its own
 * (enterprise-search-keys.ts): the item's and its policy's titles and the document number are the
 * "name" (segmented words plus every pair of adjacent Chinese characters, weighted A), the benefit,
 * conditions and how to apply the rest (segmented clause by clause, weighted B); `searchText` keeps the
 * titles and the benefit for substring checks (pg_trgm). A search text is parsed by parseEnterpriseQuery
 * (its text kind), so a two-character word finds an item wherever the segmenter cut.
 */
import { segmentClauseWords, segmentWords } from './chinese-words';
import { listHanBigrams } from './enterprise-search-keys';

export interface PolicyItemSearchSource {
  itemTitle: string;
  policyTitle: string;
  documentNumber: string;
  benefit: string;
  conditions: string;
  howToApply: string;
}

export interface PolicyItemSearchKeys {
  searchText: string;
  nameWords: string;
  otherWords: string;
}

const MAX_OTHER_CHARS = 4000;

function escapeWord(word: string): string {
  return word.replace(/[\s'":&|!()<>*\\]/g, '');
}

export function buildPolicyItemSearchKeys(s: PolicyItemSearchSource): PolicyItemSearchKeys {
  const names = [s.itemTitle, s.policyTitle, s.documentNumber].map((n) => n.trim()).filter((n) => n.length > 0);
  const nameSet = new Set(segmentWords(names.join(' ')));
  for (const n of names) for (const pair of listHanBigrams(n)) nameSet.add(pair);
  const other = [s.benefit, s.conditions, s.howToApply].join(' ').slice(0, MAX_OTHER_CHARS);
  const otherWords = segmentClauseWords(other).filter((w) => !nameSet.has(w));
  return {
    searchText: [s.itemTitle, s.policyTitle, s.documentNumber, s.benefit].join(' ').toLowerCase(),
    nameWords: [...nameSet].map(escapeWord).filter(Boolean).join(' '),
    otherWords: otherWords.map(escapeWord).filter(Boolean).join(' '),
  };
}
