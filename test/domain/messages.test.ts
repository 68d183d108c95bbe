import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/app-error';
import { CATALOG_PARTS, listCatalog, msg, pickLang, renderMessage } from '../../src/domain/messages/catalog';
import type { ParamsOf } from '../../src/domain/messages/define';
import { MAX_YEAR, MIN_YEAR } from '../../src/domain/dates';
import { MAX_AMOUNT_LABEL } from '../../src/domain/money';

const CJK = /[\u4e00-\u9fff]/;
const paramsOf = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the server message catalog', () => {
  const entries = listCatalog();

  it('has Chinese and English text for every key, with the same parameters', () => {
    expect(entries.length).toBeGreaterThan(100);
    for (const e of entries) {
      expect(e.zh.trim(), e.key).not.toBe('');
      expect(e.en.trim(), e.key).not.toBe('');
      expect(paramsOf(e.en), e.key).toEqual(paramsOf(e.zh));
      if (e.key === 'text.plain') continue; // the untranslated fallback carries its text as given
      // English is English: no Chinese left in it (beyond the parameters)
      expect(e.en, e.key).not.toMatch(CJK);
    }
  });

  it('keeps each part under its own key prefixes, so no part overrides another', () => {
    const owner = new Map<string, string>();
    for (const [part, messages] of Object.entries(CATALOG_PARTS)) {
      for (const key of Object.keys(messages)) {
        expect(owner.get(key), `${key} in ${part} and ${owner.get(key)}`).toBeUndefined();
        owner.set(key, part);
      }
    }
    expect(owner.size).toBe(entries.length);
  });

  it('reads parameter names at the type level as at run time', () => {
    const names: ParamsOf<'已 {days} 天（≥ {limit}）'>[] = ['days', 'limit'];
    expect(names).toEqual(paramsOf('已 {days} 天（≥ {limit}）'));
  });

  it('states the limits the domain enforces (the catalog writes them out)', () => {
    expect(renderMessage(msg('validation.dateInvalid'), 'zh')).toBe(`日期不存在或年份不在 ${MIN_YEAR}–${MAX_YEAR} 年之间`);
    expect(renderMessage(msg('validation.monthYear'), 'zh')).toBe(`月份的年份应在 ${MIN_YEAR}–${MAX_YEAR} 年之间`);
    expect(renderMessage(msg('validation.amountMax'), 'zh')).toBe(`金额超过上限 ${MAX_AMOUNT_LABEL}`);
  });

  it('renders nested messages and lists in the same language', () => {
    const m = msg('stage.moveMissing', { stage: msg('stage.signed'), missing: [msg('stageRule.signed.date'), msg('stageRule.signed.amount')] });
    expect(renderMessage(m, 'zh')).toBe('转入“签约”还缺：签约项目须填写签约日期；签约项目须填写签约额（大于 0）');
    expect(renderMessage(m, 'en')).toBe('Moving to “Signed” still needs: A signed project needs a signing date; A signed project needs a signed amount (greater than 0)');
  });

  it('keeps an AppError message Chinese (logs, CLI) and its catalog message for the HTTP answer', () => {
    const e = new AppError('NOT_FOUND', msg('project.notFound'), [{ field: 'id', message: msg('project.notFound') }]);
    expect(e.message).toBe('项目不存在或不在您的管辖范围内');
    expect(e.details).toEqual([{ field: 'id', message: '项目不存在或不在您的管辖范围内', text: msg('project.notFound') }]);
    expect(renderMessage(e.text, 'en')).toBe('The project does not exist or is outside your jurisdiction');
    // a plain string is carried as it is, in every language
    expect(renderMessage(new AppError('CONFLICT', '旧的消息').text, 'en')).toBe('旧的消息');
  });

  it('picks the language from Accept-Language, Chinese unless English is preferred', () => {
    expect(pickLang(undefined)).toBe('zh');
    expect(pickLang('')).toBe('zh');
    expect(pickLang('en')).toBe('en');
    expect(pickLang('en-US,en;q=0.9')).toBe('en');
    expect(pickLang('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(pickLang('fr-FR,en;q=0.5')).toBe('en');
    expect(pickLang('en;q=0.3,zh;q=0.7')).toBe('zh');
    expect(pickLang('de')).toBe('zh');
    expect(pickLang('en;q=0')).toBe('zh');
  });
});
