/**
 * Messages of the portfolio, comparison and saved pages, added to svelte-i18n when one of those pages loads:
 * they travel with the pages' own code, so the first screen's JavaScript does not carry them.
 */
import { addMessages } from 'svelte-i18n';
import en from './en.json';
import zhCN from './zh-CN.json';

addMessages('en', en);
addMessages('zh-CN', zhCN);
