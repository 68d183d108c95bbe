/**
 * The catalog message behind a problem's Chinese `reason` (issue 11, item 11). Problems and parse
 * failures keep their plain shape ({row, column, value, reason}, {ok: false, reason}) — the CLI,
 * the xlsx report and stored reports read `reason` — and the message rides alongside, looked up by
 * the object, so a report can be answered in the reader's language: `withText` when a problem is
 * made, `copyText` when it is copied into a new object, `textOf` when it is stored or rendered.
 */
import { msg, renderMessage, type Lang, type Message } from '../domain/messages/catalog';

const TEXTS = new WeakMap<object, Message>();

/** `target` with `text` as the message of its reason. */
export function withText<T extends object>(target: T, text: Message): T {
  TEXTS.set(target, text);
  return target;
}

/** A problem's message: the one attached, else its Chinese reason as untranslated text. */
export function textOf(problem: { reason: string }): Message {
  return TEXTS.get(problem) ?? msg('text.plain', { text: problem.reason });
}

/** `to` with the message of `from` (after a spread or copy). */
export function copyText<T extends object>(from: { reason: string }, to: T): T {
  const text = TEXTS.get(from);
  if (text) TEXTS.set(to, text);
  return to;
}

/** A failure of a parser or check: `{ ok: false, reason }` in Chinese, with its message attached. */
export function refuseWith(text: Message): { ok: false; reason: string } {
  return withText({ ok: false as const, reason: renderMessage(text, 'zh') }, text);
}

/** A problem's reason in `lang`: Chinese as stored, else from its message. */
export function renderReason(problem: { reason: string }, lang: Lang): string {
  if (lang === 'zh') return problem.reason;
  const text = TEXTS.get(problem);
  return text ? renderMessage(text, lang) : problem.reason;
}
