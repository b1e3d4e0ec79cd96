import { z } from 'zod';
import { LIQUIDITY, PRODUCT_KINDS } from './product';
import { GOALS } from './profile';

/** What a plain-language request asks for (DESIGN.md contract). */
export const IntentSchema = z.object({
  kinds: z.array(z.enum(PRODUCT_KINDS)),
  risk: z.enum(['low', 'medium', 'high']).nullable(),
  horizonMonths: z.number().int().min(0).nullable(),
  liquidity: z.enum(LIQUIDITY).nullable(),
  amount: z.number().min(0).nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/).nullable(),
  goals: z.array(z.enum(GOALS)),
  language: z.enum(['zh', 'en'])
});
export type Intent = z.infer<typeof IntentSchema>;
