import { z } from 'zod';
import { LIQUIDITY, LOCALES, RiskLevel } from './product';

export const GOALS = ['growth', 'income', 'preservation', 'retirement', 'education', 'home', 'protection', 'travel', 'cashback'] as const;
export type Goal = (typeof GOALS)[number];

/** The largest loss of the money put in that the person accepts (the questionnaire's answer ids). */
export const LOSS_TOLERANCES = ['none', 'lt5', '5-15', '15-30', 'gt30'] as const;
export type LossTolerance = (typeof LOSS_TOLERANCES)[number];

/** The person's profile (docs/contracts.md). riskLevel null: not assessed (or assessment expired). */
export const ProfileSchema = z.object({
  riskLevel: RiskLevel.nullable(),
  age: z.number().int().min(0).max(120).optional(),
  annualIncome: z.number().min(0).optional(),
  horizonMonths: z.number().int().min(0).max(600).optional(),
  goals: z.array(z.enum(GOALS)).optional(),
  locale: z.enum(LOCALES).optional(),
  /** how much of the money must stay reachable at any time */
  liquidityNeed: z.enum(LIQUIDITY).optional(),
  /** a typical amount the person would put into one product */
  investAmount: z.number().min(0).optional(),
  /** capacity for loss: narrows the risk band the ranking prefers (engine/fit.ts) */
  lossTolerance: z.enum(LOSS_TOLERANCES).optional()
});
export type Profile = z.infer<typeof ProfileSchema>;

export const EMPTY_PROFILE: Profile = { riskLevel: null };
