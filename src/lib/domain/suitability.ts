import type { Product } from './product';
import type { Profile } from './profile';

/** With no (valid) assessment nothing above R2 is shown. */
export const UNASSESSED_MAX_RISK = 2;

export type GateVerdict =
  | { ok: true }
  | { ok: false; code: 'risk_above_level'; productRisk: number; personLevel: number; assessed: boolean }
  | { ok: false; code: 'below_min_age' | 'above_max_age' | 'age_unknown'; limit: number }
  | { ok: false; code: 'below_min_income' | 'income_unknown'; limit: number };

export function effectiveRiskLevel(profile: Profile): number {
  return profile.riskLevel ?? UNASSESSED_MAX_RISK;
}

/** Risk suitability: the product's R level never exceeds the person's C level. */
export function checkSuitability(product: Product, profile: Profile): GateVerdict {
  const level = effectiveRiskLevel(profile);
  if (product.riskLevel > level) {
    return { ok: false, code: 'risk_above_level', productRisk: product.riskLevel, personLevel: level, assessed: profile.riskLevel !== null };
  }
  return { ok: true };
}

/**
 * Eligibility rules. A rule the person's data cannot confirm (age or income unknown)
 * counts as not met: we never show a product we cannot say the person may take.
 */
export function checkEligibility(product: Product, profile: Profile): GateVerdict {
  const { minAge, maxAge, minIncome } = product.eligibility;
  if (minAge !== undefined || maxAge !== undefined) {
    if (profile.age === undefined) return { ok: false, code: 'age_unknown', limit: minAge ?? maxAge ?? 0 };
    if (minAge !== undefined && profile.age < minAge) return { ok: false, code: 'below_min_age', limit: minAge };
    if (maxAge !== undefined && profile.age > maxAge) return { ok: false, code: 'above_max_age', limit: maxAge };
  }
  if (minIncome !== undefined && minIncome > 0) {
    if (profile.annualIncome === undefined) return { ok: false, code: 'income_unknown', limit: minIncome };
    if (profile.annualIncome < minIncome) return { ok: false, code: 'below_min_income', limit: minIncome };
  }
  return { ok: true };
}

/** The hard gate: both suitability and eligibility must hold. */
export function gate(product: Product, profile: Profile): GateVerdict {
  const s = checkSuitability(product, profile);
  return s.ok ? checkEligibility(product, profile) : s;
}

export function passesGate(product: Product, profile: Profile): boolean {
  return gate(product, profile).ok;
}
