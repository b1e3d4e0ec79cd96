import { addMessages, init, locale } from 'svelte-i18n';
import type { Locale } from '../domain/product';
import { riskMessages } from '../domain/risk-names';
import en from './en.json';
import zhCN from './zh-CN.json';

export { initialLocale, isLocale } from './locale';
export { _ } from 'svelte-i18n';

// risk.product.N and risk.person.N come from the one list of risk names, not from the JSON files
addMessages('en', en, riskMessages('en'));
addMessages('zh-CN', zhCN, riskMessages('zh-CN'));

export function startI18n(initial: Locale): void {
  init({ fallbackLocale: 'zh-CN', initialLocale: initial });
}

export function setLocale(next: Locale): void {
  locale.set(next);
  document.documentElement.lang = next;
}
