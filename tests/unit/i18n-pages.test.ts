import { describe, expect, it } from 'vitest';
import en from '../../src/lib/i18n/pages/en.json';
import zhCN from '../../src/lib/i18n/pages/zh-CN.json';
import mainEn from '../../src/lib/i18n/en.json';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v !== null && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}
const get = (obj: object, path: string): string => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]!).sort();

describe('messages of the portfolio, comparison and saved pages (loaded with those pages)', () => {
  it('zh-CN and en have the same keys and placeholders', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
    for (const key of keys(en)) expect(placeholders(get(zhCN, key)), key).toEqual(placeholders(get(en, key)));
  });
  it('take no section of the first screen’s messages', () => {
    for (const section of Object.keys(en)) expect(Object.keys(mainEn)).not.toContain(section);
  });
});
