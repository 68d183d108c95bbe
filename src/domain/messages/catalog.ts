/**
 * The server's message catalog: every part's keys in one table, a typed `msg()` to name a message
 * and `renderMessage()` to turn it into text in a language. docs/architecture.md explains how to
 * add a message.
 */
import { accessMessages } from './access-messages';
import { activityMessages } from './activity-messages';
import { aftercareMessages } from './aftercare-messages';
import { briefingMessages } from './briefing-messages';
import { teamPartnerMessages } from './team-partner-messages';
import { chainMessages } from './chain-messages';
import { commitmentMessages } from './commitment-messages';
import { domainMessages } from './domain-messages';
import { enterpriseMessages } from './enterprise-messages';
import { importMessages } from './import-messages';
import { inquiryMessages } from './inquiry-messages';
import { ledgerMessages } from './ledger-messages';
import { fillTemplate, type Lang, type Message, type ParamsOf, type ParamValue } from './define';
import { httpMessages } from './http-messages';
import { portalMessages } from './portal-messages';
import { projectMessages } from './project-messages';
import { statisticsMessages } from './statistics-messages';
import { targetMessages } from './target-messages';
import { tripMessages } from './trip-messages';

export type { Lang, Message, ParamValue } from './define';
export { pickLang } from './define';

/** The parts, each with its own key prefix (test/domain/messages.test.ts checks they do not overlap). */
export const CATALOG_PARTS = { httpMessages, accessMessages, projectMessages, domainMessages, ledgerMessages, chainMessages, enterpriseMessages, importMessages, statisticsMessages, targetMessages, activityMessages, teamPartnerMessages, aftercareMessages, tripMessages, briefingMessages, portalMessages, inquiryMessages, commitmentMessages } as const;

const CATALOG = { ...httpMessages, ...accessMessages, ...projectMessages, ...domainMessages, ...ledgerMessages, ...chainMessages, ...enterpriseMessages, ...importMessages, ...statisticsMessages, ...targetMessages, ...activityMessages, ...teamPartnerMessages, ...aftercareMessages, ...tripMessages, ...briefingMessages, ...portalMessages, ...inquiryMessages, ...commitmentMessages };
type Catalog = typeof CATALOG;
export type MessageKey = keyof Catalog & string;
type ParamsFor<K extends MessageKey> = ParamsOf<Catalog[K]['zh']>;

/** A key's parameters: none for a template without braces, else exactly the names it uses. */
export type MessageArgs<K extends MessageKey> = [ParamsFor<K>] extends [never] ? [] : [params: Record<ParamsFor<K>, ParamValue>];

export function msg<K extends MessageKey>(key: K, ...args: MessageArgs<K>): Message {
  return { key, params: args[0] ?? {} };
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(CATALOG, key);
}

/** The catalog as plain data (for the test that walks it). */
export function listCatalog(): { key: string; zh: string; en: string }[] {
  return Object.entries(CATALOG).map(([key, e]) => ({ key, zh: e.zh, en: e.en }));
}

/** A message read back from stored JSON (an import report): null when it is not one this version knows. */
export function readStoredMessage(value: unknown): Message | null {
  if (typeof value !== 'object' || value === null) return null;
  const { key, params } = value as { key?: unknown; params?: unknown };
  if (typeof key !== 'string' || !isMessageKey(key) || typeof params !== 'object' || params === null || Array.isArray(params)) return null;
  return { key, params: params as Message['params'] };
}

/** The message's text in `lang`; an unknown key (from stored data of a newer version) shows as the key. */
export function renderMessage(m: Message, lang: Lang): string {
  const entry = isMessageKey(m.key) ? CATALOG[m.key] : undefined;
  if (!entry) return m.key;
  return fillTemplate(entry[lang], m.params, lang, (inner) => renderMessage(inner, lang));
}

/**
 * A schema's own message (zod `.min(1, schemaMessage('auth.usernameRequired'))`): the key itself,
 * checked here, which the HTTP error handler renders in the request's language, filling parameters
 * from the zod issue (`{minimum}`, `{maximum}`).
 */
export function schemaMessage<K extends MessageKey>(key: K): K {
  return key;
}
