/**
 * Spam signs of a public filing (垃圾信息): flagged for the office, never dropped — a real investor
 * who pastes a link is still answered. Each sign is a reason code:
 *   links          more than MAX_LINKS web addresses in the text;
 *   repeatedText   one short piece repeated to fill the text (a character or phrase making up more
 *                  than half of it), or the same line three times or more;
 *   noContent      after normalising, fewer than MIN_CONTENT_CHARS letters or digits;
 *   manyFilings    the address filed more than BURST_FILINGS times in the last hour (counted by the service).
 */
import { normalizeText } from './duplicates';

export const SPAM_REASONS = ['links', 'repeatedText', 'noContent', 'manyFilings'] as const;
export type SpamReason = (typeof SPAM_REASONS)[number];

const MAX_LINKS = 2;
const MIN_CONTENT_CHARS = 4;
export const BURST_FILINGS = 3;
const LINK = /\b(?:https?:\/\/|www\.)\S+/gi;

function isRepeated(text: string): boolean {
  const norm = normalizeText(text);
  const chars = [...norm];
  if (chars.length >= 8) {
    // a unit of 1..4 characters repeated over more than half of the text
    for (let unit = 1; unit <= 4; unit += 1) {
      const piece = chars.slice(0, unit).join('');
      let run = 0;
      for (let i = 0; i + unit <= chars.length && chars.slice(i, i + unit).join('') === piece; i += unit) run += unit;
      if (run * 2 > chars.length && run >= 3 * unit) return true;
    }
    const counts = new Map<string, number>();
    for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
    if (Math.max(...counts.values()) * 2 > chars.length) return true;
  }
  const lines = text
    .split(/\r?\n/)
    .map((l) => normalizeText(l))
    .filter((l) => l.length > 0);
  const seen = new Map<string, number>();
  for (const l of lines) seen.set(l, (seen.get(l) ?? 0) + 1);
  return [...seen.values()].some((n) => n >= 3);
}

/** The spam reasons of a filing's text, given how many filings its address made in the last hour before this one. */
export function detectSpamReasons(text: string, recentFilingsFromAddress: number): SpamReason[] {
  const reasons: SpamReason[] = [];
  if ((text.match(LINK) ?? []).length > MAX_LINKS) reasons.push('links');
  if (isRepeated(text)) reasons.push('repeatedText');
  if ([...normalizeText(text)].length < MIN_CONTENT_CHARS) reasons.push('noContent');
  if (recentFilingsFromAddress >= BURST_FILINGS) reasons.push('manyFilings');
  return reasons;
}
