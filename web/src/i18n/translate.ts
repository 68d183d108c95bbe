/** The dictionaries and the lookup, outside React (the provider in index.tsx uses them too). */
import { getLang, type Lang } from './current';
import { en } from './en';
import { zh, type MessageKey } from './zh';

export type Vars = Record<string, string | number>;

const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

export function fillText(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** A key's text in `lang`. */
export function lookup(lang: Lang, key: MessageKey, vars?: Vars): string {
  return fillText(dictionaries[lang][key], vars);
}

/** A key's text in the current language, for code outside components (the API client, chart options). */
export function translate(key: MessageKey, vars?: Vars): string {
  return lookup(getLang(), key, vars);
}
