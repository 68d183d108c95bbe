/**
 * The chosen language outside React: the formatters (money units, months) and the API client
 * (Accept-Language, so the server answers errors, light reasons and checklists in it) read it.
 * I18nProvider sets it; components re-render on a change through the i18n context.
 */
export type Lang = 'zh' | 'en';

export const STORAGE_KEY = 'yinfeng.lang';

function readStoredLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let current: Lang = typeof window === 'undefined' ? 'zh' : readStoredLang();

export function getLang(): Lang {
  return current;
}

export function setCurrentLang(lang: Lang): void {
  current = lang;
}

/** The Accept-Language header of the API client for the chosen language. */
export function acceptLanguage(): string {
  return current === 'en' ? 'en' : 'zh-CN';
}
