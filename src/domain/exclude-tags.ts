/**
 * 排除标签 (DESIGN.md, second half: "any statistic accepts excludeTags"): projects carrying one of
 * these project tags drop out of every figure, e.g. 不含光伏项目 = excludeTags=光伏.
 */
import { msg, type Message } from './messages/catalog';

export const MAX_EXCLUDE_TAGS = 20;
export const MAX_EXCLUDE_TAG_LENGTH = 50;

/** Tags are separated by a comma (half- or full-width), 、 or a semicolon (half- or full-width). */
const SEPARATORS = /[,，、;；]/;

/**
 * Reads `excludeTags` ("光伏,煤化工" or "光伏、煤化工"): each tag trimmed and non-empty, at most 20,
 * each at most 50 characters, duplicates once, in the order given. An absent or blank value
 * excludes nothing. Returns the tags or the reason they are refused (naming excludeTags).
 */
export function parseExcludeTags(raw: string | undefined): { ok: true; tags: string[] } | { ok: false; problem: Message } {
  if (raw === undefined || raw.trim() === '') return { ok: true, tags: [] };
  const tags = raw.split(SEPARATORS).map((t) => t.trim());
  if (tags.some((t) => t === '')) return { ok: false, problem: msg('stats.excludeTags.empty') };
  const unique = [...new Set(tags)];
  if (unique.length > MAX_EXCLUDE_TAGS) return { ok: false, problem: msg('stats.excludeTags.tooMany', { max: MAX_EXCLUDE_TAGS, count: unique.length }) };
  const long = unique.find((t) => [...t].length > MAX_EXCLUDE_TAG_LENGTH);
  if (long !== undefined) return { ok: false, problem: msg('stats.excludeTags.tooLong', { tag: long, max: MAX_EXCLUDE_TAG_LENGTH }) };
  return { ok: true, tags: unique };
}
