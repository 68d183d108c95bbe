/**
 * Text that cannot be stored: U+0000 (PostgreSQL refuses it in text and jsonb) and lone UTF-16
 * surrogates (not Unicode text; encoded to UTF-8 they become U+FFFD, so what is stored is not what
 * was sent). Every way in refuses them with a message naming the field (HTTP bodies, query strings
 * and path parameters: http/plugins/input-guard.ts; import cells: imports/row-validate.ts).
 */
import { msg, renderMessage, type Message } from './messages/catalog';

// a high surrogate not followed by a low one, or a low one not preceded by a high one
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `s` cannot be stored as text (a catalog message), or null when it can. */
export function describeBadTextMessage(s: string): Message | null {
  if (s.includes('\u0000')) return msg('http.nulCharacter');
  const lone = LONE_SURROGATE.exec(s);
  if (lone) return msg('http.loneSurrogate', { code: lone[0].charCodeAt(0).toString(16).toUpperCase() });
  return null;
}

/** Why `s` cannot be stored as text, in Chinese, or null when it can. */
export function describeBadText(s: string): string | null {
  const bad = describeBadTextMessage(s);
  return bad ? renderMessage(bad, 'zh') : null;
}

/** `s` safe to show and store in a message or report: NUL as \0, lone surrogates as \uXXXX, at most `max` characters. */
export function showBadText(s: string, max = 50): string {
  const shown = s
    .split('\u0000')
    .join('\\0')
    .replace(new RegExp(LONE_SURROGATE.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return shown.length > max ? `${shown.slice(0, max)}…` : shown;
}
