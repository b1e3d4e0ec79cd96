import { FEE_WISHES, HARD_CONSTRAINTS, INTENT_SUBTYPES, IntentSchema, type Intent } from '../domain/intent';
import { LIQUIDITY, PRODUCT_KINDS } from '../domain/product';
import { GOALS } from '../domain/profile';
import { firstJsonObject, type ChatMessage, type CheckResult } from './chat';

/**
 * Intent extraction with a small instruction model. transformers.js has no grammar-constrained
 * decoding, so the constraint is the prompt (the exact schema and worked examples, greedy decoding)
 * plus strict validation of what comes back: anything that is not exactly an Intent is refused,
 * and the caller falls back to the built-in parser. The extension's fields (subtypes, fees, age,
 * hard, ...) are asked for but optional: a reply without them is still an Intent, and a missing
 * `hard` reads as kind, risk and liquidity hard (engine/intent-match.ts).
 */

const SCHEMA_TEXT = [
  '{"kinds": [zero or more of ' + PRODUCT_KINDS.map((k) => `"${k}"`).join(', ') + '],',
  ' "risk": "low" | "medium" | "high" | null,',
  ' "horizonMonths": integer months | null,',
  ' "liquidity": ' + LIQUIDITY.map((l) => `"${l}"`).join(' | ') + ' | null,  ("high" = must be able to withdraw at any time)',
  ' "amount": plain number (5万 = 50000, $10k = 10000) | null,',
  ' "currency": ISO code like "CNY" or "USD" | null,',
  ' "goals": [zero or more of ' + GOALS.map((g) => `"${g}"`).join(', ') + '],',
  ' "language": "zh" | "en",',
  ' "subtypes": [zero or more of ' + INTENT_SUBTYPES.map((x) => `"${x}"`).join(', ') + '],',
  ' "excludedKinds": [kinds the request refuses],',
  ' "fees": [zero or more of ' + FEE_WISHES.map((f) => `"${f}"`).join(', ') + '],',
  ' "age": the age the request states | null,',
  ' "targetReturn": yearly % asked for | null,',
  ' "hard": [which of ' + HARD_CONSTRAINTS.map((c) => `"${c}"`).join(', ') + ' the request says outright, not just implies],',
  ' "unrealistic": true when no product can do it (no risk yet a high return),',
  ' "understood": false when nothing in the request can be read,',
  ' "truncated": false}'
].join('\n');

/** the extension's fields for a request that says none of them */
const NONE: Pick<Intent, 'excludedKinds' | 'fees' | 'age' | 'targetReturn' | 'unrealistic' | 'understood' | 'truncated'> = {
  excludedKinds: [],
  fees: [],
  age: null,
  targetReturn: null,
  unrealistic: false,
  understood: true,
  truncated: false
};

const EXAMPLES: readonly [string, Intent][] = [
  [
    '我想要一年期的低风险理财',
    {
      kinds: ['wealth'],
      risk: 'low',
      horizonMonths: 12,
      liquidity: null,
      amount: null,
      currency: null,
      goals: [],
      language: 'zh',
      subtypes: [],
      ...NONE,
      hard: ['kinds', 'risk', 'horizonMonths']
    }
  ],
  [
    'a fund I can withdraw anytime, about $10k',
    {
      kinds: ['fund'],
      risk: null,
      horizonMonths: null,
      liquidity: 'high',
      amount: 10000,
      currency: 'USD',
      goals: [],
      language: 'en',
      subtypes: [],
      ...NONE,
      hard: ['kinds', 'liquidity', 'amount']
    }
  ],
  [
    '给35岁的自己买份重疾险',
    {
      kinds: ['insurance'],
      risk: null,
      horizonMonths: null,
      liquidity: null,
      amount: null,
      currency: null,
      goals: ['protection'],
      language: 'zh',
      subtypes: ['insurance/critical_illness'],
      ...NONE,
      age: 35,
      hard: ['kinds', 'subtypes', 'age']
    }
  ],
  [
    'travel credit card with no annual fee',
    {
      kinds: ['credit_card'],
      risk: null,
      horizonMonths: null,
      liquidity: null,
      amount: null,
      currency: null,
      goals: ['travel'],
      language: 'en',
      subtypes: ['credit_card/travel'],
      ...NONE,
      fees: ['no_annual_fee'],
      hard: ['kinds', 'subtypes', 'fees']
    }
  ]
];

export function intentMessages(text: string): ChatMessage[] {
  const system =
    "You turn a customer's request for a financial product into JSON. Reply with one JSON object and nothing else, exactly this shape:\n" +
    SCHEMA_TEXT +
    '\nUse null or [] for anything the request does not say. Never invent values.';
  const shots = EXAMPLES.flatMap(([q, a]): ChatMessage[] => [
    { role: 'user', content: q },
    { role: 'assistant', content: JSON.stringify(a) }
  ]);
  return [{ role: 'system', content: system }, ...shots, { role: 'user', content: text }];
}

/** The model's reply as an Intent, or why it is not one. */
export function intentFromOutput(output: string): CheckResult<Intent> {
  const json = firstJsonObject(output);
  if (json === null) return { ok: false, error: 'no JSON object in the model output' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    return { ok: false, error: `the model output is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = IntentSchema.strict().safeParse(value);
  if (!parsed.success)
    return { ok: false, error: `the model output is not an Intent: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  return { ok: true, value: parsed.data };
}
