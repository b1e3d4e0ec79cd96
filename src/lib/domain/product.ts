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

/** A product as a bank writes it (DESIGN.md contract); extra fields are kept. */
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
  tags: z.array(z.string().min(1)).max(64)
});
export type Product = z.infer<typeof ProductSchema>;

export function issuerLabel(p: Product, locale: Locale): string {
  return p.issuerName?.[locale] ?? p.issuer;
}
