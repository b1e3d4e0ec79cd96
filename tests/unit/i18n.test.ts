import { describe, expect, it } from 'vitest';
import en from '../../src/lib/i18n/en.json';
import zhCN from '../../src/lib/i18n/zh-CN.json';
import { initialLocale } from '../../src/lib/i18n/locale';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v !== null && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]!).sort();
}

describe('messages', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
  });

  it('every message uses the same placeholders in both languages', () => {
    const get = (obj: object, path: string): string => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
    for (const key of keys(en)) expect(placeholders(get(zhCN, key)), key).toEqual(placeholders(get(en, key)));
  });
});

describe('initialLocale', () => {
  it('prefers the saved choice, then the browser language, then Chinese', () => {
    expect(initialLocale('en', 'zh-CN')).toBe('en');
    expect(initialLocale(null, 'en-GB')).toBe('en');
    expect(initialLocale('fr', 'de-DE')).toBe('zh-CN');
    expect(initialLocale(undefined, undefined)).toBe('zh-CN');
  });
});
