/**
 * Server messages in two languages (issue 11, item 11). A message is a stable key plus parameters;
 * its text comes from a catalog where each key has a Chinese template (the default) and an English
 * one. Templates name their parameters in braces, `{days}`; the types below read the names out of
 * the template, so a key used with missing or extra parameters, or an English template whose
 * parameters differ from the Chinese one, fails the type check (test/domain/messages.test.ts
 * checks the same at run time).
 */
export type Lang = 'zh' | 'en';

/** The parameter names of a template: 'a {x} b {y}' → 'x' | 'y'. */
export type ParamsOf<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamsOf<Rest> : never;

interface Entry {
  zh: string;
  en: string;
}

type SameParams<E extends Entry> = [ParamsOf<E['zh']>] extends [ParamsOf<E['en']>]
  ? [ParamsOf<E['en']>] extends [ParamsOf<E['zh']>]
    ? E
    : { zh: E['zh']; en: `English has parameters that Chinese lacks: ${ParamsOf<E['en']> & string}` }
  : { zh: E['zh']; en: `English lacks parameters: ${Exclude<ParamsOf<E['zh']>, ParamsOf<E['en']>> & string}` };

/** A catalog part: keys to {zh, en}; the const type parameter keeps the literal templates for the checks. */
export function defineMessages<const T extends Record<string, Entry>>(entries: T & { [K in keyof T]: SameParams<T[K]> }): T {
  return entries;
}

/**
 * A parameter: text, a number, another message (rendered in the same language: a field label, a
 * stage) or a list of messages (joined with the language's separator: '；' or '; ').
 */
export type ParamValue = string | number | Message | readonly Message[] | NameList;

/** Names in a row (roles, columns): joined with '、' in Chinese, ', ' in English. */
export interface NameList {
  readonly names: readonly Message[];
}

const LIST_SEPARATOR: Record<Lang, string> = { zh: '；', en: '; ' };
const NAME_SEPARATOR: Record<Lang, string> = { zh: '、', en: ', ' };

/** A message to render later, in the language of whoever reads it. */
export interface Message {
  readonly key: string;
  readonly params: Readonly<Record<string, ParamValue>>;
}

/** Fills `{name}` from params; a param missing at run time stays visible as `{name}` rather than vanishing. */
export function fillTemplate(template: string, params: Readonly<Record<string, ParamValue>>, lang: Lang, renderParam: (m: Message) => string): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (isMessageList(value)) return value.map(renderParam).join(LIST_SEPARATOR[lang]);
    if (typeof value === 'object' && 'names' in value) return value.names.map(renderParam).join(NAME_SEPARATOR[lang]);
    return typeof value === 'object' ? renderParam(value) : String(value);
  });
}

function isMessageList(value: ParamValue): value is readonly Message[] {
  return Array.isArray(value);
}

/**
 * The language a reader asked for, from an Accept-Language header ('en', 'en-US,en;q=0.9',
 * 'zh-CN,zh;q=0.9,en;q=0.8'): the supported language with the highest q; Chinese when none is.
 */
export function pickLang(acceptLanguage: string | undefined | null): Lang {
  if (!acceptLanguage) return 'zh';
  let best: { lang: Lang; q: number } | null = null;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...attrs] = part.trim().toLowerCase().split(';');
    const primary = tag.trim().split('-')[0];
    if (primary !== 'zh' && primary !== 'en') continue;
    const qAttr = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
    const q = qAttr ? Number(qAttr.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: primary, q };
  }
  return best?.lang ?? 'zh';
}
