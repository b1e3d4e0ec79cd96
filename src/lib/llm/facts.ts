import type { Locale, Product } from '../domain/product';
import { explain, type Recommendation } from '../engine';
import type { ExplainItem } from './protocol';

/**
 * The facts an explanation may use, taken from the product record and the engine's own reasons —
 * the model restates them, it does not look anything up.
 */
export function explainItems(items: readonly Recommendation[], productById: ReadonlyMap<string, Product>, locale: Locale, max = 3): ExplainItem[] {
  const out: ExplainItem[] = [];
  for (const item of items) {
    const p = productById.get(item.productId);
    if (!p) continue;
    const zh = locale === 'zh-CN';
    const facts = [
      zh ? `风险等级 R${p.riskLevel}` : `risk level R${p.riskLevel}`,
      ...(p.expectedReturn !== null ? [zh ? `预期年化收益 ${p.expectedReturn}%` : `expected return ${p.expectedReturn}% a year`] : []),
      ...(p.termMonths !== null ? [zh ? `期限 ${p.termMonths} 个月` : `term ${p.termMonths} months`] : []),
      ...item.reasons.map((r) => explain(r, locale))
    ].map((f) => f.slice(0, 200));
    out.push({ name: p.name[locale].slice(0, 200), facts: facts.slice(0, 12) });
    if (out.length === max) break;
  }
  return out;
}
