import { z } from 'zod';
import { LIQUIDITY, PRODUCT_KINDS } from './product';
import { GOALS } from './profile';

/**
 * Product subtypes a request can name, as "kind/subtype" (a subtype name alone is ambiguous: the
 * demo catalogue has wealth/mixed and fund/mixed). The names are the demo catalogue's
 * (models/catalogue/generate.ts); engine/intent-match.ts also accepts some tags for them (an index
 * QDII fund is an index fund).
 */
export const INTENT_SUBTYPES = [
  'deposit/demand',
  'deposit/time',
  'deposit/large_cd',
  'wealth/cash_management',
  'wealth/fixed_income',
  'wealth/mixed',
  'fund/money_market',
  'fund/bond',
  'fund/mixed',
  'fund/equity',
  'fund/index',
  'fund/qdii',
  'fund/esg',
  'bond/treasury',
  'bond/local_government',
  'bond/corporate',
  'insurance/critical_illness',
  'insurance/medical',
  'insurance/accident',
  'insurance/term_life',
  'insurance/annuity',
  'insurance/education',
  'credit_card/travel',
  'credit_card/cashback',
  'credit_card/student',
  'credit_card/premium',
  'credit_card/co_branded',
  'loan/mortgage',
  'loan/car',
  'loan/personal',
  'loan/renovation',
  'loan/small_business'
] as const;
export type IntentSubtype = (typeof INTENT_SUBTYPES)[number];

/** no_annual_fee: a card's annual fee is 0; no_fx_fee: no foreign-transaction fee; low_fees: as little in fees as possible */
export const FEE_WISHES = ['no_annual_fee', 'no_fx_fee', 'low_fees'] as const;
export type FeeWish = (typeof FEE_WISHES)[number];

/** The parts of a request that can be said outright (`hard`) and then filter; everything else only ranks. */
export const HARD_CONSTRAINTS = ['kinds', 'excludedKinds', 'subtypes', 'risk', 'liquidity', 'horizonMonths', 'amount', 'currency', 'fees', 'age'] as const;
export type HardConstraint = (typeof HARD_CONSTRAINTS)[number];

/**
 * What a plain-language request asks for (docs/contracts.md, "Intent"). The first eight fields are
 * the contract's; every later one is optional, so an Intent written before them (or by a model
 * that leaves them out) is still valid and reads as "not said". The built-in parser always fills
 * them. Semantics: docs/architecture.md, "The Intent".
 */
export const IntentSchema = z.object({
  kinds: z.array(z.enum(PRODUCT_KINDS)),
  risk: z.enum(['low', 'medium', 'high']).nullable(),
  horizonMonths: z.number().int().min(0).nullable(),
  liquidity: z.enum(LIQUIDITY).nullable(),
  amount: z.number().min(0).nullable(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable(),
  goals: z.array(z.enum(GOALS)),
  language: z.enum(['zh', 'en']),
  /** subtypes named or implied; each one's kind is in `kinds` too */
  subtypes: z.array(z.enum(INTENT_SUBTYPES)).optional(),
  /** kinds the request refuses ("不要保险", "no funds") */
  excludedKinds: z.array(z.enum(PRODUCT_KINDS)).optional(),
  fees: z.array(z.enum(FEE_WISHES)).optional(),
  /** an age the request states ("给35岁的自己", "I'm 35"): for the eligibility rules of the product asked about */
  age: z.number().int().min(0).max(120).nullable().optional(),
  /** a yearly return the request asks for, in % (年化5%, "double my money in a year" = 100) */
  targetReturn: z.number().finite().min(0).nullable().optional(),
  /** the constraints above that were said outright; the others present were implied */
  hard: z.array(z.enum(HARD_CONSTRAINTS)).optional(),
  /** no product can do what was asked ("no risk but double my money in a year") */
  unrealistic: z.boolean().optional(),
  /** false: nothing in the text could be read (gibberish, emoji only, empty) */
  understood: z.boolean().optional(),
  /** the text was longer than the parser reads and was cut */
  truncated: z.boolean().optional()
});
export type Intent = z.infer<typeof IntentSchema>;

/** The kind of a "kind/subtype" name. */
export function subtypeKind(s: IntentSubtype): (typeof PRODUCT_KINDS)[number] {
  return s.slice(0, s.indexOf('/')) as (typeof PRODUCT_KINDS)[number];
}
