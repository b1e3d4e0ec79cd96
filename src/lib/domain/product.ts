import { z } from 'zod';

export const PRODUCT_KINDS = ['deposit', 'wealth', 'fund', 'bond', 'insurance', 'credit_card', 'loan'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const LIQUIDITY = ['high', 'medium', 'low'] as const;
export type Liquidity = (typeof LIQUIDITY)[number];

/** R1 (lowest) to R5 (highest) for products; C1 to C5 for people. */
export const RiskLevel = z.number().int().min(1, 'risk level must be 1-5').max(5, 'risk level must be 1-5');
export type RiskLevel = 1 | 2 | 3 | 4 | 5;

export const LocalizedText = z.object({
  'zh-CN': z.string().min(1, 'zh-CN text is required'),
  en: z.string().min(1, 'en text is required')
});
export type LocalizedText = z.infer<typeof LocalizedText>;

const nullableNonNegative = z.number().finite().min(0).nullable();

export const PREMIUM_PERIODS = ['year', 'month', 'single'] as const;
export type PremiumPeriod = (typeof PREMIUM_PERIODS)[number];

const positiveAmount = z.number().finite().min(0);

/**
 * Optional fields that let each kind be shown in its own words (an insurance premium is not a
 * "minimum amount", a card is compared by its fee before its APR). All optional, so a catalogue
 * written before them stays valid; all in the product's currency.
 */
const KIND_FIELDS = {
  /** insurance: what the policyholder pays, per year, per month or once */
  premium: z.object({ amount: positiveAmount, period: z.enum(PREMIUM_PERIODS) }).optional(),
  /** insurance: the sum insured (the most the policy pays out) */
  coverage: positiveAmount.optional(),
  /** insurance: days after the start before a claim is covered (0: from the first day) */
  waitingPeriodDays: z.number().int().min(0).max(3650).optional(),
  /** insurance: for how many years premiums are paid */
  premiumYears: z.number().int().min(1).max(100).optional(),
  /** credit cards: how the annual fee is waived, in words ("waived after 6 purchases a year") */
  annualFeeWaiver: LocalizedText.optional(),
  /** credit cards: the benefits, most important first */
  benefits: z.array(LocalizedText).max(12).optional(),
  /** loans: the annual rates a borrower may be offered; `apr` is the rate quoted ("from") */
  aprRange: z
    .object({ min: z.number().finite().min(0).max(100), max: z.number().finite().min(0).max(100) })
    .refine((r) => r.min <= r.max, { message: 'aprRange.min must not exceed max' })
    .optional(),
  /** loans: the shortest and longest terms on offer, in months */
  termRange: z
    .object({ minMonths: z.number().int().min(1).max(600), maxMonths: z.number().int().min(1).max(600) })
    .refine((r) => r.minMonths <= r.maxMonths, { message: 'termRange.minMonths must not exceed maxMonths' })
    .optional(),
  /** loans: the most that can be borrowed (`minAmount` is the least) */
  maxAmount: positiveAmount.optional()
};

/** A product as a bank writes it (docs/contracts.md); extra fields are kept. */
export const ProductSchema = z.looseObject({
  id: z.string().min(1, 'id is required').max(128),
  kind: z.enum(PRODUCT_KINDS),
  subtype: z.string().min(1),
  issuer: z.string().min(1),
  /** optional: the issuer's name in both languages (the contract's `issuer` is one string) */
  issuerName: LocalizedText.optional(),
  name: LocalizedText,
  description: LocalizedText,
  riskLevel: RiskLevel,
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as CNY'),
  /** annual %, e.g. 2.1 means 2.1 % a year */
  expectedReturn: z.number().finite().min(-100).max(100).nullable(),
  /** annual %, for credit and loans */
  apr: z.number().finite().min(0).max(100).nullable(),
  annualFee: nullableNonNegative,
  /** null: open-ended */
  termMonths: z.number().int().min(0).max(600).nullable(),
  minAmount: nullableNonNegative,
  liquidity: z.enum(LIQUIDITY),
  eligibility: z
    .object({
      minAge: z.number().int().min(0).max(120).optional(),
      maxAge: z.number().int().min(0).max(120).optional(),
      minIncome: z.number().min(0).optional()
    })
    .refine((e) => e.minAge === undefined || e.maxAge === undefined || e.minAge <= e.maxAge, {
      message: 'eligibility.minAge must not exceed maxAge'
    }),
  tags: z.array(z.string().min(1)).max(64),
  ...KIND_FIELDS
});
export type Product = z.infer<typeof ProductSchema>;

export function issuerLabel(p: Product, locale: Locale): string {
  return p.issuerName?.[locale] ?? p.issuer;
}
