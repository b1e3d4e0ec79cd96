/**
 * The page's language, as state: the browser's language until the device store is open, then the
 * person's saved choice; a switch is saved on the device (never uploaded). The messages library and
 * the document's `lang` attribute are reached only through the `Messages` given to the constructor
 * (i18n/index.ts), so this manager runs in Node against a fake store.
 */
import { z } from 'zod';
import type { Locale } from '../domain';
import { initialLocale } from '../i18n/locale';
import { getSetting, setSetting, type CandorDB } from './db';

const LocaleSetting = z.enum(['zh-CN', 'en']).nullable();

/** What shows messages in a language: started once, then told of every change. */
export interface Messages {
  start(initial: Locale): void;
  show(next: Locale): void;
}

export class LocaleState {
  readonly #messages: Messages;
  #db: CandorDB | null = null;
  /** messages can be formatted (the locale is known) */
  ready = $state(false);
  locale = $state<Locale>('zh-CN');

  constructor(messages: Messages) {
    this.#messages = messages;
  }

  /** Messages in the browser's language, before the store is open, so that even a failure to open it can be explained. */
  begin(browserLanguage: string | undefined): void {
    this.locale = initialLocale(null, browserLanguage);
    this.#messages.start(this.locale);
    this.#messages.show(this.locale);
    this.ready = true;
  }

  /** Restore the language saved on this device (a stored value that is not a language is ignored). */
  async start(db: CandorDB): Promise<void> {
    this.#db = db;
    const saved = await getSetting(db, 'locale', LocaleSetting, null);
    if (saved && saved !== this.locale) this.#display(saved);
  }

  /** The person's choice: shown, and saved once the store is open. */
  async switch(next: Locale): Promise<void> {
    this.#display(next);
    if (this.#db) await setSetting(this.#db, 'locale', next);
  }

  /** Shown but not saved: a host page's choice for an embedded frame is not the person's language for Candor itself. */
  showOnly(next: Locale): void {
    this.#display(next);
  }

  #display(next: Locale): void {
    this.locale = next;
    this.#messages.show(next);
  }
}
