import { LOCALES, type Locale } from '../domain/product';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The person's saved choice first, then the browser's language; Chinese is the default market. */
export function initialLocale(saved: unknown, navigatorLanguage: string | undefined): Locale {
  if (isLocale(saved)) return saved;
  return navigatorLanguage?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}
