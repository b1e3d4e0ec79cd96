import { addMessages, init, locale } from 'svelte-i18n';
import type { Locale } from '../domain/product';
import en from './en.json';
import zhCN from './zh-CN.json';

export { initialLocale, isLocale } from './locale';
export { _ } from 'svelte-i18n';

addMessages('en', en);
addMessages('zh-CN', zhCN);

export function startI18n(initial: Locale): void {
  init({ fallbackLocale: 'zh-CN', initialLocale: initial });
}

export function setLocale(next: Locale): void {
  locale.set(next);
  document.documentElement.lang = next;
}
