/**
 * The one set of risk names: R1–R5 for products, C1–C5 for people, in both languages.
 *
 * Badge, product page, catalogue filter, questionnaire result and the engine's reasons all read
 * these, so a person never sees "R2 Low risk" on a badge and "Medium-low risk (R2)" in a reason.
 * The words are the regulator-style ones Chinese banks and fund distributors print (the AMAC
 * suitability guidelines' 保守型/谨慎型/稳健型/积极型/激进型 for investors and 低/中低/中/中高/高风险
 * for products), with the English a bank's English site uses for them.
 */
import type { Locale, LocalizedText, RiskLevel } from './product';

export const RISK_LEVELS: readonly RiskLevel[] = [1, 2, 3, 4, 5];

/** R1–R5: the product's risk rating, as a name that stands alone ("Medium-low risk"). */
export const PRODUCT_RISK_NAMES: Record<RiskLevel, LocalizedText> = {
  1: { 'zh-CN': '低风险', en: 'Low risk' },
  2: { 'zh-CN': '中低风险', en: 'Medium-low risk' },
  3: { 'zh-CN': '中风险', en: 'Medium risk' },
  4: { 'zh-CN': '中高风险', en: 'Medium-high risk' },
  5: { 'zh-CN': '高风险', en: 'High risk' }
};

/** C1–C5: the person's assessed risk tolerance. */
export const PERSON_LEVEL_NAMES: Record<RiskLevel, LocalizedText> = {
  1: { 'zh-CN': '保守型', en: 'Conservative' },
  2: { 'zh-CN': '谨慎型', en: 'Cautious' },
  3: { 'zh-CN': '稳健型', en: 'Balanced' },
  4: { 'zh-CN': '积极型', en: 'Growth' },
  5: { 'zh-CN': '激进型', en: 'Aggressive' }
};

function isLevel(n: number): n is RiskLevel {
  return Number.isInteger(n) && n >= 1 && n <= 5;
}

/** "R2 中低风险" / "R2 Medium-low risk"; an out-of-range level (from storage, say) is shown bare. */
export function productRiskLabel(level: number, locale: Locale): string {
  return isLevel(level) ? `R${level} ${PRODUCT_RISK_NAMES[level][locale]}` : `R${level}`;
}

/** "C3 稳健型" / "C3 Balanced". */
export function personLevelLabel(level: number, locale: Locale): string {
  return isLevel(level) ? `C${level} ${PERSON_LEVEL_NAMES[level][locale]}` : `C${level}`;
}

/** The `risk.product.N` and `risk.person.N` messages, made from the names above rather than typed twice. */
export function riskMessages(locale: Locale): { risk: { product: Record<string, string>; person: Record<string, string> } } {
  const product: Record<string, string> = {};
  const person: Record<string, string> = {};
  for (const level of RISK_LEVELS) {
    product[String(level)] = productRiskLabel(level, locale);
    person[String(level)] = personLevelLabel(level, locale);
  }
  return { risk: { product, person } };
}
