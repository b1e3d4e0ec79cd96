/** How the engine's reasons name what a person did; every other name is in src/lib/vocab. */
import type { Words } from '../vocab/names';
import type { InteractionAction } from './types';

export const ACTION_NAMES: Record<InteractionAction, Words> = {
  viewed: { 'zh-CN': '浏览过', en: 'viewed' },
  clicked: { 'zh-CN': '点开过', en: 'opened' },
  liked: { 'zh-CN': '点赞过', en: 'liked' },
  saved: { 'zh-CN': '收藏', en: 'saved' },
  applied: { 'zh-CN': '申请过', en: 'applied for' },
  purchased: { 'zh-CN': '购买过', en: 'bought' }
};
